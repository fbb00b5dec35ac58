// AWS side of cloudfit's VPNs: a virtual private gateway per VPC (its ASN from the address plan)
// propagating BGP routes into every private route table, and per peer two customer gateways (one
// per peer gateway interface or instance) with a VPN connection each, two tunnels per connection.

import type * as pulumi from "@pulumi/pulumi";
import { CustomerGateway, VpnConnection, VpnGateway, VpnGatewayRoutePropagation } from "@pulumi/aws/ec2";
import type { Tunnel } from "../../optimizer/network/topology";
import type { Network } from "../network";
import { awsTags } from "../tags";
import { awsTunnelOptions } from "../vpn-policy";

/** Creates the virtual private gateway of a VPC and its route propagation; returns its id. */
export function awsVpnGateway(
  name: string,
  network: Network,
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<string> {
  const t = awsTags(tags);
  const vgw = new VpnGateway(
    `${name}-vgw`,
    { vpcId: network.networkId, amazonSideAsn: String(network.asn), tags: { ...t, Name: `${name}-vgw` } },
    opts,
  );
  (network.resources.routeTableIds ?? []).forEach(
    (rt, i) =>
      new VpnGatewayRoutePropagation(`${name}-propagate-${i}`, { vpnGatewayId: vgw.id, routeTableId: rt }, opts),
  );
  return vgw.id;
}

/** The outside addresses of the four AWS tunnel endpoints, in tunnel order. */
export type AwsTunnelAddresses = pulumi.Output<string>[];

/**
 * Creates two customer gateways (the peer's two public addresses) and two VPN connections, tunnel
 * k on connection floor(k/2); returns the AWS outside address of each of the four tunnels.
 */
export function awsVpnConnections(
  name: string,
  vpnGatewayId: pulumi.Input<string>,
  peerAsn: number,
  peerAddresses: readonly pulumi.Input<string>[],
  tunnels: readonly Tunnel[],
  keys: readonly pulumi.Input<string>[],
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): AwsTunnelAddresses {
  const t = awsTags(tags);
  const out: pulumi.Output<string>[] = [];
  for (const g of [0, 1]) {
    const cgw = new CustomerGateway(
      `${name}-cgw-${g}`,
      { bgpAsn: String(peerAsn), ipAddress: peerAddresses[g], type: "ipsec.1", tags: { ...t, Name: `${name}-cgw-${g}` } },
      opts,
    );
    const [t1, t2] = [tunnels[2 * g], tunnels[2 * g + 1]];
    const conn = new VpnConnection(
      `${name}-vpn-${g}`,
      {
        vpnGatewayId,
        customerGatewayId: cgw.id,
        type: "ipsec.1",
        staticRoutesOnly: false,
        tunnel1InsideCidr: t1.range,
        tunnel2InsideCidr: t2.range,
        tunnel1PresharedKey: keys[t1.index],
        tunnel2PresharedKey: keys[t2.index],
        ...awsTunnelOptions(1),
        ...awsTunnelOptions(2),
        tags: { ...t, Name: `${name}-vpn-${g}` },
      },
      opts,
    );
    out.push(conn.tunnel1Address, conn.tunnel2Address);
  }
  return out;
}
