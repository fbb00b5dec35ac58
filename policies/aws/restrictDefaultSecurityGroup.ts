// The default security group of a VPC must allow no traffic, so that resources launched without
// an explicit group are isolated. Managing it through DefaultSecurityGroup with no rules
// removes the default allow rules.

import type { DefaultSecurityGroupArgs } from "@pulumi/aws/ec2/defaultSecurityGroup";
import { joinAnd } from "../lib/messages";
import { asList, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** A DefaultSecurityGroup declares no ingress and no egress rules. */
export const restrictDefaultSecurityGroup = resourceRule({
  name: "aws-ec2-default-security-group-closed",
  description: "The default security group of every VPC must have no ingress and no egress rules.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS AWS 5.4", "CKV2_AWS_12"],
  types: ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
  check: (ctx) => {
    const open: string[] = [];
    for (const key of ["ingress", "egress"] as const) {
      const rules = asList(field<DefaultSecurityGroupArgs>(ctx.props, key));
      if (rules === UNKNOWN) ctx.undecided(key);
      else if (rules.length > 0) open.push(`${key} (${rules.length} rule${rules.length === 1 ? "" : "s"})`);
    }
    if (open.length === 0) return;
    ctx.report(
      `${ctx.label} should allow no traffic: remove its ${joinAnd(open)} and give resources ` +
        `their own security groups.`,
    );
  },
});
