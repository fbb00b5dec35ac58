// Staged solve for specs whose exact model is too large to solve whole (the connections of
// constraint 12 grow with the product of the regions two linked services may use).
// When the exact model was built (its connections within BUILD_EXACT_UP_TO_CONNECTION_ROWS):
//   1. the linear relaxation of the relaxed model (ilp.ts with `relax`: connections priced per
//      pair of areas, a cloud on a continent, 12.relax) keeps every region and every
//      requirement; it charges no placement more than the exact model does, so its optimum is
//      a proven bound of the exact model, and where it puts load says which regions matter;
//   2. the exact model restricted to each workload's regions in stage 1, its cheapest regions per
//      cloud, its regions in the previous plan, and the busiest regions overall: its plans are
//      plans of the whole problem (priced exactly, every requirement checked);
//   3. with the time left, the whole exact model warm-started from stage 2's plan, which
//      improves both the plan and the bound.
// When stage 1's LP does not end in its share of the time, stage 2 keeps each service's cheapest
// regions per cloud and the bound is the capacity relaxation's (optimizer/capacity-bound.ts).
// Without the exact model (from about 20 generated services), and for specs with more than
// STAGES_UP_TO_PAIRS service-region pairs (about 250 services) whatever was built: the capacity
// relaxation with presence per continent gives a bound and a guide, the plan is placed group by
// group (optimizer/groups.ts), or when time is short rounded from the guide
// (optimizer/guided-plan.ts) and improved group by group; alongside the improvement, in a solver
// of its own, the capacity relaxation with presence per cloud and continent raises the bound,
// then (up to STAGES_UP_TO_PAIRS) the exact model built for its bound (ilp.ts with `boundOnly`)
// as an integer program, or the relaxed model when there is no time for the first's LP or it
// proves nothing (each its LP alone when its MIP's root would not end in the time left); and
// beside the groups
// from the start, the continent MIP when its limit was too short for it beside its LP, or in its
// place, when the model per area has the time for its LP but not for its MIP's root, that
// model's LP, built lean during the continent LP (leanAreaBound). At 100
// services (seed 1) stages 1 and 2 gave no better: in 60 s they took 3.4 and 27.8 s to a plan of
// $89,437 where the groups reach $89,059 to $89,437 in 10 s (a 10 s limit: 2.2 to 2.6% over the
// bound where the stages gave 6.4%; 60 s: 1.7% where they gave 2.0%, at the same peak RSS).
// The bounds beside the groups run to their own optimum; once one proves the groups' plan within
// the gap asked for, the improvement and the bounds end; groups that stop improving before the
// limit leave the time to the bounds.
// The plan returned is the best found; the bound the best proven. Their gap is therefore a
// proven gap of the whole problem, whatever the stages left out.

import type { Catalog } from "./catalog";
import type { Candidates } from "./candidates";
import type { RegionKey } from "./evaluate";
import { cheapestOfferBaseline } from "./baselines";
import { guidedPlan, repairedGreedily, resumePlan, type QuickStart } from "./guided-plan";
import { capacityGuide, capacityModel } from "./capacity-bound";
import { solveByGroups } from "./groups";
import { latencyReach } from "./ilp-latency";
import { buildPlacementModel, IlpOptions, PlacementModel, regionReplicaUSD } from "./ilp";
import type { Plan } from "./plan";
import { relativeGap } from "./solvers/types";
import type { SolveOptions, SolverOutcome, SparseModel } from "./solvers/types";
import type { NormalizedSpec } from "./spec";

/**
 * Rows of the exact model above which `optimize` solves in stages by default. The reference
 * stacks' models (about 1,000 and 5,600 rows) HiGHS proves optimal in seconds, and so the
 * generated ten-service spec's (4,900 rows once dominated regions are pruned: about 8 s; unpruned,
 * 16,800 rows took it 22 to 45 s); from a hundred services (160,000 rows) it finds no plan in
 * 30 s, where the stages find one within a few percent of their proven bound.
 */
export const DECOMPOSE_ABOVE_ROWS = 12_000;
/**
 * Estimated connection rows (connectionRows) above which the exact model is not even built (its
 * rows then run to the hundreds of thousands) and the spec goes straight to the stages. Below
 * it, stage 3 solves the whole exact model from stage 2's plan with the time left.
 */
export const BUILD_EXACT_UP_TO_CONNECTION_ROWS = 40_000;

/**
 * Rows the exact model's connections (12) would take: per service link, the pairs of regions in
 * two clouds its ends may use. A cheap upper estimate from the candidates, before any build.
 */
export function connectionRows(spec: NormalizedSpec, candidates: Candidates): number {
  if (!spec.network) return 0;
  const clouds = (name: string) => {
    const per = new Map<string, number>();
    for (const r of candidates.services.get(name) ?? []) per.set(r.region.cloud, (per.get(r.region.cloud) ?? 0) + 1);
    return per;
  };
  let rows = 0;
  for (const l of spec.links) {
    if (l.toKind !== "service") continue;
    const a = clouds(l.from);
    const b = clouds(l.to);
    for (const [c, n] of a) for (const [d, k] of b) if (c !== d) rows += n * k;
  }
  return rows;
}

/**
 * (service, region) pairs above which the relaxed model is not built at all: its LP does not end
 * in a minute from about 500 services (50,000 pairs, 185,000 columns and 297,000 rows) and its
 * build alone then peaks above 1 GiB. Such specs get the capacity relaxation's bound and a plan
 * made group by group (optimizer/groups.ts), without the relaxed model's MIP beside the groups.
 * A hundred services are about 10,000 pairs.
 */
export const STAGES_UP_TO_PAIRS = 25_000;

/** Candidate (service, region) pairs of a spec: what the relaxed model grows with. */
export function servicePairs(spec: NormalizedSpec, candidates: Candidates): number {
  let n = 0;
  for (const s of spec.services) n += candidates.services.get(s.name)?.length ?? 0;
  return n;
}

/** What one stage of the decomposition did, for the solve report. */
export interface StageReport {
  readonly variables: number;
  readonly constraints: number;
  readonly status: SolverOutcome["status"];
  readonly objective: number;
  readonly bound: number;
  readonly ms: number;
  /** Set when only the model's linear relaxation was solved (for want of time for its MIP's root). */
  readonly linear?: true;
  /**
   * Set when the model was built lean (CapacityShape.lean in capacity-bound.ts): fewer rows and a
   * lower bound (0.12% lower at 2,000 services, 2.6% at 40).
   */
  readonly lean?: true;
}

/** The outcome of a decomposed solve: a plan of the exact model with a bound that holds for it. */
export interface DecomposedOutcome {
  readonly status: SolverOutcome["status"];
  readonly plan?: Plan;
  /** Objective of the plan in the exact model (with its migration penalty), NaN without a plan. */
  readonly objective: number;
  /** Proven lower bound of the exact model: the best of those its stages proved, at most `objective`. */
  readonly bound: number;
  /** Stage 1 (with a whole model; without one, only when the groups found no plan: to tell an infeasible spec). */
  readonly relaxed?: StageReport;
  /**
   * The relaxed model as an integer program, solved beside the groups once the capacity MIP per
   * area has ended (up to STAGES_UP_TO_PAIRS) when the bound-only exact model (boundModel) was
   * not begun or proved nothing: a higher bound. `linear` when only its LP was solved, for want
   * of time for its MIP's root (RELAXED_MIP_SEC_PER_PAIR).
   */
  readonly relaxedMip?: StageReport;
  /**
   * The exact model built for its bound (IlpOptions.boundOnly), solved beside the groups in the
   * relaxed model's place when there is time for its LP (BOUND_LP_SEC_PER_PAIR): a higher bound.
   * `linear` when only its LP was solved, for want of time for its MIP's root.
   */
  readonly boundModel?: StageReport;
  /**
   * The capacity relaxation with presence per continent, when stage 1 was skipped or without an
   * optimum: the groups' guide and a bound (its MIP's, when that was left for later and ran beside
   * the groups, if higher; `ms` is the stage's own time).
   */
  readonly capacity?: StageReport;
  /** The capacity relaxation with presence per cloud and continent, solved alongside the groups: a higher bound. */
  readonly areas?: StageReport;
  /** Placement group by group (without a whole model, or above STAGES_UP_TO_PAIRS): what it did, and why it failed when it did. */
  readonly groups?: { readonly groups: number; readonly passes: number; readonly ms: number; readonly failure?: string };
  readonly restricted?: StageReport;
  /** Regions stage 2 kept, over all workloads. */
  readonly regions: readonly RegionKey[];
}

/** How to run the stages. */
export interface DecomposeSettings {
  readonly relativeGap: number;
  /** Seconds left for all stages. */
  readonly timeLimitSec: number;
  readonly ilp: IlpOptions;
  readonly run: (model: SparseModel, opts: SolveOptions) => Promise<SolverOutcome>;
  readonly onProgress?: (gap: number | undefined) => void;
  /** The exact model, when it was built: stage 3 then solves it whole from stage 2's plan. */
  readonly exact?: PlacementModel;
  /** Candidate (service, region) pairs above which stage 1 is skipped for groups; default STAGES_UP_TO_PAIRS. */
  readonly stagesUpToPairs?: number;
  /** Seconds per nonzero the capacity MIP's root is expected to take; default MIP_ROOT_SEC_PER_NONZERO. */
  readonly mipRootSecPerNonzero?: number;
  /**
   * Seconds per nonzero of the continent model that the capacity model per area is expected to
   * take, build included, to its LP's optimum and to its MIP's first bound; default AREA_SEC_PER_NONZERO.
   */
  readonly areaSecPerNonzero?: { readonly lp: number; readonly mip: number };
  /**
   * Seconds per candidate (service, region) pair that must be left beside the groups for the
   * relaxed model's LP alone and for its MIP; default RELAXED_LP_SEC_PER_PAIR (and at least
   * RELAXED_LP_MIN_SEC) and RELAXED_MIP_SEC_PER_PAIR.
   */
  readonly relaxedSecPerPair?: { readonly lp: number; readonly mip: number };
  /** Overrides BOUND_LP_SEC_PER_PAIR and BOUND_MIP_SEC_PER_PAIR (for tests). */
  readonly boundSecPerPair?: { readonly lp: number; readonly mip: number };
}

/** A model's linear relaxation: the same model with no integer columns. */
const asLp = (model: SparseModel): SparseModel => ({ ...model, integer: new Uint8Array(model.numCols) });

/** A stage's report of a solve of `model` begun at `since` (ms), with the bound it proved. */
const stageReport = (model: SparseModel, o: Pick<SolverOutcome, "status" | "objective">, bound: number, since: number): StageReport => ({
  variables: model.numCols,
  constraints: model.numRows,
  status: o.status,
  objective: o.objective,
  bound,
  ms: Date.now() - since,
});

/** A MIP run's proven bound: NaN when it proved none or proved the model infeasible. */
const mipBound = (o: SolverOutcome): number => (o.status !== "infeasible" && Number.isFinite(o.bound) ? o.bound : NaN);

/** The plan's values of the model's integer placement columns (replicas, buckets, databases). */
export function startFrom(built: PlacementModel, plan: Plan): { indices: Int32Array; values: Float64Array } {
  const idx: number[] = [];
  const val: number[] = [];
  const set = (col: number, v: number) => {
    idx.push(col);
    val.push(v);
  };
  for (const [name, regions] of built.services) {
    const groups = plan.services[name]?.groups ?? [];
    for (const v of regions) {
      const here = groups.filter((g) => `${g.cloud}:${g.region}` === v.key);
      for (const { col, offer } of v.onDemand) {
        set(col, here.filter((g) => g.instanceType === offer.instanceType).reduce((n, g) => n + g.count - g.spot, 0));
      }
      for (const { col, offer } of v.spot) {
        set(col, here.filter((g) => g.instanceType === offer.instanceType).reduce((n, g) => n + g.spot, 0));
      }
    }
  }
  for (const [name, cols] of built.buckets) {
    const b = plan.buckets[name];
    for (const { key, col } of cols) set(col, b && `${b.cloud}:${b.region}` === key ? 1 : 0);
  }
  for (const [name, cols] of built.databases) {
    const d = plan.databases?.[name];
    for (const { key, col } of cols) set(col, d && `${d.cloud}:${d.region}` === key ? 1 : 0);
  }
  return { indices: Int32Array.from(idx), values: Float64Array.from(val) };
}

/** Regions where a solution of the model puts some of each workload, and the load per region. */
function support(built: PlacementModel, values: ArrayLike<number>): { byWorkload: Map<string, Set<RegionKey>>; load: Map<RegionKey, number> } {
  const byWorkload = new Map<string, Set<RegionKey>>();
  const load = new Map<RegionKey, number>();
  const add = (name: string, key: RegionKey, v: number) => {
    if (v <= 1e-6) return;
    (byWorkload.get(name) ?? byWorkload.set(name, new Set()).get(name)!).add(key);
    load.set(key, (load.get(key) ?? 0) + v);
  };
  for (const [name, regions] of built.services) {
    for (const r of regions) {
      let x = 0;
      for (const { col, offer } of [...r.onDemand, ...r.spot]) x += values[col] * offer.vcpus;
      add(name, r.key, x);
    }
  }
  for (const [name, cols] of [...built.buckets, ...built.databases]) for (const { key, col } of cols) add(name, key, values[col]);
  return { byWorkload, load };
}

/** Regions most load sits in, at most `n` of them. */
function hubs(load: ReadonlyMap<RegionKey, number>, n: number): RegionKey[] {
  return [...load].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(([k]) => k);
}

/** Regions of the workloads that may be used in the restricted model. */
function allowed(spec: NormalizedSpec, own: ReadonlyMap<string, ReadonlySet<RegionKey>>, shared: readonly RegionKey[]): Map<string, Set<RegionKey>> {
  const out = new Map<string, Set<RegionKey>>();
  const names = [...spec.services.map((s) => s.name), ...spec.buckets.map((b) => b.name), ...(spec.databases ?? []).map((d) => d.name)];
  // A workload with no regions of its own (stage 1 gave no support) keeps all of them.
  for (const name of names) if (own.has(name)) out.set(name, new Set([...own.get(name)!, ...shared]));
  return out;
}

/**
 * What each free service's replicas alone would cost in each region it may use, at their cheapest
 * offers (held services are left out: their cost is where they are held).
 */
export function replicaPrices(spec: NormalizedSpec, catalog: Catalog, candidates: Candidates, held: Plan | undefined): Map<string, { key: RegionKey; cloud: string; usd: number }[]> {
  const out = new Map<string, { key: RegionKey; cloud: string; usd: number }[]>();
  for (const s of spec.services) {
    if (held?.services[s.name]) continue;
    const list: { key: RegionKey; cloud: string; usd: number }[] = [];
    for (const r of candidates.services.get(s.name) ?? []) {
      const { onDemand, spot } = regionReplicaUSD(catalog, s, r);
      const spotCount = Math.min(s.spotReplicas, s.replicas);
      list.push({ key: r.key, cloud: r.region.cloud, usd: (s.replicas - spotCount) * onDemand + spotCount * Math.min(onDemand, spot) });
    }
    out.set(s.name, list);
  }
  return out;
}

/**
 * Each workload's cheapest `k` regions in every area it may use (by default each cloud), by the
 * price of its replicas: where the relaxation puts load is not always where a whole plan, with
 * its network, is cheapest.
 */
export function cheapestPerArea(
  prices: ReadonlyMap<string, readonly { key: RegionKey; cloud: string; usd: number }[]>,
  k: number,
  areaOf: (x: { key: RegionKey; cloud: string }) => string = (x) => x.cloud,
): Map<string, Set<RegionKey>> {
  const out = new Map<string, Set<RegionKey>>();
  for (const [name, list] of prices) {
    const byArea = new Map<string, { key: RegionKey; usd: number }[]>();
    for (const x of list) {
      const area = areaOf(x);
      (byArea.get(area) ?? byArea.set(area, []).get(area)!).push(x);
    }
    const keep = new Set<RegionKey>();
    for (const l of byArea.values()) l.sort((a, b) => a.usd - b.usd || (a.key < b.key ? -1 : 1)).slice(0, k).forEach((x) => keep.add(x.key));
    out.set(name, keep);
  }
  return out;
}

/**
 * A bound that needs no solve: every service's replicas at their cheapest region and offers.
 * Everything else the objective charges (buckets, databases, traffic, network, moves) is
 * non-negative, so no plan costs less. Used when stage 1's LP does not end in time.
 */
export function replicaBound(prices: ReadonlyMap<string, readonly { usd: number }[]>): number {
  let usd = 0;
  for (const list of prices.values()) {
    const best = Math.min(Infinity, ...list.map((x) => x.usd));
    if (Number.isFinite(best)) usd += best;
  }
  return usd;
}

/**
 * Quick starts for the groups, best first, when nothing is held (they know nothing of holds):
 * the capacity relaxation's solution rounded into a plan (optimizer/guided-plan.ts, 1 to 1.7 s
 * at 2,000 services), when there is a guide and time to place its offenders again with a solver
 * (`repairs`); the same plan with its offenders placed as the cheapest-offer baseline places
 * them instead (repairedGreedily, 0.3 to 0.5 s: the start when the solver's repair is not begun
 * or does not end; at 2,000 services in 10 s, 5.3 to 6.5% over the bound where the baseline
 * gave 18%); then the cheapest-offer baseline's plan (optimizer/baselines.ts: about 2 s
 * at 2,000 services), when it meets the whole spec. A greedy that throws is only a head start
 * missed: the groups construct without it.
 */
export function* quickPlans(spec: NormalizedSpec, catalog: Catalog, candidates: Candidates, held: Plan | undefined, guide: ReturnType<typeof capacityGuide> | undefined, repairs: boolean): Generator<QuickStart> {
  if (held && Object.keys({ ...held.services, ...held.buckets, ...held.databases }).length > 0) return;
  const attempt = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch {
      return undefined;
    }
  };
  const guided = guide ? attempt(() => guidedPlan(spec, catalog, candidates, guide.vcpus)) : undefined;
  if (guided && repairs && guided.repair.length > 0) yield guided;
  const greedy = guided && attempt(() => repairedGreedily(spec, catalog, guided));
  if (greedy) yield { plan: greedy, repair: [] };
  const plain = attempt(() => cheapestOfferBaseline(spec, catalog).plan);
  if (plain) yield { plan: plain, repair: [] };
}

/** The capacity MIP's plan guides the groups when within this of its bound (or the run's gap), else its LP's solution does. */
const GUIDE_GAP = 0.02;

/**
 * Seconds per nonzero the capacity MIP's root LP is expected to take, beside its LP in the other
 * solver: 1.45 s for 215,000 nonzeros (500 services), 3.5 s for 862,000 (2,000 services).
 */
const MIP_ROOT_SEC_PER_NONZERO = 4e-6;

/**
 * Seconds per nonzero of the continent model that the capacity model per area takes, build
 * included (it is built from the same candidates, with about two thirds of the nonzeros):
 * - to its LP's optimum: 0.38 s at 100 services (41,000 nonzeros, its first build), 1.2 s at 500
 *   (215,000), 3.6 s at 2,000 (862,000); with the rows by continent (capacity-bound.ts), alone
 *   on the machine, 0.6 s, 2 to 2.7 s and 5 to 6 s;
 * - to its MIP's first bound, after its root: 0.66 s, 2.5 s and 9.7 s (with the rows by
 *   continent, its MIP alone: 0.8 s, 2.8 s and 11.9 s, build not counted).
 * Its LP is above the continent model's LP (+2.4% at 100 services, +1.8% at 500, +1.1% at 2,000,
 * where it is also above the continent MIP's optimum), and now within 0.1% of its MIP's root, whose
 * first bound it is; with too little time for the root it is solved alone; with too little for the LP, the
 * model is not built at all (its build would hold up the groups and raise the peak memory for
 * nothing: 1,145 to 1,162 MiB against 895 to 1,003 at 2,000 services in 10 s; begun during the
 * continent LP there, before the rows by continent, it ended in one run of two, at 1,120 and
 * 1,200 MiB, with a plan up to 0.6% dearer; built lean there now, see leanAreaBound).
 */
const AREA_SEC_PER_NONZERO = { lp: 6e-6, mip: 1.2e-5 };

/**
 * Seconds the model per area's build and LP take beyond AREA_SEC_PER_NONZERO.lp, which alone
 * foresaw 0.25 s at 100 services where they take 0.6 s: begun after construction with that
 * little time left (a capacity stage slower than usual), its build held up the groups past the
 * limit (1.09 to 1.11 s at 100 services in 1 s) and its LP ended with no bound.
 */
const AREA_LP_BASE_SEC = 0.35;

/**
 * When the time left after the capacity stage's build is at least `from` and below `below` times
 * what the MIP per area is expected to take (AREA_SEC_PER_NONZERO), that MIP begins as soon as
 * the continent LP has ended, in the solver the continent MIP would have had, and the continent
 * MIP is not run: begun after the groups' first plan, it would have too little time for its root,
 * and its bound is above the continent MIP's. The guide is then the LP's. Measured (seed 1 unless
 * noted, alternate runs against the previous code, before the groups' improvement steps stopped
 * at the deadline; since, 100 services in 1 s gives 3.31 to 4.29%, seed 60 4.24 to 4.62%, and
 * with both solver workers loaded ahead (HighsSolver.prepare) 3.31 to 3.67%, seed 60 4.02 to
 * 4.62%):
 * - 100 services in 1 s: 3.31 to 3.78% in fifteen runs (bound $86,861 to $86,986), against 3.31
 *   to 5.68% (the per-area MIP's root ended in time in two of six); seed 60, 4.17 to 4.62% in
 *   twenty runs against 4.52 to 6.78% in six (one with the bound per area);
 * - 2,000 services in 20 s: 3.66% ($1,761,755 over $1,697,251, the MIP per area's root) against
 *   4.64% (the continent MIP's $1,681,186);
 * - 500 services in 5 s: 4.67 to 4.69% against 4.71 to 4.75% (two runs each).
 * Below `from` (2,000 services in 15 s) its root did not end in the time left: the continent
 * MIP's bound is higher than its LP's alone, and the lean model's LP higher still
 * (leanAreaBound). From `below` up, the continent MIP's plan guides better than its LP: at 500
 * services in 8 s, $417,592 against $412,510 (4.15% against 2.97%); at 100 in 10 s, $89,575
 * against $89,420.
 */
const AREA_FIRST = { from: 1.5, below: 2 };

/**
 * How many times what the model per area's build and LP are expected to take (AREA_LP_BASE_SEC
 * and AREA_SEC_PER_NONZERO.lp: 5.5 s at 2,000 services) must be left, at the end of the
 * continent model's build, for the lean model's LP to take the continent MIP's place beside the
 * groups (leanAreaBound). There the lean model's build and LP took 4.0 to 5.3 s in a 10-s run
 * (8.1 s left), but did not end in 5.9 s in an 8-s run (6.2 s left), whose plan cost 1.1% more
 * than with the continent MIP beside the groups (the build holds up the groups, the LP competes
 * with them) and which ended 0.26 s late.
 */
const LEAN_AREA_MARGIN = 1.25;

/**
 * The longest the model per area's build and LP may be foreseen to take for the model to be
 * begun at once when less than LEAN_AREA_MARGIN times that is left (see capacityBound): 0.60 s
 * at 100 services. A large one (5.5 s at 2,000 services, 1.6 s at 500) would hold up the groups
 * with its build and compete with them for the CPU and memory, as the lean model did in 8 s at
 * 2,000 services (see LEAN_AREA_MARGIN).
 */
const AREA_AT_ONCE_UP_TO_SEC = 1;
/**
 * The model per area has 12.cross and 12.multi by area (CapacityShape.crossCuts) when
 * its LP alone is solved, or its MIP has less than this many times what AREA_SEC_PER_NONZERO
 * foresees for it: then it proves little beyond its root, which the rows raise. Measured on the
 * generated specs (seed 1, time left at its start over that foresight in brackets): 100 services
 * in 1 s (1.7), its bound $86,962 to $87,177 where it was $86,874 to $87,130 (gap 2.50 to 2.74%
 * in ten runs, where it was 2.55 to 2.84%); 200 and 500 services in 10 s (9.6 and 3.1), the same
 * bounds within $50. With more time its MIP reaches its optimum later with them: 50 services in
 * 10 s (38), the optimum per area in 6.3 to 6.5 s where it took 4.6 to 4.9, and the bound model
 * after it proved less (1.38% where it was 1.32%).
 */
const CROSS_CUTS_BELOW = 10;

/**
 * Relative gap each group's model is solved to at least, of the group's own cost (the run's gap
 * when that is wider): the groups' plan proves no bound of its own. Measured against 0.5%, plan
 * cost (seed; one run each unless said): 100 services in 10 s, seeds 1 to 4, the same, 0.20 and
 * 0.50% cheaper (two runs each) and within seed 4's run-to-run spread (0.27%), though the models
 * take longer (three passes where there were five); 50 in 10 s, seed 3 0.59% cheaper, seed 4 the
 * same (seed 2 varies by 3% either way); 500 in 10 s, 0.08 and 0.01% cheaper (seeds 1 and 2), in
 * 60 s 0.02%; 100 in 30 s, seeds 1 to 4, +0.05% on average (-0.02 to +0.19%); 200 in 30 s,
 * +0.07%; 100 in 1 s and 2,000 in 10 s, the same.
 */
const GROUP_GAP = 0.001;

/**
 * Seconds per candidate (service, region) pair that must be left for the relaxed model's MIP to
 * begin beside the groups: a MIP stopped before its root ends proves nothing. Its first bound
 * came, build included and on its own, 0.55 s after it began at 10 services (1,007 pairs),
 * 3.4 s at 20 (2,103), 6.7 s at 50 (5,034) and 13.3 s at 100 (10,137): 0.55 to 1.62 ms per
 * pair, and beside the groups it is slower. With less time left, its LP alone is solved
 * (RELAXED_LP_SEC_PER_PAIR), whose bound is about the root's first: at 100 services 1 s to build
 * and 3.2 s to solve, $87,294 at seed 1 where the capacity MIP per area proves $87,215.
 */
const RELAXED_MIP_SEC_PER_PAIR = 1.7e-3;

/**
 * Seconds per candidate (service, region) pair the relaxed model's MIP takes to prove a bound
 * above the capacity MIP per area's optimum: at 100 services (10,137 pairs), 21 s on its own.
 */
const RELAXED_MIP_PASS_SEC_PER_PAIR = 2e-3;

/**
 * Seconds per candidate (service, region) pair the relaxed model's LP is expected to take, build
 * included, and at least RELAXED_LP_MIN_SEC: what the groups' path keeps for it when the groups
 * have no plan yet, to tell an infeasible spec, and what must be left for it beside the groups
 * in its MIP's place (RELAXED_MIP_SEC_PER_PAIR). Measured: 1.2 s for 2,103 pairs (20 services),
 * 3.8 s for 10,137 (100; 4.2 s on its own, the rows by continent of 13 included), 11 s for
 * 20,360 (200).
 */
const RELAXED_LP_SEC_PER_PAIR = 5e-4;
const RELAXED_LP_MIN_SEC = 1;

/**
 * Seconds per candidate (service, region) pair that must be left for the bound-only exact model
 * (IlpOptions.boundOnly) to be built beside the groups in the relaxed model's place: a screen
 * before its build, which the time its LP is foreseen to take once built (boundLpSec) then
 * refines. Measured on their own, build and LP: 4.8 s at 100 services (seed 1, 10,137 pairs),
 * 6.0 s (seed 3) and 10.6 s (seed 2), 12.5 s at 200 (20,360 pairs); its MIP's first bound after
 * 8.3 s at 100 (seed 1, beside another solve). Measured again with its faster build, alone: 5.3
 * to 15.9 s at 100 services (seeds 1 to 8, all between 9,568 and 10,137 pairs), 15.3 to 31.8 s
 * at 200 (seeds 1 to 3), and 10 to 40% more beside the groups: pairs foresee it poorly (a
 * spread of 3 to 1 at 100 services), its nonzeros better (boundLpSec). When it ends without a
 * bound, the relaxed model's LP or MIP follows if there is still time for it (at 100 services in
 * 10 s the bound-only LP has about 8 s and takes 5.7).
 */
const BOUND_LP_SEC_PER_PAIR = 6e-4;
const BOUND_MIP_SEC_PER_PAIR = 1.5e-3;
/**
 * Seconds the bound-only exact model's LP is foreseen to take beside the groups, from its
 * nonzeros: 3.5 s × (nonzeros / 10⁶)^1.65, fitted to the LPs of 15 generated specs alone
 * (50 services, seeds 1 to 4: 0.58 to 1.12 million nonzeros, 1.2 to 5.3 s; 100, seeds 1 to 8:
 * 1.05 to 2.09 million, 4.3 to 14.1 s; 200, seeds 1 to 3: 2.50 to 2.88 million, 13.2 to 29.8 s;
 * within 0.55 and 1.63 times each, where the same rule by pairs is off by up to 2.4 times), and a
 * quarter more beside the groups.
 */
export function boundLpSec(nonzeros: number): number {
  return 1.25 * 3.5 * Math.pow(nonzeros / 1e6, 1.65);
}

/**
 * What the bound-only exact model's LP leaves, of `leftSec`, for the relaxed model's LP to follow
 * it should it prove nothing: that LP's time (`relaxedLpSec`) when there is time for both (the
 * bound-only LP's foreseen `boundLpSec`), else nothing, so that the better bound has all the
 * time. When "time for both" was judged by pairs alone (BOUND_LP_SEC_PER_PAIR, 11.8 s at 200
 * services where their LPs take 13 to 30 s), the time kept back starved both LPs: 21.8 s left
 * at 200 services in 30 s, 9.8 s of it kept back, and neither LP ended.
 */
export function relaxedReserveSec(leftSec: number, boundLpSec: number, relaxedLpSec: number): number {
  return leftSec >= boundLpSec + relaxedLpSec ? relaxedLpSec : 0;
}

/**
 * (service, region) pairs up to which the bound-only exact model is built: it grows with the
 * connections, measured up to 200 generated services (20,360 pairs: 68,229 columns and 107,803
 * rows, built in 1.6 to 2.2 s, 975 to 1,191 MiB at the peak of a 30-s run). Above, the
 * relaxed model alone.
 */
const BOUND_UP_TO_PAIRS = 21_000;
/** Columns above which the bound-only exact model's LP is presolved (SolveOptions.presolve). */
const BOUND_LP_PRESOLVE_ABOVE_COLUMNS = 30_000;

/** Hub regions stage 2 adds to every workload's own, widened once if that is infeasible. */
const HUBS = [8, 24];
/**
 * Seconds stage 3 needs at least to be begun (the whole exact model, from stage 2's plan): in
 * less, it ends at the whole model's LP at best (0.4 s on the edited dev stack's, below), while
 * stage 2 could have used that time for its plan.
 */
const STAGE3_MIN_SEC = 2;
/** Cheapest regions per cloud each service keeps in stage 2. */
const CHEAPEST_PER_CLOUD = 3;

/**
 * Solves a spec in stages (see the comment at the top of this module). Returns "infeasible" when
 * the relaxed model's linear relaxation is (every requirement of the exact model is in it),
 * "no_solution" when no plan was found in time.
 */
export async function solveDecomposed(
  spec: NormalizedSpec,
  catalog: Catalog,
  candidates: Candidates,
  settings: DecomposeSettings,
): Promise<DecomposedOutcome> {
  const deadline = Date.now() + settings.timeLimitSec * 1000;
  const left = () => Math.max(0.01, (deadline - Date.now()) / 1000);
  const prices = replicaPrices(spec, catalog, candidates, settings.ilp.fixed);
  const pairs = servicePairs(spec, candidates);
  // What the relaxed model's LP and its MIP's root are expected to take (RELAXED_*_SEC_PER_PAIR).
  const relaxedSec = {
    lp: Math.max(RELAXED_LP_MIN_SEC, (settings.relaxedSecPerPair?.lp ?? RELAXED_LP_SEC_PER_PAIR) * pairs),
    mip: (settings.relaxedSecPerPair?.mip ?? RELAXED_MIP_SEC_PER_PAIR) * pairs,
  };
  // What the bound-only exact model's LP and its MIP's root are expected to take
  // (BOUND_*_SEC_PER_PAIR).
  const boundSec = {
    lp: (settings.boundSecPerPair?.lp ?? BOUND_LP_SEC_PER_PAIR) * pairs,
    mip: (settings.boundSecPerPair?.mip ?? BOUND_MIP_SEC_PER_PAIR) * pairs,
  };
  // Regions no plan meeting the links' latency can use: the capacity relaxations and the groups
  // all need them (about 2 s to compute at 2,000 services), so they are computed once.
  let reachMemo: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  // A re-plan's previous plan, whose forced moves the capacity relaxations count.
  const replan = { ...(settings.ilp.previous ? { previous: settings.ilp.previous } : {}), ...(settings.ilp.migration ? { migration: settings.ilp.migration } : {}) };
  const reach = () => (reachMemo ??= latencyReach(spec, catalog, candidates, settings.ilp.fixed ?? { services: {}, buckets: {} }));
  // The capacity relaxation (a small MIP): a bound and a guide when stage 1 is out of reach.
  // Presence per continent for the guide: its model is solved to its optimum in seconds (about
  // 2 s at 500 services, 13 s at 2,000), so the groups start early from a good guide.
  let guide: ReturnType<typeof capacityGuide> | undefined;
  // The continent MIP beside the groups: begun there when it was not begun beside its LP, or
  // still running from the capacity stage.
  let laterMip: ((signal: AbortSignal) => Promise<SolverOutcome>) | undefined;
  // The continent model's size, from which the time of the model per area is foreseen: its LP,
  // build included, and its MIP (AREA_SEC_PER_NONZERO, AREA_LP_BASE_SEC).
  let continentNonzeros = 0;
  const areaForeseen = () => {
    const per = settings.areaSecPerNonzero ?? AREA_SEC_PER_NONZERO;
    return { lp: AREA_LP_BASE_SEC + per.lp * continentNonzeros, mip: per.mip * continentNonzeros };
  };
  // Whether the model per area takes the continent MIP's solver at once (see AREA_FIRST).
  let areaFirst = false;
  // The lean model per area, built during the continent LP for its LP beside the groups (see
  // leanAreaBound), and how long its build took.
  let leanArea: { model: SparseModel; buildMs: number } | undefined;
  // With `beside`, a MIP still running at its limit goes on beside the groups (as `laterMip`).
  const capacityBound = async (beside = false): Promise<StageReport> => {
    const t = Date.now();
    const cm = capacityModel(spec, catalog, candidates, settings.ilp.fixed, "continents", reach(), replan);
    const model = cm.model;
    continentNonzeros = model.index.length;
    const limit = Math.min(left() * 0.2, 60);
    // A mixed-integer program (presence per continent): its proven bound holds whenever it stops.
    // When its limit is shorter than its root LP is expected to take, it would end with no bound
    // and only slow the LP solved beside it (at 2,000 services with a limit of 10 s, by about
    // 0.5 s of the 1.4 s that LP takes alone): it is then left for later, beside the groups,
    // with all of the time left (there, its bound is 1% above its LP's).
    const now = limit >= (settings.mipRootSecPerNonzero ?? MIP_ROOT_SEC_PER_NONZERO) * model.index.length;
    // Beside the groups, it runs on past its limit: the stage goes on without it then, and it
    // proves its bound beside them rather than starting again (at 100 services in 1 s, seed 60,
    // its limit of 0.19 s was too short, and beginning it again later was too late).
    const options: SolveOptions = beside
      ? { timeLimitSec: left(), relativeGap: settings.relativeGap, signal: stop.signal, onProgress: (p) => progress(undefined, p.bound) }
      : { timeLimitSec: limit, relativeGap: settings.relativeGap };
    // With a time left between AREA_FIRST's two multiples of what the MIP per area takes, that
    // MIP is begun in this one's place once the LP has ended (below).
    const { lp: areaLpSec, mip: areaSec } = areaForeseen();
    // So is it between the time its LP takes and LEAN_AREA_MARGIN times that, where no lean model
    // is built, when that LP is short (AREA_AT_ONCE_UP_TO_SEC): begun after construction, it
    // would have less than its LP's time left then, and not begin (at 100 services in 1 s a
    // capacity stage that ended with 0.70 to 0.75 s left, where the LP per area is foreseen at
    // 0.60 s and AREA_FIRST begins at 0.76 s, left the bound to the continent model: 4.38 to
    // 4.83% in a run of three, against 2.40%).
    const lpAtOnce = areaLpSec <= AREA_AT_ONCE_UP_TO_SEC && left() >= areaLpSec && left() < LEAN_AREA_MARGIN * areaLpSec;
    areaFirst = beside && left() < AREA_FIRST.below * areaSec && (left() >= AREA_FIRST.from * areaSec || lpAtOnce);
    const running = now && !areaFirst ? settings.run(model, options) : undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const overrun = Symbol("overrun");
    const mip =
      running && beside
        ? Promise.race([running, new Promise<typeof overrun>((resolve) => (timer = setTimeout(() => resolve(overrun), limit * 1000)))]).then((o) => {
            clearTimeout(timer);
            if (o !== overrun) return o;
            laterMip = () => running;
            return undefined;
          })
        : running;
    if (!now || areaFirst) laterMip = (signal) => boundRun(model, signal);
    // Its linear relaxation, a bound too (1.4 to 2 s at 2,000 services), in the second solver at
    // the same time and with half the time left: when the MIP runs out of time before its root
    // is solved, or is not run, the LP's bound and fractions stand in for its own (with 40% of
    // the time, a slow minute once left no bound but the replicas' and no guide: 36% over it
    // against 8 to 18%).
    const stopLp = new AbortController();
    const relaxed = settings
      .run(asLp(model), { timeLimitSec: Math.min(left() * 0.5, 60), relativeGap: 0, signal: stopLp.signal })
      .catch(() => undefined);
    // With its LP's time left but less than AREA_FIRST.from times its MIP's, the model per area
    // is built lean now, while the continent LP (posted to its worker above) solves, for its LP
    // beside the groups in the continent MIP's place (see leanAreaBound).
    // Its build holds up the main thread (1.5 s at 2,000 services, about as long as the LP), and
    // is lost when the continent LP proves the spec infeasible.
    if (beside && !now && !areaFirst && left() >= LEAN_AREA_MARGIN * areaLpSec && left() < AREA_FIRST.from * areaSec) {
      const t0 = Date.now();
      const built = capacityModel(spec, catalog, candidates, settings.ilp.fixed, "areas", reach(), { ...replan, lean: true }).model;
      leanArea = { model: built, buildMs: Date.now() - t0 };
    }
    const out = await mip?.catch((e) => {
      stopLp.abort();
      throw e;
    });
    const solved = out !== undefined && out.values.length > 0 && out.status !== "infeasible" && out.status !== "no_solution";
    // The MIP's plan guides when it is near its bound; a first plan found in a hurry (47% over
    // it at 2,000 services in 6 s) guides worse than the LP's fractions.
    if (solved && relativeGap(out.objective, out.bound) <= Math.max(GUIDE_GAP, settings.relativeGap)) guide = capacityGuide(cm, out.values);
    let bound = out && out.status !== "infeasible" ? out.bound : NaN;
    // A MIP with a plan and a bound has solved its root LP, whose bound is at least this one's;
    // the LP is still awaited for its fractions when the MIP's plan is too far from it to guide.
    if ((solved && Number.isFinite(bound) && guide) || out?.status === "infeasible") stopLp.abort();
    const lp = await relaxed;
    if (!guide && solved && lp?.status !== "optimal") guide = capacityGuide(cm, out.values);
    if (lp?.status === "optimal" && out?.status !== "infeasible") {
      if (!guide) guide = capacityGuide(cm, lp.values);
      bound = Number.isFinite(bound) ? Math.max(bound, lp.objective) : lp.objective;
    }
    // Without the MIP, the LP's status stands for it (an infeasible relaxation proves the spec so).
    const status = out?.status ?? (lp?.status === "optimal" || lp?.status === "infeasible" ? lp.status : "no_solution");
    return stageReport(model, { status, objective: out?.objective ?? NaN }, Number.isFinite(bound) ? bound : NaN, t);
  };
  // Presence per cloud and continent: connections across clouds, a network per cloud and the
  // traffic that leaves an area count too, which raises the bound (measured: +2.0% at 500
  // services, +1.2% at 2,000) in a model with four times the rows that takes some 40 s at 500
  // services and 115 s at 2,000. It runs in a solver of its own alongside the groups'
  // improvement passes, until they end; its proven bound holds wherever it stopped.
  // Its MIP, or its LP alone when its MIP's root would not end in the time left; undefined when
  // there is no time for even its LP (AREA_SEC_PER_NONZERO).
  const areaBound = (signal: AbortSignal): Promise<StageReport> | undefined => {
    const foreseen = areaForeseen();
    if (left() < foreseen.lp) return undefined;
    const linear = left() < foreseen.mip;
    return (async () => {
      const t = Date.now();
      // Its gateways of 12.multi raise its bound but slow its MIP down (at 100 services its
      // optimum in 14 s where it took 9): left out of its MIP when the bound model that follows
      // it (the bound-only exact model, or the relaxed model's MIP) has the time to pass it
      // (RELAXED_MIP_PASS_SEC_PER_PAIR, more than either needs). Its 9.cross, only in its LP
      // alone (at 100 services in 10 s its MIP with them proved $87,185 where it reaches $87,215
      // without).
      const gateways = linear || !relaxable || left() < RELAXED_MIP_PASS_SEC_PER_PAIR * pairs;
      // Its rows 12.cross and 12.multi by area raise its LP and the bound its MIP's root
      // proves, but slow a MIP that has the time to go past its root (CROSS_CUTS_BELOW).
      const crossCuts = linear || left() < CROSS_CUTS_BELOW * foreseen.mip;
      const model = capacityModel(spec, catalog, candidates, settings.ilp.fixed, "areas", reach(), { ...replan, multiCloudGateways: gateways, crossingTraffic: linear, crossCuts }).model;
      const report = (o: SolverOutcome, bound: number) => stageReport(model, o, bound, t);
      if (linear) {
        const lp = await settings.run(asLp(model), { timeLimitSec: left(), relativeGap: 0, signal });
        return { ...report(lp, lp.status === "optimal" ? lp.objective : NaN), linear: true as const };
      }
      // Its MIP alone, run for its bound (SolveOptions.forBound): without presolve, its first
      // bound reported is its LP's, about when the LP alone would end (at 100 services, 0.31 to
      // 0.34 s alone against 0.1 to 0.25 s), and its root's cut rounds follow at once. Its LP
      // solved first, even in the same worker, only put the root off: at 100 services in 1 s the
      // same bound, $87,208, in ten runs; seed 3, 3.01 to 3.68% where it was 3.77%; seed 60, 3.15
      // to 3.19% where it was 3.18 to 3.25%; 500 services in 10 s, the same bound.
      const out = await boundRun(model, signal);
      return report(out, out.status === "infeasible" ? NaN : out.bound);
    })();
  };
  // The lean model per area's LP (CapacityShape.lean), from the groups' start, in the solver the
  // continent MIP would take: when the continent MIP was left for later (its root would not end
  // beside its LP) and the model per area has the time for its LP (times LEAN_AREA_MARGIN) but
  // less than AREA_FIRST.from times its MIP's, it is built during the continent LP. Between one
  // and AREA_FIRST.from times its MIP's (2,000 services in 12 to 16 s, 500 in about 4 s), the
  // continent MIP ran there and the whole model per area's LP began after construction, three
  // solves on two cores: at 2,000 services in 15 s that LP did not end in 7.2 s, leaving the
  // continent MIP's $1,681,122 (3.84%, peak RSS 1,322 MiB), where the lean LP proves $1,696,791
  // (2.92%, 970 MiB); 500 services in 4 s, 5.56% against 4.15%. At 2,000 services in 10 s its
  // LP proves $1,696,361 ($1,696,717 with 9.cross) about 3 s after the groups begin, where the
  // continent MIP proves $1,681,015 (2.91 to 3.00% in nine runs of ten where the continent MIP
  // gave 3.84 to 3.97%; seeds 2 and 3, 3.12 and 3.56% where it gave 4.04 and 4.51%); the whole
  // model's LP ($1,698,445) takes 451 MiB in its worker where the lean one takes 313, and with it
  // peak RSS rose to 1,075 MiB where the lean one keeps it at 913 to 968 (the continent MIP: 901
  // to 942).
  // `buildMs`, its build's time, counts in the stage's. A failed LP leaves the continent LP's
  // bound: the continent MIP is not begun then.
  const leanAreaBound = async (model: SparseModel, buildMs: number): Promise<StageReport> => {
    const t = Date.now();
    const lp = await settings.run(asLp(model), { timeLimitSec: left(), relativeGap: 0, signal: stop.signal });
    const bound = lp.status === "optimal" ? lp.objective : NaN;
    return { ...stageReport(model, lp, bound, t - buildMs), linear: true, lean: true };
  };
  // A MIP run for its bound beside the groups, until the deadline or `signal`; the bounds it
  // proves on the way count for progress. Its own gap is no reason to stop (a bound within 0.1%
  // of the relaxation's optimum may still leave the plan's gap open): `progress` stops it (with
  // `stop`) when the plan's gap is met.
  const boundRun = (model: SparseModel, signal: AbortSignal, limitSec = left()) =>
    settings.run(model, { timeLimitSec: limitSec, relativeGap: 0, signal, forBound: true, onProgress: (p) => progress(undefined, p.bound) });
  // Progress for the groups' path: the gap between the groups' plan and the best bound proven so
  // far; once it is within the gap asked for, the groups' improvement and the bounds beside it end.
  let planned = NaN;
  let proved = NaN;
  const enough = new AbortController();
  // Ends the bounds beside the groups: when the gap is met, or once the groups are done.
  const stop = new AbortController();
  const progress = (objective?: number, bound?: number) => {
    if (objective !== undefined) planned = objective;
    if (bound !== undefined && Number.isFinite(bound) && !(proved >= bound)) proved = bound;
    if (!Number.isFinite(planned) || !Number.isFinite(proved)) return;
    const gap = relativeGap(planned, Math.min(proved, planned));
    settings.onProgress?.(gap);
    if (gap <= settings.relativeGap) {
      enough.abort();
      stop.abort();
    }
  };
  // Group by group, with the time left: a plan where the stages have none. A re-plan starts
  // from the previous plan whatever the time per group (resumePlan; with new workloads, under
  // NEW_RESUME_GROUP_SEC a group in groups.ts): the groups then move only
  // what saves more than its migration, where a construction, blind to the plan as a whole,
  // moved what it need not have (100 services re-planned against their own plan of 10 s before:
  // one move that cost $52.62 to save nothing).
  // (Made once the capacity stage has begun its solves: 0.03 to 0.14 s at 2,000 services.)
  const byGroups = async (onConstructed?: () => void) => {
    const t = Date.now();
    const resume = settings.ilp.previous ? resumePlan(spec, catalog, settings.ilp.previous, settings.ilp.fixed) : undefined;
    const out = await solveByGroups(spec, catalog, candidates, {
      relativeGap: Math.max(settings.relativeGap, GROUP_GAP),
      deadline,
      ilp: settings.ilp,
      run: settings.run,
      reach: reach(),
      replicaPrices: prices,
      ...(guide ? { guide } : {}),
      ...(onConstructed ? { onConstructed } : {}),
      onPlan: (objective) => progress(objective),
      signal: enough.signal,
      quickStart: (repairs) => quickPlans(spec, catalog, candidates, settings.ilp.fixed, guide, repairs),
      ...(resume ? { resume } : {}),
    });
    return { out, report: { groups: out.groups, passes: out.passes, ms: Date.now() - t, ...(out.failure ? { failure: out.failure } : {}) } };
  };

  // Once the capacity MIP per area has ended and while the groups still improve the plan: the
  // exact model built for its bound (boundOnly, below) when there is time for its LP, else (or
  // when it proved nothing) the relaxed model's integer program: with time, its bound ends above
  // the one per area (100 services in 60 s: $87,479 against $87,136, with 12.multi). Its own
  // plans are no help: priced exactly, those of the 20- and 50-service specs cost 1.1 and 0.7%
  // more than the groups' plans. With less time left than its root takes, its LP alone: a MIP
  // begun then proved nothing and only slowed the groups (50 services in 10 s: two improvement
  // passes where the LP leaves them five).
  const besideBound = async (signal: AbortSignal): Promise<{ readonly kind: "boundModel" | "relaxedMip"; readonly report: StageReport } | undefined> => {
    if (signal.aborted || left() < relaxedSec.lp) return undefined;
    // The exact model built for its bound first, when there is time for its LP; the relaxed
    // model's when it proved nothing and there still is for that one's.
    if (pairs <= BOUND_UP_TO_PAIRS && left() >= boundSec.lp) {
      const mip = left() >= boundSec.mip;
      // Its LP, with time for both, leaves the relaxed model's LP its time (relaxedReserveSec);
      // else it has all, and so has its MIP (whose root, given 2.5 times its LP's time, ends well
      // before: kept back, that time cost its bound at 100 services in 30 s $35, $87,726 where it
      // proves $87,760).
      const limit = (nonzeros: number) => {
        const reserve = mip ? 0 : relaxedReserveSec(left(), Math.max(boundSec.lp, boundLpSec(nonzeros)), relaxedSec.lp);
        return Math.max(0.01, left() - reserve);
      };
      // A solver failure there proves nothing either.
      const exact = await boundOnly(mip, limit, signal).catch(() => undefined);
      if ((exact && Number.isFinite(exact.bound)) || signal.aborted || left() < relaxedSec.lp) return exact && { kind: "boundModel", report: exact };
    }
    if (left() < relaxedSec.mip) {
      const { built: _built, values: _values, ...lp } = await relaxedLp(1, signal);
      return { kind: "relaxedMip", report: { ...lp, linear: true } };
    }
    const t = Date.now();
    const model = buildPlacementModel(spec, catalog, candidates, { ...settings.ilp, relax: true }).model;
    const out = await boundRun(model, signal);
    return { kind: "relaxedMip", report: stageReport(model, out, mipBound(out), t) };
  };

  // The exact model built for its bound alone (IlpOptions.boundOnly), in the relaxed model's place
  // beside the groups: its LP lies above that model's and even above its MIP's bound (generated
  // specs of 100 services, seed 1: $87,634.57 in 3.9 s against $87,398.24 in 3.4 s and the
  // relaxed MIP's $87,517 in 24 s beside the groups; seeds 2 and 3: +$423 and +$390 over the
  // relaxed LP; 20 services +$211, 50 +$36, 200 +$577), and its MIP's root raises it further
  // ($87,709 after 9.6 s, $87,760 after 14 s). Large LPs are presolved (SolveOptions.presolve).
  const boundOnly = async (mip: boolean, limit: (nonzeros: number) => number, signal: AbortSignal): Promise<StageReport> => {
    const t = Date.now();
    const model = buildPlacementModel(spec, catalog, candidates, { ...settings.ilp, boundOnly: true }).model;
    if (!mip) {
      const lp = await settings.run(asLp(model), { timeLimitSec: limit(model.index.length), relativeGap: 0, signal, presolve: model.numCols > BOUND_LP_PRESOLVE_ABOVE_COLUMNS });
      return { ...stageReport(model, lp, lp.status === "optimal" ? lp.objective : NaN, t), linear: true };
    }
    const out = await boundRun(model, signal, limit(model.index.length));
    return stageReport(model, out, mipBound(out), t);
  };

  // The relaxed model's linear relaxation, with `share` of the time left: a bound that keeps every requirement.
  const relaxedLp = async (share: number, signal?: AbortSignal): Promise<StageReport & { built: PlacementModel; values: ArrayLike<number> }> => {
    const t = Date.now();
    const built = buildPlacementModel(spec, catalog, candidates, { ...settings.ilp, relax: true });
    const lp =
      built.unplaceable.length > 0
        ? undefined
        : await settings.run(asLp(built.model), { timeLimitSec: left() * share, relativeGap: 0, ...(signal ? { signal } : {}) });
    const status = lp?.status ?? "infeasible";
    return {
      ...stageReport(built.model, { status, objective: lp?.objective ?? NaN }, status === "optimal" ? lp!.objective : NaN, t),
      built,
      values: lp?.values ?? [],
    };
  };

  // Without the whole exact model, or too large for stage 1: the groups, with the capacity
  // relaxations (and, where they can be built, the bound-only exact model or the relaxed model)
  // raising the bound beside them.
  const relaxable = pairs <= (settings.stagesUpToPairs ?? STAGES_UP_TO_PAIRS);
  if (!settings.exact || !relaxable) {
    const capacity = await capacityBound(true);
    if (capacity.status === "infeasible") return { status: "infeasible", objective: NaN, bound: NaN, capacity, regions: [] };
    progress(undefined, capacity.bound);
    // Only a higher bound: a solver failure there (caught at once, so that it cannot end the
    // process while the groups run) leaves the first relaxation's. It starts once the groups are
    // all placed: construction solves two groups at once, and a plan comes before a bound.
    let pending: Promise<StageReport | undefined> | undefined;
    let besidePending: ReturnType<typeof besideBound> | undefined;
    const counted = (run: Promise<StageReport> | undefined) => run?.then((a) => (progress(undefined, a.bound), a)).catch(() => undefined);
    const startArea = () => counted(areaBound(stop.signal));
    // With a short limit, the model per area now rather than once the groups have placed their
    // plan, in the solver the continent MIP would take (AREA_FIRST), or its lean model's LP
    // (leanAreaBound); the continent MIP then runs later only if neither begins.
    if (areaFirst) pending = startArea();
    else if (leanArea) {
      pending = counted(leanAreaBound(leanArea.model, leanArea.buildMs));
      laterMip = undefined; // not run: its model need not stay in memory
    }
    leanArea = undefined;
    // The continent MIP left for later runs beside the groups until they end, in a third solver
    // (at 2,000 services in 10 s its bound, $1,680,900 to $1,681,000 against its LP's $1,664,021,
    // cost the groups' plan nothing measurable).
    const later = (pending ? undefined : laterMip)?.(stop.signal).then((o) => (progress(undefined, o.status === "infeasible" ? NaN : o.bound), o)).catch(() => undefined);
    // The model per area is not begun when less time is left than its LP is expected to take
    // (its build alone, 1.4 s at 2,000 services, would hold up the groups and overrun the limit
    // with no bound to show for it), and only its LP is solved when its MIP's root would not end.
    // The capacity relaxations leave out latency and most of residency, so the groups may find
    // nothing for a spec they pass: the relaxed model's LP (which keeps every requirement) then
    // tells an infeasible spec from a time limit too short. It runs after groups that fail early;
    // when they are still placing their first plan with only the time it needs left (repeated
    // group models that end without a plan use up the limit), it starts beside them.
    let constructed = false;
    let check: Promise<Awaited<ReturnType<typeof relaxedLp>> | undefined> | undefined;
    const stopCheck = new AbortController();
    const checkTimer =
      relaxable && left() > 2 * relaxedSec.lp
        ? setTimeout(() => {
            if (!constructed) check = relaxedLp(1, stopCheck.signal).catch(() => undefined);
          }, (left() - relaxedSec.lp) * 1000)
        : undefined;
    const endCheck = async () => {
      clearTimeout(checkTimer);
      stopCheck.abort();
      await check;
    };
    const { out, report } = await byGroups(() => {
      constructed = true;
      void endCheck(); // a plan: nothing to tell
      if (stop.signal.aborted) return; // the first plan already met the gap
      pending ??= startArea();
      if (relaxable) besidePending = (pending ?? Promise.resolve()).then(() => besideBound(stop.signal)).then((r) => (progress(undefined, r?.report.bound), r)).catch(() => undefined);
    }).catch(async (e) => {
      stop.abort(); // the bounds beside them end too
      await endCheck();
      throw e;
    });
    clearTimeout(checkTimer);
    // Groups that stop improving before the deadline leave the time to the bounds, until they
    // end or prove the plan within the gap.
    if (out.plan && !enough.signal.aborted && left() > 0.05) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left() * 1000);
        const done = () => (clearTimeout(timer), resolve());
        enough.signal.addEventListener("abort", done, { once: true });
        void Promise.all([pending, later, besidePending]).then(done);
      });
    }
    stop.abort();
    if (out.plan) await endCheck();
    const found = await pending;
    const late = await later;
    const besideOut = await besidePending;
    const lateBound = late ? mipBound(late) : NaN;
    const continent = Number.isFinite(lateBound) && !(capacity.bound >= lateBound) ? { ...capacity, bound: lateBound } : capacity;
    const areas = found ? { areas: found } : {};
    const beside = besideOut?.kind === "boundModel" ? { boundModel: besideOut.report } : besideOut ? { relaxedMip: besideOut.report } : {};
    // `proved` holds the bounds the runs reported on the way too (the one that met the gap, even
    // if its run then failed).
    const proven = [continent.bound, found?.bound ?? NaN, besideOut?.report.bound ?? NaN, proved].filter(Number.isFinite);
    const bound = proven.length > 0 ? Math.max(...proven) : replicaBound(prices);
    if (!out.plan) {
      // The relaxed model's LP, begun beside the groups or now with the time left (see above).
      const lp = check ? await check : relaxable && left() > 0.5 ? await relaxedLp(1) : undefined;
      const relaxed = lp ? { relaxed: { variables: lp.variables, constraints: lp.constraints, status: lp.status, objective: lp.objective, bound: lp.bound, ms: lp.ms } } : {};
      if (lp?.status === "infeasible") return { status: "infeasible", objective: NaN, bound: NaN, ...relaxed, capacity: continent, groups: report, regions: [] };
      return { status: "no_solution", objective: NaN, bound, ...relaxed, capacity: continent, ...areas, ...beside, groups: report, regions: [] };
    }
    return { status: "feasible", plan: out.plan, objective: out.objective, bound: Math.min(bound, out.objective), capacity: continent, ...areas, ...beside, groups: report, regions: [] };
  }

  // Stage 1: the relaxed model's linear relaxation: a bound, and where the load wants to be.
  const { built: relaxedModel, values: lpValues, ...relaxed } = await relaxedLp(0.5);
  if (relaxed.status === "infeasible") return { status: "infeasible", objective: NaN, bound: NaN, relaxed, regions: [] };
  // An LP that did not end in time leaves stage 2 each service's cheapest regions, and the
  // bound of the capacity relaxation (or, failing that, of the replicas' prices alone).
  const solved = relaxed.status === "optimal";
  const capacity = solved ? undefined : await capacityBound();
  let bound = solved ? relaxed.bound : Number.isFinite(capacity!.bound) ? capacity!.bound : replicaBound(prices);
  const { byWorkload, load } = solved ? support(relaxedModel, lpValues) : { byWorkload: new Map<string, Set<RegionKey>>(), load: new Map<RegionKey, number>() };

  // Stage 2: the exact model over each workload's own regions and the busiest ones.
  const t1 = Date.now();
  let found: { plan: Plan; objective: number } | undefined;
  let restricted: StageReport | undefined;
  let regions: RegionKey[] = [];
  const cheap = cheapestPerArea(prices, CHEAPEST_PER_CLOUD);
  const own = new Map<string, Set<RegionKey>>([...cheap]);
  const add = (name: string, keys: Iterable<RegionKey>) => own.set(name, new Set([...(own.get(name) ?? []), ...keys]));
  for (const [name, keys] of byWorkload) add(name, keys);
  // Where the previous plan put a workload stays open to it: staying is what stability prices.
  const before = settings.ilp.previous;
  for (const [name, p] of Object.entries(before?.services ?? {})) add(name, p.groups.map((g) => `${g.cloud}:${g.region}` as RegionKey));
  for (const [name, b] of Object.entries({ ...before?.buckets, ...before?.databases })) add(name, [`${b.cloud}:${b.region}` as RegionKey]);
  for (const n of HUBS) {
    if (n !== HUBS[0] && load.size === 0) break; // without stage 1's load, widening adds nothing
    const only = allowed(spec, own, hubs(load, n));
    const model = buildPlacementModel(spec, catalog, candidates, { ...settings.ilp, regions: only, prune: false });
    if (model.unplaceable.length > 0) continue;
    // Its share of the time left, or all of it when the rest would be too short for stage 3: a
    // limit of 3 s on the dev stack with web's users in the US within 40 ms and four workloads
    // released gave it 0.8 s, where it found a plan of $1,503.07, and left 0.9 s unused; with
    // the whole 1.7 s it ends at $1,134.42 to $1,137.31 (the optimum $1,134.42). With
    // STAGE3_MIN_SEC at 1 s, the 2 s left there were halved, and it ended at $1,355.40 to
    // $1,417.79 in two runs of three; with all of it, at $1,134.42 to $1,137.31 in seven of
    // seven. Given it all, a model with no plan by its share gives way to the next, wider one
    // (or to the whole model).
    const share = n === HUBS[HUBS.length - 1] ? 0.8 : 0.5;
    const now = left();
    const all = now * (1 - share) < STAGE3_MIN_SEC;
    const giveWay = new AbortController();
    let planned = false;
    const timer = all ? setTimeout(() => planned || giveWay.abort(), now * share * 1000) : undefined;
    const out = await settings.run(model.model, {
      timeLimitSec: all ? now : now * share,
      relativeGap: settings.relativeGap / 4,
      signal: giveWay.signal,
      onProgress: (p) => {
        planned ||= p.gap !== undefined;
        settings.onProgress?.(p.gap);
      },
    });
    clearTimeout(timer);
    restricted = stageReport(model.model, out, out.bound, t1);
    if (out.values.length > 0 && out.status !== "infeasible" && out.status !== "no_solution") {
      found = { plan: model.decode(out.values), objective: out.objective };
      regions = [...new Set([...only.values()].flatMap((x) => [...x]))].sort();
      break;
    }
  }
  if (!found) return { status: "no_solution", objective: NaN, bound, relaxed, capacity, restricted, regions };

  // Stage 3: with the time left, the whole exact model from that plan (its plans and bound are
  // the problem's own).
  const whole = settings.exact;
  if (left() >= STAGE3_MIN_SEC && relativeGap(found.objective, bound) > settings.relativeGap) {
    const mip = await settings.run(whole.model, {
      timeLimitSec: left(),
      relativeGap: settings.relativeGap,
      start: startFrom(whole, found.plan),
      onProgress: (p) => settings.onProgress?.(p.gap),
    });
    if (Number.isFinite(mip.bound)) bound = Math.max(bound, mip.bound);
    if (mip.values.length > 0 && mip.objective < found.objective - 1e-6) {
      found = { plan: whole.decode(mip.values), objective: mip.objective };
    }
  }
  return { status: "feasible", plan: found.plan, objective: found.objective, bound: Math.min(bound, found.objective), relaxed, capacity, restricted, regions };
}
