// EC2 instances and launch templates should not ask for a public IP address: instances are
// reached through load balancers, NAT and Session Manager instead. Advisory, because public
// subnets with public IPs are a deliberate design for some edge hosts.

import type { InstanceArgs } from "@pulumi/aws/ec2/instance";
import type { LaunchTemplateArgs } from "@pulumi/aws/ec2/launchTemplate";
import type * as awsInput from "@pulumi/aws/types/input";
import { asBool, asList, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const INSTANCE = "aws:ec2/instance:Instance";

type Interface = awsInput.ec2.LaunchTemplateNetworkInterface;

/** No instance sets associatePublicIpAddress, and no template interface sets it to "true". */
export const blockInstancePublicIp = resourceRule({
  name: "aws-ec2-no-public-ip",
  description:
    "EC2 instances and launch templates must not request a public IP address.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CKV_AWS_88"],
  types: [INSTANCE, "aws:ec2/launchTemplate:LaunchTemplate"],
  check: (ctx) => {
    if (ctx.type === INSTANCE) {
      const publicIp = asBool(field<InstanceArgs>(ctx.props, "associatePublicIpAddress"));
      if (publicIp === UNKNOWN) return ctx.undecided("associatePublicIpAddress");
      if (publicIp === true) {
        ctx.report(
          `${ctx.label} should not have a public IP address: set associatePublicIpAddress to ` +
            `false and reach it through a load balancer or Session Manager.`,
        );
      }
      return;
    }
    const interfaces = asList(field<LaunchTemplateArgs>(ctx.props, "networkInterfaces"));
    if (interfaces === UNKNOWN) return ctx.undecided("networkInterfaces");
    interfaces.forEach((nic, i) => {
      const publicIp = asBool(field<Interface>(nic, "associatePublicIpAddress"));
      if (publicIp === UNKNOWN) ctx.undecided(`networkInterfaces[${i}].associatePublicIpAddress`);
      else if (publicIp === true) {
        ctx.report(
          `${ctx.label} should not give instances a public IP address: set ` +
            `networkInterfaces[${i}].associatePublicIpAddress to "false".`,
        );
      }
    });
  },
});
