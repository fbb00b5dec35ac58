// Region pruning: drops, per group of linked workloads, the cloud-regions that another region of
// the same cloud dominates, so that the ILP carries fewer variables without losing the optimum.
//
// Region a dominates region b for a component C of the link graph of free workloads when, within
// one cloud: every workload of C that may use b may use a; each one costs no more in a
// (cheapest on-demand and cheapest spot replica, or storage and egress of a bucket); a has no
// vCPU quota; and, when C has links, sending from a costs no more than from b to every region
// q any workload of C (or a held peer) may use, and receiving in a no more than in b from every
// such q: c(a, q) <= c(b, q) and c(q, a) <= c(q, b), internet egress included. Then moving
// all of C's replicas and buckets from b to a keeps every constraint (same cloud, same counts,
// a unlimited) and costs no more: any routing of the traffic before the move, with b relabelled
// a, routes it after the move at rates no higher (traffic between b and a becomes free).
// Components are joined by links that carry traffic, have a latency requirement, or go to a
// database. A service needing k > 1 regions could lose one in such a move (when it ran in both
// a and b), so b is dropped only when enough regions not dropped before it dominate it (with
// mutual dominance, only the one of smaller key counts): one more than Σ (k_m − 1) over the
// services m of C that may use b. For a plan using b, one of those dominators is outside the
// other regions of every service m running in exactly k_m regions (there are at most k_m − 1
// besides b): moving C from b to it keeps every service's count of regions (a service above
// its k_m may lose one and still meet it). Repeated on the plan as it stands after each move,
// along dominators dropped later, the moves end in regions the model keeps. Regions a previous plan used (moving away costs a migration) and regions where
// a held peer sits (traffic to it is free there) are never dropped. A spec with more called
// services than a region's network has internal balancers for (12.balancers) is not pruned.

import type { Catalog } from "./catalog";
import type { Candidates, RegionOffers } from "./candidates";
import { RegionKey, splitKey } from "./evaluate";
import type { Plan } from "./plan";
import type { NormalizedService, NormalizedSpec } from "./spec";
import type { TrafficRates } from "./traffic";
import type { ExtraDominance } from "./prune-network";
import { BALANCERS_PER_NETWORK } from "./network/topology";

const EPS = 1e-9;

/** Per-replica monthly cost of a service's cheapest on-demand and spot offer in a region. */
export type RegionCost = (s: NormalizedService, ro: RegionOffers) => { onDemand: number; spot: number };

/** What pruning needs about the workloads the ILP will place. */
export interface PruneInput {
  readonly spec: NormalizedSpec;
  readonly catalog: Catalog;
  readonly candidates: Candidates;
  /** Free services' candidate regions (after any restriction), by name. */
  readonly services: ReadonlyMap<string, readonly RegionOffers[]>;
  /** Free buckets' candidate regions with their monthly cost, by name. */
  readonly buckets: ReadonlyMap<string, ReadonlyMap<RegionKey, number>>;
  /** Workloads held in place: fixed peers of the components. */
  readonly fixed: Plan;
  readonly previous?: Plan;
  readonly regionCost: RegionCost;
  /** Transfer prices between regions. */
  readonly rates: TrafficRates;
  /** Network fixed costs and latency (prune-network.ts): one more test a dominating region passes. */
  readonly extra?: ExtraDominance;
  /** Treat every free workload as one component (fixed costs shared by a region's workloads). */
  readonly wholeSpec?: boolean;
}

/** Regions where a held workload sits. */
function heldRegions(fixed: Plan, name: string): RegionKey[] {
  const s = fixed.services[name];
  if (s) return s.groups.map((g) => `${g.cloud}:${g.region}`);
  const b = fixed.buckets[name];
  return b ? [`${b.cloud}:${b.region}`] : [];
}

/** The region keys to drop, per free workload name. */
export function dominatedRegions(input: PruneInput): Map<string, Set<RegionKey>> {
  const { spec, services, buckets } = input;
  // With more called services than a region's network has balancers for (12.balancers), every
  // region is limited like one with a quota: none may dominate another.
  const called = new Set(spec.links.filter((l) => l.toKind === "service").map((l) => l.to));
  if (spec.network && called.size > BALANCERS_PER_NETWORK) return new Map();
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const n of [...services.keys(), ...buckets.keys()]) parent.set(n, n);
  // Regions of held peers, per free workload linked to them.
  const heldPeers = new Map<string, RegionKey[]>();
  for (const l of spec.links) {
    // A link ties its ends together when it carries traffic, has a latency requirement, or
    // goes to a database (which runs where a caller runs, 14.near).
    if (l.monthlyGiB <= 0 && !l.latency && l.toKind !== "database") continue;
    const a = parent.has(l.from);
    const b = parent.has(l.to);
    if (a && b) parent.set(find(l.from), find(l.to));
    else if (a) heldPeers.set(l.from, [...(heldPeers.get(l.from) ?? []), ...heldRegions(input.fixed, l.to)]);
    else if (b) heldPeers.set(l.to, [...(heldPeers.get(l.to) ?? []), ...heldRegions(input.fixed, l.from)]);
  }
  if (input.wholeSpec) {
    // Fixed costs are shared by all workloads of a region: move them all, and keep held regions.
    const names = [...parent.keys()];
    for (const n of names.slice(1)) parent.set(find(n), find(names[0]));
    const held = [...Object.keys(input.fixed.services), ...Object.keys(input.fixed.buckets)].flatMap((n) => heldRegions(input.fixed, n));
    for (const n of names) heldPeers.set(n, [...(heldPeers.get(n) ?? []), ...held]);
  }
  const components = new Map<string, string[]>();
  for (const n of parent.keys()) {
    const root = find(n);
    (components.get(root) ?? components.set(root, []).get(root)!).push(n);
  }
  const byName = new Map(spec.services.map((s) => [s.name, s]));
  const linked = new Set(spec.links.filter((l) => l.monthlyGiB > 0).flatMap((l) => [l.from, l.to]));
  const out = new Map<string, Set<RegionKey>>();
  const unlimited = (key: RegionKey) => !(key in spec.quotas);
  for (const members of components.values()) {
    // Only a region without a quota can dominate another.
    const regionsOf = (m: string) => services.get(m)?.map((r) => r.key) ?? [...(buckets.get(m)?.keys() ?? [])];
    if (!members.some((m) => regionsOf(m).some(unlimited))) continue;
    const pruned = pruneComponent(input, members.sort(), byName, heldPeers, members.some((m) => linked.has(m)));
    for (const [name, keys] of pruned) out.set(name, keys);
  }
  return out;
}

function pruneComponent(
  input: PruneInput,
  members: readonly string[],
  byName: ReadonlyMap<string, NormalizedService>,
  heldPeers: ReadonlyMap<string, readonly RegionKey[]>,
  hasTraffic: boolean,
): Map<string, Set<RegionKey>> {
  const { spec, services, buckets, previous, rates } = input;
  const costs = new Map<string, Map<RegionKey, number[]>>();
  const blocked = new Set<RegionKey>(); // regions kept whatever dominates them
  const peers = new Set<RegionKey>(); // regions any workload of the component or a held peer may use
  for (const name of members) {
    const regions = new Map<RegionKey, number[]>();
    const svc = byName.get(name);
    if (svc && services.has(name)) {
      for (const ro of services.get(name)!) {
        const c = input.regionCost(svc, ro);
        regions.set(ro.key, [c.onDemand, c.spot]);
      }
      for (const g of previous?.services[name]?.groups ?? []) blocked.add(`${g.cloud}:${g.region}`);
    } else {
      for (const [key, usd] of buckets.get(name) ?? []) regions.set(key, [usd]);
      const p = previous?.buckets[name];
      if (p) blocked.add(`${p.cloud}:${p.region}`);
    }
    for (const k of regions.keys()) peers.add(k);
    for (const k of heldPeers.get(name) ?? []) {
      peers.add(k);
      blocked.add(k);
    }
    costs.set(name, regions);
  }
  const all = [...new Set([...costs.values()].flatMap((m) => [...m.keys()]))].sort();
  const peerList = [...peers].sort();
  const dom = (a: RegionKey, b: RegionKey): boolean => {
    if (a === b || splitKey(a)[0] !== splitKey(b)[0] || a in spec.quotas) return false;
    for (const m of costs.values()) {
      const cb = m.get(b);
      if (!cb) continue;
      const ca = m.get(a);
      if (!ca || ca.some((v, i) => v > cb[i] + EPS)) return false;
    }
    if (input.extra && !input.extra(a, b, peerList)) return false;
    if (!hasTraffic) return true;
    if (rates.zoneOf(a).internet > rates.zoneOf(b).internet + EPS) return false;
    for (const q of peerList) {
      if (q === a || q === b) continue;
      if (rates.cost(a, q) > rates.cost(b, q) + EPS || rates.cost(q, a) > rates.cost(q, b) + EPS) return false;
    }
    return true;
  };
  // How many regions must dominate b: one, plus k_m − 1 for each service m of the component
  // needing k_m > 1 regions that may use b.
  const needed = (b: RegionKey): number => {
    let n = 1;
    for (const name of members) {
      const k = byName.get(name)?.minRegions ?? 1;
      if (k > 1 && costs.get(name)!.has(b)) n += k - 1;
    }
    return n;
  };
  // Drop b only for regions still kept: each dropped region then points, through regions
  // dropped later, to a kept one, so moves along the chain reach a region the model has.
  const prunedKeys = new Set<RegionKey>();
  for (const b of all) {
    if (blocked.has(b)) continue;
    const need = needed(b);
    let found = 0;
    for (const a of all) if (!prunedKeys.has(a) && dom(a, b) && (!dom(b, a) || a < b) && ++found >= need) break;
    if (found >= need) prunedKeys.add(b);
  }
  const out = new Map<string, Set<RegionKey>>();
  for (const [name, m] of costs) {
    const drop = new Set([...m.keys()].filter((k) => prunedKeys.has(k)));
    if (drop.size > 0) out.set(name, drop);
  }
  return out;
}
