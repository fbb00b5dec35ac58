// Test helpers for the optimizer: normalized spec builders with defaults filled in, a seeded
// random-instance generator over a small set of real catalog regions, seeded previous plans
// that may no longer fit, and a brute-force oracle (with holds and migration from a previous plan).

import type { Catalog } from "../../optimizer/catalog";
import { buildCandidates, fits } from "../../optimizer/candidates";
import { evaluatePlan } from "../../optimizer/evaluate";
import { optimize } from "../../optimizer/optimize";
import { mulberry32 } from "../../bench/generate";
import { bucketMigrationUSD, DEFAULT_MIGRATION, MigrationSettings, serviceMoveUSD } from "../../optimizer/stability";
import type { Plan, ReplicaGroup } from "../../optimizer/plan";
import { Cloud, DEFAULT_NETWORK_COSTS, NormalizedBucket, NormalizedLink, NormalizedService, NormalizedSpec } from "../../optimizer/spec";
import { validateSpec } from "../../optimizer/validate";
import { bucketViolations, globalViolations, serviceViolations, verifyPlan } from "../../optimizer/verify";

/**
 * A staged solve's bound is the best its stages proved, some of them read from a run's progress:
 * that value may differ from the run's last report in the last bit, so compare within rounding.
 */
export function assertSameBound(actual: number, expected: number): void {
  if (!(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)))) {
    throw new Error(`bound ${actual}, expected ${expected} (within rounding)`);
  }
}

/** A normalized service with defaults (2 replicas of 2 vCPU / 4 GiB anywhere). */
export function service(name: string, over: Partial<NormalizedService> = {}): NormalizedService {
  return {
    name,
    replicas: 2,
    vcpu: 2,
    memoryGiB: 4,
    arch: "any",
    diskGiB: 20,
    spotReplicas: 0,
    residency: [],
    clouds: ["aws", "azure", "gcp"],
    regions: [],
    minClouds: 1,
    minRegions: 1,
    maxSharePerCloud: 1,
    ports: [8080],
    publicPorts: [],
    ...over,
  };
}

/** A normalized bucket with defaults (100 GiB anywhere, no internet reads). */
export function bucket(name: string, over: Partial<NormalizedBucket> = {}): NormalizedBucket {
  return { name, storageGiB: 100, internetEgressGiB: 0, residency: [], clouds: ["aws", "azure", "gcp"], regions: [], ...over };
}

/** A normalized link from a service to a service or bucket. */
export function link(from: string, to: string, monthlyGiB: number, toKind: "service" | "bucket" = "service"): NormalizedLink {
  return { from, to, toKind, monthlyGiB, port: toKind === "bucket" ? 443 : 8080 };
}

/** A normalized spec; services and buckets are sorted by name as validation would. */
export function spec(over: Partial<NormalizedSpec> = {}): NormalizedSpec {
  const s: NormalizedSpec = {
    services: [],
    buckets: [],
    links: [],
    clouds: ["aws", "azure", "gcp"],
    maxClouds: 3,
    quotas: {},
    allowBurstable: false,
    ...over,
  };
  const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return { ...s, services: [...s.services].sort(byName), buckets: [...s.buckets].sort(byName) };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence on every run. */
export const rng = mulberry32;

/** Regions the random instances draw from: three per cloud on three continents, so that
 * internet egress and inter-region rates differ within a cloud. */
export const POOL: readonly string[] = [
  "us-east-1", "eu-central-1", "ap-southeast-1",
  "eastus", "westeurope", "japaneast",
  "us-central1", "europe-west4", "asia-northeast1",
];

/** Size knobs of a random instance. */
export interface RandomOptions {
  readonly services: number;
  readonly buckets: number;
  readonly links: number;
  /** Largest replica count. */
  readonly maxReplicas: number;
  /** Regions each workload may use. */
  readonly regionsPerWorkload: number;
  /** Price the network layer (fixed costs), with some services public. */
  readonly network?: boolean;
  /** Latency requirements: on links (same continent or a round trip) and from users. */
  readonly latency?: boolean;
}

/** A seeded random spec over real catalog regions, with availability, spot and quota knobs. */
export function randomSpec(seed: number, o: RandomOptions): NormalizedSpec {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const someRegions = () => {
    const pool = [...POOL];
    const out: string[] = [];
    while (out.length < o.regionsPerWorkload && pool.length > 0) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]);
    return out.sort();
  };
  const sizes: [number, number][] = [[1, 2], [2, 4], [2, 8], [4, 8], [4, 16], [8, 32]];
  const services: NormalizedService[] = [];
  for (let i = 0; i < o.services; i++) {
    const [vcpu, memoryGiB] = pick(sizes);
    const replicas = 1 + Math.floor(r() * o.maxReplicas);
    const spread = r();
    services.push(
      service(`s${i}`, {
        replicas,
        vcpu,
        memoryGiB,
        arch: pick(["any", "any", "x86_64", "arm64"] as const),
        diskGiB: pick([10, 20, 100]),
        spotReplicas: r() < 0.4 ? Math.floor(r() * (replicas + 1)) : 0,
        regions: someRegions(),
        minClouds: replicas >= 2 && spread < 0.2 ? 2 : 1,
        minRegions: replicas >= 2 && spread >= 0.2 && spread < 0.35 ? 2 : 1,
        maxSharePerCloud: replicas >= 2 && spread >= 0.35 && spread < 0.45 ? 0.5 : 1,
      }),
    );
  }
  const buckets: NormalizedBucket[] = [];
  for (let i = 0; i < o.buckets; i++) {
    buckets.push(bucket(`b${i}`, { storageGiB: pick([50, 500, 5000]), internetEgressGiB: pick([0, 100, 1000]), regions: someRegions() }));
  }
  const links: NormalizedLink[] = [];
  for (let i = 0; i < o.links && services.length > 0; i++) {
    const from = pick(services).name;
    const toBucket = buckets.length > 0 && r() < 0.4;
    const to = toBucket ? pick(buckets).name : pick(services).name;
    if (to === from) continue;
    links.push(link(from, to, pick([200, 2000, 20000]), toBucket ? "bucket" : "service"));
  }
  const quotas: Record<string, number> = {};
  if (r() < 0.3) quotas[`aws:${pick(["us-east-1", "eu-central-1"])}`] = pick([4, 8, 16]);
  if (r() < 0.3) quotas[`gcp:${pick(["us-central1", "europe-west4"])}`] = pick([4, 8, 16]);
  const maxClouds = r() < 0.2 ? 2 : 3;
  // Drawn after everything above, so that instances without these options stay as they were.
  if (o.network) {
    for (let i = 0; i < services.length; i++) if (r() < 0.4) services[i] = { ...services[i], publicPorts: [443] };
  }
  if (o.latency) {
    for (let i = 0; i < links.length; i++) {
      const kind = r();
      links[i] = { ...links[i], latency: kind < 0.3 ? { kind: "continent" } : { kind: "rtt", maxRttMs: pick([80, 150, 250]) } };
    }
    for (let i = 0; i < services.length; i++) {
      if (r() >= 0.3) continue;
      const at = pick(POOL);
      const region = `${catalogClouds[at]}:${at}`;
      services[i] = { ...services[i], latency: { maxRttMs: pick([100, 200]), from: [{ name: region, points: [region] }] } };
    }
  }
  return spec({ services, buckets, links, quotas, maxClouds, ...(o.network ? { network: DEFAULT_NETWORK_COSTS } : {}) });
}

/** The cloud of each region of POOL. */
const catalogClouds: Readonly<Record<string, Cloud>> = {
  "us-east-1": "aws", "eu-central-1": "aws", "ap-southeast-1": "aws",
  eastus: "azure", westeurope: "azure", japaneast: "azure",
  "us-central1": "gcp", "europe-west4": "gcp", "asia-northeast1": "gcp",
};

/** Every way to put `n` identical replicas on `options`, as counts per option. */
function multisets(options: number, n: number): number[][] {
  if (options === 0) return n === 0 ? [[]] : [];
  if (options === 1) return [[n]];
  const out: number[][] = [];
  for (let k = 0; k <= n; k++) for (const rest of multisets(options - 1, n - k)) out.push([k, ...rest]);
  return out;
}

/** What the brute force may be told beyond the spec: workloads held, and a previous plan. */
export interface OracleOptions {
  /** Workloads held exactly where this plan puts them. */
  readonly hold?: Plan;
  /** Moving away from it costs the migration the stability model charges. */
  readonly previous?: Plan;
  readonly migration?: MigrationSettings;
}

/** Replica slots of a service: candidate offers, plus the previous plan's offers that still fit. */
function slotsOf(s: NormalizedSpec, catalog: Catalog, svc: NormalizedService, previous?: Plan) {
  const cands = buildCandidates(s, catalog);
  const slots: { cloud: Cloud; region: string; instanceType: string; spot: boolean }[] = [];
  const add = (o: { cloud: Cloud; region: string; instanceType: string }, spot: boolean) => {
    if (!slots.some((x) => x.cloud === o.cloud && x.region === o.region && x.instanceType === o.instanceType && x.spot === spot)) {
      slots.push({ cloud: o.cloud, region: o.region, instanceType: o.instanceType, spot });
    }
  };
  for (const ro of cands.services.get(svc.name) ?? []) {
    for (const o of ro.onDemand) add(o, false);
    for (const o of ro.spot) add(o, true);
    // Staying on a previous offer is always possible where it still fits (as in the ILP).
    for (const g of previous?.services[svc.name]?.groups ?? []) {
      const o = catalog.offer(g.cloud, g.region, g.instanceType);
      if (!o || `${g.cloud}:${g.region}` !== ro.key || !fits(o, svc, s.allowBurstable)) continue;
      add(o, false);
      if (svc.spotReplicas > 0 && o.spotHourlyUSD !== null) add(o, true);
    }
  }
  return slots;
}

/** Migration charged for moving from `previous` to `plan`, as the stability model prices it. */
export function migrationUSD(s: NormalizedSpec, catalog: Catalog, previous: Plan, plan: Plan, settings: MigrationSettings = DEFAULT_MIGRATION): number {
  let usd = 0;
  for (const svc of s.services) {
    const from = previous.services[svc.name]?.groups;
    const to = plan.services[svc.name]?.groups;
    if (from && to && from.length > 0) usd += serviceMoveUSD(s, catalog, svc, from, to, settings);
  }
  for (const b of s.buckets) {
    const from = previous.buckets[b.name];
    const to = plan.buckets[b.name];
    if (from && to && (from.cloud !== to.cloud || from.region !== to.region)) {
      usd += bucketMigrationUSD(catalog, b.storageGiB, from.cloud, from.region, settings);
    }
  }
  return usd;
}

/**
 * The least objective over every placement a brute-force enumeration of the candidates finds:
 * the plan's cost, plus the migration from a previous plan when one is given; held workloads
 * stay where the hold puts them.
 */
export function bruteForce(
  s: NormalizedSpec,
  catalog: Catalog,
  opts: OracleOptions = {},
): { cost: number; objective: number; plan: Plan } | undefined {
  const cands = buildCandidates(s, catalog);
  const perService: { name: string; options: ReplicaGroup[][] }[] = [];
  for (const svc of s.services) {
    const held = opts.hold?.services[svc.name];
    if (held) {
      perService.push({ name: svc.name, options: [[...held.groups]] });
      continue;
    }
    const slots = slotsOf(s, catalog, svc, opts.previous);
    const options: ReplicaGroup[][] = [];
    for (const counts of multisets(slots.length, svc.replicas)) {
      const groups = new Map<string, ReplicaGroup>();
      counts.forEach((n, i) => {
        if (n === 0) return;
        const sl = slots[i];
        const id = `${sl.cloud}\u0000${sl.region}\u0000${sl.instanceType}`;
        const g = groups.get(id) ?? { cloud: sl.cloud, region: sl.region, instanceType: sl.instanceType, count: 0, spot: 0 };
        groups.set(id, { ...g, count: g.count + n, spot: g.spot + (sl.spot ? n : 0) });
      });
      const list = [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, g]) => g);
      if (serviceViolations(s, catalog, svc, { groups: list }).length === 0) options.push(list);
    }
    perService.push({ name: svc.name, options });
  }
  const bucketOptions = s.buckets.map((b) => ({
    name: b.name,
    options: opts.hold?.buckets[b.name]
      ? [opts.hold.buckets[b.name]]
      : (cands.buckets.get(b.name) ?? [])
          .map((r) => ({ cloud: r.cloud, region: r.region }))
          .filter((p) => bucketViolations(s, catalog, b, p).length === 0),
  }));
  let best: { cost: number; objective: number; plan: Plan } | undefined;
  const services: Record<string, { groups: ReplicaGroup[] }> = {};
  const buckets: Record<string, { cloud: Cloud; region: string }> = {};
  const walk = (i: number) => {
    if (i < perService.length) {
      for (const g of perService[i].options) {
        services[perService[i].name] = { groups: g };
        walk(i + 1);
      }
      return;
    }
    const j = i - perService.length;
    if (j < bucketOptions.length) {
      for (const p of bucketOptions[j].options) {
        buckets[bucketOptions[j].name] = p;
        walk(i + 1);
      }
      return;
    }
    const plan: Plan = { services: { ...services }, buckets: { ...buckets } };
    if (globalViolations(s, catalog, plan).length > 0) return;
    const cost = evaluatePlan(s, plan, catalog).total;
    const objective = cost + (opts.previous ? migrationUSD(s, catalog, opts.previous, plan, opts.migration) : 0);
    if (!best || objective < best.objective - 1e-9) best = { cost, objective, plan };
  };
  walk(0);
  if (best && verifyPlan(s, catalog, best.plan).length > 0) throw new Error("the oracle produced an invalid plan");
  return best;
}

/**
 * A seeded previous plan for a spec whose entries may no longer fit it: replica counts one off,
 * regions outside the allowed ones, instance types too small, workloads missing.
 */
export function randomPrevious(seed: number, s: NormalizedSpec, catalog: Catalog): Plan {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const cands = buildCandidates(s, catalog);
  const services: Record<string, { groups: ReplicaGroup[] }> = {};
  for (const svc of s.services) {
    if (r() < 0.15) continue;
    const regions = cands.regionsOf(svc.name);
    const total = Math.max(1, svc.replicas + pick([-1, 0, 0, 1]));
    const parts = total >= 2 && r() < 0.4 ? [1, total - 1] : [total];
    const groups = new Map<string, ReplicaGroup>();
    for (const count of parts) {
      const key = regions.length > 0 && r() < 0.7 ? pick(regions) : `${pick(["aws", "azure", "gcp"] as const)}:${pick(POOL)}`;
      const [cloud, region] = [key.slice(0, key.indexOf(":")) as Cloud, key.slice(key.indexOf(":") + 1)];
      const offers = catalog.offersIn(cloud, region);
      if (offers.length === 0) continue;
      const fitting = offers.filter((o) => fits(o, svc, s.allowBurstable));
      const o = fitting.length > 0 && r() < 0.7 ? pick(fitting) : pick(offers);
      const id = `${cloud}:${region}:${o.instanceType}`;
      const g = groups.get(id) ?? { cloud, region, instanceType: o.instanceType, count: 0, spot: 0 };
      groups.set(id, { ...g, count: g.count + count });
    }
    if (groups.size > 0) services[svc.name] = { groups: [...groups.values()] };
  }
  const buckets: Record<string, { cloud: Cloud; region: string }> = {};
  for (const b of s.buckets) {
    const key = pick(cands.regionsOf(b.name).length > 0 && r() < 0.7 ? cands.regionsOf(b.name) : POOL.map((x) => `${catalog.regionById(x)!.cloud}:${x}`));
    buckets[b.name] = { cloud: key.slice(0, key.indexOf(":")) as Cloud, region: key.slice(key.indexOf(":") + 1) };
  }
  return { services, buckets };
}

/** Number of complete placements the brute force would evaluate (to keep instances small). */
export function enumerationSize(s: NormalizedSpec, catalog: Catalog, opts: OracleOptions = {}): number {
  const cands = buildCandidates(s, catalog);
  let n = 1;
  for (const svc of s.services) {
    if (opts.hold?.services[svc.name]) continue;
    n *= multisets(slotsOf(s, catalog, svc, opts.previous).length, svc.replicas).length;
  }
  for (const b of s.buckets) if (!opts.hold?.buckets[b.name]) n *= Math.max(1, (cands.buckets.get(b.name) ?? []).length);
  return n;
}

/**
 * Solves each seed's random instance at gap 0 and asserts the optimizer reaches the enumerated
 * optimum, with its objective equal to the plan's cost; returns how many instances were checked
 * (those small enough to enumerate and feasible).
 */
export async function agreesWithOracle(catalog: Catalog, seeds: readonly number[], size: RandomOptions, maxEnumeration: number): Promise<number> {
  let checked = 0;
  for (const seed of seeds) {
    const s = randomSpec(seed, size);
    if (enumerationSize(s, catalog) > maxEnumeration) continue;
    const best = bruteForce(s, catalog);
    if (!best) continue;
    const r = await optimize(s, catalog, { relativeGap: 0, explain: false });
    if (Math.abs(r.cost.total - best.cost) > 0.01) throw new Error(`seed ${seed}: ${r.cost.total} vs enumerated ${best.cost}`);
    if (Math.abs(r.report.objective - r.cost.total) > 0.01) throw new Error(`seed ${seed}: objective ${r.report.objective} vs cost ${r.cost.total}`);
    checked++;
  }
  return checked;
}

/**
 * Two readers of one bucket that links keep on their continent: web, whose users in Germany need
 * it within 30 ms, and cron, cheaper in Virginia. Every plan runs the bucket, and so every
 * replica of cron, in Europe. `web` sets web's regions (and clouds).
 */
export function pinnedReadersSpec(catalog: Catalog, web: { readonly regions: readonly string[]; readonly clouds?: readonly Cloud[] }): NormalizedSpec {
  return validateSpec(
    {
      services: {
        web: { replicas: 2, vcpu: 2, memoryGiB: 8, regions: [...web.regions], ...(web.clouds ? { clouds: [...web.clouds] } : {}), latency: { maxRttMs: 30, from: ["DE"] } },
        cron: { replicas: 8, vcpu: 2, memoryGiB: 8, regions: ["us-east-1", "eu-central-1"], clouds: ["aws"] },
      },
      buckets: { data: { storageGiB: 100, regions: ["us-east-1", "eu-central-1"], clouds: ["aws"] } },
      links: [
        { from: "web", to: "data", monthlyGiB: 1 },
        { from: "cron", to: "data", monthlyGiB: 1 },
      ],
    },
    catalog,
  );
}
