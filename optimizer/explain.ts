// Explanation: for each service, its placement in words, the constraints that bind it, and the
// cheapest feasible alternative in every other allowed cloud ("why not gcp: +$212.00/month"),
// found by re-solving with that service restricted to the other cloud and everything else held.

import type { Catalog } from "./catalog";
import type { Candidates } from "./candidates";
import { allowedRegions, cheapestFitting, meetsResidency } from "./candidates";
import { evaluatePlan } from "./evaluate";
import { buildPlacementModel, replicaMonthlyUSD } from "./ilp";
import type { Plan, PlanCost, ServicePlacement } from "./plan";
import type { ServiceExplanation } from "./result";
import type { PlacementSolver } from "./solvers/types";
import { CLOUDS, Cloud, linksByWorkload, NormalizedService, NormalizedSpec } from "./spec";
import { perCloudCap } from "./validate-fields";
import { verifyPlan } from "./verify";
import { latencyReasons, networkReasons } from "./explain-network";
import { NetworkChanges } from "./network/costs";

/** What the explanation stage needs from the optimizer run. */
export interface ExplainContext {
  readonly spec: NormalizedSpec;
  readonly catalog: Catalog;
  readonly candidates: Candidates;
  readonly plan: Plan;
  readonly solver: PlacementSolver;
  /** Epoch milliseconds after which no more alternatives are solved. */
  readonly deadline: number;
  /** Epoch milliseconds after which no more reasons are priced (default: the deadline). */
  readonly reasonsBy?: number;
  /** The plan's cost, when the caller has it already. */
  readonly cost?: PlanCost;
  /** The plan's network changes, when the caller has them already (optimize shares them with the moves). */
  readonly changes?: NetworkChanges;
  readonly relativeGap: number;
}

const usd = (x: number) => `$${x.toFixed(2)}`;

/** "a", "a and b", "a, b and c". */
function words(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
}
const round = (x: number) => Math.round(x * 100) / 100;

/** A service placement in words, e.g. "3 x m7g.large in aws:eu-central-1 (1 spot)". */
export function describePlacement(p: ServicePlacement | undefined): string {
  if (!p || p.groups.length === 0) return "not placed";
  return p.groups
    .map((g) => `${g.count} x ${g.instanceType} in ${g.cloud}:${g.region}${g.spot > 0 ? ` (${g.spot} spot)` : ""}`)
    .join(" + ");
}

/**
 * The part of the spec and plan that one service's placement affects: the service itself, the
 * workloads it is linked with (held), the links between them, and quotas less what every other
 * workload uses. Also returns the clouds used by the workloads left out.
 */
export function neighbourhood(spec: NormalizedSpec, catalog: Catalog, plan: Plan, use: PlanUse, s: NormalizedService) {
  const links = spec.links.filter((l) => l.from === s.name || l.to === s.name);
  const names = new Set([s.name, ...links.flatMap((l) => [l.from, l.to])]);
  const services = spec.services.filter((x) => names.has(x.name));
  const buckets = spec.buckets.filter((x) => names.has(x.name));
  // Start from the whole plan's use and give back what the neighbourhood itself uses.
  const quotas: Record<string, number> = {};
  for (const key of Object.keys(spec.quotas)) quotas[key] = spec.quotas[key] - (use.vcpus.get(key) ?? 0);
  const users = new Map(use.cloudUsers);
  for (const x of services) {
    for (const g of plan.services[x.name]?.groups ?? []) {
      const key = `${g.cloud}:${g.region}`;
      const o = catalog.offer(g.cloud, g.region, g.instanceType);
      if (key in quotas && o) quotas[key] += o.vcpus * g.count;
    }
    for (const c of new Set((plan.services[x.name]?.groups ?? []).map((g) => g.cloud))) users.set(c, users.get(c)! - 1);
  }
  for (const b of buckets) if (plan.buckets[b.name]) users.set(plan.buckets[b.name].cloud, users.get(plan.buckets[b.name].cloud)! - 1);
  const outside = [...users].filter(([, n]) => n > 0).map(([c]) => c).sort();
  const sub: NormalizedSpec = { ...spec, services, buckets, links, quotas };
  const held: Plan = {
    services: Object.fromEntries(services.filter((x) => x.name !== s.name).map((x) => [x.name, plan.services[x.name]])),
    buckets: Object.fromEntries(buckets.map((b) => [b.name, plan.buckets[b.name]])),
  };
  const current: Plan = { services: { ...held.services, [s.name]: plan.services[s.name] }, buckets: held.buckets };
  return { sub, held, current, outside };
}

/**
 * Cheapest on-demand monthly cost of one replica of `s` over the regions `w` (s with a setting
 * relaxed) may use, with `w`'s shape. Remembered per catalog, regions, shape and disk: each
 * service asks it up to five times, and services share settings (at 2,000 services, 0.2 to 0.3 s
 * of the reasons' 0.28 to 0.38 s when none is priced in network).
 */
function cheapestReplica(spec: NormalizedSpec, catalog: Catalog, s: NormalizedService, w: NormalizedService): CheapestReplica | undefined {
  const memo = cheapestReplicas.get(catalog) ?? cheapestReplicas.set(catalog, new Map()).get(catalog)!;
  const key = JSON.stringify([w.clouds, w.regions, w.residency, w.vcpu, w.memoryGiB, w.arch, spec.allowBurstable, s.diskGiB]);
  if (memo.has(key)) return memo.get(key) ?? undefined;
  let best: CheapestReplica | undefined;
  for (const r of allowedRegions(catalog, w)) {
    const o = cheapestFitting(catalog, r.cloud, r.region, w, spec.allowBurstable);
    if (!o) continue;
    const c = replicaMonthlyUSD(catalog, s, o, false);
    if (!best || c < best.usd - 1e-9) best = { usd: c, key: `${r.cloud}:${r.region}`, vcpus: o.vcpus };
  }
  memo.set(key, best ?? null);
  return best;
}
interface CheapestReplica {
  readonly usd: number;
  readonly key: string;
  readonly vcpus: number;
}
const cheapestReplicas = new WeakMap<Catalog, Map<string, CheapestReplica | null>>();

/** What the binding checks read of the whole plan: vCPUs used per region and clouds used. */
export interface PlanUse {
  readonly vcpus: ReadonlyMap<string, number>;
  readonly clouds: ReadonlySet<Cloud>;
  /** Number of workloads using each cloud. */
  readonly cloudUsers: ReadonlyMap<Cloud, number>;
}

/** vCPUs used per region and the clouds each workload of a plan uses. */
export function planUse(catalog: Catalog, plan: Plan): PlanUse {
  const vcpus = new Map<string, number>();
  const cloudUsers = new Map<Cloud, number>();
  const count = (c: Cloud) => cloudUsers.set(c, (cloudUsers.get(c) ?? 0) + 1);
  for (const b of Object.values(plan.buckets)) count(b.cloud);
  for (const sp of Object.values(plan.services)) {
    for (const c of new Set(sp.groups.map((g) => g.cloud))) count(c);
    for (const g of sp.groups) {
      const o = catalog.offer(g.cloud, g.region, g.instanceType);
      if (o) vcpus.set(`${g.cloud}:${g.region}`, (vcpus.get(`${g.cloud}:${g.region}`) ?? 0) + o.vcpus * g.count);
    }
  }
  return { vcpus, clouds: new Set(cloudUsers.keys()), cloudUsers };
}

/**
 * The constraints that keep a service from a cheaper placement, as plain phrases that name the
 * spec setting in parentheses, e.g. "it must run in at least 2 clouds (minClouds 2)".
 */
function bindingConstraints(
  spec: NormalizedSpec,
  catalog: Catalog,
  plan: Plan,
  use: PlanUse,
  s: NormalizedService,
  changes: NetworkChanges,
  deadline: number,
  /** The spec's links to and from the service. */
  links: NormalizedSpec["links"],
): string[] {
  const p = plan.services[s.name];
  const out: string[] = [];
  const base = cheapestReplica(spec, catalog, s, s);
  const cheaperWithout = (relaxed: Partial<NormalizedService>) => {
    const alt = cheapestReplica(spec, catalog, s, { ...s, ...relaxed });
    return alt !== undefined && (base === undefined || alt.usd < base.usd - 0.005);
  };
  if (s.residency.length > 0 && cheaperWithout({ residency: [] })) out.push(`its data must stay in ${s.residency.join(" or ")} (residency ${s.residency.join(", ")})`);
  if (s.clouds.length < CLOUDS.length && cheaperWithout({ clouds: CLOUDS })) out.push(`it may only use ${s.clouds.join(" and ")} (clouds ${s.clouds.join(", ")})`);
  if (s.regions.length > 0 && cheaperWithout({ regions: [] })) out.push(`it may only use the regions ${s.regions.join(", ")} (regions)`);
  if (s.arch !== "any" && cheaperWithout({ arch: "any" })) out.push(`it needs ${s.arch} instance types (arch ${s.arch})`);
  const groups = p?.groups ?? [];
  const clouds = new Map<Cloud, number>();
  for (const g of groups) clouds.set(g.cloud, (clouds.get(g.cloud) ?? 0) + g.count);
  if (s.minClouds > 1) out.push(`it must run in at least ${s.minClouds} clouds (minClouds ${s.minClouds})`);
  if (s.minRegions > 1) out.push(`it must run in at least ${s.minRegions} regions (minRegions ${s.minRegions})`);
  const cap = perCloudCap(s.maxSharePerCloud, s.replicas);
  if (cap < s.replicas && [...clouds.values()].some((n) => n === cap)) out.push(`at most ${cap} of its ${s.replicas} replicas may run in one cloud (maxSharePerCloud ${s.maxSharePerCloud})`);
  const spot = groups.reduce((n, g) => n + g.spot, 0);
  if (s.spotReplicas > 0 && spot === s.spotReplicas && spot < s.replicas) out.push(`only ${s.spotReplicas} of its replicas may run on cheaper spot capacity (spotReplicas ${s.spotReplicas})`);
  // Quotas: a region with a cheaper fitting offer than the dearest replica, too full to take one.
  const dearest = Math.max(0, ...groups.map((g) => {
    const o = catalog.offer(g.cloud, g.region, g.instanceType);
    return o ? replicaMonthlyUSD(catalog, s, o, false) : 0;
  }));
  for (const key of Object.keys(spec.quotas).sort()) {
    const left = spec.quotas[key] - (use.vcpus.get(key) ?? 0);
    const [cloud, region] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
    // Only a region the service may use: its clouds, its regions and its residency.
    const info = catalog.region(cloud as Cloud, region);
    const usable = info && s.clouds.includes(info.cloud) && (s.regions.length === 0 || s.regions.includes(region)) && meetsResidency(info, s.residency);
    const o = usable ? cheapestFitting(catalog, info.cloud, region, s, spec.allowBurstable) : undefined;
    const here = o && { usd: replicaMonthlyUSD(catalog, s, o, false), vcpus: o.vcpus };
    if (here && here.usd < dearest - 0.005 && left < here.vcpus) {
      out.push(`the vCPU quota of ${key} is used up (quota ${key}: ${spec.quotas[key]} vCPUs, ${Math.max(0, left)} left)`);
    }
  }
  if (spec.maxClouds < CLOUDS.length && base && !use.clouds.has(base.key.split(":")[0] as Cloud)) {
    out.push(`the whole plan may use at most ${spec.maxClouds} clouds (maxClouds ${spec.maxClouds})`);
  }
  // The reasons from links read only the service's own (a scan of every link per service took
  // 0.2 s at 2,000 services).
  const local = { ...spec, links };
  out.push(...latencyReasons(local, catalog, plan, s, base?.key), ...networkReasons(local, catalog, plan, s, changes, deadline));
  const peers = links.map((l) => (l.from === s.name ? l.to : l.from));
  if (peers.length > 0 && base && !groups.some((g) => `${g.cloud}:${g.region}` === base.key)) {
    out.push(`with its traffic to ${words([...new Set(peers)].sort())} counted, this costs less than where its replicas alone are cheapest`);
  }
  return out;
}

/** Explains every service of a plan: its reasons, then its alternatives until the deadline. */
export async function explainPlan(ctx: ExplainContext): Promise<Record<string, ServiceExplanation>> {
  return explainAlternatives(ctx, explainReasons(ctx));
}

/**
 * Each service's reasons (the settings that bind it, latency and what the network layer would
 * add elsewhere), priced until `reasonsBy` or the deadline. Milliseconds a service: they come
 * before the alternatives (a model solved per cloud), which left all but the first few services
 * without network reasons when solved service by service (100 services with a second left: 65).
 */
export function explainReasons(ctx: ExplainContext): Map<string, string[]> {
  const { spec, catalog, plan } = ctx;
  const use = planUse(catalog, plan);
  const changes = ctx.changes ?? new NetworkChanges(spec, plan, catalog);
  const linksOf = linksByWorkload(spec.links);
  const by = Math.min(ctx.deadline, ctx.reasonsBy ?? Infinity);
  return new Map(spec.services.map((s) => [s.name, bindingConstraints(spec, catalog, plan, use, s, changes, by, linksOf.get(s.name) ?? [])]));
}

/**
 * The explanations of a plan from each service's reasons (explainReasons), with the cheapest
 * alternative in every other allowed cloud, solved until the deadline; those not solved in time
 * are named among the reasons.
 */
export async function explainAlternatives(ctx: ExplainContext, reasons: ReadonlyMap<string, readonly string[]>): Promise<Record<string, ServiceExplanation>> {
  const { spec, catalog, candidates, plan } = ctx;
  const cost = ctx.cost ?? evaluatePlan(spec, plan, catalog);
  const out: Record<string, ServiceExplanation> = {};
  let use: PlanUse | undefined; // once an alternative is to be solved
  for (const s of spec.services) {
    const binding = [...(reasons.get(s.name) ?? [])];
    const used = new Set((plan.services[s.name]?.groups ?? []).map((g) => g.cloud));
    const others = s.clouds.filter((c) => spec.clouds.includes(c) && !used.has(c));
    const alternatives: ServiceExplanation["alternatives"][number][] = [];
    // The service's neighbourhood and its cost there, once an alternative is to be solved.
    let near: (ReturnType<typeof neighbourhood> & { here: number }) | undefined;
    for (const cloud of others) {
      const left = (ctx.deadline - Date.now()) / 1000;
      if (left <= 0.05) {
        binding.push(`the cost in ${cloud} was not computed: the time limit was reached`);
        continue;
      }
      if (!near) {
        const n = neighbourhood(spec, catalog, plan, (use ??= planUse(catalog, plan)), s);
        near = { ...n, here: evaluatePlan(n.sub, n.current, catalog).total };
      }
      const { sub, held, outside, here } = near;
      const restrict = s.minClouds > 1
        ? { service: s.name, clouds: s.clouds, requireCloud: cloud }
        : { service: s.name, clouds: [cloud] };
      const built = buildPlacementModel(sub, catalog, candidates, { fixed: held, restrict, usedClouds: outside });
      if (built.unplaceable.length > 0) {
        binding.push(`no region of ${cloud} has an instance type that fits it`);
        continue;
      }
      // Its limit reckoned now, after the neighbourhood and the model are built.
      const r = await ctx.solver.solve(built.model, { timeLimitSec: Math.min(10, Math.max(0.01, (ctx.deadline - Date.now()) / 1000)), relativeGap: ctx.relativeGap });
      if (r.status === "infeasible") {
        binding.push(`no placement in ${cloud} meets the spec`);
        continue;
      }
      if (r.status === "no_solution") continue;
      const alt = built.decode(r.values);
      if (verifyPlan(sub, catalog, alt).length > 0) continue;
      const delta = round(evaluatePlan(sub, alt, catalog).total - here);
      alternatives.push({
        cloud,
        placement: describePlacement(alt.services[s.name]),
        deltaUSD: delta,
        note: `why not ${cloud}: ${delta >= 0 ? "+" : "-"}${usd(Math.abs(delta))}/month`,
      });
    }
    out[s.name] = {
      service: s.name,
      placement: describePlacement(plan.services[s.name]),
      monthlyUSD: cost.services[s.name]?.total ?? 0,
      binding,
      alternatives,
    };
  }
  return out;
}
