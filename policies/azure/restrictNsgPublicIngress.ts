// Azure network security groups must not open any port to the internet beyond the ports allowed
// for public traffic (HTTP and HTTPS unless configured, more by tag). Openings that include
// admin ports are left to azure-network-no-public-admin-ports, so each is reported once.

import { NSG, SECURITY_RULE, azureRules, azureWorldOpening } from "../lib/azureRules";
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

/** Ports beyond the allowed ones are open to the internet on no NSG. */
export const restrictNsgPublicIngress = resourceRule<PublicPortsConfig>({
  name: "azure-network-no-public-ingress",
  description:
    "Azure network security rules must not allow inbound traffic from *, Internet or 0.0.0.0/0 to ports other than the allowed public ports (80 and 443 unless configured).",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS Azure 6.3", "CIS Azure 6.4", "CKV_AZURE_77", "CKV_AZURE_160"],
  configSchema: PUBLIC_PORTS_SCHEMA,
  types: [NSG, SECURITY_RULE],
  config: readPublicPorts,
  check: (ctx) => {
    const rules = azureRules(ctx.type, ctx.props);
    if (rules === UNKNOWN) return ctx.undecided("securityRules");
    let allowed: number[] | undefined;
    for (const r of rules) {
      const opening = azureWorldOpening(r);
      if (opening === undefined) continue;
      if ("undecided" in opening) {
        ctx.undecided(opening.undecided);
        continue;
      }
      if (exposureOf(opening.scope, opening.ranges, DEFAULT_ADMIN_PORTS)) continue;
      if (allowed === undefined) {
        // Separate SecurityRule resources carry no tags; only the common ports apply to them.
        const tags = knownTags(ctx.type, ctx.props, ctx.providerProps);
        if (tags === UNKNOWN) return ctx.undecided("tags");
        allowed = allowedPorts(ctx.config, tags);
      }
      const open = disallowedRanges(opening.scope, opening.ranges, allowed);
      if (open.length === 0) continue;
      ctx.report(
        `${ctx.label} should not open ${describeRanges(open)} to the internet: ${r.where} admits ` +
          `that traffic from ${joinAnd(opening.world)}; restrict its sourceAddressPrefix or ` +
          `sourceAddressPrefixes to known networks, or allow the ports with the policy's ` +
          `publicPortsByTag setting.`,
      );
    }
  },
});
