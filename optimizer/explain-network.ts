// Explanation reasons that come from latency and the network layer: the links and users that
// bind a service near its peers ("bound by latency to cache: within 20 ms of cache"), and what
// spreading or moving it would add to the network layer's bill ("a second region would cost
// $64.00/month in network"). Pure; used by explain.ts.

import type { Catalog, Offer } from "./catalog";
import { allowedRegions, fits } from "./candidates";
import { latencyMatrix } from "./latency/matrix";
import { linkNear, linkRequirement, regionsIn } from "./latency/requirements";
import { networkCost } from "./network/costs";
import type { Plan, ReplicaGroup } from "./plan";
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

/** Whether the service may run in `key` with its peers where the plan has them (links and users). */
function latencyAllows(spec: NormalizedSpec, catalog: Catalog, plan: Plan, s: NormalizedService, key: string): boolean {
  for (const l of spec.links) {
    if (!l.latency || (l.from !== s.name && l.to !== s.name)) continue;
    const theirs = regionsIn(plan, l.from === s.name ? l.to : l.from);
    if (theirs.length > 0 && !theirs.some((q) => linkNear(catalog, l.latency!, key, q))) return false;
  }
  if (!s.latency) return true;
  const m = latencyMatrix(catalog);
  return s.latency.from.every((f) => f.points.every((p) => m.rtt(key, p) <= s.latency!.maxRttMs + 1e-9));
}

/** The cheapest offer fitting the service in a region, if any. */
function offerIn(spec: NormalizedSpec, catalog: Catalog, s: NormalizedService, key: string): Offer | undefined {
  const i = key.indexOf(":");
  let best: Offer | undefined;
  for (const o of catalog.offersIn(key.slice(0, i) as Offer["cloud"], key.slice(i + 1))) {
    if (fits(o, s, spec.allowBurstable) && (!best || o.onDemandHourlyUSD < best.onDemandHourlyUSD)) best = o;
  }
  return best;
}

/**
 * Network reasons: what moving the service to the region its latency allows where its replicas
 * cost least would add to the network layer, and,
 * for a service with several replicas in one region, what a second region would add (at the
 * region of its cloud where that costs least in network among those meeting its latency).
 */
export function networkReasons(spec: NormalizedSpec, catalog: Catalog, plan: Plan, s: NormalizedService): string[] {
  if (!spec.network) return [];
  const out: string[] = [];
  const here = networkCost(spec, plan, catalog).totalUSD;
  const groups = plan.services[s.name]?.groups ?? [];
  const mine = regionsIn(plan, s.name);
  const withGroups = (g: ReplicaGroup[]): Plan => ({ ...plan, services: { ...plan.services, [s.name]: { groups: g } } });
  // The region where a replica costs least among those its latency allows.
  let near: { key: string; o: Offer } | undefined;
  for (const r of allowedRegions(catalog, s)) {
    const key = `${r.cloud}:${r.region}`;
    const o = offerIn(spec, catalog, s, key);
    if (o && latencyAllows(spec, catalog, plan, s, key) && (!near || o.onDemandHourlyUSD < near.o.onDemandHourlyUSD)) near = { key, o };
  }
  if (near && !mine.includes(near.key) && s.minClouds <= 1 && s.minRegions <= 1) {
    const o = near.o;
    const moved = withGroups([{ cloud: o.cloud, region: o.region, instanceType: o.instanceType, count: s.replicas, spot: 0 }]);
    const delta = networkCost(spec, moved, catalog).totalUSD - here;
    if (delta > 0.005) out.push(`moving it to ${near.key}, where its replicas cost least, would add ${usd(delta)}/month in network`);
  }
  if (mine.length === 1 && s.replicas > 1 && s.minRegions <= 1) {
    const g = groups[0];
    let best: number | undefined;
    for (const r of allowedRegions(catalog, s)) {
      const key = `${r.cloud}:${r.region}`;
      if (key === mine[0] || r.cloud !== g.cloud || !latencyAllows(spec, catalog, plan, s, key)) continue;
      const o = offerIn(spec, catalog, s, key);
      if (!o) continue;
      const split = withGroups([
        { ...g, count: g.count - 1, spot: Math.min(g.spot, g.count - 1) },
        { cloud: o.cloud, region: o.region, instanceType: o.instanceType, count: 1, spot: 0 },
      ]);
      const delta = networkCost(spec, split, catalog).totalUSD - here;
      if (best === undefined || delta < best) best = delta;
    }
    if (best !== undefined && best > 0.005) out.push(`a second region would cost ${usd(best)}/month in network`);
  }
  return out;
}
