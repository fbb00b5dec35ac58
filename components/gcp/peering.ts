// GCP peering of two VPC networks: one peering from each side (GCP runs one peering operation per
// network at a time, so the second waits for the first), custom routes not exchanged.

import type * as pulumi from "@pulumi/pulumi";
import { NetworkPeering } from "@pulumi/gcp/compute";
import type { Network } from "../network";
import { gcpName } from "../tags";

/** Creates the two peerings of two GCP networks. */
export function gcpPeering(name: string, a: Network, b: Network, parent: pulumi.Resource): void {
  const first = new NetworkPeering(
    gcpName(`${name}-${a.region}`),
    { network: a.resources.networkSelfLink!, peerNetwork: b.resources.networkSelfLink!, exportCustomRoutes: false, importCustomRoutes: false },
    { parent, provider: a.provider },
  );
  new NetworkPeering(
    gcpName(`${name}-${b.region}`),
    { network: b.resources.networkSelfLink!, peerNetwork: a.resources.networkSelfLink!, exportCustomRoutes: false, importCustomRoutes: false },
    { parent, provider: b.provider, dependsOn: [first] },
  );
}
