// Subnets should not give every instance launched in them a public IP address by default.

import type { SubnetArgs } from "@pulumi/aws/ec2/subnet";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** No subnet sets mapPublicIpOnLaunch to true. */
export const blockSubnetAutoPublicIp = resourceRule({
  name: "aws-ec2-subnet-no-auto-public-ip",
  description: "VPC subnets must not assign a public IP address to every instance launched in them.",
  enforcementLevel: "advisory",
  severity: "low",
  benchmarks: ["CKV_AWS_130"],
  types: ["aws:ec2/subnet:Subnet"],
  check: (ctx) => {
    const auto = asBool(field<SubnetArgs>(ctx.props, "mapPublicIpOnLaunch"));
    if (auto === UNKNOWN) ctx.undecided("mapPublicIpOnLaunch");
    else if (auto === true) {
      ctx.report(
        `${ctx.label} should not give every instance a public IP address: set ` +
          `mapPublicIpOnLaunch to false and request public addresses only where needed.`,
      );
    }
  },
});
