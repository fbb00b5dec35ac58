// Network: the private network of one cloud-region, shared by every service placed there. Its
// address range comes from the address plan, so networks in different clouds never overlap. It
// carries NAT for its private subnets (an Egress child, on by default) and, on demand, the subnets
// the network layer needs: balancer subnets, public subnets, the VPN gateway's subnet.

import * as pulumi from "@pulumi/pulumi";
import { CLOUDS, Cloud } from "../optimizer/spec";
import type { NatMode } from "../optimizer/network/options";
import { isCidr, networkAsn, regionCidr, regionSlot, subnetLayout, SubnetLayout } from "./addressing";
import { awsNetwork } from "./aws/network";
import { azureNetwork } from "./azure/network";
import { badArg, catalog, OwnershipArgs, tagContext } from "./common";
import { Egress } from "./egress";
import { gcpNetwork } from "./gcp/network";
import { createRegionContext, RegionContext } from "./providers";
import { SHARED_SERVICE, workloadTags } from "./tags";

/** What a cloud's network emitter creates, by role. */
export interface NetworkResources {
  /** VPC id (AWS), virtual network id (Azure) or VPC network id (GCP). */
  readonly networkId: pulumi.Output<string>;
  /** Private subnet ids (two on AWS, one on Azure and GCP). */
  readonly subnetIds: pulumi.Output<string>[];
  /** Baseline security group (AWS), subnet NSG (Azure) or admin-port deny firewall (GCP). */
  readonly firewallId: pulumi.Output<string>;
  /** Subnets of internal balancers' fixed addresses (two on AWS, one elsewhere); empty when not asked for. */
  readonly balancerSubnetIds: pulumi.Output<string>[];
  /** AWS: public subnets; Azure: the Application Gateway subnet; empty when not asked for. */
  readonly publicSubnetIds: pulumi.Output<string>[];
  /** AWS: private route tables, one per zone. */
  readonly routeTableIds?: pulumi.Output<string>[];
  /** Azure: virtual network name; GCP: network name. */
  readonly networkName?: pulumi.Output<string>;
  /** GCP: network self link. */
  readonly networkSelfLink?: pulumi.Output<string>;
  /** Azure: GatewaySubnet id, when asked for. */
  readonly gatewaySubnetId?: pulumi.Output<string>;
  /** GCP: Cloud Router name, when NAT or a VPN needs one. */
  readonly routerName?: pulumi.Output<string>;
  /** GCP: the proxy-only subnetwork, which the public balancer's forwarding rules must wait for. */
  readonly proxySubnet?: pulumi.Resource;
}

/** The optional parts of a network, decided by what the region runs. */
export interface NetworkParts {
  readonly nat: NatMode;
  /** A public balancer runs here (AWS: public subnets; Azure: gateway subnet; GCP: proxy-only subnet). */
  readonly ingress: boolean;
  /** Internal balancers run here (balancer subnets). */
  readonly endpoints: boolean;
  /** A VPN gateway runs here (Azure: GatewaySubnet; GCP: Cloud Router). */
  readonly vpn: boolean;
  /** AWS: public subnets and an internet gateway (for NAT or a public balancer). */
  readonly publicSubnets: boolean;
}

/** Arguments of a Network. */
export interface NetworkArgs extends OwnershipArgs {
  /** Cloud of the network. */
  readonly cloud: Cloud;
  /** Region id, e.g. eu-central-1, westeurope, europe-west3. */
  readonly region: string;
  /** Private IPv4 range of the network; default the region's /16 in the address plan. */
  readonly cidr?: string;
  /** Provider for the region; default a new explicit provider created as a child. */
  readonly provider?: pulumi.ProviderResource;
  /** Azure resource group to create the network in; default a new one created as a child. */
  readonly resourceGroupName?: pulumi.Input<string>;
  /** NAT for the private subnets: regional, zonal (AWS: one NAT gateway per zone) or off; default regional. */
  readonly nat?: NatMode;
  /** Whether a public balancer will run here (adds its subnets); default false. */
  readonly ingress?: boolean;
  /** Whether internal balancers will run here (adds the balancer subnets); default false. */
  readonly endpoints?: boolean;
  /** Whether a VPN gateway will run here (adds its subnet or router); default false. */
  readonly vpn?: boolean;
}

/** The private network of one cloud-region. */
export class Network extends pulumi.ComponentResource {
  /** Cloud of the network. */
  public readonly cloud: Cloud;
  /** Region of the network. */
  public readonly region: string;
  /** Private IPv4 range of the network. */
  public readonly cidr: string;
  /** Provider every resource in this region uses. */
  public readonly provider: pulumi.ProviderResource;
  /** Azure only: the resource group of the region. */
  public readonly resourceGroupName?: pulumi.Output<string>;
  /** VPC, virtual network or VPC network id. */
  public readonly networkId: pulumi.Output<string>;
  /** Private subnet ids. */
  public readonly subnetIds: pulumi.Output<string[]>;
  /** Baseline security group, subnet NSG or admin-port firewall id. */
  public readonly firewallId: pulumi.Output<string>;
  /** Slot of the region in the address plan. */
  public readonly slot: number;
  /** Private BGP ASN of the network. */
  public readonly asn: number;
  /** The subnets of the network's range, by role. */
  public readonly layout: SubnetLayout;
  /** The parts this network was built with. */
  public readonly parts: NetworkParts;
  /** Everything the cloud's emitter created, by role. */
  public readonly resources: NetworkResources;
  /** NAT of the private subnets, when on. */
  public readonly egress?: Egress;
  /** Where the network is. */
  public readonly placement: pulumi.Output<{ cloud: Cloud; region: string }>;
  /** Estimated monthly cost in USD: 0, as VPCs, subnets and firewall rules carry no charge on any of the three clouds. */
  public readonly monthlyCostUSD: pulumi.Output<number>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    const cidr = validateNetworkArgs(args);
    const tags = workloadTags(tagContext(args), SHARED_SERVICE);
    super("cloudfit:network:Network", name, {}, opts);
    const ctx = regionContext(name, args, tags, this);
    const childOpts = { parent: this, provider: ctx.provider };
    const nat = args.nat ?? "regional";
    const ingress = args.ingress ?? false;
    const parts: NetworkParts = {
      nat,
      ingress,
      endpoints: args.endpoints ?? false,
      vpn: args.vpn ?? false,
      publicSubnets: args.cloud === "aws" ? nat !== "off" || ingress : ingress,
    };
    this.slot = regionSlot(args.cloud, args.region) ?? 0;
    this.asn = networkAsn(this.slot);
    this.layout = subnetLayout(cidr)!;
    const egress = (extra: Partial<ConstructorParameters<typeof Egress>[1]>) =>
      nat === "off"
        ? undefined
        : new Egress(
            `${name}-egress`,
            { cloud: args.cloud, region: args.region, mode: nat, provider: ctx.provider, tags, ...extra },
            { parent: this },
          );
    let made: NetworkResources;
    if (args.cloud === "aws") {
      made = awsNetwork(name, args.region, cidr, parts, tags, childOpts);
      this.egress = egress({ publicSubnetIds: made.publicSubnetIds, routeTableIds: made.routeTableIds });
    } else if (args.cloud === "azure") {
      // The NAT gateway comes first: the workload subnet refers to it.
      this.egress = egress({ resourceGroupName: ctx.resourceGroupName });
      made = azureNetwork(
        name,
        args.region,
        cidr,
        ctx.resourceGroupName!,
        parts,
        this.egress?.natIds[0],
        tags,
        childOpts,
      );
    } else {
      made = gcpNetwork(name, args.region, cidr, this.asn, parts, childOpts);
      this.egress = egress({ routerName: made.routerName });
    }
    this.parts = parts;
    this.resources = made;

    this.cloud = args.cloud;
    this.region = args.region;
    this.cidr = cidr;
    this.provider = ctx.provider;
    this.resourceGroupName = ctx.resourceGroupName;
    this.networkId = made.networkId;
    this.subnetIds = pulumi.all(made.subnetIds);
    this.firewallId = made.firewallId;
    this.placement = pulumi.output({ cloud: args.cloud, region: args.region });
    this.monthlyCostUSD = pulumi.output(0);
    this.registerOutputs({
      cidr,
      networkId: this.networkId,
      subnetIds: this.subnetIds,
      firewallId: this.firewallId,
      placement: this.placement,
      monthlyCostUSD: this.monthlyCostUSD,
    });
  }
}

/** Checks the args and returns the network's CIDR block. */
function validateNetworkArgs(args: NetworkArgs): string {
  if (!CLOUDS.includes(args.cloud)) {
    badArg(
      "cloud",
      `must be one of ${CLOUDS.join(", ")}, got ${JSON.stringify(args.cloud)}. To fix: write aws, azure or gcp.`,
    );
  }
  if (!catalog().region(args.cloud, args.region)) {
    const known = catalog()
      .regions.filter((r) => r.cloud === args.cloud)
      .map((r) => r.region);
    badArg(
      "region",
      `${args.region} is not a ${args.cloud} region cloudfit knows. To fix: use one of ${known.join(", ")}.`,
    );
  }
  const cidr = args.cidr ?? regionCidr(args.cloud, args.region);
  if (cidr === undefined || !isCidr(cidr)) {
    badArg(
      "cidr",
      `${cidr === undefined ? `${args.cloud}:${args.region} has no range in the address plan` : `${cidr} is not an IPv4 CIDR block`}. ` +
        "To fix: pass cidr, a private range such as 10.40.0.0/16 that no other network uses.",
    );
  }
  if (!subnetLayout(cidr)) {
    badArg(
      "cidr",
      `${cidr} is not a /16; the network's subnets, balancer addresses and gateway subnet are laid out in a /16. To fix: pass a /16 such as 10.40.0.0/16 that no other network uses.`,
    );
  }
  if (args.provider && args.cloud === "azure" && args.resourceGroupName === undefined) {
    badArg(
      "resourceGroupName",
      "an Azure network given a provider also needs its resource group. To fix: pass resourceGroupName, or leave out provider.",
    );
  }
  return cidr;
}

/** The given provider (and resource group), or new ones created as children of `parent`. */
function regionContext(
  name: string,
  args: NetworkArgs,
  tags: Record<string, string>,
  parent: pulumi.Resource,
): RegionContext {
  if (!args.provider) return createRegionContext(name, args.cloud, args.region, tags, parent);
  return {
    cloud: args.cloud,
    region: args.region,
    provider: args.provider,
    ...(args.resourceGroupName !== undefined
      ? { resourceGroupName: pulumi.output(args.resourceGroupName) }
      : {}),
  };
}
