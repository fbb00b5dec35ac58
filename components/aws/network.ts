// AWS network of one region: a VPC with two private subnets in two availability zones, a private
// route table per zone, a baseline security group that allows outbound traffic only, and on
// demand two balancer subnets (internal balancers' fixed addresses) and two public subnets with an
// internet gateway (for the public balancer and the NAT gateways only; instances never get public
// IPs).

import type * as pulumi from "@pulumi/pulumi";
import {
  InternetGateway,
  Route,
  RouteTable,
  RouteTableAssociation,
  SecurityGroup,
  Subnet,
  Vpc,
} from "@pulumi/aws/ec2";
import { SecurityGroupEgressRule } from "@pulumi/aws/vpc";
import { subnetLayout } from "../addressing";
import { awsTags } from "../tags";
import type { NetworkParts, NetworkResources } from "../network";

/**
 * Availability zone letters used for the two subnets. Most regions have a and b; in
 * ap-northeast-1 new accounts get a, c and d (EC2 User Guide, "Availability Zones").
 */
const ZONES: Readonly<Record<string, readonly [string, string]>> = {
  "ap-northeast-1": ["a", "c"],
};

/** The two zone names the subnets of a region use. */
export function awsZones(region: string): string[] {
  return (ZONES[region] ?? ["a", "b"]).map((z) => `${region}${z}`);
}

/** Creates the VPC, subnets, route tables and baseline security group of an AWS region. */
export function awsNetwork(
  name: string,
  region: string,
  cidr: string,
  parts: NetworkParts,
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): NetworkResources {
  const t = awsTags(tags);
  const layout = subnetLayout(cidr);
  const vpc = new Vpc(
    `${name}-vpc`,
    {
      cidrBlock: cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { ...t, Name: `${name}-vpc` },
    },
    opts,
  );
  const zones = awsZones(region);
  const subnet = (role: string, block: string, zone: string) =>
    new Subnet(
      `${name}-${role}-${zone}`,
      {
        vpcId: vpc.id,
        cidrBlock: block,
        availabilityZone: zone,
        mapPublicIpOnLaunch: false,
        tags: { ...t, Name: `${name}-${role}-${zone}` },
      },
      opts,
    );
  const privateBlocks = layout ? layout.private : [cidr, cidr];
  const subnets = zones.map((z, i) => subnet("private", privateBlocks[i], z));
  const routeTables = zones.map(
    (z) =>
      new RouteTable(
        `${name}-rt-${z}`,
        { vpcId: vpc.id, tags: { ...t, Name: `${name}-rt-${z}` } },
        opts,
      ),
  );
  const associate = (logical: string, s: Subnet, rt: RouteTable) =>
    new RouteTableAssociation(`${logical}-rta`, { subnetId: s.id, routeTableId: rt.id }, opts);
  subnets.forEach((s, i) => associate(`${name}-private-${zones[i]}`, s, routeTables[i]));
  const balancerSubnets =
    parts.endpoints && layout
      ? zones.map((z, i) => subnet("balancers", layout.balancers[i], z))
      : [];
  balancerSubnets.forEach((s, i) => associate(`${name}-balancers-${zones[i]}`, s, routeTables[i]));

  let publicSubnets: Subnet[] = [];
  if (parts.publicSubnets && layout) {
    publicSubnets = zones.map((z, i) => subnet("public", layout.public[i], z));
    const igw = new InternetGateway(
      `${name}-igw`,
      { vpcId: vpc.id, tags: { ...t, Name: `${name}-igw` } },
      opts,
    );
    const publicRt = new RouteTable(
      `${name}-rt-public`,
      { vpcId: vpc.id, tags: { ...t, Name: `${name}-rt-public` } },
      opts,
    );
    new Route(
      `${name}-rt-public-internet`,
      { routeTableId: publicRt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
      opts,
    );
    publicSubnets.forEach((s, i) => associate(`${name}-public-${zones[i]}`, s, publicRt));
  }

  const sg = new SecurityGroup(
    `${name}-sg`,
    {
      vpcId: vpc.id,
      description: "cloudfit baseline: outbound only; each service adds its own ingress",
      tags: { ...t, Name: `${name}-sg` },
    },
    opts,
  );
  new SecurityGroupEgressRule(
    `${name}-sg-egress`,
    {
      securityGroupId: sg.id,
      ipProtocol: "-1",
      cidrIpv4: "0.0.0.0/0",
      description: "Outbound traffic",
      tags: t,
    },
    opts,
  );
  return {
    networkId: vpc.id,
    subnetIds: subnets.map((s) => s.id),
    firewallId: sg.id,
    balancerSubnetIds: balancerSubnets.map((s) => s.id),
    publicSubnetIds: publicSubnets.map((s) => s.id),
    routeTableIds: routeTables.map((r) => r.id),
  };
}
