// Google Cloud firewall rules must not open any port to the internet beyond the ports allowed for
// public traffic (HTTP and HTTPS unless configured, more by network tag). Openings that include
// admin ports are left to gcp-firewall-no-public-admin-ports, so each is reported once.

import { gcpWorldOpening, targetTagsOf } from "../lib/gcpFirewall";
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
import { UNKNOWN } from "../lib/unknown";

/** Ports beyond the allowed ones are open to the internet on no firewall. */
export const restrictFirewallPublicIngress = resourceRule<PublicPortsConfig>({
  name: "gcp-firewall-no-public-ingress",
  description:
    "Google Cloud firewall rules must not allow ingress from 0.0.0.0/0 or ::/0 to ports other than the allowed public ports (80 and 443 unless configured).",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_GCP_106", "CKV_GCP_88", "CKV2_GCP_12"],
  configSchema: PUBLIC_PORTS_SCHEMA,
  types: ["gcp:compute/firewall:Firewall"],
  config: readPublicPorts,
  check: (ctx) => {
    const opening = gcpWorldOpening(ctx.props);
    if (opening === undefined) return;
    if ("undecided" in opening) return ctx.undecided(opening.undecided);
    opening.undecidedAllows.forEach((u) => ctx.undecided(u));
    const tags = targetTagsOf(ctx.props);
    if (tags === UNKNOWN) return ctx.undecided("targetTags");
    const allowed = allowedPorts(ctx.config, new Map(), tags);
    for (const allow of opening.allows) {
      if (exposureOf(allow.scope, allow.ranges, DEFAULT_ADMIN_PORTS)) continue;
      const open = disallowedRanges(allow.scope, allow.ranges, allowed);
      if (open.length === 0) continue;
      ctx.report(
        `${ctx.label} should not open ${describeRanges(open)} to the internet: allows[${allow.index}] ` +
          `admits that traffic from ${joinAnd(opening.world)}; restrict its sourceRanges to known networks, ` +
          `or allow the ports for its targetTags with the policy's publicPortsByTag setting.`,
      );
    }
  },
});
