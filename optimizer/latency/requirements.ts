// The spec's latency requirements checked on regions and plans: a link's two ends must run near
// each other (every region either end runs in has a region of the other end within the link's
// round trip, or on its continent), and a user-facing service must have a replica within its
// round trip of every user location. Used by verification, the ILP, explanations and diagnosis.

import type { Catalog } from "../catalog";
import type { Plan } from "../plan";
import type { LinkLatency, NormalizedLink, NormalizedService, NormalizedSpec } from "../spec";
import { latencyMatrix } from "./matrix";

/** The regions ("cloud:region") a workload of a plan runs in, sorted. */
export function regionsIn(plan: Plan, name: string): string[] {
  const s = plan.services[name];
  if (s) return [...new Set(s.groups.map((g) => `${g.cloud}:${g.region}`))].sort();
  const b = plan.buckets[name];
  return b ? [`${b.cloud}:${b.region}`] : [];
}

/** The continent of a region key (undefined for a region the catalog lacks). */
export function continentOf(catalog: Catalog, key: string): string | undefined {
  return catalog.regionByKey(key)?.continent;
}

/** Whether two regions are near enough for a link's requirement. */
export function linkNear(catalog: Catalog, latency: LinkLatency, a: string, b: string): boolean {
  if (a === b) return true;
  if (latency.kind === "continent") return continentOf(catalog, a) === continentOf(catalog, b);
  return latencyMatrix(catalog).rtt(a, b) <= latency.maxRttMs + 1e-9;
}

/** A link's requirement in words, e.g. "within 20 ms of cache" or "on the same continent as cache". */
export function linkRequirement(latency: LinkLatency, peer: string): string {
  return latency.kind === "continent" ? `on the same continent as ${peer}` : `within ${latency.maxRttMs} ms of ${peer}`;
}

/**
 * A link's ends in messages, "api -> cache", with its port when another of `links` joins the same
 * two workloads on another port ("api -> cache port 6380"), so that a fix names one link.
 */
export function linkName(l: NormalizedLink, links: readonly NormalizedLink[] = []): string {
  const twin = links.some((o) => o.from === l.from && o.to === l.to && o.port !== l.port);
  return `${l.from} -> ${l.to}${twin ? ` port ${l.port}` : ""}`;
}

/** The link's label in messages: "link api -> cache" (with its port as linkName says). */
export function linkLabel(l: NormalizedLink, links: readonly NormalizedLink[] = []): string {
  return `link ${linkName(l, links)}`;
}

/** The nearest of `candidates` to `from`, with its round trip (undefined when there is none). */
export function nearest(catalog: Catalog, from: string, candidates: readonly string[]): { key: string; ms: number } | undefined {
  const m = latencyMatrix(catalog);
  let best: { key: string; ms: number } | undefined;
  for (const c of candidates) {
    const ms = m.rtt(from, c);
    if (!best || ms < best.ms) best = { key: c, ms };
  }
  return best;
}

/**
 * Where a plan breaks a link's latency requirement: each region one end runs in with no region
 * of the other end near enough (regions the catalog lacks are left out); empty when it holds.
 */
export function linkMisses(catalog: Catalog, l: NormalizedLink, plan: Plan): { me: string; peer: string; region: string; theirs: string[] }[] {
  if (!l.latency) return [];
  const known = (k: string) => continentOf(catalog, k) !== undefined;
  const a = regionsIn(plan, l.from).filter(known);
  const b = regionsIn(plan, l.to).filter(known);
  if (a.length === 0 || b.length === 0) return [];
  const out: { me: string; peer: string; region: string; theirs: string[] }[] = [];
  for (const [mine, theirs, me, peer] of [
    [a, b, l.from, l.to],
    [b, a, l.to, l.from],
  ] as const) {
    for (const r of mine) if (!theirs.some((q) => linkNear(catalog, l.latency!, r, q))) out.push({ me, peer, region: r, theirs });
  }
  return out;
}

/** Every link latency requirement a plan breaks, in words; empty when it keeps them all. */
export function linkLatencyViolations(spec: NormalizedSpec, catalog: Catalog, plan: Plan): string[] {
  return spec.links.flatMap((l) =>
    linkMisses(catalog, l, plan).map(({ me, peer, region, theirs }) => {
      const n = nearest(catalog, region, theirs)!;
      return (
        `${linkLabel(l, spec.links)}: ${me} runs in ${region}, which is not ${linkRequirement(l.latency!, peer)} ` +
        `(nearest: ${n.key} at ${n.ms} ms${l.latency!.kind === "continent" ? `, ${continentOf(catalog, n.key)}` : ""}).`
      );
    }),
  );
}

/** The user locations of a service that no region of `regions` serves within its round trip. */
export function unservedPlaces(
  catalog: Catalog,
  s: NormalizedService,
  regions: readonly string[],
): { place: string; point: string; nearest?: { key: string; ms: number } }[] {
  const out: { place: string; point: string; nearest?: { key: string; ms: number } }[] = [];
  if (!s.latency) return out;
  for (const place of s.latency.from) {
    for (const p of place.points) {
      const n = nearest(catalog, p, regions);
      if (n && n.ms <= s.latency.maxRttMs + 1e-9) continue;
      out.push({ place: place.name, point: p, ...(n ? { nearest: n } : {}) });
    }
  }
  return out;
}

/** A service's user latency requirement broken by running in `regions`, in words. */
export function userLatencyViolations(catalog: Catalog, s: NormalizedService, regions: readonly string[]): string[] {
  return unservedPlaces(catalog, s, regions).map(
    (u) =>
      `services.${s.name}: users in ${u.place} (near ${u.point}) have no replica within ${s.latency!.maxRttMs} ms` +
      (u.nearest ? ` (nearest: ${u.nearest.key} at ${u.nearest.ms} ms).` : "."),
  );
}

/** Search nodes fewestRegionsNear visits at most (then its best so far stands, not proven least). */
const COVER_NODES = 200_000;

/**
 * The fewest regions of `keys` that put every point of `points` within `maxRttMs` (a set cover),
 * with one such set (`cover`), when at most `limit` do; no cover when more are needed or some
 * point has no region near. With `firstOnly`, the first cover within `limit`, not the fewest. A
 * depth-first search that branches on the uncovered point with the fewest regions near it, over
 * regions no other region's points contain, largest first: exact when `exhaustive` (the user
 * locations of a continent and a few replicas take far fewer than COVER_NODES nodes); past that,
 * the best found by then, and a missing cover proves nothing.
 */
export function fewestRegionsNear(
  catalog: Catalog,
  maxRttMs: number,
  points: readonly string[],
  keys: Iterable<string>,
  limit: number,
  /** Stop at the first cover within `limit` (whether one exists, not the fewest). */
  firstOnly = false,
): { cover?: string[]; exhaustive: boolean } {
  const m = latencyMatrix(catalog);
  const P = [...new Set(points)];
  // Each region's points near it, as a set of indices; regions whose points another's contain
  // are left out (ties: the first by key).
  const near = [...new Set(keys)]
    .sort()
    .map((key) => ({ key, pts: new Set(P.flatMap((p, i) => (m.rtt(key, p) <= maxRttMs + 1e-9 ? [i] : []))) }))
    .filter((r) => r.pts.size > 0);
  const within = (a: Set<number>, b: Set<number>) => a.size <= b.size && [...a].every((i) => b.has(i));
  const useful = near.filter((r, j) => !near.some((o, k) => k !== j && within(r.pts, o.pts) && (o.pts.size > r.pts.size || k < j)));
  const by = P.map((_, i) => useful.filter((r) => r.pts.has(i)));
  if (by.some((list) => list.length === 0)) return { exhaustive: true };
  let best: string[] | undefined;
  let nodes = 0;
  const search = (covered: Set<number>, chosen: string[]) => {
    if (++nodes > COVER_NODES || (firstOnly && best)) return;
    if (covered.size === P.length) {
      if (!best || chosen.length < best.length) best = [...chosen];
      return;
    }
    if (chosen.length >= Math.min(limit, (best?.length ?? Infinity) - 1)) return;
    let pick = -1;
    for (let i = 0; i < P.length; i++) if (!covered.has(i) && (pick < 0 || by[i].length < by[pick].length)) pick = i;
    for (const r of [...by[pick]].sort((a, b) => b.pts.size - a.pts.size || (a.key < b.key ? -1 : 1))) {
      chosen.push(r.key);
      search(new Set([...covered, ...r.pts]), chosen);
      chosen.pop();
    }
  };
  search(new Set(), []);
  return { ...(best ? { cover: [...best].sort() } : {}), exhaustive: nodes <= COVER_NODES };
}
