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
  const priced = offers.filter((o) => price(o) !== null);
  priced.sort((a, b) => price(a)! - price(b)! || a.vcpus - b.vcpus || cmp(a.instanceType, b.instanceType));
  const kept: Offer[] = [];
  for (const o of priced) {
    if (kept.length === 0 || o.vcpus < kept[kept.length - 1].vcpus) kept.push(o);
  }
  return kept;
}

/** Enumerates and prunes candidates for every service and bucket of a spec. */
export function buildCandidates(spec: NormalizedSpec, catalog: Catalog): Candidates {
  const services = new Map<string, RegionOffers[]>();
  for (const s of spec.services) {
    const list: RegionOffers[] = [];
    for (const region of allowedRegions(catalog, s)) {
      const fitting = catalog.offersIn(region.cloud, region.region).filter((o) => fits(o, s, spec.allowBurstable));
      const onDemand = paretoOffers(fitting, (o) => o.onDemandHourlyUSD);
      if (onDemand.length === 0) continue;
      const spot = s.spotReplicas > 0 ? paretoOffers(fitting, (o) => o.spotHourlyUSD) : [];
      list.push({ key: `${region.cloud}:${region.region}`, region, onDemand, spot });
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
