// Azure peering of two virtual networks (global VNet peering): one peering from each side, with
// forwarded traffic and gateway transit off, so only the two networks reach each other.

import type * as pulumi from "@pulumi/pulumi";
import { VirtualNetworkPeering } from "@pulumi/azure-native/network";
import type { Network } from "../network";

/** Creates the two peerings of two Azure networks. */
export function azurePeering(name: string, a: Network, b: Network, parent: pulumi.Resource): void {
  let previous: pulumi.Resource | undefined;
  for (const [side, peer] of [
    [a, b],
    [b, a],
  ] as const) {
    previous = new VirtualNetworkPeering(
      `${name}-${side.region}`,
      {
        resourceGroupName: side.resourceGroupName!,
        virtualNetworkName: side.resources.networkName!,
        remoteVirtualNetwork: { id: peer.networkId },
        allowVirtualNetworkAccess: true,
        allowForwardedTraffic: false,
        allowGatewayTransit: false,
        useRemoteGateways: false,
      },
      { parent, provider: side.provider, ...(previous ? { dependsOn: [previous] } : {}) },
    );
  }
}
