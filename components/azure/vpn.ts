// Azure side of cloudfit's VPNs: a zone-redundant, active-active, route-based VPN gateway per
// virtual network (two public IPs, BGP with the network's ASN and custom APIPA addresses for its
// tunnels), and per peer tunnel a local network gateway and an IKEv2 connection with BGP.

import * as pulumi from "@pulumi/pulumi";
import {
  LocalNetworkGateway,
  VirtualNetworkGateway,
  VirtualNetworkGatewayConnection,
} from "@pulumi/azure-native/network";
import type { Tunnel } from "../../optimizer/network/topology";
import type { Network } from "../network";
import { azureTags } from "../tags";
import { AZURE_IPSEC_POLICY } from "../vpn-policy";
import { azurePublicIp, selfReferencing } from "./ids";

/** The Azure VPN gateway's id, public IPs and ip configuration ids (one per instance). */
export interface AzureVpnGateway {
  readonly id: pulumi.Output<string>;
  readonly publicIps: pulumi.Output<string>[];
  readonly ipConfigurationIds: pulumi.Output<string>[];
}

/**
 * Creates the VPN gateway of a virtual network. `bgpAddresses[i]` are the APIPA addresses of
 * instance i, one per tunnel it terminates (from the network topology).
 */
export function azureVpnGateway(
  name: string,
  network: Network,
  bgpAddresses: readonly (readonly string[])[],
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): AzureVpnGateway {
  const t = azureTags(tags);
  const rg = network.resourceGroupName!;
  const ips = [0, 1].map((i) => azurePublicIp(`${name}-ip-${i}`, network.region, rg, tags, opts, ["1", "2", "3"]));
  const { resourceName: gatewayName, sub } = selfReferencing(name, "virtualNetworkGateways", rg, opts);
  const ipConfigurationIds = [0, 1].map((i) => sub("ipConfigurations", `ip${i}`).id);
  const gateway = new VirtualNetworkGateway(
    `${name}-vng`,
    {
      resourceGroupName: rg,
      location: network.region,
      virtualNetworkGatewayName: gatewayName,
      gatewayType: "Vpn",
      vpnType: "RouteBased",
      vpnGatewayGeneration: "Generation2",
      sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" },
      activeActive: true,
      enableBgp: true,
      bgpSettings: {
        asn: network.asn,
        bgpPeeringAddresses: [0, 1].map((i) => ({
          ipconfigurationId: ipConfigurationIds[i],
          customBgpIpAddresses: [...(bgpAddresses[i] ?? [])],
        })),
      },
      ipConfigurations: [0, 1].map((i) => ({
        name: `ip${i}`,
        privateIPAllocationMethod: "Dynamic",
        subnet: { id: network.resources.gatewaySubnetId! },
        publicIPAddress: { id: ips[i].id },
      })),
      tags: t,
    },
    opts,
  );
  return {
    id: gateway.id,
    publicIps: ips.map((ip) => ip.ipAddress.apply((a) => a ?? "")),
    // Derived from the gateway, so connections wait for it.
    ipConfigurationIds: ipConfigurationIds.map((id) => pulumi.all([gateway.id, id]).apply(([, x]) => x)),
  };
}

/** One peer tunnel as Azure sees it: the peer's outside address, BGP address and the tunnel. */
export interface AzurePeerTunnel {
  readonly tunnel: Tunnel;
  readonly peerAddress: pulumi.Input<string>;
  /** Azure's own BGP address in the tunnel, and the other instance's address for the same peer. */
  readonly azureAddresses: readonly [string, string];
  readonly peerBgpAddress: string;
}

/** Creates a local network gateway and a connection per peer tunnel. */
export function azureVpnConnections(
  name: string,
  network: Network,
  gateway: AzureVpnGateway,
  peerAsn: number,
  tunnels: readonly AzurePeerTunnel[],
  keys: readonly pulumi.Input<string>[],
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): void {
  const t = azureTags(tags);
  const rg = network.resourceGroupName!;
  for (const p of tunnels) {
    const k = p.tunnel.index;
    const g = p.tunnel.group;
    const lng = new LocalNetworkGateway(
      `${name}-lng-${k}`,
      {
        resourceGroupName: rg,
        location: network.region,
        gatewayIpAddress: p.peerAddress,
        bgpSettings: { asn: peerAsn, bgpPeeringAddress: p.peerBgpAddress },
        tags: t,
      },
      opts,
    );
    new VirtualNetworkGatewayConnection(
      `${name}-conn-${k}`,
      {
        resourceGroupName: rg,
        location: network.region,
        connectionType: "IPsec",
        connectionProtocol: "IKEv2",
        virtualNetworkGateway1: { id: gateway.id },
        localNetworkGateway2: { id: lng.id },
        enableBgp: true,
        sharedKey: keys[k],
        usePolicyBasedTrafficSelectors: false,
        ipsecPolicies: [AZURE_IPSEC_POLICY],
        gatewayCustomBgpIpAddresses: [
          { ipConfigurationId: gateway.ipConfigurationIds[g], customBgpIpAddress: p.azureAddresses[0] },
          { ipConfigurationId: gateway.ipConfigurationIds[1 - g], customBgpIpAddress: p.azureAddresses[1] },
        ],
        tags: t,
      },
      opts,
    );
  }
}
