// Peering: the private connection of two networks of the same cloud that a spec link crosses. AWS:
// inter-region VPC peering with routes both ways; Azure: global VNet peering both ways; GCP: VPC
// Network Peering both ways. Firewall rules stay with the services, which admit only their callers.

import * as pulumi from "@pulumi/pulumi";
import { awsPeering } from "./aws/peering";
import { azurePeering } from "./azure/peering";
import { badArg, OwnershipArgs, tagContext } from "./common";
import { gcpPeering } from "./gcp/peering";
import type { Network } from "./network";
import { SHARED_SERVICE, workloadTags } from "./tags";

/** Arguments of a Peering. */
export interface PeeringArgs extends OwnershipArgs {
  /** One network. */
  readonly a: Network;
  /** The other network, of the same cloud. */
  readonly b: Network;
}

/** The peering of two networks of one cloud. */
export class Peering extends pulumi.ComponentResource {
  constructor(name: string, args: PeeringArgs, opts?: pulumi.ComponentResourceOptions) {
    if (args.a.cloud !== args.b.cloud)
      badArg("b", `is in ${args.b.cloud}, not ${args.a.cloud}; networks of two clouds connect over a VPN. To fix: use VpnConnection.`);
    if (args.a.region === args.b.region) badArg("b", "is in the same region as a. To fix: peer networks of two regions.");
    const tags = workloadTags(tagContext(args), SHARED_SERVICE);
    super("cloudfit:network:Peering", name, {}, opts);
    if (args.a.cloud === "aws") awsPeering(name, args.a, args.b, tags, this);
    else if (args.a.cloud === "azure") azurePeering(name, args.a, args.b, this);
    else gcpPeering(name, args.a, args.b, this);
    this.registerOutputs({});
  }
}
