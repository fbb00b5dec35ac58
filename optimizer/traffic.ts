// Traffic prices between cloud-regions, and the exact monthly cost of one direction of a link.
//
// Rates. Sending one GiB from region r to region q costs c(r, q): nothing within a region, the
// catalog's inter-region rate from r to q within a cloud, and r's internet egress across clouds.
//
// Routing. A link carries half its monthly volume each way. For the direction x -> y with
// volume V, x's replicas send V·s_x(r) from each region r (s_x is x's share of replicas there,
// 1 or 0 for a bucket) and y's replicas receive V·s_y(q) in each region q. Who talks to whom is
// the cheapest assignment: the min-cost transportation from V·s_x to V·s_y under c. Replicas
// therefore talk to peers in their own region first (free) whenever c is a metric (no detour
// through a third region is cheaper than the direct rate), which the shipped catalog is.
//
// Rate zones. The ILP (optimizer/ilp-traffic.ts) aggregates regions into zones: a partition of
// each cloud's regions such that every region of a zone has the same internet egress rate and
// c(r, q) depends only on the zones of r and q (for r != q). Continents, in practice: the
// clouds price inter-region traffic by source and destination continent.

import type { Catalog } from "./catalog";
import type { Cloud } from "./spec";

/** The key of a cloud-region in maps: "cloud:region". */
export type RegionKey = string;

/** Splits "cloud:region" into its parts. */
export function splitKey(key: RegionKey): [Cloud, string] {
  const i = key.indexOf(":");
  return [key.slice(0, i) as Cloud, key.slice(i + 1)];
}

/** A rate zone: regions of one cloud that send and receive at the same rates. */
export interface RateZone {
  readonly id: number;
  readonly cloud: Cloud;
  /** Region keys, sorted. */
  readonly regions: readonly RegionKey[];
  /** Internet egress per GiB from any region of the zone. */
  readonly internet: number;
}

/** Transfer prices of a catalog, indexed for the traffic model. */
export interface TrafficRates {
  /** USD per GiB from one cloud-region to another (0 within a region). */
  cost(from: RegionKey, to: RegionKey): number;
  /** The rate zone of a region. */
  zoneOf(key: RegionKey): RateZone;
  /** USD per GiB between two distinct regions of zones `from` and `to` of one cloud. */
  zoneRate(from: RateZone, to: RateZone): number;
  /** Every zone, by id. */
  readonly zones: readonly RateZone[];
  /**
   * Whether c is a metric over distinct regions (c(a, b) <= c(a, m) + c(m, b)). When it is not,
   * the ILP bounds what each region sends so that the flow cannot relay through a third region.
   */
  readonly triangle: boolean;
  /**
   * Whether no two regions of one cloud pay more between them than the sender's internet
   * egress. When some do, the ILP balances what leaves and enters each cloud explicitly.
   */
  readonly withinCloudCheaper: boolean;
  /**
   * Clouds whose in-cloud rate depends on the sending region only (AWS prices inter-region
   * traffic by source region): the ILP routes to the cloud's receivers as one pool.
   */
  readonly senderPriced: ReadonlySet<Cloud>;
}

const EPS = 1e-12;
const cache = new WeakMap<Catalog, TrafficRates>();

/** The catalog's transfer prices and rate zones (computed once per catalog). */
export function trafficRates(catalog: Catalog): TrafficRates {
  let t = cache.get(catalog);
  if (!t) cache.set(catalog, (t = buildRates(catalog)));
  return t;
}

function buildRates(catalog: Catalog): TrafficRates {
  const keys = catalog.regions.map((r) => `${r.cloud}:${r.region}`).sort();
  const n = keys.length;
  const index = new Map(keys.map((k, i) => [k, i]));
  const clouds = keys.map((k) => splitKey(k)[0]);
  const net = keys.map((k) => catalog.internetEgressPerGiB(...splitKey(k)));
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const [fc, fr] = splitKey(keys[i]);
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const [tc, tr] = splitKey(keys[j]);
      c[i * n + j] = catalog.transferPerGiB(fc, fr, tc, tr);
    }
  }
  const at = (key: RegionKey): number => {
    const i = index.get(key);
    if (i === undefined) throw new RangeError(`${key} is not a region of the price catalog.`);
    return i;
  };

  // Greedy zones: a region joins the first zone of its cloud whose every member it is
  // interchangeable with (same egress, same rates to and from every third region of the cloud,
  // and the zone's internal rate between them).
  const members: number[][] = [];
  const zoneIdx = new Int32Array(n);
  const same = (x: number, y: number) => Math.abs(x - y) <= EPS;
  const interchangeable = (a: number, b: number): boolean => {
    if (!same(net[a], net[b])) return false;
    for (let q = 0; q < n; q++) {
      if (q === a || q === b || clouds[q] !== clouds[a]) continue;
      if (!same(c[a * n + q], c[b * n + q]) || !same(c[q * n + a], c[q * n + b])) return false;
    }
    return true;
  };
  for (let a = 0; a < n; a++) {
    let z = members.findIndex((zone) => {
      if (clouds[zone[0]] !== clouds[a] || !zone.every((b) => interchangeable(a, b))) return false;
      const inner = zone.length > 1 ? c[zone[0] * n + zone[1]] : c[a * n + zone[0]];
      return zone.every((b) => same(c[a * n + b], inner) && same(c[b * n + a], inner));
    });
    if (z < 0) z = members.push([]) - 1;
    members[z].push(a);
    zoneIdx[a] = z;
  }
  const zones: RateZone[] = members.map((m, id) => ({
    id,
    cloud: clouds[m[0]],
    regions: m.map((i) => keys[i]),
    internet: net[m[0]],
  }));

  let triangle = true;
  for (let a = 0; a < n && triangle; a++) {
    for (let b = 0; b < n && triangle; b++) {
      if (b === a) continue;
      const direct = c[a * n + b];
      for (let m = 0; m < n; m++) {
        if (m === a || m === b) continue;
        if (direct > c[a * n + m] + c[m * n + b] + EPS) {
          triangle = false;
          break;
        }
      }
    }
  }
  let withinCloudCheaper = true;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (a !== b && clouds[a] === clouds[b] && c[a * n + b] > net[a] + EPS) withinCloudCheaper = false;
    }
  }

  // A cloud is priced by sender when each region sends to every other region of it at one rate.
  const senderPriced = new Set<Cloud>(clouds);
  for (let a = 0; a < n; a++) {
    let rate: number | undefined;
    for (let b = 0; b < n; b++) {
      if (a === b || clouds[a] !== clouds[b]) continue;
      if (rate === undefined) rate = c[a * n + b];
      else if (!same(rate, c[a * n + b])) senderPriced.delete(clouds[a]);
    }
  }

  return {
    cost: (from, to) => (from === to ? 0 : c[at(from) * n + at(to)]),
    zoneOf: (key) => zones[zoneIdx[at(key)]],
    zoneRate: (from, to) => {
      const a = members[from.id][0];
      const b = from.id === to.id ? members[to.id][1] : members[to.id][0];
      return b === undefined ? 0 : c[a * n + b];
    },
    zones,
    triangle,
    withinCloudCheaper,
    senderPriced,
  };
}

/**
 * The cheapest assignment of `supply` (GiB sent from each region) to `demand` (GiB received in
 * each region), both summing to the same total, under per-GiB costs `cost` (0 within a region).
 * Returns the cost charged to each sending region. Successive shortest paths on the bipartite
 * transportation graph; exact for the handful of regions one workload spans.
 */
export function cheapestRouting(
  supply: ReadonlyMap<RegionKey, number>,
  demand: ReadonlyMap<RegionKey, number>,
  cost: (from: RegionKey, to: RegionKey) => number,
): Map<RegionKey, number> {
  const src = [...supply].filter(([, v]) => v > EPS).sort(byKey);
  const dst = [...demand].filter(([, v]) => v > EPS).sort(byKey);
  const charged = new Map<RegionKey, number>();
  if (src.length === 0 || dst.length === 0) return charged;
  const S = src.length;
  const T = dst.length;
  const left = src.map(([, v]) => v);
  const need = dst.map(([, v]) => v);
  const price = src.map(([r]) => dst.map(([q]) => cost(r, q)));
  const total = left.reduce((a, b) => a + b, 0);
  const tol = 1e-12 * Math.max(1, total);
  // One region on either side (most workloads run in one): every GiB goes from it or to it,
  // whatever the rates, as the search below would route it, without the search (a quarter of a
  // second of the quick start's 2.3 s at 2,000 services).
  if ((S === 1 || T === 1) && Math.abs(total - need.reduce((a, b) => a + b, 0)) <= 1e-9 * Math.max(1, total)) {
    for (let s = 0; s < S; s++) {
      let usd = 0;
      for (let t = 0; t < T; t++) usd += (S === 1 ? need[t] : left[s]) * price[s][t];
      if (usd > 0) charged.set(src[s][0], usd);
    }
    return charged;
  }
  const flow = src.map(() => new Float64Array(T));
  // Nodes: sources 0..S-1, sinks S..S+T-1. Forward arcs s->t at price, backward t->s where flow > 0.
  for (let iter = 0; iter < 4 * (S + T) * (S + T) + 16; iter++) {
    if (!left.some((v) => v > tol) || !need.some((v) => v > tol)) break;
    const dist = new Float64Array(S + T).fill(Infinity);
    const prev = new Int32Array(S + T).fill(-1);
    for (let s = 0; s < S; s++) if (left[s] > tol) dist[s] = 0;
    // Bellman-Ford: at most S + T rounds of relaxation.
    for (let round = 0; round < S + T; round++) {
      let changed = false;
      for (let s = 0; s < S; s++) {
        if (dist[s] === Infinity) continue;
        for (let t = 0; t < T; t++) {
          const d = dist[s] + price[s][t];
          if (d < dist[S + t] - 1e-15) {
            dist[S + t] = d;
            prev[S + t] = s;
            changed = true;
          }
        }
      }
      for (let t = 0; t < T; t++) {
        if (dist[S + t] === Infinity) continue;
        for (let s = 0; s < S; s++) {
          if (flow[s][t] <= tol) continue;
          const d = dist[S + t] - price[s][t];
          if (d < dist[s] - 1e-15) {
            dist[s] = d;
            prev[s] = S + t;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    let best = -1;
    for (let t = 0; t < T; t++) if (need[t] > tol && (best < 0 || dist[S + t] < dist[S + best] - 1e-15)) best = t;
    if (best < 0 || dist[S + best] === Infinity) break;
    // Walk back to the source, collecting the bottleneck.
    const path: number[] = [];
    let v = S + best;
    while (!(v < S && prev[v] < 0) && path.length <= S + T) {
      path.push(v);
      v = prev[v];
    }
    path.push(v);
    path.reverse();
    let amount = Math.min(left[path[0]], need[best]);
    for (let i = 1; i < path.length; i++) {
      if (path[i] < S) amount = Math.min(amount, flow[path[i]][path[i - 1] - S]);
    }
    left[path[0]] -= amount;
    need[best] -= amount;
    for (let i = 1; i < path.length; i++) {
      if (path[i] >= S) flow[path[i - 1]][path[i] - S] += amount;
      else flow[path[i]][path[i - 1] - S] -= amount;
    }
  }
  if (left.some((x) => x > 1e-9 * Math.max(1, total))) {
    throw new RangeError("Traffic routing did not converge; the supply and demand of a link direction differ.");
  }
  for (let s = 0; s < S; s++) {
    let usd = 0;
    for (let t = 0; t < T; t++) usd += Math.max(0, flow[s][t]) * price[s][t];
    if (usd > 0) charged.set(src[s][0], usd);
  }
  return charged;
}

/**
 * What cheapestRouting charges in all, without the split per sending region: the same minimum
 * of the transportation problem, found without the search (and without allocating) when either
 * side is one region or both are two (the flow from the first sender to the first receiver is
 * the problem's one free variable, at one end of its range), the search's total otherwise.
 * Callers that only compare costs (MoveCosts) ask it tens of thousands of times a plan.
 */
export function routingTotal(
  supply: ReadonlyMap<RegionKey, number>,
  demand: ReadonlyMap<RegionKey, number>,
  cost: (from: RegionKey, to: RegionKey) => number,
): number {
  let S = 0;
  let T = 0;
  let total = 0;
  let need = 0;
  for (const v of supply.values()) if (v > EPS) (S++, (total += v));
  for (const v of demand.values()) if (v > EPS) (T++, (need += v));
  if (S === 0 || T === 0) return 0;
  const even = Math.abs(total - need) <= 1e-9 * Math.max(1, total);
  if (even && (S === 1 || T === 1)) {
    let usd = 0;
    for (const [r, a] of supply) {
      if (!(a > EPS)) continue;
      for (const [q, b] of demand) if (b > EPS) usd += (S === 1 ? b : a) * cost(r, q);
    }
    return usd;
  }
  if (even && S === 2 && T === 2) {
    const [[r1, a1], [r2, a2]] = [...supply].filter(([, v]) => v > EPS);
    const [[q1, b1], [q2, b2]] = [...demand].filter(([, v]) => v > EPS);
    const [c11, c12, c21, c22] = [cost(r1, q1), cost(r1, q2), cost(r2, q1), cost(r2, q2)];
    // x from r1 to q1; then r1 -> q2 = a1 - x, r2 -> q1 = b1 - x, r2 -> q2 = b2 - a1 + x.
    const x = c11 - c12 - c21 + c22 < 0 ? Math.min(a1, b1) : Math.max(0, b1 - a2);
    return c11 * x + c12 * (a1 - x) + c21 * (b1 - x) + c22 * Math.max(0, b2 - a1 + x);
  }
  let usd = 0;
  for (const v of cheapestRouting(supply, demand, cost).values()) usd += v;
  return usd;
}

function byKey<V>(a: [string, V], b: [string, V]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
