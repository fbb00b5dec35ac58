// Security groups must not open any port to the whole internet beyond the ports allowed for
// public traffic (HTTP and HTTPS unless configured, more by tag). Openings that include admin
// ports are left to aws-security-group-no-public-admin-ports, so each is reported once.

import {
  INGRESS_RULE,
  SECURITY_GROUP,
  SECURITY_GROUP_RULE,
  awsIngressRules,
  awsWorldOpening,
} from "../lib/awsIngress";
import { PUBLIC_PORTS_SCHEMA, PublicPortsConfig, readPublicPorts, reportPublicOpenings } from "../lib/publicPorts";
import { resourceRule } from "../lib/rule";

/** Ports beyond the allowed ones are open to the internet on no security group. */
export const restrictSecurityGroupPublicIngress = resourceRule<PublicPortsConfig>({
  name: "aws-security-group-no-public-ingress",
  description:
    "Security group ingress rules must not open ports other than the allowed public ports (80 and 443 unless configured) to 0.0.0.0/0 or ::/0.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS AWS 5.2", "CKV_AWS_260", "CKV_AWS_277"],
  configSchema: PUBLIC_PORTS_SCHEMA,
  types: [SECURITY_GROUP, SECURITY_GROUP_RULE, INGRESS_RULE],
  config: readPublicPorts,
  check: (ctx) => {
    const rules = awsIngressRules(ctx.type, ctx.props);
    if ("undecided" in rules) return ctx.undecided(rules.undecided);
    reportPublicOpenings(ctx, rules, awsWorldOpening, (rule) => `${rule.fix}, or allow the ports for this resource with the policy's publicPortsByTag setting.`);
  },
});
