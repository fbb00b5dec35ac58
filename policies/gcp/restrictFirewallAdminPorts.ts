// Google Cloud firewall rules must not open administrative ports (SSH, RDP, or every port) to the
// whole internet.

import type { FirewallArgs } from "@pulumi/gcp/compute/firewall";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { ADMIN_PORTS_SCHEMA, portListSetting } from "../lib/config";
import { joinAnd } from "../lib/messages";
import {
  ALL_PORTS,
  DEFAULT_ADMIN_PORTS,
  PortRange,
  describePorts,
  exposureOf,
  isWorldCidr,
  parsePortRange,
  protocolScope,
} from "../lib/net";
import { asBool, asList, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Allow = gcpInput.compute.FirewallAllow;

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
    const p = ctx.props;
    const direction = asString(field<FirewallArgs>(p, "direction"));
    const disabled = asBool(field<FirewallArgs>(p, "disabled"));
    if (direction === UNKNOWN || disabled === UNKNOWN) {
      return ctx.undecided("direction or disabled");
    }
    // Direction defaults to INGRESS.
    const ingress = direction === undefined || direction.toUpperCase() === "INGRESS";
    if (disabled === true || !ingress) return;

    const ranges = asList(field<FirewallArgs>(p, "sourceRanges"));
    if (ranges === UNKNOWN) return ctx.undecided("sourceRanges");
    const world: string[] = [];
    let rangesUnknown = false;
    for (const r of ranges) {
      const cidr = asString(r);
      if (cidr === UNKNOWN) rangesUnknown = true;
      else if (typeof cidr === "string" && isWorldCidr(cidr)) world.push(cidr.trim());
    }
    if (world.length === 0) {
      if (rangesUnknown) ctx.undecided("sourceRanges");
      return;
    }

    const allows = asList(field<FirewallArgs>(p, "allows"));
    if (allows === UNKNOWN) return ctx.undecided("allows");
    const exposed = new Set<number>();
    let all = false;
    allows.forEach((allow, i) => {
      const scope = protocolScope(field<Allow>(allow, "protocol"));
      if (scope === UNKNOWN) return ctx.undecided(`allows[${i}].protocol`);
      if (scope === undefined) return;
      const ports = asList(field<Allow>(allow, "ports"));
      if (ports === UNKNOWN) return ctx.undecided(`allows[${i}].ports`);
      const parsed: PortRange[] = [];
      for (const port of ports) {
        const range = parsePortRange(port);
        if (range === UNKNOWN) return ctx.undecided(`allows[${i}].ports`);
        if (range !== undefined) parsed.push(range);
      }
      // No ports listed means every port of the protocol.
      const covered = ports.length === 0 ? [ALL_PORTS] : parsed;
      const exposure = exposureOf(scope, covered, ctx.config.adminPorts);
      if (!exposure) return;
      all ||= exposure.all;
      exposure.ports.forEach((port) => exposed.add(port));
    });
    if (exposed.size === 0) return;
    const ports = ctx.config.adminPorts.filter((port) => exposed.has(port));
    ctx.report(
      `${ctx.label} should not open admin ports to the internet: it allows ` +
        `${describePorts(ports, all)} from ${joinAnd([...new Set(world)])}; ` +
        `restrict its sourceRanges to known networks.`,
    );
  },
});
