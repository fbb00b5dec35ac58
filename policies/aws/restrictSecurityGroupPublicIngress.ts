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
import { joinAnd } from "../lib/messages";
import { DEFAULT_ADMIN_PORTS, exposureOf } from "../lib/net";
import {
  PUBLIC_PORTS_SCHEMA,
  PublicPortsConfig,
  allowedPorts,
  describeRanges,
  disallowedRanges,
  readPublicPorts,
} from "../lib/publicPorts";
import { resourceRule } from "../lib/rule";
import { knownTags } from "../lib/tags";
import { UNKNOWN } from "../lib/unknown";

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
    let allowed: number[] | undefined;
    for (const rule of rules) {
      const opening = awsWorldOpening(rule);
      if (opening === undefined) continue;
      if ("undecided" in opening) {
        ctx.undecided(opening.undecided);
        continue;
      }
      if (exposureOf(opening.scope, opening.ranges, DEFAULT_ADMIN_PORTS)) continue;
      if (allowed === undefined) {
        const tags = knownTags(ctx.type, ctx.props, ctx.providerProps);
        if (tags === UNKNOWN) return ctx.undecided("tags");
        allowed = allowedPorts(ctx.config, tags);
      }
      const open = disallowedRanges(opening.scope, opening.ranges, allowed);
      if (open.length === 0) continue;
      ctx.report(
        `${ctx.label} should not open ${describeRanges(open)} to the internet: ${rule.where} ` +
          `admits that traffic from ${joinAnd(opening.world)}; ${rule.fix}, or allow the ports for ` +
          `this resource with the policy's publicPortsByTag setting.`,
      );
    }
  },
});
