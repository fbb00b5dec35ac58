// Ports a resource may open to the whole internet, for the "no world-open ingress" rules of the
// three clouds: the ports every resource may open (by default HTTP and HTTPS), plus ports
// allowed for resources carrying a given tag (AWS, Azure) or network tag (Google Cloud
// firewalls). Admin ports are left to the admin-port rules, so one opening is reported once.

import type { PolicyConfigSchema } from "@pulumi/policy";
import { portListSetting } from "./config";
import { joinAnd } from "./messages";
import { ALL_PORTS, DEFAULT_ADMIN_PORTS, PortRange, ProtocolScope, exposureOf } from "./net";
import type { ResourceContext } from "./rule";
import { knownTags } from "./tags";
import { UNKNOWN } from "./unknown";

/** Ports any resource may open to the internet unless configured otherwise. */
export const DEFAULT_PUBLIC_PORTS: readonly number[] = [80, 443];

/** The public-ports settings, as read from the policy's config. */
export interface PublicPortsConfig {
  readonly publicPorts: readonly number[];
  /** Extra allowed ports by tag selector: "key=value", "key" (any value) or a network tag. */
  readonly publicPortsByTag: ReadonlyMap<string, readonly number[]>;
}

const PORT_LIST = {
  type: "array" as const,
  items: { type: "integer" as const, minimum: 0, maximum: 65535 },
};

/** JSON schema of the public-ports settings shared by the three rules. */
export const PUBLIC_PORTS_SCHEMA: PolicyConfigSchema = {
  properties: {
    publicPorts: {
      ...PORT_LIST,
      default: [...DEFAULT_PUBLIC_PORTS],
      description: "Ports any resource may open to the internet (default HTTP 80 and HTTPS 443).",
    },
    publicPortsByTag: {
      type: "object",
      additionalProperties: PORT_LIST,
      default: {},
      description:
        'More ports allowed on resources with a tag: "key=value" or "key" for AWS and Azure tags, a network tag for Google Cloud firewall targetTags, e.g. {"role=edge": [8443]}.',
    },
  },
};

/** Reads the public-ports settings, falling back to the defaults. */
export function readPublicPorts(raw: Record<string, unknown>): PublicPortsConfig {
  const byTag = new Map<string, readonly number[]>();
  const given = raw.publicPortsByTag;
  if (given !== null && typeof given === "object" && !Array.isArray(given)) {
    for (const [selector, ports] of Object.entries(given as Record<string, unknown>)) {
      const list = portListSetting(ports, []);
      if (selector.trim() !== "" && list.length > 0) byTag.set(selector.trim(), list);
    }
  }
  return {
    publicPorts: portListSetting(raw.publicPorts, DEFAULT_PUBLIC_PORTS),
    publicPortsByTag: byTag,
  };
}

/**
 * The ports allowed for a resource: the common list plus those of every selector its tags match.
 * `tags` holds key/value tags; `networkTags` the plain tags of a Google Cloud firewall.
 */
export function allowedPorts(
  config: PublicPortsConfig,
  tags: ReadonlyMap<string, string>,
  networkTags: readonly string[] = [],
): number[] {
  const out = new Set(config.publicPorts);
  for (const [selector, ports] of config.publicPortsByTag) {
    const eq = selector.indexOf("=");
    const matches =
      eq < 0
        ? tags.has(selector) || networkTags.includes(selector)
        : tags.get(selector.slice(0, eq).trim()) === selector.slice(eq + 1).trim();
    if (matches) ports.forEach((p) => out.add(p));
  }
  return [...out].sort((a, b) => a - b);
}

/** The parts of some port ranges (every port for scope "all") outside the allowed ports. */
export function disallowedRanges(
  scope: ProtocolScope,
  ranges: readonly PortRange[],
  allowed: readonly number[],
): PortRange[] {
  if (scope === "none") return [];
  const source = scope === "all" ? [ALL_PORTS] : ranges;
  const out: PortRange[] = [];
  const holes = [...new Set(allowed)].sort((a, b) => a - b);
  for (const r of source) {
    let from = r.from;
    for (const h of holes) {
      if (h < from || h > r.to) continue;
      if (h > from) out.push({ from, to: h - 1 });
      from = h + 1;
    }
    if (from <= r.to) out.push({ from, to: r.to });
  }
  return out;
}

/** "port 8080", "ports 8000-8100 and 9000", "all ports", for messages. */
export function describeRanges(ranges: readonly PortRange[]): string {
  if (ranges.some((r) => r.from <= 0 && r.to >= 65535)) return "all ports";
  const parts = ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`));
  const single = ranges.length === 1 && ranges[0].from === ranges[0].to;
  const list =
    parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  return `${single ? "port" : "ports"} ${list}`;
}

/** What one rule opens to the whole internet, as the AWS and Azure readers give it. */
interface WorldOpening {
  readonly world: readonly string[];
  readonly scope: ProtocolScope;
  readonly ranges: readonly PortRange[];
}

/**
 * Reports each rule of a resource that opens ports beyond the allowed public ones to the
 * internet. Openings that include admin ports are left to the admin-port rules, so each is
 * reported once; the resource's tags (for publicPortsByTag) are read only when an opening needs
 * them. `remedy` ends the message: how to close that rule's opening, or allow its ports.
 */
export function reportPublicOpenings<R extends { readonly where: string }>(
  ctx: ResourceContext<PublicPortsConfig>,
  rules: readonly R[],
  openingOf: (rule: R) => WorldOpening | { undecided: string } | undefined,
  remedy: (rule: R) => string,
): void {
  let allowed: number[] | undefined;
  for (const rule of rules) {
    const opening = openingOf(rule);
    if (opening === undefined) continue;
    if ("undecided" in opening) {
      ctx.undecided(opening.undecided);
      continue;
    }
    if (exposureOf(opening.scope, opening.ranges, DEFAULT_ADMIN_PORTS)) continue;
    if (allowed === undefined) {
      // Resources that carry no tags (separate rule resources) get the common ports only.
      const tags = knownTags(ctx.type, ctx.props, ctx.providerProps);
      if (tags === UNKNOWN) return ctx.undecided("tags");
      allowed = allowedPorts(ctx.config, tags);
    }
    const open = disallowedRanges(opening.scope, opening.ranges, allowed);
    if (open.length === 0) continue;
    ctx.report(
      `${ctx.label} should not open ${describeRanges(open)} to the internet: ${rule.where} ` +
        `admits that traffic from ${joinAnd(opening.world)}; ${remedy(rule)}`,
    );
  }
}
