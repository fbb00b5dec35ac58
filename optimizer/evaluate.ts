// Evaluation: the monthly cost of any plan, computed from the catalog without a solver.
// This is the cost model the ILP encodes (see ilp.ts); the two must agree to the cent.
//
// Traffic model (optimizer/traffic.ts). A link carries T GiB a month, half in each direction.
// For the direction x -> y with volume V = T/2, x sends V·s_x(r) from each region r and y
// receives V·s_y(q) in each region q, where s_w(r) is the share of w's replicas in r (1 or 0
// for a bucket). Who talks to whom is the cheapest assignment (min-cost transportation), and
// each GiB is charged at the rate between the two regions actually used: nothing within a
// region, the catalog's inter-region rate from r to q within a cloud, r's internet egress
// across clouds. The cost is charged to the sending workload and the sending region's cloud.

import { Catalog, HOURS_PER_MONTH, Offer } from "./catalog";
import { networkCost } from "./network/costs";
import type { CostBreakdown, NetworkCostSummary, Plan, PlanCost, ServiceCost } from "./plan";
import type { Cloud, NormalizedLink, NormalizedSpec } from "./spec";
import { placedDatabaseOffer } from "./database-offers";
import { cheapestRouting, RegionKey, splitKey, trafficRates, TrafficRates } from "./traffic";

export { splitKey } from "./traffic";
export type { RegionKey } from "./traffic";

/** Monthly USD of one replica group's compute (on-demand and spot). */
export function computeMonthlyUSD(offer: Offer, count: number, spot: number): number {
  const spotPrice = offer.spotHourlyUSD ?? offer.onDemandHourlyUSD;
  return HOURS_PER_MONTH * ((count - spot) * offer.onDemandHourlyUSD + spot * spotPrice);
}

/** Share of a workload's replicas per region ("cloud:region"), summing to 1 when placed. */
export interface Shares {
  readonly regions: ReadonlyMap<RegionKey, number>;
}

/**
 * Monthly USD of sending `volume` GiB from workload x to workload y, given their shares, as the
 * part charged to each sending region. Zero when either end is not placed.
 */
export function directionCost(volume: number, x: Shares, y: Shares, rates: TrafficRates): Map<RegionKey, number> {
  if (volume <= 0) return new Map();
  const scale = (s: Shares) => new Map([...s.regions].map(([r, v]) => [r, v * volume]));
  return cheapestRouting(scale(x), scale(y), rates.cost);
}

/** Shares of a service's replicas per region in a plan (empty when it is not placed). */
export function serviceShares(plan: Plan, name: string): Shares {
  const regions = new Map<RegionKey, number>();
  const groups = plan.services[name]?.groups ?? [];
  const total = groups.reduce((n, g) => n + g.count, 0);
  for (const g of groups) {
    const k = `${g.cloud}:${g.region}`;
    regions.set(k, (regions.get(k) ?? 0) + g.count / total);
  }
  return { regions };
}

/** Shares of a bucket: all of it in its one region (empty when it is not placed). */
export function bucketShares(plan: Plan, name: string): Shares {
  const b = plan.buckets[name];
  return { regions: b ? new Map([[`${b.cloud}:${b.region}`, 1]]) : new Map() };
}

/** Shares of a database: all of it in its one region (empty when it is not placed). */
export function databaseShares(plan: Plan, name: string): Shares {
  const d = plan.databases?.[name];
  return { regions: d ? new Map([[`${d.cloud}:${d.region}`, 1]]) : new Map() };
}

/** Shares of the workload at one end of a link, by its kind. */
export function endShares(plan: Plan, name: string, kind: NormalizedLink["toKind"]): Shares {
  return kind === "service" ? serviceShares(plan, name) : kind === "bucket" ? bucketShares(plan, name) : databaseShares(plan, name);
}

interface MutableCost {
  compute: number;
  disk: number;
  storage: number;
  internetEgress: number;
  traffic: number;
}

const zero = (): MutableCost => ({ compute: 0, disk: 0, storage: 0, internetEgress: 0, traffic: 0 });
const cents = (x: number) => Math.round(x * 100) / 100;

function finish(c: MutableCost): CostBreakdown {
  const total = c.compute + c.disk + c.storage + c.internetEgress + c.traffic;
  return {
    compute: cents(c.compute),
    disk: cents(c.disk),
    storage: cents(c.storage),
    internetEgress: cents(c.internetEgress),
    traffic: cents(c.traffic),
    total: cents(total),
  };
}

/**
 * Rounds parts to cents so that they add up to `total` exactly (largest remainder first), so a
 * table of a service's groups sums to the service's total.
 */
function byKey<V>(a: [string, V], b: [string, V]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

function centsSummingTo(parts: readonly number[], total: number): number[] {
  const floor = parts.map((x) => Math.floor(x * 100 + 1e-9));
  let left = Math.round(total * 100) - floor.reduce((a, b) => a + b, 0);
  const order = parts.map((x, i) => ({ i, r: x * 100 - floor[i] })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floor[i]++;
    left--;
  }
  return floor.map((c) => c / 100);
}

/** Candidate regions of every workload, as "cloud:region" keys (from the candidates stage). */
export type CandidateRegions = (workload: string) => readonly RegionKey[];

/**
 * Prices a plan against the catalog. Throws a RangeError naming the entry when the plan refers
 * to an instance type or region the catalog does not have. Links with an end the plan does not
 * place carry no traffic. (A fourth argument, the candidate regions, is accepted and unused:
 * traffic is priced between the regions actually used.)
 */
export function evaluatePlan(
  spec: NormalizedSpec,
  plan: Plan,
  catalog: Catalog,
  _candidateRegions?: CandidateRegions,
): PlanCost {
  const rates = trafficRates(catalog);
  const services: Record<string, MutableCost> = {};
  const buckets: Record<string, MutableCost> = {};
  const clouds: Partial<Record<Cloud, number>> = {};
  const addCloud = (c: Cloud, usd: number) => (clouds[c] = (clouds[c] ?? 0) + usd);
  // Per service and group: compute and disk; traffic is added per sending region below.
  const groupUSD = new Map<string, number[]>();
  const regionTraffic = new Map<string, Map<RegionKey, number>>();

  for (const s of spec.services) {
    const acc = (services[s.name] = zero());
    const perGroup: number[] = [];
    for (const g of plan.services[s.name]?.groups ?? []) {
      const offer = catalog.offer(g.cloud, g.region, g.instanceType);
      if (!offer) {
        throw new RangeError(
          `services.${s.name}: ${g.instanceType} is not offered in ${g.cloud}:${g.region} in the price catalog.`,
        );
      }
      const compute = computeMonthlyUSD(offer, g.count, g.spot);
      const disk = g.count * s.diskGiB * catalog.diskPerGiBMonth(g.cloud, g.region);
      acc.compute += compute;
      acc.disk += disk;
      addCloud(g.cloud, compute + disk);
      perGroup.push(compute + disk);
    }
    groupUSD.set(s.name, perGroup);
    regionTraffic.set(s.name, new Map());
  }
  for (const b of spec.buckets) {
    const acc = (buckets[b.name] = zero());
    const p = plan.buckets[b.name];
    if (!p) continue;
    acc.storage += b.storageGiB * catalog.storagePerGiBMonth(p.cloud, p.region);
    acc.internetEgress += b.internetEgressGiB * catalog.internetEgressPerGiB(p.cloud, p.region);
    addCloud(p.cloud, acc.storage + acc.internetEgress);
  }
  const databases: Record<string, MutableCost> = {};
  for (const d of spec.databases ?? []) {
    const acc = (databases[d.name] = zero());
    const p = plan.databases?.[d.name];
    if (!p) continue;
    const offer = placedDatabaseOffer(catalog, d, p);
    if (!offer) {
      throw new RangeError(`databases.${d.name}: ${p.instanceClass} cannot run the database in ${p.cloud}:${p.region} at catalog prices.`);
    }
    acc.compute += offer.computeUSD;
    acc.storage += offer.storageUSD;
    addCloud(p.cloud, offer.monthlyUSD);
  }
  const accOf = { service: services, bucket: buckets, database: databases };
  for (const link of spec.links) {
    const volume = link.monthlyGiB / 2;
    const a = { name: link.from, shares: serviceShares(plan, link.from), acc: services[link.from] };
    const b = { name: link.to, shares: endShares(plan, link.to, link.toKind), acc: accOf[link.toKind][link.to] };
    if (!a.acc || !b.acc || a.shares.regions.size === 0 || b.shares.regions.size === 0) continue;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      for (const [r, usd] of directionCost(volume, x.shares, y.shares, rates)) {
        x.acc.traffic += usd;
        addCloud(splitKey(r)[0], usd);
        const mine = regionTraffic.get(x.name);
        if (mine) mine.set(r, (mine.get(r) ?? 0) + usd);
      }
    }
  }

  const all = [...Object.values(services), ...Object.values(buckets), ...Object.values(databases)];
  const sum = (f: keyof MutableCost) => all.reduce((n, c) => n + c[f], 0);
  const workloads = finish({
    compute: sum("compute"),
    disk: sum("disk"),
    storage: sum("storage"),
    internetEgress: sum("internetEgress"),
    traffic: sum("traffic"),
  });
  const net = networkCost(spec, plan, catalog);
  for (const [c, usd] of Object.entries(net.clouds)) addCloud(c as Cloud, usd!);
  const unrounded = all.reduce((n, c) => n + c.compute + c.disk + c.storage + c.internetEgress + c.traffic, 0) + net.totalUSD;
  const network: NetworkCostSummary | undefined = spec.network
    ? {
        total: cents(net.totalUSD),
        clouds: Object.fromEntries(Object.entries(net.clouds).sort(byKey).map(([k, v]) => [k, cents(v!)])),
        regions: Object.fromEntries(Object.entries(net.regions).sort(byKey).map(([k, v]) => [k, cents(v)])),
        pairs: Object.fromEntries(Object.entries(net.pairs).sort(byKey).map(([k, v]) => [k, cents(v)])),
        frontDoor: cents(net.frontDoorUSD),
      }
    : undefined;
  const total = { ...workloads, total: cents(unrounded) };
  const serviceCost = (name: string, c: MutableCost): ServiceCost => {
    const done = finish(c);
    const groups = plan.services[name]?.groups ?? [];
    // A region's traffic is shared by its groups in proportion to their replicas.
    const inRegion = new Map<RegionKey, number>();
    for (const g of groups) inRegion.set(`${g.cloud}:${g.region}`, (inRegion.get(`${g.cloud}:${g.region}`) ?? 0) + g.count);
    const parts = groups.map((g, i) => {
      const key = `${g.cloud}:${g.region}`;
      return groupUSD.get(name)![i] + ((regionTraffic.get(name)!.get(key) ?? 0) * g.count) / inRegion.get(key)!;
    });
    return { ...done, groups: centsSummingTo(parts, done.total) };
  };
  return {
    ...total,
    ...(network ? { network } : {}),
    services: Object.fromEntries(Object.entries(services).map(([k, v]) => [k, serviceCost(k, v)])),
    buckets: Object.fromEntries(Object.entries(buckets).map(([k, v]) => [k, finish(v)])),
    ...(spec.databases && spec.databases.length > 0
      ? { databases: Object.fromEntries(Object.entries(databases).map(([k, v]) => [k, finish(v)])) }
      : {}),
    clouds: Object.fromEntries(
      Object.entries(clouds)
        .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
        .map(([k, v]) => [k, cents(v!)]),
    ),
  };
}
