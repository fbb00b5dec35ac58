// Seeded generator of realistic workload specs for the benchmark: applications of about eight
// services each, linked mostly within their application, with HA, EU residency, spot, arm64/x86
// images, buckets, vCPU quotas that bind on the few hot regions, public front ends with their
// users' round trip, and latency on links, all drawn over the full price catalog.

import type { Catalog, Offer } from "../optimizer/catalog";
import {
  CLOUDS,
  type Arch,
  type BucketSpec,
  type Cloud,
  type LinkSpec,
  type ServiceSpec,
  type WorkloadSpec,
} from "../optimizer/spec";

/** A uniform pseudo-random generator on [0, 1): mulberry32, small, fast and fully seeded. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What to generate. */
export interface GenerateOptions {
  /** Number of services; links are about half of it, buckets about a tenth. */
  readonly services: number;
  /** Seed of the pseudo-random draws; the same seed and size give the same spec. */
  readonly seed?: number;
}

/** Share of services with an availability requirement (half minClouds 2, half minRegions 2). */
export const HA_SHARE = 0.3;
/** Share of services that must stay in the EU (a quarter of them in Germany). */
export const EU_SHARE = 0.2;
/** Share of services that may run some replicas on spot capacity. */
export const SPOT_SHARE = 1 / 3;
/** Hot regions (where the cheapest unconstrained plan would put load) get this share of it. */
export const HOT_QUOTA_SHARE = 0.6;
/** A region is hot when the cheapest unconstrained plan puts at least this share of vCPUs there. */
export const HOT_MIN_SHARE = 0.05;

const ROLES = ["web", "api", "auth", "worker", "db", "cache", "search", "queue", "batch", "ml"];
const APP_SIZE = 8;
// vCPU per replica and how often each size appears: most services are small, a few are large.
const VCPUS = [1, 2, 4, 8, 16, 32, 64];
const VCPU_WEIGHTS = [12, 26, 26, 18, 10, 6, 2];
// GiB of memory per vCPU: compute-, general- and memory-optimised shapes.
const RATIOS = [2, 4, 8];
const RATIO_WEIGHTS = [3, 5, 2];
const DISKS = [20, 30, 50, 100, 200, 500];
const DISK_WEIGHTS = [30, 20, 20, 15, 10, 5];

/** Generates a workload spec of `services` services; deterministic in (services, seed). */
export function generateSpec(catalog: Catalog, opts: GenerateOptions): WorkloadSpec {
  const n = opts.services;
  const rng = mulberry32((opts.seed ?? 1) * 1_000_003 + n);
  const apps = Math.ceil(n / APP_SIZE);
  const appDigits = String(apps - 1).length;
  const names: string[] = [];
  const services: Record<string, ServiceSpec> = {};
  // Exact shares at every size: each trait goes to a seeded random subset of the right size.
  const ha = traitSet(rng, n, HA_SHARE);
  const eu = traitSet(rng, n, EU_SHARE);
  const spot = traitSet(rng, n, SPOT_SHARE);
  for (let i = 0; i < n; i++) {
    const app = Math.floor(i / APP_SIZE);
    const name = `a${String(app).padStart(appDigits, "0")}-${ROLES[i % APP_SIZE]}`;
    names.push(name);
    const traits: Traits = {
      ha: ha.has(i) ? (ha.get(i)! % 2 === 0 ? "clouds" : "regions") : "none",
      residency: eu.has(i) ? (eu.get(i)! % 4 === 3 ? ["DE"] : ["EU"]) : undefined,
      spot: spot.has(i),
    };
    services[name] = drawService(catalog, rng, traits);
  }

  const bucketCount = Math.max(1, Math.round(n / 10));
  const buckets: Record<string, BucketSpec> = {};
  const bucketNames: string[] = [];
  const bucketApp: number[] = [];
  for (let j = 0; j < bucketCount; j++) {
    const app = Math.floor((j * apps) / bucketCount);
    const name = `a${String(app).padStart(appDigits, "0")}-data${j}`;
    bucketNames.push(name);
    bucketApp.push(app);
    buckets[name] = drawBucket(rng);
  }

  const links = drawLinks(rng, names, bucketNames, bucketApp);
  const quotas = bindingQuotas(catalog, services);
  addNetworkTraits(services, buckets, names, links, mulberry32((opts.seed ?? 1) * 7_919 + n));
  return { services, buckets, links, global: { clouds: [...CLOUDS], quotas } };
}

function pick<T>(rng: () => number, items: readonly T[], weights?: readonly number[]): T {
  const w = weights ?? items.map(() => 1);
  let u = rng() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    u -= w[i];
    if (u < 0) return items[i];
  }
  return items[items.length - 1];
}

/** A log-normal draw with the given median and spread, clipped to [lo, hi] and rounded. */
function logNormal(
  rng: () => number,
  median: number,
  sigma: number,
  lo: number,
  hi: number,
): number {
  const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Math.round(Math.min(hi, Math.max(lo, median * Math.exp(sigma * z))));
}

/**
 * round(share * n) of the indices 0..n-1, chosen at random, each mapped to its rank in the
 * choice (so that sub-kinds, e.g. minClouds or minRegions, can alternate within the subset).
 */
function traitSet(rng: () => number, n: number, share: number): Map<number, number> {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return new Map(order.slice(0, Math.round(share * n)).map((idx, rank) => [idx, rank]));
}

interface Traits {
  readonly ha: "clouds" | "regions" | "none";
  readonly residency: readonly string[] | undefined;
  readonly spot: boolean;
}

function drawService(catalog: Catalog, rng: () => number, traits: Traits): ServiceSpec {
  const { ha, residency } = traits;
  let vcpu = pick(rng, VCPUS, VCPU_WEIGHTS);
  const ratio = pick(rng, RATIOS, RATIO_WEIGHTS);
  const archDraw = rng();
  let arch: Arch = archDraw < 0.1 ? "arm64" : archDraw < 0.35 ? "x86_64" : "any";
  const diskGiB = pick(rng, DISKS, DISK_WEIGHTS);
  let replicas = 1 + Math.floor(19 * rng() ** 2.2);
  if (ha !== "none") replicas = Math.max(2, replicas);
  const spotReplicas = traits.spot ? Math.max(1, Math.round(replicas * (0.25 + 0.75 * rng()))) : 0;
  let clouds: Cloud[] | undefined =
    rng() < 0.05 ? CLOUDS.filter((c) => c !== pick(rng, CLOUDS)) : undefined;
  const maxSharePerCloud = ha === "clouds" ? pick(rng, [0.5, 0.6, 0.67]) : undefined;
  const availability =
    ha === "clouds"
      ? { minClouds: 2, maxSharePerCloud }
      : ha === "regions"
        ? { minRegions: 2 }
        : undefined;

  // Shrink the shape until the catalog can host it under its residency, clouds and spread.
  for (;;) {
    const fit = fittingRegions(catalog, { vcpu, memoryGiB: vcpu * ratio, arch, residency, clouds });
    if (spreadFits(fit, replicas, availability)) break;
    if (arch === "arm64") arch = "any";
    else if (vcpu > 1) vcpu /= 2;
    else if (clouds) clouds = undefined;
    else throw new RangeError("The price catalog cannot host the smallest benchmark service.");
  }
  return {
    replicas,
    vcpu,
    memoryGiB: vcpu * ratio,
    ...(arch !== "any" ? { arch } : {}),
    diskGiB,
    ...(spotReplicas > 0 ? { spotReplicas } : {}),
    ...(residency ? { residency } : {}),
    ...(clouds ? { clouds } : {}),
    ...(availability ? { availability } : {}),
  };
}

interface Shape {
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly arch: Arch;
  readonly residency?: readonly string[];
  readonly clouds?: readonly Cloud[];
}

/** The cheapest non-burstable on-demand offer per allowed region that fits the shape. */
function fittingRegions(catalog: Catalog, s: Shape): Map<string, Offer> {
  const out = new Map<string, Offer>();
  for (const r of catalog.regions) {
    if (s.clouds && !s.clouds.includes(r.cloud)) continue;
    if (s.residency && !s.residency.includes(r.continent) && !s.residency.includes(r.country))
      continue;
    let best: Offer | undefined;
    for (const o of catalog.offersIn(r.cloud, r.region)) {
      if (o.category === "burstable" || o.vcpus < s.vcpu || o.memoryGiB < s.memoryGiB) continue;
      if (s.arch !== "any" && o.arch !== s.arch) continue;
      if (!best || o.onDemandHourlyUSD < best.onDemandHourlyUSD) best = o;
    }
    if (best) out.set(`${r.cloud}:${r.region}`, best);
  }
  return out;
}

function spreadFits(
  fit: Map<string, Offer>,
  replicas: number,
  a: { minClouds?: number; minRegions?: number; maxSharePerCloud?: number } | undefined,
): boolean {
  const clouds = new Set([...fit.values()].map((o) => o.cloud)).size;
  if (fit.size === 0 || clouds < (a?.minClouds ?? 1) || fit.size < (a?.minRegions ?? 1))
    return false;
  const cap = Math.floor((a?.maxSharePerCloud ?? 1) * replicas + 1e-9);
  return cap >= 1 && cap * clouds >= replicas;
}

function drawBucket(rng: () => number): BucketSpec {
  const storageGiB = logNormal(rng, 500, 1.5, 10, 200_000);
  const egress = rng() < 0.4 ? Math.round(storageGiB * (0.05 + 0.45 * rng())) : 0;
  const residency = rng() < EU_SHARE ? ["EU"] : undefined;
  return {
    storageGiB,
    ...(egress > 0 ? { internetEgressGiB: egress } : {}),
    ...(residency ? { residency } : {}),
  };
}

/** About n/2 links: four in five between services, one in five to a bucket, mostly within an app. */
function drawLinks(
  rng: () => number,
  names: readonly string[],
  bucketNames: readonly string[],
  bucketApp: readonly number[],
): LinkSpec[] {
  const n = names.length;
  const target = Math.max(1, Math.round(n / 2));
  const seen = new Set<string>();
  const links: LinkSpec[] = [];
  const appOf = (i: number) => Math.floor(i / APP_SIZE);
  for (let tries = 0; links.length < target && tries < target * 50; tries++) {
    const i = Math.floor(rng() * n);
    if (rng() < 0.2 && bucketNames.length > 0) {
      // A service reads and writes a bucket of its own application when there is one.
      const own = bucketNames.map((_, j) => j).filter((j) => bucketApp[j] === appOf(i));
      const j =
        own.length > 0 && rng() < 0.8 ? pick(rng, own) : Math.floor(rng() * bucketNames.length);
      const key = `${names[i]}>${bucketNames[j]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      links.push({
        from: names[i],
        to: bucketNames[j],
        monthlyGiB: logNormal(rng, 400, 1.5, 1, 50_000),
      });
      continue;
    }
    const app = appOf(i);
    const lo = app * APP_SIZE;
    const hi = Math.min(n, lo + APP_SIZE);
    const j =
      rng() < 0.8 && hi - lo > 1 ? lo + Math.floor(rng() * (hi - lo)) : Math.floor(rng() * n);
    if (i === j) continue;
    const key = i < j ? `${i}~${j}` : `${j}~${i}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const [from, to] = rng() < 0.5 ? [i, j] : [j, i];
    links.push({
      from: names[from],
      to: names[to],
      monthlyGiB: logNormal(rng, 150, 1.6, 1, 40_000),
    });
  }
  return links;
}

/**
 * vCPU each cloud-region would carry if every service sat, whole, at its cheapest fitting
 * on-demand offer (the plan quotas are meant to break up).
 */
export function unconstrainedLoad(
  catalog: Catalog,
  services: Readonly<Record<string, ServiceSpec>>,
): Map<string, number> {
  const load = new Map<string, number>();
  for (const s of Object.values(services)) {
    const fit = fittingRegions(catalog, { ...s, arch: s.arch ?? "any" });
    let best: [string, Offer] | undefined;
    for (const [k, o] of [...fit].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (!best || o.onDemandHourlyUSD < best[1].onDemandHourlyUSD) best = [k, o];
    }
    if (best) load.set(best[0], (load.get(best[0]) ?? 0) + best[1].vcpus * s.replicas);
  }
  return load;
}

/** Round trip a user-facing service's users wait at most, in milliseconds. */
export const USER_RTT_MS = 80;
/** Round trip allowed on a link between two applications (which may run on two continents). */
export const CROSS_APP_RTT_MS = 200;

/**
 * What a team states about its network: each application's first service (its front end) is
 * public on 443 and serves users in one country within USER_RTT_MS (Germany for applications
 * holding EU data in a service or a bucket, else the US or Germany); links within an application keep the default
 * (both ends on one continent), links between applications (to a service or to another
 * application's bucket) allow CROSS_APP_RTT_MS. Drawn from
 * their own stream, so the rest of the spec is the same as without them.
 */
function addNetworkTraits(
  services: Record<string, ServiceSpec>,
  buckets: Readonly<Record<string, BucketSpec>>,
  names: readonly string[],
  links: LinkSpec[],
  rng: () => number,
): void {
  const appOf = (name: string) => name.slice(0, name.indexOf("-"));
  // An application holds EU data when one of its services must stay in the EU or reads a bucket
  // that must (its links keep both ends on one continent): its users are then in Germany.
  const euApps = new Set([
    ...names.filter((x) => services[x].residency).map(appOf),
    ...links.filter((l) => buckets[l.to]?.residency).map((l) => appOf(l.from)),
  ]);
  for (let i = 0; i < names.length; i += APP_SIZE) {
    const app = appOf(names[i]);
    const from = euApps.has(app) ? "DE" : pick(rng, ["US", "DE"], [3, 2]);
    services[names[i]] = { ...services[names[i]], ports: [8080], publicPorts: [443], latency: { maxRttMs: USER_RTT_MS, from: [from] } };
  }
  for (let k = 0; k < links.length; k++) {
    const l = links[k];
    if (appOf(l.from) !== appOf(l.to)) links[k] = { ...l, maxRttMs: CROSS_APP_RTT_MS };
  }
}

/**
 * Quotas on the hot cloud-regions only (as a team has where it asked for a raise, not
 * everywhere): those that would carry at least HOT_MIN_SHARE of the unconstrained load get
 * HOT_QUOTA_SHARE of it (so it no longer fits); every other region is unlimited.
 */
function bindingQuotas(
  catalog: Catalog,
  services: Readonly<Record<string, ServiceSpec>>,
): Record<string, number> {
  const load = unconstrainedLoad(catalog, services);
  const total = [...load.values()].reduce((a, b) => a + b, 0);
  const quotas: Record<string, number> = {};
  for (const r of catalog.regions) {
    const key = `${r.cloud}:${r.region}`;
    const hot = load.get(key) ?? 0;
    if (hot >= HOT_MIN_SHARE * total) quotas[key] = Math.floor((HOT_QUOTA_SHARE * hot) / 4) * 4;
  }
  return quotas;
}
