// Closing regions: a plan's services leave a region all together when what they cost elsewhere
// is less than what they cost there, the region's network included (its NAT, private zone, public
// balancer, VPN gateway and the connections its links cross). No service alone can close a
// region that others keep open, so moves one at a time miss these savings; the groups' sites
// (groups.ts) find them with a solver, this step without one, in a fraction of a second: for the
// plans made when the time allows no improvement pass (100 services in 1 s, 2,000 in 10 s).
//
// For each region the plan uses, fewest services first: each of its services in turn moves its
// replicas there to the region where they cost least with everything else as it now is (its
// replicas on their cheapest offers there, its links' traffic, the network layer as MoveCosts
// prices it), among the regions other services already use, its peers' regions and its own
// cheapest regions per cloud and continent when the caller gives them (a region no service uses
// yet is opened, its network priced); a move that
// breaks its spread, its users' round trip, a link's round trip that held, a quota or a
// balancer's capacity is not one. When every service has somewhere to go and the moves together
// cost less, they stay; otherwise each goes back. Then each service's replicas in each of its
// regions move alone in the same way, when that costs less. Buckets, databases and held
// workloads keep their regions open to both. Last, each bucket moves with the services its
// links join it to in its region, then each set of linked services of a region without one
// (moveApps): a service beside its bucket or a busy peer seldom leaves alone, since the traffic
// between them would then cost, but together they may. Deterministic in its inputs (but for the
// deadline).
//
// Measured on the quick starts of generated specs (seed 1, in the run): 100 services in 1 s,
// 8 regions closed, 5 moves alone and 2 sets moved (1 with its bucket), $1,045 saved in 0.05 s;
// 2,000 services in 10 s, 17 regions closed, 171 moves alone and 108 sets moved (91 with their
// buckets), $19,092 saved in 1.0 to 1.2 s ($15,085 without the sets, which took 1.0 to 1.2 s too
// before MoveCosts kept shares and totalled traffic without routing it).

import type { Catalog } from "./catalog";
import type { Candidates, RegionOffers } from "./candidates";
import { spreadOk, toPlan, type Placement } from "./baselines";
import type { RegionKey } from "./evaluate";
import { unservedPlaces } from "./latency/requirements";
import { merge, MoveCosts, movedTo, placementUSD, regionsOf } from "./move-costs";
import type { Plan } from "./plan";
import { bucketMonthlyUSD, replicaMonthlyUSD, sortGroups } from "./ilp";
import type { NormalizedBucket, NormalizedService, NormalizedSpec } from "./spec";
import { splitKey } from "./traffic";

/** What closing regions made of a plan. */
export interface ClosedRegions {
  readonly plan: Plan;
  /** The regions no service uses any more, in the order they were closed. */
  readonly closed: readonly RegionKey[];
  /** Moves of one service's replicas in one region made alone, after the closing. */
  readonly moved: number;
  /** Linked sets moved together, after (none: absent): with a bucket or not (moveApps). */
  readonly sets?: number;
  /** Buckets moved with the services their links join them to in their region, of those sets. */
  readonly buckets?: number;
  /** What the moves saved a month, as MoveCosts prices them. */
  readonly savedUSD: number;
}

/** Options of closeRegions. */
export interface CloseOptions {
  /** Workloads that must stay where they are (their regions stay open). */
  readonly held?: ReadonlySet<string>;
  /** Epoch milliseconds after which no more regions are tried. */
  readonly deadline?: number;
  /**
   * Regions each service may also move to, besides those in use and its peers' (the groups give
   * their cheapest per cloud and continent, in their second pass: see CLOSE_PASSES in
   * groups.ts): a plan whose services sit in few regions has seldom a cheap one open. Measured
   * on the quick start of the generated specs (seed 1) in one pass: 100 services in 1 s, $1,346
   * saved where it was $1,045 (12 regions closed where 8 were), in 60 ms where it took 32; 2,000
   * services in 10 s, $19,727 where it was $19,092 (23 regions closed where 17 were), in 1.49 s
   * where it took 1.14.
   */
  readonly cheap?: ReadonlyMap<string, ReadonlySet<RegionKey>>;
}

/** Sweeps over the plan's regions at most (a sweep after the first closes a region the first's moves made closable). */
const SWEEPS = 2;

/**
 * The plan with the regions closed that save money (see the comment at the top of this module),
 * or undefined when none does (or a group's instance type is not in the catalog).
 */
export function closeRegions(spec: NormalizedSpec, catalog: Catalog, candidates: Candidates, plan: Plan, options: CloseOptions = {}): ClosedRegions | undefined {
  const placements = new Map<string, Placement>();
  for (const s of spec.services) {
    const groups = plan.services[s.name]?.groups;
    if (!groups) continue;
    const units: Placement = [];
    for (const g of groups) {
      const offer = catalog.offer(g.cloud, g.region, g.instanceType);
      if (!offer) return undefined;
      const key = `${g.cloud}:${g.region}` as RegionKey;
      if (g.count > g.spot) units.push({ key, offer, spot: false, count: g.count - g.spot });
      if (g.spot > 0) units.push({ key, offer, spot: true, count: g.spot });
    }
    placements.set(s.name, units);
  }
  const fixed = new Map<string, RegionKey>();
  for (const [name, b] of Object.entries(plan.buckets)) fixed.set(name, `${b.cloud}:${b.region}`);
  for (const [name, d] of Object.entries(plan.databases ?? {})) fixed.set(name, `${d.cloud}:${d.region}`);
  const kept = new Set<RegionKey>(fixed.values());
  for (const name of options.held ?? []) for (const k of regionsOf(placements.get(name))) kept.add(k);
  const start = new Map(placements);
  const mc = new MoveCosts(spec, catalog, placements, fixed);
  const byName = new Map(spec.services.map((s) => [s.name, s]));
  const offersOf = new Map<string, ReadonlyMap<RegionKey, RegionOffers>>();
  const offers = (name: string) => offersOf.get(name) ?? offersOf.set(name, new Map((candidates.services.get(name) ?? []).map((r) => [r.key, r]))).get(name)!;
  const closed: RegionKey[] = [];
  let saved = 0;
  // What one replica of a service costs on a region's cheapest offer (spot or not), asked for
  // over and over as its moves are sorted.
  // (A service's offers in a region are an object of its own: the memo is keyed by it.)
  const unitMemo = new Map<RegionOffers, [number | undefined, number | undefined]>();
  const replicaUSD = (s: NormalizedService, r: RegionOffers, spot: boolean) => {
    let memo = unitMemo.get(r);
    if (!memo) unitMemo.set(r, (memo = [undefined, undefined]));
    const i = spot ? 1 : 0;
    return (memo[i] ??= replicaMonthlyUSD(catalog, s, spot ? r.spot[0] : r.onDemand[0], spot));
  };
  const going = () => options.deadline === undefined || Date.now() < options.deadline;

  // Moves `name`'s replicas in `from` to where they cost least; the change in cost, or undefined
  // when they have nowhere to go.
  const leave = (name: string, from: RegionKey, open: readonly RegionKey[]): number | undefined => {
    const s = byName.get(name)!;
    const p = placements.get(name)!;
    const before = placementUSD(catalog, s, p) + mc.traffic(name, mc.sharesOf(name, p));
    const was = regionsOf(p);
    const missed = mc.misses(name, was);
    const leaving = p.filter((u) => u.key === from && u.count > 0);
    const staying = p.filter((u) => u.key !== from);
    const targets = new Set([...open, ...mc.peers(name).flatMap((peer) => mc.at(peer)), ...(options.cheap?.get(name) ?? [])]);
    // Least first: a move costs at least its replicas' change and what entering the region adds
    // to the network (MoveCosts.entryCost), less the most leaving `from` can save on traffic and
    // the network, so the rest are passed over once that is no better than the best move found.
    const floor = before + mc.networkSaveable(name, from);
    const stay = placementUSD(catalog, s, staying);
    const onDemand = leaving.reduce((n, u) => n + (u.spot ? 0 : u.count), 0);
    const onSpot = leaving.reduce((n, u) => n + (u.spot ? u.count : 0), 0);
    const moves: { r: RegionOffers; compute: number; least: number }[] = [];
    for (const q of targets) {
      const r = offers(name).get(q);
      if (!r || q === from) continue;
      const spotOffer = r.spot.length > 0 ? r.spot[0] : r.onDemand[0];
      if (mc.quotaLeft(q) < onDemand * r.onDemand[0].vcpus + onSpot * spotOffer.vcpus) continue;
      const compute = stay + onDemand * replicaUSD(s, r, false) + (onSpot > 0 ? onSpot * replicaUSD(s, r, r.spot.length > 0) : 0);
      moves.push({ r, compute, least: compute + mc.entryCost(name, q, was) });
    }
    moves.sort((a, b) => a.least - b.least || (a.r.key < b.r.key ? -1 : 1));
    let best: { next: Placement; usd: number } | undefined;
    for (const { r, compute, least } of moves) {
      if (best && least - floor >= best.usd) break;
      const next = merge([...staying, ...movedTo(leaving, r)]);
      if (!spreadOk(s, next) || unservedPlaces(catalog, s, regionsOf(next)).length > 0 || [...mc.misses(name, regionsOf(next))].some((x) => !missed.has(x))) continue;
      const net = mc.network(name, was, regionsOf(next));
      if (net.overfull) continue;
      const usd = compute + mc.traffic(name, mc.sharesOf(name, next)) + net.usd - before;
      if (!best || usd < best.usd) best = { next, usd };
    }
    if (!best) return undefined;
    mc.move(name, best.next);
    return best.usd;
  };

  for (let sweep = 0; sweep < SWEEPS && going(); sweep++) {
    const byRegion = members(placements);
    const order = [...byRegion].filter(([k]) => !kept.has(k)).sort(([a, x], [b, y]) => x.length - y.length || (a < b ? -1 : 1));
    let closedNow = 0;
    for (const [key] of order) {
      if (!going()) break;
      const names = [...placements.keys()].filter((n) => regionsOf(placements.get(n)).includes(key)).sort();
      if (names.length === 0) continue;
      const open = [...byRegion.keys()].filter((k) => k !== key && mc.servicesAt(k) > 0).sort();
      const trail: { name: string; prev: Placement }[] = [];
      let total = 0;
      let stuck = false;
      for (const name of names) {
        const prev = placements.get(name)!;
        // A region of many services takes a while: the deadline ends it half-way (undone).
        const d = going() ? leave(name, key, open) : undefined;
        if (d === undefined) {
          stuck = true;
          break;
        }
        trail.push({ name, prev });
        total += d;
      }
      if (stuck || total >= -0.01) {
        for (const { name, prev } of trail.reverse()) mc.move(name, prev);
        continue;
      }
      closed.push(key);
      saved -= total;
      closedNow++;
    }
    if (closedNow === 0) break;
  }
  // Then each service alone: its replicas in each region it uses move where they cost least,
  // when that costs less; not out of a region a bucket, a database or a held workload keeps
  // open (only a database needs its callers beside it, but the others' regions are left as
  // they are too).
  let moved = 0;
  const everywhere = [...members(placements).keys()].sort();
  for (const name of [...placements.keys()].sort()) {
    if (options.held?.has(name)) continue;
    for (const key of regionsOf(placements.get(name))) {
      if (!going()) break;
      if (kept.has(key)) continue;
      const prev = placements.get(name)!;
      const d = leave(name, key, everywhere.filter((k) => k !== key && mc.servicesAt(k) > 0));
      if (d === undefined) continue;
      if (d >= -0.01) mc.move(name, prev);
      else {
        saved -= d;
        moved++;
      }
    }
  }
  // Then each bucket with the services its links join it to in its region (a linked set of an
  // application: no one of them can leave alone without paying for the traffic to the others).
  const apps = moveApps(spec, catalog, candidates, mc, offers, options, going);
  saved -= apps.usd;
  if (closed.length === 0 && moved === 0 && apps.sets === 0) return undefined;
  // Only the services that moved get new groups (in the plan's order of groups); an undone move
  // put back the very placement it took away.
  const changed = new Map([...placements].filter(([name, p]) => p !== start.get(name)));
  const services = { ...plan.services };
  for (const [name, p] of Object.entries(toPlan(changed, {}).services)) services[name] = { groups: sortGroups([...p.groups]) };
  const buckets = { ...plan.buckets };
  for (const [name, key] of apps.moved) {
    const [cloud, region] = splitKey(key);
    buckets[name] = { ...plan.buckets[name], cloud, region };
  }
  return { plan: { ...plan, services, buckets }, closed, moved, ...(apps.sets > 0 ? { sets: apps.sets, buckets: apps.moved.size } : {}), savedUSD: saved };
}

/** What a bucket costs a month in a region: its storage and its internet egress there. */
function bucketUSD(catalog: Catalog, b: NormalizedBucket, key: RegionKey): number {
  const [cloud, region] = splitKey(key);
  return bucketMonthlyUSD(catalog, b.storageGiB, b.internetEgressGiB, { cloud, region });
}

/**
 * Each bucket, in name order, with the services its links join it to (directly or through other
 * such services) that run in its region, moves to the region where that costs least, among those
 * it may use on its continent where services already run: its storage and egress, the services'
 * replicas there on their cheapest offers, their links' traffic and the network layer as
 * MoveCosts prices them; none of them breaking its spread, its users' round trip, a link's round
 * trip that held, a quota or a balancer's capacity. Buckets linked to a database, held or with
 * held services in the set stay, and so do all of them when NAT is off (a service then reads a
 * bucket of another cloud only through GCP's own). Then, region by region, each set of two or
 * more services that links join there (through services there) moves the same way, without a
 * bucket: its region may stay open for others, which closing it could not do. The buckets moved
 * (with their regions), the sets moved and what the moves cost (below zero: saved).
 */
function moveApps(
  spec: NormalizedSpec,
  catalog: Catalog,
  candidates: Candidates,
  mc: MoveCosts,
  offers: (name: string) => ReadonlyMap<RegionKey, RegionOffers>,
  options: CloseOptions,
  going: () => boolean,
): { moved: Map<string, RegionKey>; sets: number; usd: number } {
  const { placements } = mc;
  const moved = new Map<string, RegionKey>();
  let usd = 0;
  let sets = 0;
  const held = options.held ?? new Set<string>();
  const byName = new Map(spec.services.map((s) => [s.name, s]));
  const databases = new Set((spec.databases ?? []).map((d) => d.name));
  const continentOf = (k: RegionKey) => catalog.regionByKey(k)?.continent;

  // Moves the bucket (if any) and the set's replicas in `from` to `to`: the change in cost, or
  // undefined (undone) when a rule breaks. Left applied when `keep`.
  const tryMove = (b: NormalizedBucket | undefined, set: readonly string[], from: RegionKey, to: RegionKey, touched: readonly string[], missed: ReadonlyMap<string, ReadonlySet<string>>, keep: boolean): number | undefined => {
    const trail: { name: string; prev: Placement }[] = [];
    let total = 0;
    if (b) {
      const before = mc.traffic(b.name, mc.sharesOf(b.name));
      mc.moveFixed(b.name, to);
      total += bucketUSD(catalog, b, to) - bucketUSD(catalog, b, from) + mc.traffic(b.name, mc.sharesOf(b.name)) - before;
    }
    let ok = true;
    for (const name of set) {
      const s = byName.get(name)!;
      const p = placements.get(name)!;
      const leaving = p.filter((u) => u.key === from && u.count > 0);
      const r = offers(name).get(to)!;
      const next = merge([...p.filter((u) => u.key !== from), ...movedTo(leaving, r)]);
      const add = leaving.reduce((n, u) => n + u.count * (u.spot && r.spot.length > 0 ? r.spot[0] : r.onDemand[0]).vcpus, 0);
      const was = regionsOf(p);
      const where = regionsOf(next);
      if (mc.quotaLeft(to) < add || !spreadOk(s, next) || unservedPlaces(catalog, s, where).length > 0) {
        ok = false;
        break;
      }
      const net = mc.network(name, was, where);
      if (net.overfull) {
        ok = false;
        break;
      }
      total += placementUSD(catalog, s, next) - placementUSD(catalog, s, p) + mc.traffic(name, mc.sharesOf(name, next)) - mc.traffic(name, mc.sharesOf(name, p)) + net.usd;
      mc.move(name, next);
      trail.push({ name, prev: p });
    }
    ok &&= touched.every((n) => [...mc.misses(n, regionsOf(placements.get(n)))].every((x) => missed.get(n)!.has(x)));
    if (ok && keep) return total;
    for (const { name, prev } of trail.reverse()) mc.move(name, prev);
    if (b) mc.moveFixed(b.name, from);
    return ok ? total : undefined;
  };
  // The best of the targets for the set (with the bucket), applied when it saves anything.
  const moveSet = (b: NormalizedBucket | undefined, set: readonly string[], from: RegionKey, targets: readonly RegionKey[]): boolean => {
    // Latency misses before: none may be added by the move (the set's and their peers').
    const touched = [...new Set([...set, ...set.flatMap((n) => mc.peers(n)), ...(b ? mc.peers(b.name) : [])])].filter((n) => placements.has(n)).sort();
    const missed = new Map(touched.map((n) => [n, mc.misses(n, regionsOf(placements.get(n)))]));
    let best: { to: RegionKey; usd: number } | undefined;
    for (const to of targets) {
      if (!going()) break;
      const d = tryMove(b, set, from, to, touched, missed, false);
      if (d !== undefined && d < (best?.usd ?? -0.01)) best = { to, usd: d };
    }
    if (!best) return false;
    usd += tryMove(b, set, from, best.to, touched, missed, true)!;
    if (b) moved.set(b.name, best.to);
    sets++;
    return true;
  };
  // The services with replicas in `from` that links join to `seed` through such services; none
  // when one of them is held or a database is linked to any (it needs its callers beside it).
  const setOf = (seed: string, from: RegionKey): string[] | undefined => {
    const set: string[] = [];
    const seen = new Set([seed]);
    for (const queue = [seed]; queue.length > 0; ) {
      for (const peer of mc.peers(queue.shift()!)) {
        if (seen.has(peer)) continue;
        seen.add(peer);
        if (databases.has(peer)) return undefined;
        if (!placements.has(peer) || !regionsOf(placements.get(peer)).includes(from)) continue;
        if (held.has(peer)) return undefined;
        set.push(peer);
        queue.push(peer);
      }
    }
    return set.sort();
  };
  const openOn = (from: RegionKey, keys: Iterable<RegionKey>, set: readonly string[]) =>
    [...keys].filter((k) => k !== from && mc.servicesAt(k) > 0 && continentOf(k) === continentOf(from) && set.every((n) => offers(n).has(k))).sort();

  // Buckets first, with their sets (a service reads NAT-less only a bucket of GCP's own).
  if (spec.network?.nat !== "off")
    for (const b of [...spec.buckets].sort((x, y) => (x.name < y.name ? -1 : 1))) {
      if (!going()) break;
      if (held.has(b.name) || mc.at(b.name).length === 0) continue;
      const from = mc.at(b.name)[0];
      const set = setOf(b.name, from);
      if (!set) continue;
      moveSet(b, set, from, openOn(from, (candidates.buckets.get(b.name) ?? []).map((r) => `${r.cloud}:${r.region}` as RegionKey), set));
    }
  // Then each set of two or more services that links join in a region (through services there),
  // their buckets staying where they are: each set once, from its first service by name.
  const byRegion = [...members(placements)].sort(([a], [b]) => (a < b ? -1 : 1));
  const everywhere = byRegion.map(([k]) => k);
  for (const [from, names] of byRegion) {
    const done = new Set<string>();
    for (const name of names.sort()) {
      if (!going()) break;
      if (done.has(name) || held.has(name) || !regionsOf(placements.get(name)).includes(from)) continue;
      const rest = setOf(name, from);
      if (!rest) continue;
      const set = [...new Set([name, ...rest])].sort();
      for (const n of set) done.add(n);
      if (set.length < 2) continue;
      moveSet(undefined, set, from, openOn(from, everywhere, set));
    }
  }
  return { moved, sets, usd };
}

/** The services in each region of the placements. */
function members(placements: ReadonlyMap<string, Placement>): Map<RegionKey, string[]> {
  const out = new Map<RegionKey, string[]>();
  for (const [name, p] of placements) for (const k of regionsOf(p)) (out.get(k) ?? out.set(k, []).get(k)!).push(name);
  return out;
}
