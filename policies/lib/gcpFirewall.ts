// Google Cloud firewall rules: whether an enabled ingress rule admits the whole internet, and
// what each of its `allows` entries opens. Shared by the admin-port and public-ingress rules.

import type { FirewallArgs } from "@pulumi/gcp/compute/firewall";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { ALL_PORTS, PortRange, ProtocolScope, isWorldCidr, parsePortRange, protocolScope } from "./net";
import { Read, asBool, asList, asString, field } from "./read";
import { UNKNOWN } from "./unknown";

type Allow = gcpInput.compute.FirewallAllow;

/** One `allows` entry of a world-open rule: its protocol scope and port ranges. */
export interface GcpAllow {
  readonly index: number;
  readonly scope: ProtocolScope;
  readonly ranges: readonly PortRange[];
}

/** What a firewall opens to the internet: its world sources and allows, and undecided parts. */
export interface GcpOpening {
  readonly world: readonly string[];
  readonly allows: readonly GcpAllow[];
  /** Entries of `allows` whose protocol or ports are not known yet. */
  readonly undecidedAllows: readonly string[];
}

/**
 * What an enabled ingress firewall opens to the whole internet: undefined when nothing, or the
 * property that decides it when that is not known yet.
 */
export function gcpWorldOpening(p: Read): GcpOpening | { undecided: string } | undefined {
  const direction = asString(field<FirewallArgs>(p, "direction"));
  const disabled = asBool(field<FirewallArgs>(p, "disabled"));
  if (direction === UNKNOWN || disabled === UNKNOWN) return { undecided: "direction or disabled" };
  // Direction defaults to INGRESS.
  const ingress = direction === undefined || direction.toUpperCase() === "INGRESS";
  if (disabled === true || !ingress) return undefined;

  const ranges = asList(field<FirewallArgs>(p, "sourceRanges"));
  if (ranges === UNKNOWN) return { undecided: "sourceRanges" };
  const world: string[] = [];
  let rangesUnknown = false;
  for (const r of ranges) {
    const cidr = asString(r);
    if (cidr === UNKNOWN) rangesUnknown = true;
    else if (typeof cidr === "string" && isWorldCidr(cidr)) world.push(cidr.trim());
  }
  if (world.length === 0) return rangesUnknown ? { undecided: "sourceRanges" } : undefined;

  const allows = asList(field<FirewallArgs>(p, "allows"));
  if (allows === UNKNOWN) return { undecided: "allows" };
  const out: GcpAllow[] = [];
  const undecided: string[] = [];
  allows.forEach((allow, i) => {
    const scope = protocolScope(field<Allow>(allow, "protocol"));
    if (scope === UNKNOWN) {
      undecided.push(`allows[${i}].protocol`);
      return;
    }
    if (scope === undefined || scope === "none") return;
    const ports = asList(field<Allow>(allow, "ports"));
    const parsed = ports === UNKNOWN ? UNKNOWN : ports.map(parsePortRange);
    if (parsed === UNKNOWN || parsed.includes(UNKNOWN)) {
      undecided.push(`allows[${i}].ports`);
      return;
    }
    const ranges = parsed.filter((r): r is PortRange => r !== undefined && r !== UNKNOWN);
    // No ports listed means every port of the protocol.
    out.push({ index: i, scope, ranges: parsed.length === 0 ? [ALL_PORTS] : ranges });
  });
  return { world: [...new Set(world)], allows: out, undecidedAllows: undecided };
}

/** The network tags a firewall applies to (empty: every instance of the network). */
export function targetTagsOf(p: Read): string[] | typeof UNKNOWN {
  const tags = asList(field<FirewallArgs>(p, "targetTags"));
  if (tags === UNKNOWN) return UNKNOWN;
  return tags.map(asString).filter((t): t is string => typeof t === "string");
}
