// AWS emitter of a service: per region a security group admitting only the listed sources on the
// service's ports (never the internet), and per replica group a launch template (encrypted EBS root volume, IMDSv2 required,
// no public IP) with an Auto Scaling group pinned at the placed count.

import type * as pulumi from "@pulumi/pulumi";
import { Group } from "@pulumi/aws/autoscaling";
import { LaunchTemplate, SecurityGroup } from "@pulumi/aws/ec2";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc";
import type { ReplicaGroup } from "../../optimizer/plan";
import { cidrSlug } from "../addressing";
import type { Network } from "../network";
import { awsTags, typeSlug } from "../tags";
import type { IngressRule } from "../service";

/** Creates the service's security group in one AWS region; returns its id. */
export function awsServiceFirewall(
  name: string,
  network: Network,
  ingress: readonly IngressRule[],
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<string> {
  const t = awsTags(tags);
  const region = network.region;
  const sg = new SecurityGroup(
    `${name}-sg-${region}`,
    {
      vpcId: network.networkId,
      description: `cloudfit ${name}: its declared ports only`,
      tags: { ...t, Name: `${name}-sg-${region}` },
    },
    opts,
  );
  const rule = (port: number, cidr: string, slug: string, description: string) =>
    new SecurityGroupIngressRule(
      `${name}-in-${region}-${port}-${slug}`,
      {
        securityGroupId: sg.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        cidrIpv4: cidr,
        description,
        tags: t,
      },
      opts,
    );
  for (const r of ingress)
    rule(r.port, r.cidr, cidrSlug(r.cidr), `Port ${r.port} from ${r.from ?? r.cidr}`);
  return sg.id;
}

/** Creates the launch template and Auto Scaling group of one AWS replica group. */
export function awsReplicaGroup(
  name: string,
  group: ReplicaGroup,
  image: string,
  diskGiB: number,
  network: Network,
  serviceSecurityGroupId: pulumi.Output<string>,
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): Group {
  const t = awsTags(tags);
  const role = `${group.region}-${typeSlug(group.instanceType)}`;
  const template = new LaunchTemplate(
    `${name}-lt-${role}`,
    {
      imageId: image,
      instanceType: group.instanceType,
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          // The provider types these EBS flags as strings ("true"/"false").
          ebs: {
            encrypted: "true",
            volumeSize: diskGiB,
            volumeType: "gp3",
            deleteOnTermination: "true",
          },
        },
      ],
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
      },
      networkInterfaces: [
        {
          deviceIndex: 0,
          associatePublicIpAddress: "false",
          deleteOnTermination: "true",
          securityGroups: [serviceSecurityGroupId, network.firewallId],
        },
      ],
      tagSpecifications: [
        { resourceType: "instance", tags: t },
        { resourceType: "volume", tags: t },
      ],
      updateDefaultVersion: true,
      tags: t,
    },
    opts,
  );
  const onDemand = group.count - group.spot;
  const spec = { launchTemplateId: template.id, version: "$Latest" };
  return new Group(
    `${name}-asg-${role}`,
    {
      minSize: group.count,
      maxSize: group.count,
      desiredCapacity: group.count,
      vpcZoneIdentifiers: network.subnetIds,
      ...(group.spot > 0
        ? {
            mixedInstancesPolicy: {
              // The first count - spot instances are on-demand; everything above that base is spot.
              instancesDistribution: {
                onDemandBaseCapacity: onDemand,
                onDemandPercentageAboveBaseCapacity: 0,
                spotAllocationStrategy: "price-capacity-optimized",
              },
              launchTemplate: { launchTemplateSpecification: spec },
            },
          }
        : { launchTemplate: { id: template.id, version: "$Latest" } }),
      tags: Object.entries(t).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
    },
    opts,
  );
}
