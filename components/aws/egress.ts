// AWS egress of one region: NAT gateways (each with an Elastic IP) in the public subnets and the
// default route of each private route table through them, one per region or one per zone.

import type * as pulumi from "@pulumi/pulumi";
import { Eip, NatGateway, Route } from "@pulumi/aws/ec2";
import { awsTags } from "../tags";

/** Creates the NAT gateways and default routes; returns the NAT gateway ids. */
export function awsEgress(
  name: string,
  zonal: boolean,
  publicSubnetIds: readonly pulumi.Input<string>[],
  routeTableIds: readonly pulumi.Input<string>[],
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<string>[] {
  const t = awsTags(tags);
  const count = zonal ? publicSubnetIds.length : 1;
  const nats = Array.from({ length: count }, (_, i) => {
    const eip = new Eip(`${name}-eip-${i}`, { domain: "vpc", tags: { ...t, Name: `${name}-eip-${i}` } }, opts);
    return new NatGateway(
      `${name}-nat-${i}`,
      {
        allocationId: eip.id,
        subnetId: publicSubnetIds[i],
        connectivityType: "public",
        tags: { ...t, Name: `${name}-nat-${i}` },
      },
      opts,
    );
  });
  routeTableIds.forEach(
    (rt, i) =>
      new Route(
        `${name}-default-${i}`,
        { routeTableId: rt, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nats[zonal ? i : 0].id },
        opts,
      ),
  );
  return nats.map((n) => n.id);
}
