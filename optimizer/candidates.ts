// Candidates: for every workload, the cloud-regions it may use, and for every service and region
// the few instance types worth offering to the solver (the rest are dominated).

import type { Catalog, Offer, RegionInfo } from "./catalog";
import type { RegionKey } from "./evaluate";
import type { Cloud, NormalizedBucket, NormalizedDatabase, NormalizedService, NormalizedSpec } from "./spec";

/** The offers of one service in one region that no other offer there dominates. */
export interface RegionOffers {
  readonly key: RegionKey;
  readonly region: RegionInfo;
  /** On-demand Pareto set: cheaper first; each next one uses fewer vCPUs (for binding quotas). */
  readonly onDemand: readonly Offer[];
  /** Spot Pareto set, by spot price; empty where no fitting type has a spot price. */
  readonly spot: readonly Offer[];
}

/** Candidate regions and offers for a whole spec. */
export interface Candidates {
  /** Regions, sorted by key, where a service has at least one fitting offer. */
  readonly services: ReadonlyMap<string, readonly RegionOffers[]>;
  /** Regions, sorted by key, where a bucket may live. */
  readonly buckets: ReadonlyMap<string, readonly RegionInfo[]>;
  /** Candidate region keys of any workload (service or bucket). */
  regionsOf(workload: string): readonly RegionKey[];
}

/** Whether a region satisfies a residency list of continents and/or ISO country codes. */
export function meetsResidency(region: RegionInfo, residency: readonly string[]): boolean {
  return residency.length === 0 || residency.includes(region.continent) || residency.includes(region.country);
}

/** Regions a workload may use by residency, allowed clouds and allowed regions. */
export function allowedRegions(
  catalog: Catalog,
  w: NormalizedService | NormalizedBucket | NormalizedDatabase,
): RegionInfo[] {
  return catalog.regions
    .filter(
      (r) =>
        w.clouds.includes(r.cloud) &&
        (w.regions.length === 0 || w.regions.includes(r.region)) &&
        meetsResidency(r, w.residency),
    )
    .slice()
    .sort((a, b) => cmp(`${a.cloud}:${a.region}`, `${b.cloud}:${b.region}`));
}

/** Whether an offer can host one replica of the service. */
export function fits(offer: Offer, s: NormalizedService, allowBurstable: boolean): boolean {
  return (
    offer.vcpus >= s.vcpu &&
    offer.memoryGiB >= s.memoryGiB &&
    (s.arch === "any" || offer.arch === s.arch) &&
    (allowBurstable || offer.category !== "burstable")
  );
}

/**
 * Keeps the offers not dominated on (price, vCPUs): sorted by price, then vCPUs, then name,
 * each kept offer uses strictly fewer vCPUs than every cheaper kept one.
 */
export function paretoOffers(offers: readonly Offer[], price: (o: Offer) => number | null): Offer[] {
  return paretoOf(byPrice(offers, price), () => true, 0);
}

/** Offers with a price, sorted by it, then by vCPUs, then by name. */
function byPrice(offers: readonly Offer[], price: (o: Offer) => number | null): Offer[] {
  const priced: { o: Offer; usd: number }[] = [];
  for (const o of offers) {
    const usd = price(o);
    if (usd !== null) priced.push({ o, usd });
  }
  priced.sort((a, b) => a.usd - b.usd || a.o.vcpus - b.o.vcpus || cmp(a.o.instanceType, b.o.instanceType));
  return priced.map((p) => p.o);
}

/**
 * The Pareto set of the sorted offers that `keep` accepts. None of them has fewer than `least`
 * vCPUs, so the scan ends at the first kept offer with that many.
 */
function paretoOf(sorted: readonly Offer[], keep: (o: Offer) => boolean, least: number): Offer[] {
  const kept: Offer[] = [];
  for (const o of sorted) {
    if (!keep(o) || (kept.length > 0 && o.vcpus >= kept[kept.length - 1].vcpus)) continue;
    kept.push(o);
    if (o.vcpus <= least) break;
  }
  return kept;
}

/**
 * Each region's offers sorted by on-demand and by spot price, once per catalog (keyed by the
 * catalog's own list of the region's offers): every shape's Pareto sets are then a scan of them
 * (at 100 services, the candidates in 0.33 s took sorting the fitting offers for each shape).
 */
const sortedByRegion = new WeakMap<readonly Offer[], { onDemand: Offer[]; spot: Offer[] }>();
function sortedOffers(offers: readonly Offer[]): { onDemand: Offer[]; spot: Offer[] } {
  let sorted = sortedByRegion.get(offers);
  if (!sorted) sortedByRegion.set(offers, (sorted = { onDemand: byPrice(offers, (o) => o.onDemandHourlyUSD), spot: byPrice(offers, (o) => o.spotHourlyUSD) }));
  return sorted;
}

/**
 * The cheapest on-demand offer of a region that fits one replica of the service (ties: fewer
 * vCPUs, then name), remembered per region and shape: the explanations ask it of every region
 * several times per service (at 2,000 services, 1.2 s of scans where a spec has some sixty shapes).
 */
export function cheapestFitting(catalog: Catalog, cloud: Cloud, region: string, s: NormalizedService, allowBurstable: boolean): Offer | undefined {
  const offers = catalog.offersIn(cloud, region);
  let byShape = cheapestByShape.get(offers);
  if (!byShape) cheapestByShape.set(offers, (byShape = new Map()));
  const shape = `${s.vcpu}|${s.memoryGiB}|${s.arch}|${allowBurstable}`;
  let best = byShape.get(shape);
  if (best === undefined) {
    best = sortedOffers(offers).onDemand.find((o) => fits(o, s, allowBurstable)) ?? null;
    byShape.set(shape, best);
  }
  return best ?? undefined;
}
const cheapestByShape = new WeakMap<readonly Offer[], Map<string, Offer | null>>();

/**
 * Enumerates and prunes candidates for every service and bucket of a spec. Services that ask for
 * the same shape in the same regions share their lists (a spec of 2,000 services has some sixty
 * shapes; filtering and sorting every region's offers for each service took 17 s there).
 */
export function buildCandidates(spec: NormalizedSpec, catalog: Catalog): Candidates {
  const services = new Map<string, RegionOffers[]>();
  const regionsFor = new Map<string, RegionInfo[]>();
  const offersFor = new Map<string, { onDemand: Offer[]; spot: Offer[] }>();
  for (const s of spec.services) {
    const where = JSON.stringify([s.clouds, s.regions, s.residency]);
    const allowed = regionsFor.get(where) ?? regionsFor.set(where, allowedRegions(catalog, s)).get(where)!;
    const shape = JSON.stringify([s.vcpu, s.memoryGiB, s.arch, spec.allowBurstable, s.spotReplicas > 0]);
    const list: RegionOffers[] = [];
    for (const region of allowed) {
      const key: RegionKey = `${region.cloud}:${region.region}`;
      const memo = `${key}|${shape}`;
      let offers = offersFor.get(memo);
      if (!offers) {
        const sorted = sortedOffers(catalog.offersIn(region.cloud, region.region));
        const fitting = (o: Offer) => fits(o, s, spec.allowBurstable);
        const onDemand = paretoOf(sorted.onDemand, fitting, s.vcpu);
        const spot = onDemand.length > 0 && s.spotReplicas > 0 ? paretoOf(sorted.spot, fitting, s.vcpu) : [];
        offers = { onDemand, spot };
        offersFor.set(memo, offers);
      }
      if (offers.onDemand.length === 0) continue;
      list.push({ key, region, onDemand: offers.onDemand, spot: offers.spot });
    }
    services.set(s.name, list);
  }
  const buckets = new Map<string, RegionInfo[]>();
  for (const b of spec.buckets) buckets.set(b.name, allowedRegions(catalog, b));
  const keys = new Map<string, RegionKey[]>();
  for (const [n, l] of services) keys.set(n, l.map((r) => r.key));
  for (const [n, l] of buckets) keys.set(n, l.map((r) => `${r.cloud}:${r.region}`));
  return { services, buckets, regionsOf: (w) => keys.get(w) ?? [] };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
