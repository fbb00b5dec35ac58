// Security groups must not open administrative ports (SSH, RDP, or every port) to the whole
// internet, whichever way the ingress rule is written: inline on the group, as a
// SecurityGroupRule, or as a vpc.SecurityGroupIngressRule.

import {
  INGRESS_RULE,
  SECURITY_GROUP,
  SECURITY_GROUP_RULE,
  awsIngressRules,
  awsWorldOpening,
} from "../lib/awsIngress";
import { ADMIN_PORTS_SCHEMA, portListSetting } from "../lib/config";
import { joinAnd } from "../lib/messages";
import { DEFAULT_ADMIN_PORTS, describePorts, exposureOf } from "../lib/net";
import { resourceRule } from "../lib/rule";

interface Config {
  readonly adminPorts: readonly number[];
}

/** No security group ingress rule opens port 22, 3389 or every port to 0.0.0.0/0 or ::/0. */
export const restrictSecurityGroupAdminPorts = resourceRule<Config>({
  name: "aws-security-group-no-public-admin-ports",
  description:
    "Security group ingress rules must not open SSH, RDP or every port to 0.0.0.0/0 or ::/0.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS AWS 5.2", "CIS AWS 5.3", "CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277"],
  configSchema: { properties: { adminPorts: ADMIN_PORTS_SCHEMA } },
  types: [SECURITY_GROUP, SECURITY_GROUP_RULE, INGRESS_RULE],
  config: (raw) => ({ adminPorts: portListSetting(raw.adminPorts, DEFAULT_ADMIN_PORTS) }),
  check: (ctx) => {
    const rules = awsIngressRules(ctx.type, ctx.props);
    if ("undecided" in rules) return ctx.undecided(rules.undecided);
    for (const rule of rules) {
      const opening = awsWorldOpening(rule);
      if (opening === undefined) continue;
      if ("undecided" in opening) {
        ctx.undecided(opening.undecided);
        continue;
      }
      const exposure = exposureOf(opening.scope, opening.ranges, ctx.config.adminPorts);
      if (!exposure) continue;
      ctx.report(
        `${ctx.label} should not open admin ports to the internet: ${rule.where} allows ` +
          `${describePorts(exposure.ports, exposure.all)} from ${joinAnd(opening.world)}; ${rule.fix}.`,
      );
    }
  },
});
