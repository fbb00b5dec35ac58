// AWS internal balancer of one service in one region: an internal Network Load Balancer with a
// fixed private address in each balancer subnet, a TCP listener and target group per port
// (health-checked on that port), with the service's Auto Scaling groups attached. Client IPs are
// preserved, so the service's security group still decides who gets in.

import type * as pulumi from "@pulumi/pulumi";
import { Attachment } from "@pulumi/aws/autoscaling";
import { Listener, LoadBalancer, TargetGroup } from "@pulumi/aws/lb";
import type { Endpoint } from "../../optimizer/network/topology";
import type { Network } from "../network";
import { awsTags } from "../tags";

/** Creates the internal Network Load Balancer of one service in one region. */
export function awsEndpoint(
  name: string,
  network: Network,
  endpoint: Endpoint,
  targets: readonly pulumi.Input<string>[],
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): void {
  const t = awsTags(tags);
  const nlb = new LoadBalancer(
    `${name}-nlb`,
    {
      loadBalancerType: "network",
      internal: true,
      enableCrossZoneLoadBalancing: true,
      subnetMappings: network.resources.balancerSubnetIds.map((subnetId, i) => ({
        subnetId,
        privateIpv4Address: endpoint.addresses[i],
      })),
      tags: t,
    },
    opts,
  );
  for (const port of endpoint.ports) {
    const tg = new TargetGroup(
      `${name}-tg-${port}`,
      {
        vpcId: network.networkId,
        targetType: "instance",
        port,
        protocol: "TCP",
        deregistrationDelay: 30,
        healthCheck: {
          enabled: true,
          protocol: "TCP",
          port: "traffic-port",
          interval: 10,
          healthyThreshold: 3,
          unhealthyThreshold: 3,
        },
        tags: t,
      },
      opts,
    );
    new Listener(
      `${name}-listener-${port}`,
      {
        loadBalancerArn: nlb.arn,
        port,
        protocol: "TCP",
        defaultActions: [{ type: "forward", targetGroupArn: tg.arn }],
        tags: t,
      },
      opts,
    );
    targets.forEach(
      (asg, j) =>
        new Attachment(`${name}-tg-${port}-${j}`, { autoscalingGroupName: asg, lbTargetGroupArn: tg.arn }, opts),
    );
  }
}
