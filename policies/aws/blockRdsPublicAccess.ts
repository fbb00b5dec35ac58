// RDS database instances must not be reachable from the internet.

import type { ClusterInstanceArgs } from "@pulumi/aws/rds/clusterInstance";
import type { InstanceArgs } from "@pulumi/aws/rds/instance";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** No RDS instance or cluster instance sets `publiclyAccessible` to true (the default is false). */
export const blockRdsPublicAccess = resourceRule({
  name: "aws-rds-not-publicly-accessible",
  description: "RDS database instances and cluster instances must not be publicly accessible.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS AWS 2.3.3", "CKV_AWS_17"],
  types: ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance"],
  check: (ctx) => {
    const open = asBool(field<InstanceArgs & ClusterInstanceArgs>(ctx.props, "publiclyAccessible"));
    if (open === UNKNOWN) ctx.undecided("publiclyAccessible");
    else if (open === true) {
      ctx.report(
        `${ctx.label} should not be publicly accessible: set publiclyAccessible to false.`,
      );
    }
  },
});
