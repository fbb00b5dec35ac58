// AWS peering of two VPCs (inter-region VPC peering in one account): the connection requested from
// one region, accepted in the other, and a route to the peer's range in every private route table
// of both sides.

import type * as pulumi from "@pulumi/pulumi";
import { Route, VpcPeeringConnection, VpcPeeringConnectionAccepter } from "@pulumi/aws/ec2";
import type { Network } from "../network";
import { awsTags } from "../tags";

/** Creates the peering of two AWS networks and the routes over it. */
export function awsPeering(
  name: string,
  a: Network,
  b: Network,
  tags: Readonly<Record<string, string>>,
  parent: pulumi.Resource,
): void {
  const t = awsTags(tags);
  const pcx = new VpcPeeringConnection(
    `${name}-pcx`,
    { vpcId: a.networkId, peerVpcId: b.networkId, peerRegion: b.region, tags: { ...t, Name: name } },
    { parent, provider: a.provider },
  );
  const accepted = new VpcPeeringConnectionAccepter(
    `${name}-accept`,
    { vpcPeeringConnectionId: pcx.id, autoAccept: true, tags: { ...t, Name: name } },
    { parent, provider: b.provider },
  );
  for (const [side, peer] of [
    [a, b],
    [b, a],
  ] as const)
    (side.resources.routeTableIds ?? []).forEach(
      (rt, i) =>
        new Route(
          `${name}-route-${side.region}-${i}`,
          { routeTableId: rt, destinationCidrBlock: peer.cidr, vpcPeeringConnectionId: pcx.id },
          { parent, provider: side.provider, dependsOn: [accepted] },
        ),
    );
}
