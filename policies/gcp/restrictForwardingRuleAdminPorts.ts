// External load balancer forwarding rules must not forward administrative ports: a rule on SSH
// or RDP (or on all ports) puts the backends' admin access on a public address.

import type { ForwardingRuleArgs } from "@pulumi/gcp/compute/forwardingRule";
import { ADMIN_PORTS_SCHEMA, portListSetting } from "../lib/config";
import { DEFAULT_ADMIN_PORTS, PortRange, coveredPorts, describePorts, parsePortRange } from "../lib/net";
import { asBool, asList, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

interface Config {
  readonly adminPorts: readonly number[];
}

/** No external forwarding rule covers an admin port or all ports. */
export const restrictForwardingRuleAdminPorts = resourceRule<Config>({
  name: "gcp-lb-no-admin-port-forwarding",
  description:
    "Google Cloud external forwarding rules must not forward administrative ports (SSH 22, RDP 3389 unless configured) or all ports.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: [],
  configSchema: { properties: { adminPorts: ADMIN_PORTS_SCHEMA } },
  types: ["gcp:compute/forwardingRule:ForwardingRule", "gcp:compute/globalForwardingRule:GlobalForwardingRule"],
  config: (raw) => ({ adminPorts: portListSetting(raw.adminPorts, DEFAULT_ADMIN_PORTS) }),
  check: (ctx) => {
    const p = ctx.props;
    const scheme = asString(field<ForwardingRuleArgs>(p, "loadBalancingScheme"));
    if (scheme === UNKNOWN) return ctx.undecided("loadBalancingScheme");
    // EXTERNAL is the default scheme; EXTERNAL_MANAGED is the newer external one.
    if (scheme !== undefined && !scheme.toUpperCase().startsWith("EXTERNAL")) return;
    const all = asBool(field<ForwardingRuleArgs>(p, "allPorts"));
    const portRange = field<ForwardingRuleArgs>(p, "portRange");
    const ports = asList(field<ForwardingRuleArgs>(p, "ports"));
    if (all === UNKNOWN || portRange === UNKNOWN || ports === UNKNOWN) {
      return ctx.undecided("allPorts, portRange or ports");
    }
    const ranges: PortRange[] = [];
    for (const v of [portRange, ...ports]) {
      const r = parsePortRange(v);
      if (r === UNKNOWN) return ctx.undecided("portRange or ports");
      if (r !== undefined) ranges.push(r);
    }
    const hit = new Set(ranges.flatMap((r) => coveredPorts(r, ctx.config.adminPorts)));
    if (all !== true && hit.size === 0) return;
    const exposed = all === true ? [...ctx.config.adminPorts] : ctx.config.adminPorts.filter((x) => hit.has(x));
    ctx.report(
      `${ctx.label} should not forward admin ports from its external address: it forwards ` +
        `${describePorts(exposed, all === true)}; forward only the service's ports and reach ` +
        `instances through IAP TCP forwarding.`,
    );
  },
});
