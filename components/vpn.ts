// VPN: site-to-site IPsec (IKEv2, BGP) between networks of two clouds that a spec link crosses.
// VpnGateway is the gateway of one network (AWS virtual private gateway, Azure active-active VPN
// gateway, GCP HA VPN gateway on the network's Cloud Router); VpnConnection joins two gateways
// with redundant tunnels (four for AWS-Azure and AWS-GCP, two for Azure-GCP), each with its own
// pre-shared key, generated and kept as a Pulumi secret.

import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random";
import type { Connection } from "../optimizer/network/topology";
import { awsVpnConnections, awsVpnGateway } from "./aws/vpn";
import { AzureVpnGateway, azureVpnConnections, azureVpnGateway } from "./azure/vpn";
import { badArg, OwnershipArgs, tagContext } from "./common";
import { GcpVpnGateway, gcpVpnConnections, gcpVpnGateway } from "./gcp/vpn";
import type { Network } from "./network";
import { regionKey } from "./providers";
import { SHARED_SERVICE, workloadTags } from "./tags";

/** Arguments of a VpnGateway. */
export interface VpnGatewayArgs extends OwnershipArgs {
  /** The network; on Azure built with vpn on (GatewaySubnet), on GCP with a Cloud Router. */
  readonly network: Network;
  /** Azure: the BGP (APIPA) addresses each of the two instances terminates; default none. */
  readonly bgpAddresses?: readonly (readonly string[])[];
}

/** The VPN gateway of one network. */
export class VpnGateway extends pulumi.ComponentResource {
  public readonly network: Network;
  /** AWS: the virtual private gateway id. */
  public readonly awsGatewayId?: pulumi.Output<string>;
  /** Azure: the VPN gateway. */
  public readonly azure?: AzureVpnGateway;
  /** GCP: the HA VPN gateway. */
  public readonly gcp?: GcpVpnGateway;

  constructor(name: string, args: VpnGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    const n = args.network;
    if (n.cloud === "azure" && !n.resources.gatewaySubnetId)
      badArg("network", `${regionKey(n.cloud, n.region)} has no GatewaySubnet. To fix: create the Network with vpn: true.`);
    if (n.cloud === "gcp" && !n.resources.routerName)
      badArg("network", `${regionKey(n.cloud, n.region)} has no Cloud Router. To fix: create the Network with vpn: true.`);
    const tags = workloadTags(tagContext(args), SHARED_SERVICE);
    super("cloudfit:network:VpnGateway", name, {}, opts);
    const o = { parent: this, provider: n.provider };
    this.network = n;
    if (n.cloud === "aws") this.awsGatewayId = awsVpnGateway(name, n, tags, o);
    else if (n.cloud === "azure") this.azure = azureVpnGateway(name, n, args.bgpAddresses ?? [[], []], tags, o);
    else this.gcp = gcpVpnGateway(name, n, o);
    this.registerOutputs({});
  }
}

/** Arguments of a VpnConnection. */
export interface VpnConnectionArgs extends OwnershipArgs {
  /** The connection from the network topology (its two ends and tunnels). */
  readonly connection: Connection;
  /** The gateways of its two ends. */
  readonly gateways: readonly [VpnGateway, VpnGateway];
}

/** Redundant IPsec tunnels with BGP between the gateways of two networks of different clouds. */
export class VpnConnection extends pulumi.ComponentResource {
  constructor(name: string, args: VpnConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
    const c = args.connection;
    const [g1, g2] = args.gateways;
    const keyOf = (g: VpnGateway) => regionKey(g.network.cloud, g.network.region);
    if (c.kind !== "vpn") badArg("connection", `${c.key} is a peering. To fix: use Peering.`);
    if (new Set([keyOf(g1), keyOf(g2)]).size !== 2 || ![c.a, c.b].includes(keyOf(g1)) || ![c.a, c.b].includes(keyOf(g2)))
      badArg("gateways", `must be the gateways of ${c.a} and ${c.b}. To fix: pass one VpnGateway of each.`);
    const tags = workloadTags(tagContext(args), SHARED_SERVICE);
    super("cloudfit:network:VpnConnection", name, {}, opts);
    // Letters and digits only, prefixed so no key starts with 0 (AWS's pre-shared key rules).
    const keys = c.tunnels.map((t) =>
      pulumi.secret(
        pulumi.interpolate`cf${new RandomPassword(`${name}-psk-${t.index}`, { length: 48, special: false }, { parent: this }).result}`,
      ),
    );
    const on = (cloud: string) => [g1, g2].find((g) => g.network.cloud === cloud);
    const o = (g: VpnGateway) => ({ parent: this, provider: g.network.provider });
    const aws = on("aws");
    const azure = on("azure");
    const gcp = on("gcp");
    const T = c.tunnels;
    if (aws && gcp) {
      const awsAddresses = awsVpnConnections(name, aws.awsGatewayId!, gcp.network.asn, gcp.gcp!.interfaceAddresses, T, keys, tags, o(aws));
      gcpVpnConnections(
        name,
        gcp.network,
        gcp.gcp!,
        aws.network.asn,
        awsAddresses,
        T.map((t) => ({ tunnel: t, peerInterface: t.index, gcpBgpAddress: t.addresses[keyOf(gcp)], peerBgpAddress: t.addresses[keyOf(aws)] })),
        keys,
        o(gcp),
      );
    } else if (aws && azure) {
      const awsAddresses = awsVpnConnections(name, aws.awsGatewayId!, azure.network.asn, azure.azure!.publicIps, T, keys, tags, o(aws));
      azureVpnConnections(
        name,
        azure.network,
        azure.azure!,
        aws.network.asn,
        T.map((t) => ({
          tunnel: t,
          peerAddress: awsAddresses[t.index],
          azureAddresses: [t.addresses[keyOf(azure)], T[(t.index + 2) % 4].addresses[keyOf(azure)]] as const,
          peerBgpAddress: t.addresses[keyOf(aws)],
        })),
        keys,
        tags,
        o(azure),
      );
    } else if (azure && gcp) {
      gcpVpnConnections(
        name,
        gcp.network,
        gcp.gcp!,
        azure.network.asn,
        azure.azure!.publicIps,
        T.map((t) => ({ tunnel: t, peerInterface: t.index, gcpBgpAddress: t.addresses[keyOf(gcp)], peerBgpAddress: t.addresses[keyOf(azure)] })),
        keys,
        o(gcp),
      );
      azureVpnConnections(
        name,
        azure.network,
        azure.azure!,
        gcp.network.asn,
        T.map((t) => ({
          tunnel: t,
          peerAddress: gcp.gcp!.interfaceAddresses[t.index],
          azureAddresses: [t.addresses[keyOf(azure)], T[1 - t.index].addresses[keyOf(azure)]] as const,
          peerBgpAddress: t.addresses[keyOf(gcp)],
        })),
        keys,
        tags,
        o(azure),
      );
    }
    this.registerOutputs({});
  }
}
