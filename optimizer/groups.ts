// Placement group by group, for specs too large to solve as one model ("fix and optimize"):
//   1. the workloads are cut into groups of at most GROUP_SIZE along their links, tightest
//      latency then heaviest traffic first (linked workloads land in one group as long as it has
//      room), and small groups are packed together in name order;
//   2. construction: each group in turn is solved exactly (ilp.ts) with every workload placed
//      before it held where it is. Held workloads are constants of the model, so the regions they
//      already opened, the networks they already connected and the quota they already use are
//      seen as they are: a group pays only what it adds. Links to workloads not placed yet are
//      priced when their other end is placed; regions where a link's latency can never be met
//      (propagated over the whole spec) are never offered. Each workload keeps its cheapest
//      regions per cloud and continent, the regions a guide (the capacity relaxation's solution)
//      gives it or its linked workloads in the group, and the regions of its placed linked
//      workloads, with the group's share of each quota from the guide; then all of its regions
//      and the whole quotas if that fails; then, if that fails too, the group again with its
//      placed neighbours free (up to REPAIR_DEPTH links away). Groups are solved to a loose gap
//      (CONSTRUCTION_GAP, or their first plan when time is short) here: the improvement passes
//      tighten them. A model that ran out of its share of the time is solved again with more
//      before any neighbour is freed. Up to WINDOW groups in a row that no link joins are
//      solved two at a time, in two solvers, their plans taken in order while together they
//      break no rule of the whole spec. With too little time for a construction, or in a
//      re-plan, a quick plan made without a solver (quickStart: the previous plan, or one
//      rounded from the guide) takes its place, its workloads that break a requirement placed
//      again group by group first (in a re-plan it is priced at once, moves included);
//   2b. regions closed without a solver (close-regions.ts): the services of a region leave it
//      together where that costs less, its network included, which no group alone can do and
//      which, at 100 services in 1 s or 2,000 in 10 s, no improvement pass has the time to;
//      then each service's replicas in each region move alone where that costs less (not in a
//      re-plan);
//   3. improvement: with the time left, each group again (those whose workloads cost most over
//      their cheapest first, byExcess), now with every other workload held and
//      every link in the model, warm-started from where it is: the model's objective is then the
//      whole plan's (in a re-plan the held workloads' moves are its constant too), and a group
//      moves only when the whole plan gets cheaper. When a pass moves
//      nothing, the workloads of each region together (sites, which can close a region that
//      workloads of several groups keep open; a quick start begins with them), then every two
//      linked groups together, then every group over all of its regions.
// Every gap is of a group's own cost: the held workloads' cost, a constant of its model, is left
// out of what the solver sees.
// Every plan it returns is a plan of the whole spec (checked by the caller); it proves no bound.

import type { Catalog } from "./catalog";
import type { Candidates } from "./candidates";
import type { RegionKey } from "./evaluate";
import { bucketMonthlyUSD, buildPlacementModel, IlpOptions } from "./ilp";
import { cheapestPerArea, replicaPrices, startFrom } from "./decompose";
import { evaluatePlan } from "./evaluate";
import { planUse } from "./explain";
import { globalViolations } from "./verify";
import { latencyReach } from "./ilp-latency";
import { areaOf } from "./ilp-network";
import { closeRegions } from "./close-regions";
import { joinPlans, onlyWorkloads, withoutWorkloads, type Plan, type PlanCost } from "./plan";
import type { QuickStart } from "./guided-plan";
import type { SolveOptions, SolverOutcome, SparseModel } from "./solvers/types";
import { subSpec, workloadCount, type NormalizedLink, type NormalizedSpec } from "./spec";

/**
 * Seconds per workload that pricing a plan no group's model priced takes at the end (its model's
 * offset): 0.1 to 0.15 s at 2,000 services. Closing regions leaves it that much time.
 */
const UNPRICED_SEC_PER_WORKLOAD = 75e-6;

/**
 * Times closing regions runs over the plan, each time on what the last one left: the first among
 * the regions in use, the second with each workload's cheapest regions too (closeRegions'
 * `cheap`), where it may open one. Measured on the quick starts of the generated specs, 100
 * services in 1 s (plan after closing, seeds 1 to 5 and 60): $89,400, $121,293, $106,556,
 * $138,503, $113,489 and $100,867, where one pass without the cheap regions left $89,700,
 * $121,331, $106,574, $138,568, $113,583 and $101,026; with them in both passes, $89,373,
 * $121,318, $106,737 (its first pass saved $163 less), $138,371, $113,489 and $100,867, in 10 to
 * 60% more time. At 2,000 services in 10 s: $19,092 saved, then $644 in 0.2 to 0.3 s.
 */
const CLOSE_PASSES = 2;

/** Workloads per group: a model of this many workloads over their cheapest regions solves in well under a second. */
export const GROUP_SIZE = 10;
/**
 * Relative gap of each group's own cost (what it adds to the workloads placed before it) while
 * constructing: a loose first plan leaves the time to the improvement passes, which tighten each
 * group to the run's gap from a warm start. Measured at 500 services in 60 s (plan cost): 5%,
 * $425,061 with no time left to improve; 20%, $410,268; 50%, $418,150.
 */
const CONSTRUCTION_GAP = 0.2;
/**
 * Seconds per group left below which construction takes each group's first plan (a gap of 1):
 * at 2,000 services, constructing at CONSTRUCTION_GAP takes some 60 s (0.25 s a group), at the
 * first plan 30 s, for a plan that costs 10% more before the improvement passes.
 */
const HURRIED_GROUP_SEC = 0.5;
/**
 * Seconds per group below which the improvement starts from `quickStart` rather than a
 * construction. Measured with the capacity solution rounded into a plan (guided-plan.ts) as the
 * quick start, against a construction (gap over the proven bound when the limit ends): 2,000
 * services, 30 s: 5.1% (construction does not end: the cheapest-offer plan improved, 16%); 60 s:
 * 3.25 to 3.75% against 11.8%; 120 s (0.46 s a group): 2.34% against 3.3%. 500 services, 30 s
 * (0.48 s a group): 2.7% against 5.8%; 60 s (0.97 s a group): 2.45% against 2.33%; 40 s (0.6 s
 * a group), seeds 1 and 2: 2.06 and 2.72% against 1.97 and 2.77%. 100 services, 10 s (0.75 to
 * 0.8 s a group), plan costs in seeds 1 to 8 and 60: five cheaper from the quick start (by 0.04
 * to 1.2%, seed 2 $121,138 against $122,563), four dearer (by 0.16 to 0.5%), 0.17% cheaper on
 * average; in 30 s (2.4 s a group), three of seeds 1 to 4 cheaper by construction. Measured
 * again with the bounds and quick starts of later models: 500 services in 60 s (about 0.94 s a
 * group), seeds 1 to 5, five cheaper from the quick start, by 0.14 to 0.52% (seed 1 $408,601
 * against $409,413 by construction, where 30 s gave $408,955); 200 services in 30 s (about 1.2 s
 * a group), seeds 1 to 3, one cheaper by 0.25% and two dearer by 0.09 and 0.22%; 50 services in
 * 10 s (about 1.3 s a group), seeds 1 to 4, within 0.13% either way; 100 services in 30 s, seeds
 * 1 to 4, construction cheaper by 0.14% on average.
 */
const QUICK_START_GROUP_SEC = 1.05;
/**
 * Seconds per group below which no quick start that needs its workloads placed again is asked
 * for: its repair could not end in time, and the cheapest-offer plan made after it would overrun
 * the limit. At 2,000 services in 10 s the groups' stage has 3.4 to 6.1 s (0.014 to 0.025 s a
 * group) as the machine's speed goes; the rounding (0.65 to 1.1 s) and its repair (50 workloads,
 * 7 parts, 2.5 to 3.2 s) need about 3.7 s of it.
 */
const REPAIR_GROUP_SEC = 0.015;
/**
 * Seconds a quick start's repair is expected to take per group of workloads placed again (3.4 s
 * for 7 at 2,000 services, two at a time): a repair the time left cannot cover is not begun.
 */
const REPAIR_PART_SEC = 0.5;
/**
 * Relative gap of each group's own cost while a quick start's workloads are placed again: the
 * improvement passes tighten them. Measured at 2,000 services (76 workloads, 13 models): 20%,
 * 10.3 s for $1,884,923; 50%, 6.6 s for $1,888,395; first plans, 6.2 s for $1,907,236.
 */
const REPAIR_GAP = 0.5;
/**
 * Seconds per group from which a re-plan with new workloads starts afresh (a quick start or a
 * construction, its moves priced by the improvement) rather than from the previous plan with
 * them placed beside it. Measured, seed 1, the previous plan that of the spec less some services:
 * 100 services in 10 s (0.75 to 0.8 s a group), from the previous plan $89,567 to $89,668 where
 * the fresh start made $89,198 with one move; 500 in 10 s (about 0.1 s a group), $411,375 to
 * $412,036 and 7 moves where it made $416,404 and 33 moves; 2,000, $1,761,645 and 8 moves
 * against $1,777,845 to $1,787,160 and 87 to 131.
 */
const NEW_RESUME_GROUP_SEC = 0.3;
/** Cheapest regions per cloud and continent each workload keeps while its group is solved. */
const CHEAPEST_PER_AREA = 2;

/**
 * Groups of at most `size` workloads (services, buckets, databases), joined along their links,
 * tightest latency first, then heaviest traffic (ties by names); small groups packed together in
 * name order; sorted by their first member's name. Deterministic in the spec.
 */
export function linkGroups(spec: NormalizedSpec, size = GROUP_SIZE): string[][] {
  const names = [...spec.services.map((s) => s.name), ...spec.buckets.map((b) => b.name), ...(spec.databases ?? []).map((d) => d.name)];
  const parent = new Map(names.map((n) => [n, n]));
  const members = new Map(names.map((n) => [n, 1]));
  const root = (n: string): string => {
    let r = n;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(n, r);
    return r;
  };
  // Tightest latency first (a link whose ends must share a continent ties their placements
  // hardest), then heaviest traffic, then names.
  const tightness = (l: NormalizedLink) => (!l.latency ? Infinity : l.latency.kind === "continent" ? 0 : l.latency.maxRttMs);
  const links = [...spec.links].sort(
    (a, b) => tightness(a) - tightness(b) || b.monthlyGiB - a.monthlyGiB || (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0),
  );
  for (const l of links) {
    if (!parent.has(l.from) || !parent.has(l.to)) continue;
    const a = root(l.from);
    const b = root(l.to);
    if (a === b || members.get(a)! + members.get(b)! > size) continue;
    const [keep, join] = a < b ? [a, b] : [b, a];
    parent.set(join, keep);
    members.set(keep, members.get(a)! + members.get(b)!);
  }
  const groups = new Map<string, string[]>();
  for (const n of names) {
    const r = root(n);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(n);
  }
  // Groups that links leave small are packed with their neighbours in name order (workloads of
  // one application usually share a prefix), so that each model solved places a full group.
  const out: string[][] = [];
  for (const g of [...groups.values()].map((x) => x.sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const last = out[out.length - 1];
    if (last && last.length + g.length <= size) last.push(...g);
    else out.push([...g]);
  }
  return out.map((g) => g.sort());
}

/**
 * Every two groups that links join, as one list of workloads, by the traffic between them
 * (heaviest first, then by their first names).
 */
export function linkedPairs(spec: NormalizedSpec, groups: readonly (readonly string[])[]): string[][] {
  const groupOf = new Map(groups.flatMap((g, i) => g.map((n) => [n, i] as const)));
  const traffic = new Map<string, number>();
  for (const l of spec.links) {
    const a = groupOf.get(l.from);
    const b = groupOf.get(l.to);
    if (a === undefined || b === undefined || a === b) continue;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    traffic.set(key, (traffic.get(key) ?? 0) + l.monthlyGiB);
  }
  return [...traffic]
    .map(([key, gib]) => ({ ij: key.split("|").map(Number), gib }))
    .sort((x, y) => y.gib - x.gib || x.ij[0] - y.ij[0] || x.ij[1] - y.ij[1])
    .map(({ ij }) => [...groups[ij[0]], ...groups[ij[1]]].sort());
}

/** How to run the groups. */
export interface GroupSettings {
  readonly relativeGap: number;
  /** Epoch milliseconds by which construction and improvement end. */
  readonly deadline: number;
  readonly ilp: IlpOptions;
  readonly run: (model: SparseModel, opts: SolveOptions) => Promise<SolverOutcome>;
  /** Improvement passes at most (default: until the deadline or a pass that changes nothing). */
  readonly maxPasses?: number;
  /** A plan of the whole spec to improve instead of constructing one. */
  readonly start?: Plan;
  /** Whether regions are closed without a solver before the improvement (close-regions.ts); default true. */
  readonly closeRegions?: boolean;
  /**
   * Where a relaxation puts each service and the vCPUs it takes per region (capacity-bound.ts):
   * construction then also offers each service those regions and lets each group use only its
   * share of a quota, so that scarce quota goes where the relaxation found it saves most.
   */
  readonly guide?: { readonly regions: ReadonlyMap<string, ReadonlySet<RegionKey>>; readonly vcpus: ReadonlyMap<string, ReadonlyMap<RegionKey, number>> };
  /**
   * Plans of the whole spec made without a solver, tried in order in place of a construction
   * when less than quickStartGroupSec per group is left at the start: the first whose
   * workloads to repair (breaking a requirement) can all be placed again, group by group
   * with every other workload held, is improved. `repairs` is false when too little time is left
   * for that (under REPAIR_GROUP_SEC a group): then only plans with nothing to repair are used.
   */
  readonly quickStart?: (repairs: boolean) => Iterable<QuickStart>;
  /**
   * A re-plan's start (resumePlan in guided-plan.ts: the previous plan, what breaks a rule there
   * and what is new to place), tried before any quick start whatever the time per group (with new
   * workloads, under newResumeGroupSec a group); when its repair fails, the groups go on as
   * without it.
   */
  readonly resume?: QuickStart;
  /** Seconds per group below which a quick start is asked for (default QUICK_START_GROUP_SEC). */
  readonly quickStartGroupSec?: number;
  /** Seconds per group below which a resume with new workloads is tried (default NEW_RESUME_GROUP_SEC). */
  readonly newResumeGroupSec?: number;
  /** Called once every group is placed, by construction or quickStart (not with `start`): what else may now use the second core. */
  readonly onConstructed?: () => void;
  /** Called with the plan's objective whenever the plan of every workload gets cheaper (or is first priced). */
  readonly onPlan?: (objective: number) => void;
  /** Ends the improvement early (the plan so far is kept), e.g. once a bound proves it within the gap asked for. */
  readonly signal?: AbortSignal;
  /** latencyReach of the spec with `ilp.fixed` held, when the caller has it already (about 2 s to compute at 2,000 services). */
  readonly reach?: ReadonlyMap<string, ReadonlySet<string>>;
  /** replicaPrices (decompose.ts) with `ilp.fixed` held, when the caller has them already (about 0.3 s at 2,000 services). */
  readonly replicaPrices?: ReadonlyMap<string, readonly { key: RegionKey; cloud: string; usd: number }[]>;
}

/** What the group solve did. */
export interface GroupOutcome {
  /** A plan of every workload, absent when construction failed or ran out of time. */
  readonly plan?: Plan;
  /** Its objective in the exact model (cost plus migration penalty), NaN without a plan. */
  readonly objective: number;
  readonly groups: number;
  /** Improvement passes completed over all groups (the last one, if any, moved nothing or hit maxPasses). */
  readonly passes: number;
  /** Why construction stopped, when it did. */
  readonly failure?: string;
}

/** What each free workload costs in each region it may use: its replicas at their cheapest offers, or its storage. */
function workloadPrices(
  spec: NormalizedSpec,
  catalog: Catalog,
  candidates: Candidates,
  held: Plan,
  replicas?: ReadonlyMap<string, readonly { key: RegionKey; cloud: string; usd: number }[]>,
): Map<string, readonly { key: RegionKey; cloud: string; usd: number }[]> {
  const prices: Map<string, readonly { key: RegionKey; cloud: string; usd: number }[]> = replicas ? new Map(replicas) : replicaPrices(spec, catalog, candidates, held);
  for (const b of spec.buckets) {
    if (held.buckets[b.name]) continue;
    prices.set(
      b.name,
      (candidates.buckets.get(b.name) ?? []).map((r) => ({ key: `${r.cloud}:${r.region}` as RegionKey, cloud: r.cloud, usd: bucketMonthlyUSD(catalog, b.storageGiB, b.internetEgressGiB, r) })),
    );
  }
  return prices;
}

/**
 * The groups by how much their workloads cost in `plan` over their cheapest (`prices`: a
 * service's replicas or a bucket in its cheapest region; traffic counted in full), most first,
 * ties in their order: an improvement pass that the time limit ends partway through has then
 * spent its time where most can be saved.
 */
function byExcess(cost: PlanCost, prices: ReadonlyMap<string, readonly { usd: number }[]>, groups: readonly string[][]): string[][] {
  const excess = (n: string) => {
    const now = cost.services[n]?.total ?? cost.buckets[n]?.total;
    const floor = Math.min(Infinity, ...(prices.get(n) ?? []).map((x) => x.usd));
    return now === undefined || !Number.isFinite(floor) ? 0 : Math.max(0, now - floor);
  };
  return groups
    .map((g, i) => ({ g, i, usd: g.reduce((x, n) => x + excess(n), 0) }))
    .sort((a, b) => b.usd - a.usd || a.i - b.i)
    .map((x) => x.g);
}

/**
 * Seconds one group's model may take: its share of the time left, but at least MIN_GROUP_SEC
 * (a group's model usually ends well before its limit; the first also starts the solver).
 */
function perGroup(secondsLeft: number, groupsLeft: number): number {
  return Math.max(0.05, Math.min(secondsLeft, Math.max(MIN_GROUP_SEC, (3 * secondsLeft) / groupsLeft)));
}
const MIN_GROUP_SEC = 2;
/** How many times its share a group that ran out of time gets when it is solved again. */
const PATIENT = 5;
/** How many links away from a group that cannot be placed its neighbours are freed to repair it. */
const REPAIR_DEPTH = 3;

/**
 * Quotas for one group while constructing: per region with a quota, the vCPUs held workloads use
 * there plus the group's share in the guide (rounded up), never above the quota itself.
 */
function guidedQuotas(
  spec: NormalizedSpec,
  catalog: Catalog,
  held: Plan,
  group: readonly string[],
  vcpus: ReadonlyMap<string, ReadonlyMap<RegionKey, number>>,
): Record<string, number> {
  const used = planUse(catalog, held).vcpus;
  const out: Record<string, number> = {};
  for (const [key, quota] of Object.entries(spec.quotas)) {
    let share = used.get(key) ?? 0;
    for (const n of group) share += Math.ceil(vcpus.get(n)?.get(key as RegionKey) ?? 0);
    out[key] = Math.min(quota, share);
  }
  return out;
}

/** Free workloads a region may hold for the improvement to solve them together (sites): at most two groups' worth. */
const SITE_SIZE = 2 * GROUP_SIZE;
/**
 * Seconds a site's model may take (it starts from the plan, so it keeps at least that): most end
 * in a few hundredths of a second, and the few that do not seldom close their region. At 100
 * services in 5 s, two sites of four workloads took 1.7 s each of a group's share (2.75% at the
 * limit; with this cap, 2.46%); at 2,000 services in 10 s, 4.76% against 4.70 to 4.80% without.
 */
export const SITE_SEC = 0.25;

/**
 * The free workloads of each region whose network the plan pays for, per region with at most
 * SITE_SIZE of them and no held one, by the region's network cost per workload (most first,
 * ties by region): solved together, they may leave the region and save its network, which no
 * group of them alone can. Regions without a network cost (the spec prices none) give none.
 */
export function sites(spec: NormalizedSpec, catalog: Catalog, plan: Plan, held: ReadonlySet<string>): string[][] {
  return siteOrder(plan, evaluatePlan(spec, plan, catalog), held).map((x) => x.names);
}

/** The sites with their regions, in the order of `sites`; `cost` is the plan's. */
function siteOrder(plan: Plan, cost: PlanCost, held: ReadonlySet<string>): { key: string; names: string[] }[] {
  const network = cost.network?.regions ?? {};
  const at = workloadsByRegion(plan);
  return [...at]
    .filter(([k, names]) => (network[k] ?? 0) > 0 && siteFits(names, held))
    .map(([k, names]) => ({ key: k, names: names.sort(), usd: network[k] / names.length }))
    .sort((a, b) => b.usd - a.usd || (a.key < b.key ? -1 : 1))
    .map(({ key, names }) => ({ key, names }));
}

/** Whether a region's workloads can be solved as a site: some, at most SITE_SIZE, none held. */
function siteFits(names: readonly string[], held: ReadonlySet<string>): boolean {
  return names.length > 0 && names.length <= SITE_SIZE && !names.some((n) => held.has(n));
}

/** Per region, the workloads a plan puts there. */
function workloadsByRegion(plan: Plan): Map<string, string[]> {
  const at = new Map<string, string[]>();
  for (const n of [...Object.keys(plan.services), ...Object.keys(plan.buckets), ...Object.keys(plan.databases ?? {})])
    for (const k of regionsIn(plan, n)) (at.get(k) ?? at.set(k, []).get(k)!).push(n);
  return at;
}

/** Regions where a plan puts one workload (none when the plan does not place it). */
function regionsIn(plan: Plan, name: string): RegionKey[] {
  const s = plan.services[name];
  if (s) return [...new Set(s.groups.filter((g) => g.count > 0).map((g) => `${g.cloud}:${g.region}` as RegionKey))];
  const b = plan.buckets[name] ?? plan.databases?.[name];
  return b ? [`${b.cloud}:${b.region}`] : [];
}

/**
 * Groups in a row that construction solves at once, two at a time, at most (see solveByGroups).
 * Measured at 2,000 services (construction alone, 247 groups): two, 47.3 s; four, 43.6 s; eight,
 * 42.7 s with more groups solved again.
 */
const WINDOW = 4;

/** Runs the tasks two at a time; their results in the tasks' order. */
async function inPairs<T>(tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const k = next++;
      out[k] = await tasks[k]();
    }
  };
  await Promise.all([lane(), lane()]);
  return out;
}

/** Each workload's linked workloads. */
function linkPeers(spec: NormalizedSpec): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (a: string, b: string) => (out.get(a) ?? out.set(a, new Set()).get(a)!).add(b);
  for (const l of spec.links) {
    add(l.from, l.to);
    add(l.to, l.from);
  }
  return out;
}

/**
 * Solves one group with everything in `held` fixed: first over its cheap, guided and linked
 * regions (see the comment at the top of this module), then over all of its regions. Returns the plan of `spec` (held workloads included), or a
 * reason when neither model has a plan in time.
 */
async function solveGroup(
  spec: NormalizedSpec,
  catalog: Catalog,
  candidates: Candidates,
  group: readonly string[],
  held: Plan,
  cheap: ReadonlyMap<string, ReadonlySet<RegionKey>>,
  reach: ReadonlyMap<string, ReadonlySet<RegionKey>>,
  settings: GroupSettings,
  timeLimitSec: number,
  gap: number,
  current?: Plan,
  allRegions = false,
  builtTime?: { ms: number },
): Promise<{ plan: Plan; objective: number } | { failure: string; timedOut: boolean }> {
  const within = (n: string, keys: Iterable<RegionKey>) => new Set([...keys].filter((k) => reach.get(n)?.has(k) ?? true));
  const guided = (n: string) => settings.guide?.regions.get(n) ?? [];
  // Besides its own cheap and guided regions, a workload may use where its linked workloads are
  // (held: traffic to them is free there) or are guided (in the group), and where it is now.
  const inGroup = new Set(group);
  const near = new Map<string, Set<RegionKey>>(group.map((n) => [n, new Set<RegionKey>()]));
  for (const l of spec.links) {
    for (const [me, peer] of [
      [l.from, l.to],
      [l.to, l.from],
    ]) {
      if (!inGroup.has(me)) continue;
      const at = inGroup.has(peer) ? guided(peer) : regionsIn(held, peer);
      for (const k of at) near.get(me)!.add(k);
    }
  }
  const mine = (n: string) => (current ? regionsIn(current, n) : []);
  const narrow = new Map(
    group.filter((n) => cheap.has(n)).map((n) => [n, within(n, [...cheap.get(n)!, ...guided(n), ...near.get(n)!, ...mine(n)])]),
  );
  const wide = new Map(group.filter((n) => reach.has(n)).map((n) => [n, new Set(reach.get(n))]));
  // While constructing, a group gets of each quota what it already holds plus its guided share.
  const shares = !current && settings.guide ? guidedQuotas(spec, catalog, held, group, settings.guide.vcpus) : spec.quotas;
  let last = "";
  let timedOut = false;
  const attempts = [
    [narrow, false, shares],
    [wide, true, spec.quotas],
  ] as const;
  for (const [k, [regions, prune, quotas]] of (allRegions ? attempts.slice(1) : attempts).entries()) {
    if (current && settings.signal?.aborted) break; // an improvement step ended early: no wider model
    // Nor when less than the step's share is left: its build alone (about 0.2 s at 100
    // services) would end past the deadline.
    if (current && k > 0 && (settings.deadline - Date.now()) / 1000 < timeLimitSec) break;
    const t0 = Date.now();
    const built = buildPlacementModel({ ...spec, quotas }, catalog, candidates, { ...settings.ilp, fixed: held, regions, prune });
    if (builtTime && k === 0) builtTime.ms = Date.now() - t0;
    if (built.unplaceable.length > 0) {
      last = `${built.unplaceable.join(", ")} had no region left`;
      continue;
    }
    // An improvement step stops at the deadline: its share was reckoned before its models were
    // built, and a second, wider model after a first that ran out of time would get all of it
    // again (at 100 services in 1 s, a site's two models of 0.25 s each ended up to 0.3 s past
    // the limit). A construction keeps its share: without a plan there is nothing to return.
    // (Reckoned once the warm start is made too: making it took up to 5 ms on a busy machine.)
    const model = { ...built.model, offset: 0 };
    const start = current ? { start: startFrom(built, current) } : {};
    const limit = current ? Math.min(timeLimitSec, (settings.deadline - Date.now()) / 1000) : timeLimitSec;
    if (limit <= 0) {
      last = `the model of ${group.join(", ")} had no time left before the deadline`;
      timedOut = true;
      break;
    }
    // The gap is the group's own: held workloads are the model's constant, which the solver is
    // not given; a gap relative to the whole plan's cost (offset included) lets a group's own
    // part end far from its optimum (0.5% of a $430,000 plan is $2,150, a third of a group).
    const out = await settings.run(model, {
      timeLimitSec: limit,
      ...(current && settings.signal ? { signal: settings.signal } : {}),
      relativeGap: gap,
      ...start,
    });
    if (out.values.length > 0 && out.status !== "infeasible" && out.status !== "no_solution") return { plan: built.decode(out.values), objective: out.objective + built.model.offset };
    last = `the model of ${group.join(", ")} (${built.model.numCols} variables, ${built.model.numRows} constraints) ended with status ${out.status} in ${limit.toFixed(1)} s`;
    timedOut ||= out.status !== "infeasible";
    if (Date.now() >= settings.deadline) break;
  }
  return { failure: last, timedOut };
}

/**
 * Places a spec group by group (see the comment at the top of this module), then improves the
 * plan group by group until the deadline or until a whole pass changes nothing.
 */
export async function solveByGroups(spec: NormalizedSpec, catalog: Catalog, candidates: Candidates, settings: GroupSettings): Promise<GroupOutcome> {
  const held0 = settings.ilp.fixed ?? { services: {}, buckets: {} };
  const heldNames = new Set([...Object.keys(held0.services), ...Object.keys(held0.buckets), ...Object.keys(held0.databases ?? {})]);
  const groups = linkGroups(spec).map((g) => g.filter((n) => !heldNames.has(n))).filter((g) => g.length > 0);
  const prices = workloadPrices(spec, catalog, candidates, held0, settings.replicaPrices);
  const cheap = cheapestPerArea(prices, CHEAPEST_PER_AREA, (x) => areaOf(catalog, x.key));
  // Regions where a link's latency can never hold, propagated over the whole spec: a group's model
  // sees only the links to workloads placed before it, and could otherwise pick one of them.
  const reach = (settings.reach ?? latencyReach(spec, catalog, candidates, held0)) as ReadonlyMap<string, ReadonlySet<RegionKey>>;
  const secondsLeft = () => (settings.deadline - Date.now()) / 1000;
  // The gap each group is constructed to: CONSTRUCTION_GAP, or its first plan when the time left
  // per group is short (checked again at every group, so a run that falls behind speeds up).
  const construct = (groupsLeft: number) => (secondsLeft() / groupsLeft < HURRIED_GROUP_SEC ? 1 : Math.max(settings.relativeGap, CONSTRUCTION_GAP));

  let plan: Plan;
  let objective = NaN;
  const peers = linkPeers(spec);
  // A quick start's workloads that break a latency requirement are placed again, in groups
  // along their links, each with everything else held; the groups not placed again yet are left
  // out of its model as if not placed (their broken links, held, would make it infeasible).
  // Where its held neighbours leave a group no region, they are placed again with it, and theirs,
  // up to REPAIR_DEPTH links away. Two groups no link joins are solved at once and taken
  // together while they break no rule of the whole spec, as in construction. Undefined when a
  // group cannot be placed in time.
  // `share`: of the time left, what the repair may be expected to take.
  const repaired = async (q: QuickStart, share = 1): Promise<{ plan: Plan; objective: number } | undefined> => {
    const parts = linkGroups(subSpec(spec, new Set(q.repair)));
    if (parts.length > 0 && parts.length * REPAIR_PART_SEC > share * secondsLeft()) return undefined;
    // (A re-plan's start leaves its new workloads out of its plan: they are in `repair`.)
    const everything = [...new Set([...Object.keys(q.plan.services), ...Object.keys(q.plan.buckets), ...Object.keys(q.plan.databases ?? {}), ...q.repair])];
    let out = { plan: q.plan, objective: NaN };
    const pending = new Set(q.repair);
    const place = async (part: readonly string[], base: Plan, share: number, gap: number) => {
      const names = new Set(part);
      const away = new Set([...pending].filter((n) => !names.has(n)));
      let r: Awaited<ReturnType<typeof solveGroup>> | undefined;
      for (let depth = 0; depth <= REPAIR_DEPTH && secondsLeft() > 0; depth++) {
        const before = names.size;
        if (depth > 0) for (const n of [...names]) for (const m of peers.get(n) ?? []) if (!heldNames.has(m) && !away.has(m)) names.add(m);
        if (depth > 0 && names.size === before) break;
        const rest = onlyWorkloads(base, new Set(everything.filter((n) => !names.has(n) && !away.has(n))));
        r = await solveGroup(subSpec(spec, new Set(everything.filter((n) => !away.has(n)))), catalog, candidates, [...names].sort(), rest, cheap, reach, settings, share, gap);
        if (!("failure" in r)) return { r, names };
      }
      return undefined;
    };
    for (let i = 0; i < parts.length; ) {
      if (secondsLeft() <= 0) return undefined;
      const share = perGroup(secondsLeft(), parts.length - i);
      const gap = Math.max(construct(parts.length - i), REPAIR_GAP);
      const two = i + 1 < parts.length - 1 && !parts[i + 1].some((n) => parts[i].some((m) => peers.get(n)?.has(m)));
      const batch = parts.slice(i, two ? i + 2 : i + 1);
      const results = await inPairs(batch.map((part) => () => place(part, out.plan, share, gap)));
      let taken = 0;
      const first = new Set<string>();
      for (const x of results) {
        if (!x) break;
        const next = taken === 0 ? x.r : { plan: joinPlans(out.plan, onlyWorkloads(x.r.plan, x.names)), objective: NaN };
        if (taken > 0) {
          // The second stands only beside a first it shares no workload and no link with (the
          // neighbours either freed may have tied them) and if together they break no global rule.
          if ([...x.names].some((n) => first.has(n) || [...(peers.get(n) ?? [])].some((m) => first.has(m)))) break;
          const now = new Set(everything.filter((n) => !pending.has(n) || x.names.has(n)));
          if (globalViolations(subSpec(spec, now), catalog, next.plan).length > 0) break;
        }
        for (const n of x.names) first.add(n);
        out = next;
        for (const n of x.names) pending.delete(n);
        taken++;
      }
      if (taken === 0) return undefined;
      i += taken;
    }
    return out;
  };
  let quick: { plan: Plan; objective: number } | undefined;
  const perGroupNow = secondsLeft() / Math.max(1, groups.length);
  const hurried = perGroupNow < (settings.quickStartGroupSec ?? QUICK_START_GROUP_SEC);
  if (!settings.start && (settings.resume || (settings.quickStart && hurried))) {
    const repairs = perGroupNow >= REPAIR_GROUP_SEC;
    const { resume, quickStart } = settings;
    const resumable = resume && (repairs || resume.repair.length === 0) && (!resume.added || perGroupNow < (settings.newResumeGroupSec ?? NEW_RESUME_GROUP_SEC));
    // A re-plan's start with new workloads whose repair would take more than half the time left
    // is not begun: the other quick starts keep the time for theirs (at 2,000 services in 10 s, a
    // start with 20 new services to place began with too little time, failed, and left the
    // cheapest-offer plan).
    if (resumable) quick = await repaired(resume, resume.added ? 0.5 : 1);
    if (!quick && quickStart && hurried) for (const q of quickStart(repairs)) if ((quick = await repaired(q))) break;
    // A re-plan's start is priced at once, its moves included (0.1 to 0.15 s at 2,000
    // services): a group's model, whose warm start HiGHS completes, may price it higher, and its
    // first plan would otherwise be taken whatever it cost; a repair's last model, solved to
    // REPAIR_GAP, may have priced its traffic loosely.
    if (quick && settings.ilp.previous) {
      quick = { ...quick, objective: buildPlacementModel(spec, catalog, candidates, { ...settings.ilp, fixed: quick.plan }).model.offset };
    }
  }
  const start = settings.start ?? quick?.plan;
  if (start) {
    plan = start;
    objective = quick?.objective ?? NaN;
  } else {
    plan = held0;
    const placed = new Set(heldNames);
    for (let i = 0; i < groups.length; i++) {
      if (secondsLeft() <= 0) return { objective: NaN, groups: groups.length, passes: 0, failure: `the time limit ended after ${i} of ${groups.length} groups` };
      let share = perGroup(secondsLeft(), groups.length - i);
      const gap = construct(groups.length - i);
      // Up to WINDOW groups in a row that no link joins are solved two at a time, in two solvers,
      // each with what was placed before the first of them held (a model is built while another
      // solves). Their plans are taken in order while together they break no rule of the whole
      // spec (a quota, maxClouds, a network's balancers); the first that fails or would break
      // one is solved again, with the others taken held. The last group is always solved alone:
      // its model holds the whole spec, so its objective is the plan's.
      let pending: ReturnType<typeof solveGroup> | undefined;
      let end = i + 1;
      while (end < Math.min(i + WINDOW, groups.length - 1) && !groups[end].some((n) => groups.slice(i, end).some((g) => g.some((m) => peers.get(n)?.has(m))))) end++;
      if (end - i >= 2) {
        const batch = groups.slice(i, end);
        const results = await inPairs(batch.map((g) => () => solveGroup(subSpec(spec, new Set([...placed, ...g])), catalog, candidates, g, plan, cheap, reach, settings, share, gap)));
        let merged = plan;
        const now = new Set(placed);
        let taken = 0;
        for (const r of results) {
          if ("failure" in r) break;
          const g = batch[taken];
          const next = taken === 0 ? r.plan : joinPlans(merged, onlyWorkloads(r.plan, new Set(g)));
          for (const n of g) now.add(n);
          if (taken > 0 && globalViolations(subSpec(spec, now), catalog, next).length > 0) break;
          merged = next;
          taken++;
        }
        if (taken > 0) {
          for (const g of batch.slice(0, taken)) for (const n of g) placed.add(n);
          plan = merged;
          objective = NaN;
          i += taken - 1;
          continue;
        }
        pending = Promise.resolve(results[0]);
      }
      for (const n of groups[i]) placed.add(n);
      let r = await (pending ?? solveGroup(subSpec(spec, placed), catalog, candidates, groups[i], plan, cheap, reach, settings, share, gap));
      // A model that ran out of its share (a slow or busy machine) gets more of the time left
      // before its neighbours are moved: repairing cannot help a model that only needed time.
      if ("failure" in r && r.timedOut && secondsLeft() > share) {
        share = Math.min(secondsLeft() / 2, PATIENT * share);
        r = await solveGroup(subSpec(spec, placed), catalog, candidates, groups[i], plan, cheap, reach, settings, share, gap);
      }
      // What was placed before this group's links were known may leave it no room (a partner on
      // another continent, a quota used up): place it again with its placed neighbours free, and
      // theirs, up to REPAIR_DEPTH links away.
      const free = new Set(groups[i]);
      for (let depth = 0; "failure" in r && depth < REPAIR_DEPTH && secondsLeft() > 0; depth++) {
        const before = free.size;
        const ring = new Set(free);
        for (const l of spec.links) {
          const [a, b] = [ring.has(l.from), ring.has(l.to)];
          if (a && !b && placed.has(l.to) && !heldNames.has(l.to)) free.add(l.to);
          if (b && !a && placed.has(l.from) && !heldNames.has(l.from)) free.add(l.from);
        }
        if (free.size === before) break;
        const rest = onlyWorkloads(plan, new Set([...placed].filter((n) => !free.has(n))));
        r = await solveGroup(subSpec(spec, placed), catalog, candidates, [...free].sort(), rest, cheap, reach, settings, share, gap);
      }
      if ("failure" in r) return { objective: NaN, groups: groups.length, passes: 0, failure: r.failure };
      plan = r.plan;
      objective = r.objective;
    }
  }
  if (Number.isFinite(objective)) settings.onPlan?.(objective);

  if (!settings.start) settings.onConstructed?.();
  // Regions the plan's services can leave together for less, then services alone, then linked
  // sets with their buckets (close-regions.ts): what the sites below do with a solver, done first
  // without one, in a fraction of a second (at 100 services in 1 s no improvement pass ends, at
  // 2,000 in 10 s the sites' at most); after onConstructed, so that the bounds beside it begin
  // first. Not in a re-plan: its moves would pay migration, which it does not price.
  if (settings.closeRegions !== false && !settings.ilp.previous && secondsLeft() > 0 && !settings.signal?.aborted) {
    // A quick start not priced yet is priced at the end (below): its time is kept for that.
    const pricing = Number.isFinite(objective) ? 0 : UNPRICED_SEC_PER_WORKLOAD * workloadCount(spec) * 1000;
    // First among the regions in use (and the peers'), then with each workload's cheapest
    // regions per cloud and continent too (`cheap`), on what the first pass left (CLOSE_PASSES).
    for (let pass = 0; pass < CLOSE_PASSES && secondsLeft() > 0; pass++) {
      const closed = closeRegions(spec, catalog, candidates, plan, { held: heldNames, deadline: settings.deadline - pricing, ...(pass > 0 ? { cheap } : {}) });
      if (!closed) break;
      plan = closed.plan;
      objective -= closed.savedUSD;
      if (Number.isFinite(objective)) settings.onPlan?.(objective);
    }
  }
  // Improvement: every group again with the rest held and the whole spec in the model; when a
  // pass moves nothing, the workloads of each region together (sites: a region's network is
  // paid for by every group with a workload there, so no group alone can close it); then every
  // two groups a link joins, together (a move one group alone cannot make: both ends of a link
  // leaving a region at once); then every group over all of its regions; whatever moves
  // something sends it back to groups alone. A quick start begins with the sites: its regions
  // come from a relaxation that prices one network per continent, and its groups, each placed
  // with the rest held, seldom move alone (at 2,000 services in 10 s, twelve groups saved $223
  // where twelve sites saved $1,800).
  const pairs = linkedPairs(spec, groups);
  // The plan priced once per plan (50 to 130 ms at 2,000 services): the groups' order and the
  // sites read the same one when no group has moved in between.
  let priced: { plan: Plan; cost: PlanCost } | undefined;
  const costOf = (p: Plan) => (priced?.plan === p ? priced : (priced = { plan: p, cost: evaluatePlan(spec, p, catalog) })).cost;
  const going = () => secondsLeft() > 0 && !settings.signal?.aborted;
  // Not priced for an improvement with no time left (20 to 35 ms at 100 services in a fresh process).
  const order = going() ? byExcess(costOf(plan), prices, groups) : [];
  const modes = ["groups", "sites", "pairs", "regions"] as const;
  // How long the last improvement step's model took to build.
  const lastBuild = { ms: 0 };
  let passes = 0;
  for (let mode = quick ? 1 : 0; mode < modes.length && going() && passes < (settings.maxPasses ?? Infinity); ) {
    const siteList = modes[mode] === "sites" ? siteOrder(plan, costOf(plan), heldNames) : undefined;
    const parts = siteList ? siteList.map((x) => x.names) : modes[mode] === "pairs" ? pairs : order;
    let changed = false;
    let i = 0;
    // Nor is a step begun with less time left than the last one's model took to build (60 to 70
    // ms at 100 services, each holding the whole spec): at 100 services in 1 s, a site begun with
    // 26 ms left ended 40 ms past the limit.
    for (; i < parts.length && going() && secondsLeft() * 1000 > lastBuild.ms; i++) {
      // A site is its region's workloads as the plan has them now: an earlier site's move may
      // have brought some in or taken some out (measured: a few dollars to $700 cheaper plans
      // than with the workloads listed when the pass began, at 100 to 2,000 services).
      const part = siteList ? (workloadsByRegion(plan).get(siteList[i].key) ?? []).sort() : parts[i];
      if (siteList && !siteFits(part, heldNames)) continue;
      const names = new Set(part);
      const rest = withoutWorkloads(plan, names);
      const r = await solveGroup(
        spec,
        catalog,
        candidates,
        part,
        rest,
        cheap,
        reach,
        settings,
        modes[mode] === "sites" ? Math.min(SITE_SEC, perGroup(secondsLeft(), parts.length - i)) : perGroup(secondsLeft(), parts.length - i),
        settings.relativeGap,
        plan,
        modes[mode] === "regions",
        lastBuild,
      );
      if ("failure" in r) continue;
      if (!Number.isFinite(objective) || r.objective < objective - 1e-6 * Math.max(1, Math.abs(objective))) {
        if (Number.isFinite(objective)) changed = true;
        plan = r.plan;
        objective = r.objective;
        settings.onPlan?.(objective);
      }
    }
    if (i === parts.length && parts.length > 0) passes++;
    mode = changed ? 0 : mode + 1;
  }
  // A start no group's model ever priced (the time ended first): its objective is the offset of
  // the model that holds all of it (0.1 to 0.15 s to build at 2,000 services).
  if (!Number.isFinite(objective)) objective = buildPlacementModel(spec, catalog, candidates, { ...settings.ilp, fixed: plan }).model.offset;
  return { plan, objective, groups: groups.length, passes };
}
