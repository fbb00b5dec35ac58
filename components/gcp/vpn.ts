// GCP side of cloudfit's VPNs: an HA VPN gateway per VPC network (two interfaces), BGP on the
// network's Cloud Router, and per peer an external VPN gateway (the peer's outside addresses),
// one tunnel per peer tunnel with its router interface and BGP peer.

import * as pulumi from "@pulumi/pulumi";
import { ExternalVpnGateway, HaVpnGateway, RouterInterface, RouterPeer, VPNTunnel } from "@pulumi/gcp/compute";
import type { Tunnel } from "../../optimizer/network/topology";
import type { Network } from "../network";
import { gcpName } from "../tags";
import { GCP_IKE_VERSION } from "../vpn-policy";

/** The HA VPN gateway's id and the public address of each of its two interfaces. */
export interface GcpVpnGateway {
  readonly id: pulumi.Output<string>;
  readonly interfaceAddresses: pulumi.Output<string>[];
}

/** Creates the HA VPN gateway of a GCP network. */
export function gcpVpnGateway(name: string, network: Network, opts: pulumi.CustomResourceOptions): GcpVpnGateway {
  const gw = new HaVpnGateway(
    gcpName(`${name}-havpn`),
    { region: network.region, network: network.networkId, stackType: "IPV4_ONLY" },
    opts,
  );
  return {
    id: gw.id,
    interfaceAddresses: [0, 1].map((i) => gw.vpnInterfaces.apply((v) => v?.[i]?.ipAddress ?? "")),
  };
}

/** One peer tunnel as GCP sees it. */
export interface GcpPeerTunnel {
  readonly tunnel: Tunnel;
  /** Interface of the external VPN gateway the tunnel goes to. */
  readonly peerInterface: number;
  readonly gcpBgpAddress: string;
  readonly peerBgpAddress: string;
}

/** Creates the external VPN gateway, tunnels, router interfaces and BGP peers for one peer. */
export function gcpVpnConnections(
  name: string,
  network: Network,
  gateway: GcpVpnGateway,
  peerAsn: number,
  peerAddresses: readonly pulumi.Input<string>[],
  tunnels: readonly GcpPeerTunnel[],
  keys: readonly pulumi.Input<string>[],
  opts: pulumi.CustomResourceOptions,
): void {
  const region = network.region;
  const router = network.resources.routerName!;
  const external = new ExternalVpnGateway(
    gcpName(`${name}-peer`),
    {
      redundancyType: peerAddresses.length === 4 ? "FOUR_IPS_REDUNDANCY" : "TWO_IPS_REDUNDANCY",
      interfaces: peerAddresses.map((ipAddress, id) => ({ id, ipAddress })),
      description: `cloudfit peer of ${name}`,
    },
    opts,
  );
  for (const p of tunnels) {
    const k = p.tunnel.index;
    const tunnel = new VPNTunnel(
      gcpName(`${name}-tunnel-${k}`),
      {
        region,
        vpnGateway: gateway.id,
        vpnGatewayInterface: p.tunnel.group,
        peerExternalGateway: external.id,
        peerExternalGatewayInterface: p.peerInterface,
        sharedSecret: keys[k],
        router,
        ikeVersion: GCP_IKE_VERSION,
      },
      opts,
    );
    const iface = new RouterInterface(
      gcpName(`${name}-if-${k}`),
      { router, region, ipRange: `${p.gcpBgpAddress}/30`, vpnTunnel: tunnel.name },
      opts,
    );
    new RouterPeer(
      gcpName(`${name}-bgp-${k}`),
      {
        router,
        region,
        peerIpAddress: p.peerBgpAddress,
        peerAsn,
        interface: iface.name,
        advertisedRoutePriority: 100,
      },
      opts,
    );
  }
}
