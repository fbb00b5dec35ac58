// Egress: NAT for the private subnets of one cloud-region network, so instances without public
// IPs can reach the internet (images, packages, buckets in other clouds). AWS: NAT gateways per
// region or per zone; Azure: a NAT gateway; GCP: Cloud NAT. Created by Network as its child.

import * as pulumi from "@pulumi/pulumi";
import type { NatMode } from "../optimizer/network/options";
import type { Cloud } from "../optimizer/spec";
import { awsEgress } from "./aws/egress";
import { azureEgress } from "./azure/egress";
import { badArg } from "./common";
import { gcpEgress } from "./gcp/egress";

/** Arguments of an Egress. */
export interface EgressArgs {
  readonly cloud: Cloud;
  readonly region: string;
  /** regional (one NAT) or zonal (AWS: one NAT per zone; the same as regional elsewhere). */
  readonly mode: Exclude<NatMode, "off">;
  /** Provider of the region. */
  readonly provider: pulumi.ProviderResource;
  /** Tags of the NAT resources. */
  readonly tags: Readonly<Record<string, string>>;
  /** Azure: resource group of the region. */
  readonly resourceGroupName?: pulumi.Input<string>;
  /** AWS: public subnets, one per zone. */
  readonly publicSubnetIds?: readonly pulumi.Input<string>[];
  /** AWS: private route tables, one per zone. */
  readonly routeTableIds?: readonly pulumi.Input<string>[];
  /** GCP: name of the network's Cloud Router. */
  readonly routerName?: pulumi.Input<string>;
}

/** NAT for one network's private subnets. */
export class Egress extends pulumi.ComponentResource {
  /** NAT gateway ids (AWS: one per NAT gateway), or the Cloud NAT id. */
  public readonly natIds: pulumi.Output<string>[];

  constructor(name: string, args: EgressArgs, opts?: pulumi.ComponentResourceOptions) {
    if (args.cloud === "aws" && !(args.publicSubnetIds?.length && args.routeTableIds?.length))
      badArg("publicSubnetIds", "AWS NAT needs public subnets and private route tables. To fix: pass both.");
    if (args.cloud === "azure" && args.resourceGroupName === undefined)
      badArg("resourceGroupName", "Azure NAT needs the region's resource group. To fix: pass resourceGroupName.");
    if (args.cloud === "gcp" && args.routerName === undefined)
      badArg("routerName", "Cloud NAT needs the network's Cloud Router. To fix: pass routerName.");
    super("cloudfit:network:Egress", name, {}, opts);
    const o = { parent: this, provider: args.provider };
    if (args.cloud === "aws")
      this.natIds = awsEgress(name, args.mode === "zonal", args.publicSubnetIds!, args.routeTableIds!, args.tags, o);
    else if (args.cloud === "azure")
      this.natIds = [azureEgress(name, args.region, args.resourceGroupName!, args.tags, o)];
    else this.natIds = [gcpEgress(name, args.region, args.routerName!, o)];
    this.registerOutputs({ natIds: this.natIds });
  }
}
