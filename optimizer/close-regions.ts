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
// prices it), among the regions other services already use and its peers' regions; a move that
// breaks its spread, its users' round trip, a link's round trip that held, a quota or a
// balancer's capacity is not one. When every service has somewhere to go and the moves together
// cost less, they stay; otherwise each goes back. Then each service's replicas in each of its
// regions move alone in the same way, when that costs less. Buckets, databases and held
// workloads keep their regions open. Deterministic in its inputs (but for the deadline).
//
// Measured on the quick starts of generated specs (seed 1, warm): 100 services in 1 s, $833
// saved by closing 8 regions, $971 with 5 moves alone after (0.09 s in all); 2,000 services in
// 10 s, 17 regions closed and 171 moves alone, $15,085 saved in 0.74 to 0.79 s (1.0 to 1.2 s
// before MoveCosts kept shares and totalled traffic without routing it).

import type { Catalog } from "./catalog";
import type { Candidates, RegionOffers } from "./candidates";
import { spreadOk, toPlan, type Placement } from "./baselines";
import type { RegionKey } from "./evaluate";
import { unservedPlaces } from "./latency/requirements";
import { merge, MoveCosts, movedTo, placementUSD, regionsOf } from "./move-costs";
import type { Plan } from "./plan";
import { replicaMonthlyUSD, sortGroups } from "./ilp";
import type { NormalizedService, NormalizedSpec } from "./spec";

/** What closing regions made of a plan. */
export interface ClosedRegions {
  readonly plan: Plan;
  /** The regions no service uses any more, in the order they were closed. */
  readonly closed: readonly RegionKey[];
  /** Moves of one service's replicas in one region made alone, after the closing. */
  readonly moved: number;
  /** What the moves saved a month, as MoveCosts prices them. */
  readonly savedUSD: number;
}

/** Options of closeRegions. */
export interface CloseOptions {
  /** Workloads that must stay where they are (their regions stay open). */
  readonly held?: ReadonlySet<string>;
  /** Epoch milliseconds after which no more regions are tried. */
  readonly deadline?: number;
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
    const targets = new Set([...open, ...mc.peers(name).flatMap((peer) => mc.at(peer))]);
    // Cheapest replicas first: a move costs at least its replicas' change less the most leaving
    // `from` can save on traffic and the network, so the rest are passed over once that is no
    // better than the best move found.
    const floor = before + mc.networkSaveable(name, from);
    const stay = placementUSD(catalog, s, staying);
    const onDemand = leaving.reduce((n, u) => n + (u.spot ? 0 : u.count), 0);
    const onSpot = leaving.reduce((n, u) => n + (u.spot ? u.count : 0), 0);
    const moves: { r: RegionOffers; compute: number }[] = [];
    for (const q of targets) {
      const r = offers(name).get(q);
      if (!r || q === from) continue;
      const spotOffer = r.spot.length > 0 ? r.spot[0] : r.onDemand[0];
      if (mc.quotaLeft(q) < onDemand * r.onDemand[0].vcpus + onSpot * spotOffer.vcpus) continue;
      moves.push({ r, compute: stay + onDemand * replicaUSD(s, r, false) + (onSpot > 0 ? onSpot * replicaUSD(s, r, r.spot.length > 0) : 0) });
    }
    moves.sort((a, b) => a.compute - b.compute || (a.r.key < b.r.key ? -1 : 1));
    let best: { next: Placement; usd: number } | undefined;
    for (const { r, compute } of moves) {
      if (best && compute - floor >= best.usd) break;
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
  if (closed.length === 0 && moved === 0) return undefined;
  // Only the services that moved get new groups (in the plan's order of groups); an undone move
  // put back the very placement it took away.
  const changed = new Map([...placements].filter(([name, p]) => p !== start.get(name)));
  const services = { ...plan.services };
  for (const [name, p] of Object.entries(toPlan(changed, {}).services)) services[name] = { groups: sortGroups([...p.groups]) };
  return { plan: { ...plan, services }, closed, moved, savedUSD: saved };
}

/** The services in each region of the placements. */
function members(placements: ReadonlyMap<string, Placement>): Map<RegionKey, string[]> {
  const out = new Map<RegionKey, string[]>();
  for (const [name, p] of placements) for (const k of regionsOf(p)) (out.get(k) ?? out.set(k, []).get(k)!).push(name);
  return out;
}
