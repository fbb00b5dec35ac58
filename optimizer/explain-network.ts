// Explanation reasons that come from latency and the network layer: the links and users that
// bind a service near its peers ("bound by latency to cache: within 20 ms of cache"), and what
// spreading or moving it would add to the network layer's bill ("a second region would cost
// $64.00/month in network"). Pure; used by explain.ts.

import type { Catalog, Offer } from "./catalog";
import { allowedRegions, cheapestFitting } from "./candidates";
import { latencyMatrix } from "./latency/matrix";
import { linkNear, linkRequirement, regionsIn } from "./latency/requirements";
import type { NetworkChanges } from "./network/costs";
import type { Plan } from "./plan";
import type { NormalizedService, NormalizedSpec } from "./spec";

const usd = (x: number) => `$${x.toFixed(2)}`;

/**
 * Latency reasons: each link whose requirement keeps the service out of `cheapest` (the region
 * where one replica of it costs least), and each user location that region does not serve.
 */
export function latencyReasons(spec: NormalizedSpec, catalog: Catalog, plan: Plan, s: NormalizedService, cheapest: string | undefined): string[] {
  if (!cheapest) return [];
  const out: string[] = [];
  if (regionsIn(plan, s.name).includes(cheapest)) return out;
  const continent: string[] = [];
  for (const l of spec.links) {
    if (!l.latency || (l.from !== s.name && l.to !== s.name)) continue;
    const peer = l.from === s.name ? l.to : l.from;
    const theirs = regionsIn(plan, peer);
    if (theirs.length === 0 || theirs.some((q) => linkNear(catalog, l.latency!, cheapest, q))) continue;
    if (l.latency.kind === "continent") continent.push(peer);
    else out.push(`it is bound by latency to ${peer} ≤ ${l.latency.maxRttMs} ms (link maxRttMs ${l.latency.maxRttMs})`);
  }
  if (continent.length > 0) {
    const peers = [...new Set(continent)].sort();
    const list = peers.length === 1 ? peers[0] : `${peers.slice(0, -1).join(", ")} and ${peers[peers.length - 1]}`;
    out.unshift(`it is bound by latency to ${list}: linked workloads stay on one continent unless the link sets maxRttMs`);
  }
  if (s.latency) {
    const m = latencyMatrix(catalog);
    const far = s.latency.from.filter((f) => f.points.some((p) => m.rtt(cheapest, p) > s.latency!.maxRttMs + 1e-9)).map((f) => f.name);
    if (far.length > 0) out.push(`its users in ${far.join(" and ")} need a replica within ${s.latency.maxRttMs} ms (latency.maxRttMs ${s.latency.maxRttMs})`);
  }
  return out;
}

/**
 * Whether the service may run in `key` with its peers where the plan has them (`bound`: its links
 * with a latency requirement, each with the regions of its other end) and near its users.
 */
function latencyAllows(catalog: Catalog, bound: readonly BoundLink[], s: NormalizedService, key: string): boolean {
  for (const { latency, theirs } of bound) if (theirs.length > 0 && !theirs.some((q) => linkNear(catalog, latency, key, q))) return false;
  if (!s.latency) return true;
  const m = latencyMatrix(catalog);
  return s.latency.from.every((f) => f.points.every((p) => m.rtt(key, p) <= s.latency!.maxRttMs + 1e-9));
}

/** A link of the service with a latency requirement, and the regions its other end runs in. */
interface BoundLink {
  readonly latency: NonNullable<NormalizedSpec["links"][number]["latency"]>;
  readonly theirs: readonly string[];
}

function boundLinks(spec: NormalizedSpec, plan: Plan, s: NormalizedService): BoundLink[] {
  const out: BoundLink[] = [];
  for (const l of spec.links)
    if (l.latency && (l.from === s.name || l.to === s.name)) out.push({ latency: l.latency, theirs: regionsIn(plan, l.from === s.name ? l.to : l.from) });
  return out;
}

/** The cheapest offer fitting the service in a region, if any. */
function offerIn(spec: NormalizedSpec, catalog: Catalog, s: NormalizedService, key: string): Offer | undefined {
  const i = key.indexOf(":");
  return cheapestFitting(catalog, key.slice(0, i) as Offer["cloud"], key.slice(i + 1), s, spec.allowBurstable);
}

/**
 * Network reasons: what moving the service to the region its latency allows where its replicas
 * cost least would add to the network layer, and,
 * for a service with several replicas in one region, what a second region would add (at the
 * region of its cloud where that costs least in network among those meeting its latency).
 * Nothing is priced from `deadline` on (epoch milliseconds): a reason is then replaced by a note
 * that it was not computed, rather than stated from the regions priced before it.
 */
export function networkReasons(
  spec: NormalizedSpec,
  catalog: Catalog,
  plan: Plan,
  s: NormalizedService,
  /** The plan's network changes (over the whole spec: `spec` may hold only the service's links). */
  changes: NetworkChanges,
  deadline: number,
): string[] {
  if (!spec.network) return [];
  const out: string[] = [];
  const late = "what moving or spreading it would cost in network was not computed: the time limit was reached";
  if (Date.now() >= deadline) return [late];
  const groups = plan.services[s.name]?.groups ?? [];
  const mine = regionsIn(plan, s.name);
  const bound = boundLinks(spec, plan, s);
  // The region where a replica costs least among those its latency allows.
  let near: { key: string; o: Offer } | undefined;
  for (const r of allowedRegions(catalog, s)) {
    const key = `${r.cloud}:${r.region}`;
    const o = offerIn(spec, catalog, s, key);
    if (o && (!near || o.onDemandHourlyUSD < near.o.onDemandHourlyUSD) && latencyAllows(catalog, bound, s, key)) near = { key, o };
  }
  if (near && !mine.includes(near.key) && s.minClouds <= 1 && s.minRegions <= 1) {
    const o = near.o;
    const delta = changes.of(s.name, [{ cloud: o.cloud, region: o.region, instanceType: o.instanceType, count: s.replicas, spot: 0 }]);
    if (delta > 0.005) out.push(`moving it to ${near.key}, where its replicas cost least, would add ${usd(delta)}/month in network`);
  }
  if (mine.length === 1 && s.replicas > 1 && s.minRegions <= 1) {
    const g = groups[0];
    let best: number | undefined;
    for (const r of allowedRegions(catalog, s)) {
      const key = `${r.cloud}:${r.region}`;
      if (key === mine[0] || r.cloud !== g.cloud || !latencyAllows(catalog, bound, s, key)) continue;
      const o = offerIn(spec, catalog, s, key);
      if (!o) continue;
      if (Date.now() >= deadline) return [...out, late];
      const delta = changes.of(s.name, [
        { ...g, count: g.count - 1, spot: Math.min(g.spot, g.count - 1) },
        { cloud: o.cloud, region: o.region, instanceType: o.instanceType, count: 1, spot: 0 },
      ]);
      if (best === undefined || delta < best) best = delta;
    }
    if (best !== undefined && best > 0.005) out.push(`a second region would cost ${usd(best)}/month in network`);
  }
  return out;
}
