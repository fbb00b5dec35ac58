// Candidates: for every workload, the cloud-regions it may use, and for every service and region
// the few instance types worth offering to the solver (the rest are dominated).

import type { Catalog, Offer, RegionInfo } from "./catalog";
import type { RegionKey } from "./evaluate";
import type { NormalizedBucket, NormalizedDatabase, NormalizedService, NormalizedSpec } from "./spec";

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
  const priced: { o: Offer; usd: number }[] = [];
  for (const o of offers) {
    const usd = price(o);
    if (usd !== null) priced.push({ o, usd });
  }
  priced.sort((a, b) => a.usd - b.usd || a.o.vcpus - b.o.vcpus || cmp(a.o.instanceType, b.o.instanceType));
  const kept: Offer[] = [];
  for (const { o } of priced) {
    if (kept.length === 0 || o.vcpus < kept[kept.length - 1].vcpus) kept.push(o);
  }
  return kept;
}

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
        const fitting = catalog.offersIn(region.cloud, region.region).filter((o) => fits(o, s, spec.allowBurstable));
        const onDemand = paretoOffers(fitting, (o) => o.onDemandHourlyUSD);
        const spot = onDemand.length > 0 && s.spotReplicas > 0 ? paretoOffers(fitting, (o) => o.spotHourlyUSD) : [];
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
