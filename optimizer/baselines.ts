// Cost baselines the benchmark sets cloudfit's plans against, built without a solver (the
// cheapest-offer one is also where optimizer/groups.ts starts when time is too short to place a
// large spec group by group):
//   cheapest-offer  each service on its cheapest offers ignoring links and quotas (its own
//                   residency, spread and spot limit kept), then repaired greedily into quotas;
//   single-cloud    the same in one cloud only, for the cloud where it costs least. Cross-cloud
//                   availability cannot hold in one cloud: minClouds k becomes minRegions k there.
// Both keep the spec's latency (baseline-latency.ts narrows where each workload may run
// first), are checked against the whole spec, and are priced with evaluatePlan, the cost model
// cloudfit optimizes, network layer included.

import type { Catalog, Offer } from "./catalog";
import { buildCandidates, type Candidates, type RegionOffers } from "./candidates";
import { evaluatePlan, splitKey, type RegionKey } from "./evaluate";
import type { BucketPlacement, Plan, PlanCost, ReplicaGroup } from "./plan";
import { CLOUDS, type Cloud, type NormalizedService, type NormalizedSpec } from "./spec";
import { balancerViolations, verifyPlan } from "./verify";
import { pinnedForLatency } from "./baseline-latency";
import { replicaMonthlyUSD } from "./ilp";

/** A baseline plan with its cost, or the reason it has none. */
export interface Baseline {
  readonly name: "cheapest-offer" | "single-cloud";
  /** The spec the plan satisfies: the input, or for single-cloud the input with HA kept in one cloud. */
  readonly spec: NormalizedSpec;
  readonly plan?: Plan;
  readonly cost?: PlanCost;
  /** The cloud a single-cloud plan uses. */
  readonly cloud?: Cloud;
  /** Why there is no plan, or what was relaxed to get one. */
  readonly note: string;
}

export interface Unit {
  key: RegionKey;
  offer: Offer;
  spot: boolean;
  count: number;
}

export type Placement = Unit[];

// onDemandUSD's prices by service and region: the sorts that use it ask for each price tens of
// times (0.4 s of the rounded plan's 1 s at 2,000 services before). A region's offers come from
// one catalog, so the pair names the price.
const onDemandMemo = new WeakMap<NormalizedService, WeakMap<RegionOffers, number>>();

/** What one replica of `s` costs a month at the region's cheapest on-demand offer. */
export function onDemandUSD(catalog: Catalog, s: NormalizedService, r: RegionOffers): number {
  const memo = onDemandMemo.get(s) ?? onDemandMemo.set(s, new WeakMap()).get(s)!;
  let usd = memo.get(r);
  if (usd === undefined) memo.set(r, (usd = replicaMonthlyUSD(catalog, s, r.onDemand[0], false)));
  return usd;
}

/** Replicas per region and per cloud of a placement. */
export function spread(p: Placement): { regions: Map<RegionKey, number>; clouds: Map<Cloud, number> } {
  const regions = new Map<RegionKey, number>();
  const clouds = new Map<Cloud, number>();
  for (const u of p) {
    if (u.count === 0) continue;
    regions.set(u.key, (regions.get(u.key) ?? 0) + u.count);
    clouds.set(u.offer.cloud, (clouds.get(u.offer.cloud) ?? 0) + u.count);
  }
  return { regions, clouds };
}

function cap(s: NormalizedService): number {
  return Math.floor(s.maxSharePerCloud * s.replicas + 1e-9);
}

export function spreadOk(s: NormalizedService, p: Placement): boolean {
  const { regions, clouds } = spread(p);
  return (
    regions.size >= s.minRegions &&
    clouds.size >= s.minClouds &&
    [...clouds.values()].every((n) => n <= cap(s))
  );
}

/**
 * Places one service on its cheapest offers with no quota in view: one replica in the cheapest
 * region of each of the minClouds cheapest clouds, more regions up to minRegions, the rest in the
 * cheapest region whose cloud is below its share cap; then up to spotReplicas on spot where cheaper.
 */
export function placeAlone(
  s: NormalizedService,
  catalog: Catalog,
  regions: readonly RegionOffers[],
): Placement | undefined {
  if (regions.length === 0) return undefined;
  const od = (r: RegionOffers) => onDemandUSD(catalog, s, r);
  const sorted = [...regions].sort((a, b) => od(a) - od(b) || (a.key < b.key ? -1 : 1));
  const count = new Map<RegionKey, number>();
  const inCloud = (c: Cloud) =>
    sorted.filter((r) => r.region.cloud === c).reduce((n, r) => n + (count.get(r.key) ?? 0), 0);
  const add = (r: RegionOffers) => count.set(r.key, (count.get(r.key) ?? 0) + 1);
  const firstPerCloud = CLOUDS.map((c) => sorted.find((r) => r.region.cloud === c)).filter(
    (r) => r !== undefined,
  );
  for (const r of firstPerCloud.slice(0, s.minClouds > 1 ? s.minClouds : 0)) add(r!);
  for (const r of sorted) if (count.size < s.minRegions && !count.has(r.key)) add(r);
  let placed = [...count.values()].reduce((a, b) => a + b, 0);
  for (; placed < s.replicas; placed++) {
    const r = sorted.find((x) => inCloud(x.region.cloud) < cap(s));
    if (!r) return undefined;
    add(r);
  }
  const units = toUnits(s, catalog, sorted, count);
  return spreadOk(s, units) ? units : undefined;
}

/**
 * Units of a placement from replicas per region: in each region its cheapest offer, and up to
 * spotReplicas of them on spot where spot saves most per replica (which, with the counts given,
 * is the cheapest way to use the spot allowance); ties in the order of `regions`.
 */
export function toUnits(s: NormalizedService, catalog: Catalog, regions: readonly RegionOffers[], count: ReadonlyMap<RegionKey, number>): Placement {
  const saving = (r: RegionOffers) =>
    r.spot[0] ? onDemandUSD(catalog, s, r) - replicaMonthlyUSD(catalog, s, r.spot[0], true) : 0;
  const spotIn = new Map<RegionKey, number>();
  let spotLeft = s.spotReplicas;
  // Only the regions with replicas can take any (`regions` may list every candidate: pricing
  // spot in all of them took 0.15 s of the rounded plan at 2,000 services).
  const order = spotLeft > 0 ? regions.flatMap((r, i) => ((count.get(r.key) ?? 0) > 0 ? [{ r, i, save: saving(r) }] : [])).sort((a, b) => b.save - a.save || a.i - b.i) : [];
  for (const { r, save } of order) {
    if (spotLeft <= 0 || save <= 0) break;
    const k = Math.min(spotLeft, count.get(r.key) ?? 0);
    spotIn.set(r.key, k);
    spotLeft -= k;
  }
  const units: Placement = [];
  for (const r of regions) {
    const n = count.get(r.key) ?? 0;
    if (n === 0) continue;
    const k = spotIn.get(r.key) ?? 0;
    if (k > 0) units.push({ key: r.key, offer: r.spot[0], spot: true, count: k });
    if (n - k > 0) units.push({ key: r.key, offer: r.onDemand[0], spot: false, count: n - k });
  }
  return units;
}

/**
 * Moves replicas out of regions over their vCPU quota, each time the move that costs least per
 * vCPU freed, to a region with room, keeping every service's spread. Says why when stuck.
 */
export function repairQuotas(
  spec: NormalizedSpec,
  catalog: Catalog,
  cands: Candidates,
  placements: Map<string, Placement>,
  allowed: (service: string, r: RegionOffers) => boolean,
  /** What else a service's placement must keep after a move (optimizer/guided-plan.ts: its users served, its continents). */
  keeps: (s: NormalizedService, p: Placement) => boolean = () => true,
): string | undefined {
  const used = new Map<RegionKey, number>();
  const unitsIn = new Map<RegionKey, { s: NormalizedService; unit: Unit }[]>();
  const byName = new Map(spec.services.map((s) => [s.name, s]));
  const track = (s: NormalizedService, unit: Unit) => {
    if (!unitsIn.has(unit.key)) unitsIn.set(unit.key, []);
    unitsIn.get(unit.key)!.push({ s, unit });
  };
  for (const [name, p] of placements) {
    for (const u of p) {
      used.set(u.key, (used.get(u.key) ?? 0) + u.count * u.offer.vcpus);
      track(byName.get(name)!, u);
    }
  }
  const room = (k: RegionKey) => (spec.quotas[k] ?? Infinity) - (used.get(k) ?? 0);
  for (const key of [...used.keys()].sort()) {
    if (room(key) >= 0) continue;
    // Every (group, target region) pair, cheapest extra cost per vCPU freed first.
    const moves: { s: NormalizedService; from: Unit; r: RegionOffers; perVcpu: number }[] = [];
    for (const { s, unit: from } of unitsIn.get(key)!) {
      for (const r of cands.services.get(s.name)!) {
        if (r.key === key || !allowed(s.name, r)) continue;
        const asSpot = from.spot && r.spot.length > 0;
        const target = asSpot ? replicaMonthlyUSD(catalog, s, r.spot[0], true) : onDemandUSD(catalog, s, r);
        const delta = target - replicaMonthlyUSD(catalog, s, from.offer, from.spot);
        moves.push({ s, from, r, perVcpu: delta / from.offer.vcpus });
      }
    }
    moves.sort(
      (a, b) => a.perVcpu - b.perVcpu || (a.s.name < b.s.name ? -1 : a.s.name > b.s.name ? 1 : 0),
    );
    for (const { s, from, r } of moves) {
      if (room(key) >= 0) break;
      if (from.count === 0) continue;
      const p = placements.get(s.name)!;
      const list = from.spot && r.spot.length > 0 ? r.spot : r.onDemand;
      const offer = list.find((o) => o.vcpus <= room(r.key));
      if (!offer) continue;
      const spot = from.spot && list === r.spot;
      // As many replicas as the overflow needs, the target has room for and the share cap allows.
      let k = Math.min(
        from.count,
        Math.ceil(-room(key) / from.offer.vcpus),
        Math.floor(room(r.key) / offer.vcpus),
      );
      if (r.region.cloud !== from.offer.cloud) {
        k = Math.min(k, cap(s) - (spread(p).clouds.get(r.region.cloud) ?? 0));
      }
      const to: Unit = { key: r.key, offer, spot, count: 0 };
      const fits = (n: number) => {
        from.count -= n;
        to.count = n;
        const ok = n > 0 && spreadOk(s, [...p, to]) && keeps(s, [...p, to]);
        from.count += n;
        return ok;
      };
      if (!fits(k)) k = k > 1 && fits(k - 1) ? k - 1 : fits(1) ? 1 : 0;
      if (k === 0) continue;
      from.count -= k;
      used.set(key, used.get(key)! - k * from.offer.vcpus);
      used.set(to.key, (used.get(to.key) ?? 0) + k * offer.vcpus);
      const same = p.find((u) => u.key === to.key && u.offer === offer && u.spot === spot);
      if (same) same.count += k;
      else {
        to.count = k;
        p.push(to);
        track(s, to);
      }
    }
    if (room(key) < 0)
      return `no room left to move replicas out of ${key} (quota ${spec.quotas[key]} vCPU)`;
  }
  return undefined;
}

/** The plan of a set of placements, groups merged by (region, type) and sorted. */
export function toPlan(
  placements: Map<string, Placement>,
  buckets: Record<string, BucketPlacement>,
): Plan {
  const services: Record<string, { groups: ReplicaGroup[] }> = {};
  for (const name of [...placements.keys()].sort()) {
    const merged = new Map<
      string,
      { cloud: Cloud; region: string; instanceType: string; count: number; spot: number }
    >();
    for (const u of placements.get(name)!) {
      if (u.count === 0) continue;
      const k = `${u.key}:${u.offer.instanceType}`;
      const [cloud, region] = splitKey(u.key);
      const g = merged.get(k) ?? {
        cloud,
        region,
        instanceType: u.offer.instanceType,
        count: 0,
        spot: 0,
      };
      g.count += u.count;
      if (u.spot) g.spot += u.count;
      merged.set(k, g);
    }
    services[name] = {
      groups: [...merged].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, g]) => g),
    };
  }
  return { services, buckets };
}

/** The cheapest region (storage and internet egress) of every bucket among the allowed ones. */
function placeBuckets(spec: NormalizedSpec, catalog: Catalog, cands: Candidates, cloud?: Cloud) {
  const out: Record<string, BucketPlacement> = {};
  for (const b of [...spec.buckets].sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const price = (c: Cloud, r: string) =>
      b.storageGiB * catalog.storagePerGiBMonth(c, r) +
      b.internetEgressGiB * catalog.internetEgressPerGiB(c, r);
    const regions = (cands.buckets.get(b.name) ?? []).filter((r) => !cloud || r.cloud === cloud);
    if (regions.length === 0) return `buckets.${b.name} may not be in ${cloud ?? "any cloud"}`;
    const best = [...regions].sort(
      (x, y) => price(x.cloud, x.region) - price(y.cloud, y.region),
    )[0];
    out[b.name] = { cloud: best.cloud, region: best.region };
  }
  return out;
}

function build(
  name: Baseline["name"],
  spec: NormalizedSpec,
  catalog: Catalog,
  cands: Candidates,
  cloud?: Cloud,
): Baseline & { outside: number } {
  // In single-cloud mode a service that cannot run in `cloud` keeps its own cheapest cloud.
  const outside = new Set<string>();
  const placements = new Map<string, Placement>();
  for (const s of spec.services) {
    const all = cands.services.get(s.name)!;
    let p = cloud
      ? placeAlone(
          s,
          catalog,
          all.filter((r) => r.region.cloud === cloud),
        )
      : undefined;
    if (!p) {
      p = placeAlone(s, catalog, all);
      if (cloud) outside.add(s.name);
    }
    if (!p)
      return {
        name,
        spec,
        cloud,
        outside: 0,
        note: `services.${s.name} cannot meet its own constraints`,
      };
    placements.set(s.name, p);
  }
  const buckets = placeBuckets(spec, catalog, cands, cloud);
  if (typeof buckets === "string") return { name, spec, cloud, outside: 0, note: buckets };
  const allowed = (s: string, r: RegionOffers) =>
    !cloud || outside.has(s) || r.region.cloud === cloud;
  const stuck = repairQuotas(spec, catalog, cands, placements, allowed);
  if (stuck)
    return { name, spec, cloud, outside: outside.size, note: `quota repair failed: ${stuck}` };
  const plan = toPlan(placements, buckets);
  // A plan the network layer cannot lay out (more called services in a region than balancer
  // addresses) has no price: checked() names what it breaks.
  const unbuildable = balancerViolations(spec, plan);
  if (unbuildable.length > 0) return { name, spec, cloud, outside: outside.size, note: `the greedy plan breaks ${unbuildable.length} requirement(s), e.g. ${unbuildable[0]}` };
  const cost = evaluatePlan(spec, plan, catalog, cands.regionsOf);
  return { name, spec, cloud, plan, cost, outside: outside.size, note: "" };
}

/** Each service on its cheapest offers ignoring links and quotas, then repaired into the quotas. */
export function cheapestOfferBaseline(spec: NormalizedSpec, catalog: Catalog): Baseline {
  const { outside, ...b } = build("cheapest-offer", spec, catalog, buildCandidates(pinnedForLatency(spec, catalog), catalog));
  void outside;
  return checked(b, catalog);
}

/** A baseline whose plan breaks its spec (latency the greedy repair missed) has no plan, saying why. */
function checked(b: Baseline, catalog: Catalog): Baseline {
  if (!b.plan) return b;
  const bad = verifyPlan(b.spec, catalog, b.plan);
  if (bad.length === 0) return b;
  return { name: b.name, spec: b.spec, ...(b.cloud ? { cloud: b.cloud } : {}), note: `the greedy plan breaks ${bad.length} requirement(s), e.g. ${bad[0]}` };
}

/**
 * Everything in one cloud, built like cheapest-offer, for the cloud where that costs least.
 * Relaxations, said in `note`: services asking for several clouds get as many regions of that
 * cloud instead, and services that exclude the cloud (by their clouds or residency) stay out.
 */
export function singleCloudBaseline(spec: NormalizedSpec, catalog: Catalog): Baseline {
  const multi = spec.services.filter((s) => s.minClouds > 1 || s.maxSharePerCloud < 1).length;
  const relaxed: NormalizedSpec = {
    ...spec,
    services: spec.services.map((s) =>
      s.minClouds > 1 || s.maxSharePerCloud < 1
        ? {
            ...s,
            minRegions: Math.max(s.minRegions, s.minClouds),
            minClouds: 1,
            maxSharePerCloud: 1,
          }
        : s,
    ),
  };
  const cands = buildCandidates(pinnedForLatency(relaxed, catalog), catalog);
  const tries = spec.clouds.map((c) => checked(build("single-cloud", relaxed, catalog, cands, c), catalog) as Baseline & { outside: number });
  const feasible = tries.filter((t) => t.cost).sort((a, b) => a.cost!.total - b.cost!.total);
  if (feasible.length === 0) {
    return {
      name: "single-cloud",
      spec: relaxed,
      note: tries.map((t) => `${t.cloud}: ${t.note}`).join("; "),
    };
  }
  const { outside, ...best } = feasible[0];
  const notes = [
    multi > 0 ? `${multi} multi-cloud ${multi === 1 ? "service" : "services"} spread over regions of ${best.cloud} instead` : "",
    outside > 0 ? `${outside} ${outside === 1 ? "service that excludes" : "services that exclude"} ${best.cloud} placed elsewhere` : "",
  ];
  return { ...best, note: notes.filter((n) => n).join("; ") };
}
