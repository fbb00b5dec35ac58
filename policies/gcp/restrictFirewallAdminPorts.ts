// Google Cloud firewall rules must not open administrative ports (SSH, RDP, or every port) to the
// whole internet.

import { ADMIN_PORTS_SCHEMA, portListSetting } from "../lib/config";
import { gcpWorldOpening } from "../lib/gcpFirewall";
import { joinAnd } from "../lib/messages";
import { DEFAULT_ADMIN_PORTS, describePorts, exposureOf } from "../lib/net";
import { resourceRule } from "../lib/rule";

interface Config {
  readonly adminPorts: readonly number[];
}

/** No enabled ingress firewall allows port 22, 3389 or every port from 0.0.0.0/0 or ::/0. */
export const restrictFirewallAdminPorts = resourceRule<Config>({
  name: "gcp-firewall-no-public-admin-ports",
  description:
    "Google Cloud firewall rules must not allow ingress to SSH, RDP or every port from 0.0.0.0/0 or ::/0.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS GCP 3.6", "CIS GCP 3.7", "CKV_GCP_2", "CKV_GCP_3", "CKV2_GCP_12"],
  configSchema: { properties: { adminPorts: ADMIN_PORTS_SCHEMA } },
  types: ["gcp:compute/firewall:Firewall"],
  config: (raw) => ({ adminPorts: portListSetting(raw.adminPorts, DEFAULT_ADMIN_PORTS) }),
  check: (ctx) => {
    const opening = gcpWorldOpening(ctx.props);
    if (opening === undefined) return;
    if ("undecided" in opening) return ctx.undecided(opening.undecided);
    const o = opening;
    o.undecidedAllows.forEach((u) => ctx.undecided(u));
    const exposed = new Set<number>();
    let all = false;
    for (const allow of o.allows) {
      const exposure = exposureOf(allow.scope, allow.ranges, ctx.config.adminPorts);
      if (!exposure) continue;
      all ||= exposure.all;
      exposure.ports.forEach((port) => exposed.add(port));
    }
    if (exposed.size === 0) return;
    const ports = ctx.config.adminPorts.filter((port) => exposed.has(port));
    ctx.report(
      `${ctx.label} should not open admin ports to the internet: it allows ` +
        `${describePorts(ports, all)} from ${joinAnd(o.world)}; restrict its sourceRanges to known networks.`,
    );
  },
});
