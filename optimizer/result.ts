// The result of a placement run: the plan, its cost, the solver's honest status, and the
// explanation, moves and budget check that reviewers read.

import type { Plan, PlanCost, ReplicaGroup } from "./plan";

/**
 * Solver outcome: "optimal" (gap within tolerance, proven), "feasible" (a plan with a proven gap
 * above tolerance), "time_limit" (stopped at the deadline with an incumbent; gap as proven).
 * Infeasibility is raised as PlacementInfeasibleError, never returned.
 */
export type SolveStatus = "optimal" | "feasible" | "time_limit";

/** How well the solver did, with timings. */
export interface SolveReport {
  readonly solver: string;
  readonly status: SolveStatus;
  /**
   * Objective value of the returned plan: its monthly cost plus the one-off migration cost of
   * every move from the previous plan (forced moves included), i.e. the cost of the change.
   */
  readonly objective: number;
  /** Best proven lower bound on the objective. */
  readonly bound: number;
  /** Relative proven gap (objective - bound) / max(1, |objective|). */
  readonly gap: number;
  readonly variables: number;
  readonly constraints: number;
  readonly buildMs: number;
  readonly solveMs: number;
  /**
   * Set when the spec was solved in stages (optimizer/decompose.ts). With a whole model: the
   * relaxed model whose LP gives the first bound, and the exact model over the regions kept,
   * which gives the first plan (the whole model may then improve both); `variables` and
   * `constraints` are then the restricted model's. Without one: the capacity relaxations and the
   * groups; they are then the capacity model's per continent.
   */
  readonly decomposed?: {
    /** Stage 1, the relaxed model's LP (with a whole model; without one, only when the groups found no plan). */
    readonly relaxed?: { readonly variables: number; readonly constraints: number; readonly bound: number; readonly ms: number };
    /**
     * The relaxed model as an integer program, solved beside the groups (after the capacity MIP per
     * area, when the bound-only exact model was not begun or proved nothing) for a higher bound;
     * `linear` when only its LP was, for want of time for its MIP's root.
     */
    readonly relaxedMip?: { readonly variables: number; readonly constraints: number; readonly bound: number; readonly ms: number; readonly linear?: true };
    /**
     * The exact model built for its bound (IlpOptions.boundOnly), solved beside the groups in the
     * relaxed model's place when there is time for its LP; `linear` when only its LP was.
     */
    readonly boundModel?: { readonly variables: number; readonly constraints: number; readonly bound: number; readonly ms: number; readonly linear?: true };
    /** The capacity relaxation with presence per continent (optimizer/capacity-bound.ts), when stage 1 was skipped or ended without a bound. */
    readonly capacity?: { readonly variables: number; readonly constraints: number; readonly bound: number; readonly ms: number };
    /**
     * The capacity relaxation with presence per cloud and continent, solved alongside the groups;
     * `linear` when only its LP was, `lean` when it was built without the rows that add least to
     * its bound (to fit in memory beside the groups).
     */
    readonly areas?: { readonly variables: number; readonly constraints: number; readonly bound: number; readonly ms: number; readonly linear?: true; readonly lean?: true };
    /** Placement group by group (optimizer/groups.ts), when it made the plan. */
    readonly groups?: { readonly groups: number; readonly passes: number; readonly ms: number };
    /** The exact model over the regions kept (absent if it found no plan). */
    readonly restricted?: { readonly variables: number; readonly constraints: number; readonly objective: number; readonly ms: number };
    readonly regions: number;
  };
}

/** A workload that moved from the previous plan, with what moving saves per month. */
export interface Move {
  readonly workload: string;
  readonly kind: "service" | "bucket" | "database";
  readonly from: readonly ReplicaGroup[] | { cloud: string; region: string };
  readonly to: readonly ReplicaGroup[] | { cloud: string; region: string };
  /** Replicas that left their region or instance type (1 for a bucket or database). */
  readonly moved: number;
  /**
   * How many of them had to move: their region or instance type no longer fits the spec, or the
   * plan's quotas and cloud limits leave no room to keep them. The rest moved because it pays.
   */
  readonly forced: number;
  /** Why the forced replicas could not stay, in words (empty when none was forced). */
  readonly reasons: readonly string[];
  /**
   * Monthly saving of the new plan over the cheapest plan that keeps every replica that could
   * stay (everything else as in the new plan): what moving by choice saves.
   */
  readonly savingUSD: number;
  /** One-off migration cost charged for the move (forced replicas included). */
  readonly migrationUSD: number;
}

/** Why a service sits where it is. */
export interface ServiceExplanation {
  readonly service: string;
  /** Placement in words, e.g. "3 x m7g.large in aws:eu-central-1 (1 spot)". */
  readonly placement: string;
  readonly monthlyUSD: number;
  /**
   * Why it is here rather than somewhere cheaper, as plain phrases naming the spec setting, e.g.
   * "its data must stay in EU (residency EU)", "it must run in at least 2 clouds (minClouds 2)".
   */
  readonly binding: readonly string[];
  /** The cheapest feasible alternative in each other allowed cloud, with its cost difference. */
  readonly alternatives: readonly {
    readonly cloud: string;
    readonly placement: string;
    readonly deltaUSD: number;
    readonly note: string;
  }[];
}

/** The budget check: present whenever the spec sets a budget. */
export interface BudgetCheck {
  readonly budgetUSD: number;
  readonly totalUSD: number;
  /** How far the cheapest plan is over budget (0 when within). */
  readonly excessUSD: number;
}

/** Everything a placement run returns. */
export interface PlacementResult {
  readonly plan: Plan;
  readonly cost: PlanCost;
  readonly report: SolveReport;
  readonly moves: readonly Move[];
  readonly explanations: Readonly<Record<string, ServiceExplanation>>;
  readonly budget?: BudgetCheck;
}
