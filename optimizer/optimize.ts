// The optimizer's entry point: candidates, ILP build, solve, verification, cost, stability moves,
// explanations and the budget check, with infeasibility and solver failures as typed errors.

import type { Catalog } from "./catalog";
import { buildCandidates } from "./candidates";
import { diagnoseInfeasibility, type Feasibility } from "./diagnose";
import { holdConflicts } from "./diagnose-hold";
import { PlacementInfeasibleError, PlanInputError, SolverError, SpecValidationError } from "./errors";
import type { Conflict } from "./errors";
import { evaluatePlan } from "./evaluate";
import { explainAlternatives, explainReasons, neighbourhood, planUse, type PlanUse } from "./explain";
import { explainDatabases } from "./explain-databases";
import { buildPlacementModel } from "./ilp";
import { networkRoles } from "./ilp-network";
import { BUILD_EXACT_UP_TO_CONNECTION_ROWS, connectionRows, DECOMPOSE_ABOVE_ROWS, solveDecomposed } from "./decompose";
import type { StageReport } from "./decompose";
import { withoutWorkloads, workloadNames, type Plan } from "./plan";
import type { PlacementResult, SolveReport, SolveStatus } from "./result";
import { HighsSolver } from "./solvers/highs";
import { JsLpSolver } from "./solvers/jslp";
import { relativeGap } from "./solvers/types";
import type { PlacementSolver, SolveOptions, SolverOutcome, SparseModel } from "./solvers/types";
import { workloadCount, type NormalizedSpec } from "./spec";
import { reportMoves, StaySolver } from "./moves";
import { bucketViolations, databaseViolations, globalViolations, serviceViolations, verifyPlan } from "./verify";
import { BALANCERS_PER_NETWORK } from "./network/topology";
import { heldDatabases } from "./plan-databases";
import { NetworkChanges } from "./network/costs";

/** Options of one optimizer run. */
export interface OptimizeOptions {
  /** Solver to use; default "highs". */
  solver?: "highs" | "jslp";
  /** Wall-clock deadline in seconds for the whole run; default 30. */
  timeLimitSec?: number;
  /** Relative gap at which a plan counts as optimal; default 1e-4 (0.01%). */
  relativeGap?: number;
  /** Previous plan: a workload moves away from it only when the saving beats the migration cost. */
  previous?: Plan;
  /** Migration cost per moved replica (or bucket) in USD; default 50. */
  fixedPerReplicaUSD?: number;
  /** Months of the moved data's internet egress added to the migration cost; default 1. */
  migrationEgressMonths?: number;
  /** Workloads in this plan are held exactly where they are; the others are placed. */
  hold?: Plan;
  /**
   * Solve in stages (optimizer/decompose.ts): "auto" (the default) does so when the exact model
   * has more than DECOMPOSE_ABOVE_ROWS rows or would be too large to build; "always" and "never"
   * force the choice.
   */
  decompose?: "auto" | "always" | "never";
  /** Whether to explain each service's placement and alternatives; default true. */
  explain?: boolean;
  /**
   * Called while the run works: "solving" while the solver searches for the plan (with its gap),
   * "explaining" while alternatives are priced for the explanations and moves.
   */
  onProgress?: (p: { elapsedMs: number; gap?: number; stage: "solving" | "explaining" }) => void;
}

/** A solver adapter by name. */
export function createSolver(name: "highs" | "jslp"): PlacementSolver {
  return name === "jslp" ? new JsLpSolver() : new HighsSolver();
}

const SOLVER_LABEL = { highs: "HiGHS", jslp: "javascript-lp-solver" } as const;

/**
 * Seconds that must be left for the diagnosis to try whether a changed spec has a plan (a fix's
 * figure): with less, the answer is "unknown" rather than a solve that stops at once.
 */
const MIN_FEASIBILITY_SEC = 1;
/**
 * Seconds the diagnosis of an infeasible spec may take from its start (after a hold's), when the
 * run's limit leaves it less: its checks of relaxed specs (optimizer/diagnose-relax.ts) and of
 * latency fixes' figures. A relaxation whose check ended without an answer is not named as sure.
 */
const DIAGNOSIS_SEC = 10;
/**
 * Seconds the diagnosis of a hold (optimizer/diagnose-hold.ts) may take from its start, when the
 * run's limit leaves it less. It runs only when the spec is proven to have no plan with the hold,
 * and asks for a plan with some held workloads released, up to 16 times: the dev stack with its
 * web service sent to US users needs 8 checks, 1.1 to 2.4 s in all. With under MIN_CHECK_SEC
 * left a check answers "unknown", and the workloads it would have held again stay released.
 */
const HOLD_DIAGNOSIS_SEC = 10;
/**
 * Up to this many workloads a check of a hold solves the whole model without costs (of the spec
 * feasibilityOnly gives, since the figures below were measured: a smaller model); above, it
 * runs the optimizer's stages for any plan, which find one where the whole model does not in
 * time (100 generated services: no plan in 5 s, where the stages find one in 0.15 to 1.5 s).
 * On the dev stack the whole model checks in 1.1 to 2.4 s what the stages check in 3.3 to 4.8.
 */
const HOLD_WHOLE_MODEL_UP_TO = 60;
const MIN_CHECK_SEC = 0.05;
/** Seconds one feasibility check of the diagnosis (a changed spec, or a changed hold) may take at most. */
const CHECK_SEC = 5;

/**
 * Seconds per workload kept back from the solve for what follows it within the time limit: the
 * plan's verification and pricing. Measured at 2,000 services (after a 10-s solve, its heap full):
 * 75 to 85 ms to verify, 60 to 70 ms to price, where the solve used to end at the limit and the
 * run 0.15 to 0.2 s past it.
 */
const FINISH_SEC_PER_WORKLOAD = 75e-6;
/**
 * With explanations asked for or a previous plan's moves to price, the solve also leaves them
 * EXPLAIN_SEC_PER_SERVICE a service, at most EXPLAIN_SHARE of the limit: the reasons price some
 * ten changes of each service (all of them: 0.6 to 0.7 s at 2,000 services), moves price each moved
 * workload and may solve a model to keep its replicas, the alternatives solve a model per other
 * cloud; what the deadline cuts short says so. Before, a solve that ran to the limit left them
 * nothing, and a 10-s limit at 2,000 services ended after 417 s.
 */
const EXPLAIN_SEC_PER_SERVICE = 0.01;
const EXPLAIN_SHARE = 0.1;
/**
 * What explaining takes once its timed parts have ended: per service, its reasons not priced and
 * its alternatives not solved, written as such (at 2,000 services, 0.08 and 0.07 s). The timed
 * parts (the reasons' pricing, the models that keep a service's replicas where they were, the
 * alternatives) end this much before the deadline.
 */
const UNEXPLAINED_SEC_PER_SERVICE = 8e-5;
/**
 * What pricing the moves of a re-plan takes, per workload (0.2 to 0.4 s for 1,079 moves at 2,000
 * services): it comes between the reasons and the models that keep replicas, and is taken from
 * the reasons' half. Before both, at 2,000 services with a 10-s limit, explaining ended 0.26 s
 * past the limit and re-planning 0.25 to 0.55 s past it.
 */
const MOVE_SEC_PER_WORKLOAD = 1.5e-4;

/** The workloads of `hold` that the spec still has, as a plan. */
function heldPart(spec: NormalizedSpec, hold: Plan | undefined): Plan {
  if (!hold) return { services: {}, buckets: {} };
  return {
    services: Object.fromEntries(spec.services.filter((s) => hold.services[s.name]).map((s) => [s.name, hold.services[s.name]])),
    buckets: Object.fromEntries(spec.buckets.filter((b) => hold.buckets[b.name]).map((b) => [b.name, hold.buckets[b.name]])),
    ...heldDatabases(spec, hold),
  };
}

/** Held workloads that break the spec on their own make the run infeasible; name them. */
function heldConflicts(spec: NormalizedSpec, catalog: Catalog, held: Plan): Conflict[] {
  const fix = "Release the workload from the hold so that it is placed again, or restore the requirement it breaks.";
  const conflicts: Conflict[] = [];
  for (const s of spec.services) {
    if (!held.services[s.name]) continue;
    const v = serviceViolations(spec, catalog, s, held.services[s.name]);
    if (v.length > 0) {
      conflicts.push({ workloads: [s.name], requirements: v, explanation: `services.${s.name} is held where the spec no longer allows it: ${v.join(" ")}`, fixes: [fix] });
    }
  }
  for (const b of spec.buckets) {
    if (!held.buckets[b.name]) continue;
    const v = bucketViolations(spec, catalog, b, held.buckets[b.name]);
    if (v.length > 0) {
      conflicts.push({ workloads: [b.name], requirements: v, explanation: `buckets.${b.name} is held where the spec no longer allows it: ${v.join(" ")}`, fixes: [fix] });
    }
  }
  for (const d of spec.databases ?? []) {
    if (!held.databases?.[d.name]) continue;
    const v = databaseViolations(spec, catalog, d, held.databases[d.name]);
    if (v.length > 0) {
      conflicts.push({ workloads: [d.name], requirements: v, explanation: `databases.${d.name} is held where the spec no longer allows it: ${v.join(" ")}`, fixes: [fix] });
    }
  }
  const g = globalViolations(spec, catalog, held);
  if (g.length > 0) {
    conflicts.push({
      workloads: workloadNames(held),
      requirements: g,
      explanation: `The held workloads alone break global limits: ${g.join(" ")}`,
      fixes: ["Release some workloads from the hold, or raise the quota or maxClouds they exceed."],
    });
  }
  return conflicts;
}

/**
 * Entries of a previous or held plan that name a region or instance type the catalog does not
 * have: such a plan cannot be priced, so it is rejected before anything is built.
 */
function unknownEntries(catalog: Catalog, plan: Plan | undefined, what: string): string[] {
  const out: string[] = [];
  for (const [name, p] of Object.entries(plan?.services ?? {})) {
    for (const g of p.groups) {
      if (!catalog.region(g.cloud, g.region)) out.push(`${what}.services.${name}: ${g.cloud}:${g.region} is not a region of the price catalog`);
      else if (!catalog.offer(g.cloud, g.region, g.instanceType)) out.push(`${what}.services.${name}: ${g.instanceType} is not offered in ${g.cloud}:${g.region}`);
    }
  }
  for (const [name, b] of Object.entries(plan?.buckets ?? {})) {
    if (!catalog.region(b.cloud, b.region)) out.push(`${what}.buckets.${name}: ${b.cloud}:${b.region} is not a region of the price catalog`);
  }
  for (const [name, d] of Object.entries(plan?.databases ?? {})) {
    if (!catalog.region(d.cloud, d.region)) out.push(`${what}.databases.${name}: ${d.cloud}:${d.region} is not a region of the price catalog`);
  }
  return out;
}

/** What the solve report says of a stage that proves a bound. */
function bounded(x: StageReport): { variables: number; constraints: number; bound: number; ms: number; linear?: true; lean?: true } {
  return { variables: x.variables, constraints: x.constraints, bound: x.bound, ms: x.ms, ...(x.linear ? { linear: x.linear } : {}), ...(x.lean ? { lean: x.lean } : {}) };
}

/** Runs a solver, turning any exception into a SolverError that names the solver. */
async function runSolver(solver: PlacementSolver, model: SparseModel, opts: SolveOptions): Promise<SolverOutcome> {
  if (model.numCols === 0 && model.numRows === 0) {
    return { status: "optimal", objective: model.offset, bound: model.offset, values: new Float64Array(0) };
  }
  try {
    return await solver.solve(model, opts);
  } catch (e) {
    const label = SOLVER_LABEL[solver.name as keyof typeof SOLVER_LABEL] ?? solver.name;
    throw new SolverError(
      `${label} failed on a model of ${model.numCols} variables and ${model.numRows} constraints: ` +
        `${e instanceof Error ? e.message : String(e)}. To fix: retry with the other solver ` +
        `(${solver.name === "highs" ? "javascript-lp-solver" : "HiGHS"}), or report the spec that triggers it.`,
    );
  }
}

/**
 * Places every workload of a validated spec at least cost. Throws PlacementInfeasibleError when
 * no placement satisfies the spec and SolverError when the solver fails or returns a broken plan.
 * A plan over budget is returned with `budget.excessUSD > 0`.
 */
export async function optimize(spec: NormalizedSpec, catalog: Catalog, opts: OptimizeOptions = {}): Promise<PlacementResult> {
  try {
    return await run(spec, catalog, opts, true);
  } catch (e) {
    if (e instanceof PlacementInfeasibleError || e instanceof SolverError || e instanceof SpecValidationError || e instanceof PlanInputError) throw e;
    throw new SolverError(
      `The optimizer failed: ${e instanceof Error ? e.message : String(e)}. ` +
        "To fix: check that the spec was validated against this catalog, or report the spec that triggers it.",
    );
  }
}

/**
 * The spec with only what decides whether a plan exists: no traffic and no network layer to
 * price. Its model has no rows of 9 and 12, which are most of the whole model's (100 generated
 * services: 14,000 rows where the whole model has 188,000; an infeasible spec proven so in 0.05
 * s where it took 1.0, a feasible one given a plan in 1.4 to 1.6 s where it took 7 to 8). The
 * one requirement of 12, the balancer addresses (12.balancers), can only bind with more services
 * called than a region's network has addresses for: then the network stays. So the spec has a
 * plan exactly when this one does.
 */
export function feasibilityOnly(spec: NormalizedSpec): NormalizedSpec {
  return {
    ...spec,
    network: spec.network && networkRoles(spec).called.size > BALANCERS_PER_NETWORK ? spec.network : undefined,
    links: spec.links.map((l) => (l.monthlyGiB === 0 ? l : { ...l, monthlyGiB: 0 })),
  };
}

/**
 * Whether the spec has a plan with `hold` held: the optimizer's own run (its stages find plans
 * where the whole model finds none in time), for any plan, with no explanations and no
 * diagnosis. A plan it returns has been verified; "infeasible" only when proven.
 */
async function planExists(spec: NormalizedSpec, catalog: Catalog, opts: OptimizeOptions, hold: Plan, timeLimitSec: number): Promise<Feasibility> {
  try {
    await run(spec, catalog, { solver: opts.solver, decompose: opts.decompose, hold, timeLimitSec, relativeGap: 1, explain: false }, false);
    return "feasible";
  } catch (e) {
    // Whatever else stops the run (no plan in time, a solver failure) leaves the answer unknown:
    // the diagnosis goes on without it.
    return e instanceof PlacementInfeasibleError ? "infeasible" : "unknown";
  }
}

async function run(spec: NormalizedSpec, catalog: Catalog, opts: OptimizeOptions, diagnose: boolean): Promise<PlacementResult> {
  const start = Date.now();
  const timeLimitSec = opts.timeLimitSec ?? 30;
  const deadline = start + timeLimitSec * 1000;
  const gapTarget = opts.relativeGap ?? 1e-4;
  const solver = createSolver(opts.solver ?? "highs");
  const label = SOLVER_LABEL[opts.solver ?? "highs"];
  const migration = { fixedPerReplicaUSD: opts.fixedPerReplicaUSD ?? 50, egressMonths: opts.migrationEgressMonths ?? 1 };
  const left = () => Math.max(0.01, (deadline - Date.now()) / 1000);
  const workloads = workloadCount(spec);
  // The solve's share: the time left less what verifying, pricing and explaining its plan will take.
  // What follows the timed parts of explaining and re-planning (UNEXPLAINED_SEC_PER_SERVICE,
  // MOVE_SEC_PER_WORKLOAD): kept back from the solve too when it is more than their share.
  const unexplainedSec = opts.explain !== false ? UNEXPLAINED_SEC_PER_SERVICE * spec.services.length : 0;
  const movesSec = opts.previous ? MOVE_SEC_PER_WORKLOAD * workloads : 0;
  const explaining = opts.explain === false && !opts.previous ? 0 : Math.max(unexplainedSec + movesSec, Math.min(EXPLAIN_SHARE * timeLimitSec, EXPLAIN_SEC_PER_SERVICE * spec.services.length));
  const solveLeft = () => Math.max(0.01, left() - FINISH_SEC_PER_WORKLOAD * workloads - explaining);

  const unknown = [...unknownEntries(catalog, opts.previous, "previous"), ...unknownEntries(catalog, opts.hold, "hold")];
  if (unknown.length > 0) {
    throw new PlanInputError(
      `The plan passed to the optimizer names what the price catalog does not have: ${unknown.join("; ")}. ` +
        "To fix: correct or remove these entries (a removed workload is placed again).",
    );
  }
  const candidates = buildCandidates(spec, catalog);
  const fixed = heldPart(spec, opts.hold);
  const held = heldConflicts(spec, catalog, fixed);
  if (held.length > 0) throw new PlacementInfeasibleError(held);

  const infeasible = async (): Promise<never> => {
    if (!diagnose) throw new PlacementInfeasibleError([]);
    // Whether a changed spec, or the spec with a changed hold, has a plan by its whole model:
    // "feasible" only with one found, "infeasible" only when proven, else "unknown" (the time ran
    // out first).
    const solveWith = async (s: NormalizedSpec, hold: Plan, sec: number, c = buildCandidates(s, catalog)): Promise<Feasibility> => {
      const b = buildPlacementModel(feasibilityOnly(s), catalog, c, { fixed: heldPart(s, hold) });
      if (b.unplaceable.length > 0) return "infeasible";
      // Only whether a plan exists counts: without costs the solver stops at its first plan
      // sooner (the dev stack's checks of a hold: 0.3 to 1.0 s for those that find a plan, where
      // they took 0.35 to 1.6 s with the costs).
      const r = await runSolver(solver, { ...b.model, colCost: new Float64Array(b.model.numCols) }, { timeLimitSec: sec, relativeGap: 1 });
      if (r.status === "infeasible") return "infeasible";
      return r.status === "optimal" || r.status === "feasible" || (r.status === "time_limit" && r.values.length > 0) ? "feasible" : "unknown";
    };
    // With workloads held, first whether the hold is what breaks the spec (optimizer/diagnose-hold.ts),
    // with HOLD_DIAGNOSIS_SEC for it when the run's own time is spent. When it is not, the
    // diagnosis of the spec has the run's time left and the time the hold's checks took, and at
    // least DIAGNOSIS_SEC.
    let until = deadline;
    const diagnosisLeft = () => Math.max(0.01, (until - Date.now()) / 1000);
    const solveChanged = async (s: NormalizedSpec): Promise<Feasibility> => (diagnosisLeft() < MIN_CHECK_SEC ? "unknown" : solveWith(s, fixed, Math.min(diagnosisLeft(), CHECK_SEC)));
    let spentMs = 0;
    if (workloadNames(fixed).length > 0) {
      const begun = Date.now();
      const holdUntil = Math.max(deadline, begun + HOLD_DIAGNOSIS_SEC * 1000);
      const check = async (release: readonly string[]): Promise<Feasibility> => {
        const sec = (holdUntil - Date.now()) / 1000;
        if (sec < MIN_CHECK_SEC) return "unknown";
        const hold = withoutWorkloads(fixed, release);
        // The spec does not change from check to check: its candidates are the run's.
        return workloads <= HOLD_WHOLE_MODEL_UP_TO ? solveWith(spec, hold, Math.min(sec, CHECK_SEC), candidates) : planExists(spec, catalog, opts, hold, Math.min(sec, CHECK_SEC));
      };
      const hold = await holdConflicts(spec, fixed, check);
      if (hold) throw new PlacementInfeasibleError(hold);
      spentMs = Date.now() - begun;
    }
    until = Math.max(deadline + spentMs, Date.now() + DIAGNOSIS_SEC * 1000);
    // The relaxations search on "not proven infeasible" and name a fix as sure only when its
    // check found a plan (diagnose-relax.ts); a fix's figure is not checked with too little time
    // left (nor its model built).
    const feasibility = async (s: NormalizedSpec): Promise<Feasibility> => (diagnosisLeft() < MIN_FEASIBILITY_SEC ? "unknown" : solveChanged(s));
    throw new PlacementInfeasibleError(await diagnoseInfeasibility(spec, catalog, solveChanged, feasibility));
  };

  const ilp = { fixed, previous: opts.previous, migration };
  const mode = opts.decompose ?? "auto";
  // The exact model is built unless the estimate of its connections puts it out of reach (see
  // optimizer/decompose.ts for the figures); "never" builds it whatever its size. It has the rows
  // of 12.multi, 12.span and 9.cross (wholeModelCuts), which shorten its proof; the groups' and
  // explanations' small models leave them out (see IlpOptions.wholeModelCuts).
  const t0 = Date.now();
  const built =
    mode !== "never" && connectionRows(spec, candidates) > BUILD_EXACT_UP_TO_CONNECTION_ROWS ? undefined : buildPlacementModel(spec, catalog, candidates, { ...ilp, wholeModelCuts: true });
  const buildMs = Date.now() - t0;
  if (built && built.unplaceable.length > 0) return infeasible();
  if (!built || mode === "always" || (mode === "auto" && built.model.numRows > DECOMPOSE_ABOVE_ROWS)) {
    const t = Date.now();
    const d = await solveDecomposed(spec, catalog, candidates, {
      relativeGap: gapTarget,
      timeLimitSec: solveLeft(),
      ilp,
      exact: built,
      run: (model, o) => runSolver(solver, model, o),
      onProgress: opts.onProgress && ((gap) => opts.onProgress!({ elapsedMs: Date.now() - start, gap, stage: "solving" })),
    });
    if (d.status === "infeasible") return infeasible();
    if (d.plan) {
      return finish(d.plan, {
        solver: solver.name,
        status: relativeGap(d.objective, d.bound) <= gapTarget + 1e-12 ? "optimal" : "time_limit",
        objective: d.objective,
        bound: d.bound,
        gap: relativeGap(d.objective, d.bound),
        variables: d.restricted?.variables ?? d.relaxed?.variables ?? d.capacity?.variables ?? 0,
        constraints: d.restricted?.constraints ?? d.relaxed?.constraints ?? d.capacity?.constraints ?? 0,
        buildMs,
        solveMs: Date.now() - t,
        decomposed: {
          ...(d.relaxed ? { relaxed: bounded(d.relaxed) } : {}),
          ...(d.relaxedMip ? { relaxedMip: bounded(d.relaxedMip) } : {}),
          ...(d.boundModel ? { boundModel: bounded(d.boundModel) } : {}),
          ...(d.capacity ? { capacity: bounded(d.capacity) } : {}),
          ...(d.areas ? { areas: bounded(d.areas) } : {}),
          ...(d.groups ? { groups: { groups: d.groups.groups, passes: d.groups.passes, ms: d.groups.ms } } : {}),
          ...(d.restricted ? { restricted: { variables: d.restricted.variables, constraints: d.restricted.constraints, objective: d.restricted.objective, ms: d.restricted.ms } } : {}),
          regions: d.regions.length,
        },
      });
    }
    if (!built || solveLeft() <= 0.05) {
      const steps: string[] = [];
      const relaxed = d.relaxed && `the relaxed model (${d.relaxed.variables} variables, ${d.relaxed.constraints} constraints) ended with status ${d.relaxed.status} after ${(d.relaxed.ms / 1000).toFixed(1)} s`;
      if (d.groups) {
        // Without a whole model the relaxed model's LP runs only after the groups, to tell an infeasible spec.
        steps.push(`placing ${d.groups.groups} groups of linked workloads one by one stopped: ${d.groups.failure ?? "no plan"}`);
        if (relaxed) steps.push(relaxed);
      } else if (relaxed) {
        steps.push(
          relaxed,
          d.restricted
            ? `the exact model over the regions it kept (${d.restricted.variables} variables, ${d.restricted.constraints} constraints) ended with status ${d.restricted.status}`
            : "the regions it kept could not hold every workload",
        );
      }
      throw new SolverError(
        `${label} found no plan within the time limit of ${timeLimitSec} s, solving in stages: ${steps.join(", and ")}. ` +
          "To fix: raise the time limit" +
          (solver.name === "highs" ? ", or hold part of the workloads where they are (hold) to shrink the model." : ", or use the default solver (HiGHS)."),
      );
    }
    // The stages found nothing but the exact model is built: it gets the time left.
  }

  const t1 = Date.now();
  const outcome = await runSolver(solver, built.model, {
    timeLimitSec: solveLeft(),
    relativeGap: gapTarget,
    onProgress: opts.onProgress && ((p) => opts.onProgress!({ elapsedMs: Date.now() - start, gap: p.gap, stage: "solving" })),
  });
  const solveMs = Date.now() - t1;
  if (outcome.status === "infeasible") return infeasible();
  if (outcome.status === "no_solution") {
    throw new SolverError(
      `${label} found no plan within the time limit of ${timeLimitSec} s (model of ${built.model.numCols} variables and ` +
        `${built.model.numRows} constraints). To fix: raise the time limit` +
        (solver.name === "highs" ? ", or hold part of the workloads where they are (hold) to shrink the model." : ", or use the default solver (HiGHS)."),
    );
  }

  const status: SolveStatus =
    outcome.status === "optimal" ? "optimal" : outcome.status === "time_limit" ? "time_limit" : "feasible";
  return finish(built.decode(outcome.values), {
    solver: solver.name,
    status,
    objective: outcome.objective,
    bound: outcome.bound,
    gap: relativeGap(outcome.objective, outcome.bound),
    variables: built.model.numCols,
    constraints: built.model.numRows,
    buildMs,
    solveMs,
  });

  /** Verifies, prices and explains a plan the solver returned. */
  async function finish(plan: Plan, report: SolveReport): Promise<PlacementResult> {
    const violations = verifyPlan(spec, catalog, plan);
    if (violations.length > 0) {
      throw new SolverError(
        `${label} returned a plan that breaks the spec: ${violations.join(" ")} To fix: ` +
          (solver.name === "highs" ? "report the spec that triggers it; javascript-lp-solver may serve meanwhile." : "retry with the default solver (HiGHS), which proves its answers."),
      );
    }
    const cost = evaluatePlan(spec, plan, catalog);
    opts.onProgress?.({ elapsedMs: Date.now() - start, stage: "explaining" });
    // The reasons' pricing and the solves end by `timedBy`, leaving the reasons and alternatives
    // they did not reach the time to be written as such; a re-plan's moves are priced within it.
    const timedBy = deadline - unexplainedSec * 1000;
    let use: PlanUse | undefined; // once a stay is solved
    const stay: StaySolver = async (s, from, atLeast) => {
      if ((timedBy - Date.now()) / 1000 <= 0.05) return undefined;
      const { sub, held, outside } = neighbourhood(spec, catalog, plan, (use ??= planUse(catalog, plan)), s);
      const b = buildPlacementModel(sub, catalog, candidates, { fixed: held, usedClouds: outside, keep: { service: s.name, groups: from, atLeast } });
      if (b.unplaceable.length > 0) return "infeasible";
      const r = await runSolver(solver, b.model, { timeLimitSec: Math.min(10, Math.max(0.01, (timedBy - Date.now()) / 1000)), relativeGap: 0 });
      if (r.status === "infeasible") return "infeasible";
      if (r.status === "no_solution") return undefined;
      const kept = b.decode(r.values);
      if (verifyPlan(sub, catalog, kept).length > 0) return undefined;
      return { ...plan, services: { ...plan.services, [s.name]: kept.services[s.name] } };
    };
    // The explanations' reasons first, then the moves, then the alternatives' models with the
    // time left; with moves to price, the reasons get half of the timed part less the moves' pricing.
    const explainFailed = (e: unknown): never => {
      if (e instanceof SolverError) throw e;
      throw new SolverError(`Explaining the plan failed: ${e instanceof Error ? e.message : String(e)}. To fix: run with explanations off (explain: false).`);
    };
    // One index of the plan's network for the reasons and the moves (6 to 12 ms at 2,000 services).
    const changes = opts.explain !== false || opts.previous ? new NetworkChanges(spec, plan, catalog) : undefined;
    const ctx = {
      spec,
      catalog,
      candidates,
      plan,
      cost,
      ...(changes ? { changes } : {}),
      solver,
      deadline: timedBy,
      ...(opts.previous ? { reasonsBy: Date.now() + Math.max(0, timedBy - Date.now() - movesSec * 1000) / 2 } : {}),
      relativeGap: gapTarget,
    };
    let reasons: Map<string, string[]> | undefined;
    try {
      if (opts.explain !== false) reasons = explainReasons(ctx);
    } catch (e) {
      explainFailed(e);
    }
    const moves = opts.previous ? await reportMoves(spec, catalog, opts.previous, plan, migration, stay, changes) : [];
    const explanations = reasons ? { ...(await explainAlternatives(ctx, reasons).catch(explainFailed)), ...explainDatabases(spec, catalog, plan) } : {};
    const budget =
      spec.budgetUSD === undefined
        ? undefined
        : { budgetUSD: spec.budgetUSD, totalUSD: cost.total, excessUSD: Math.max(0, Math.round((cost.total - spec.budgetUSD) * 100) / 100) };
    return { plan, cost, report, moves, explanations, ...(budget ? { budget } : {}) };
  }
}
