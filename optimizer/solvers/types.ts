// The solver-neutral model and the interface every solver adapter implements. The ILP stage
// builds a SparseModel; an adapter (HiGHS, javascript-lp-solver) minimizes it and returns values.

/**
 * A mixed-integer linear program in minimization form:
 *   minimize offset + colCost·x  subject to  rowLower <= A x <= rowUpper,  colLower <= x <= colUpper,
 * x[j] integer where `integer[j]` is 1. A is stored row-wise (CSR).
 */
export interface SparseModel {
  readonly numCols: number;
  readonly numRows: number;
  /** Constant added to the objective. */
  readonly offset: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  /** 1 where the column is integer, 0 where it is continuous. */
  readonly integer: Uint8Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** CSR: row i has entries rowStarts[i] .. rowStarts[i+1]-1 of `index` and `value`. */
  readonly rowStarts: Int32Array;
  readonly index: Int32Array;
  readonly value: Float64Array;
  /** Readable column names in column order, e.g. "n[api,aws:us-east-1,m7g.large]" (may be empty). */
  readonly colNames: readonly string[];
  /** Readable row names in row order, e.g. "1.replicas[api]" (may be empty). */
  readonly rowNames: readonly string[];
}

/** Progress of a running solve, as reported to `onProgress`. */
export interface SolveProgress {
  readonly elapsedMs: number;
  /** Relative gap of the best plan found so far, when the solver knows it. */
  readonly gap?: number;
  /** The proven bound so far, when the solver knows it. */
  readonly bound?: number;
}

/** Limits and callbacks of one solve. */
export interface SolveOptions {
  /** Wall-clock seconds the solve may take; the adapter must return by then. */
  readonly timeLimitSec: number;
  /** Relative gap at which a plan counts as optimal. */
  readonly relativeGap: number;
  readonly onProgress?: (p: SolveProgress) => void;
  /**
   * A plan to start from, as values of some columns (the solver completes the others). A solver
   * that cannot use one ignores it; a start that breaks the model is dropped by the solver.
   */
  readonly start?: { readonly indices: Int32Array; readonly values: Float64Array };
  /**
   * Ends the solve early when aborted: the adapter then returns what it has, as at its time
   * limit. A solver that cannot stop early ignores it (it still returns by its time limit).
   */
  readonly signal?: AbortSignal;
  /**
   * Presolve a linear program (a MIP's presolve is the adapter's choice). Off by default: the
   * LPs solved here are faster without, but for some the bound-only exact model's LP is much
   * faster with it (generated specs: 100 services, seed 3, 21.6 s to 4.7 s; 200 services 16.4 s
   * to 9.5 s; at 50 services 0.65 s to 1.22 s). An adapter without a presolve ignores it.
   */
  readonly presolve?: boolean;
  /**
   * The solve is run for its bound rather than its plan: an adapter may leave out what finds
   * plans early or shrinks the model first, to reach the root's bound sooner (HiGHS: presolve,
   * the feasibility jump and symmetry detection). Measured with HiGHS on the capacity model per
   * area of the generated specs (seed 1, alone): its first bound after 0.31 to 0.34 s where it
   * took 0.57 to 0.58 at 100 services, and $87,196 after 0.60 to 0.66 s where $87,186 came after
   * 0.85 to 0.87; 1.6 s where it took 2.8 at 500; 3.9 s where it took 15.3 at 2,000, and
   * $1,701,959 after 14 s where $1,701,688 came after 28.
   */
  readonly forBound?: boolean;
}

/**
 * "optimal": proven within the requested gap. "feasible": a plan, stopped for another reason with
 * the gap stated. "time_limit": the deadline came with a plan in hand. "infeasible": proven
 * that no plan exists. "no_solution": the deadline came before any plan was found.
 */
export type SolverStatus = "optimal" | "feasible" | "time_limit" | "infeasible" | "no_solution";

/** What a solver returns. `objective` includes the model's offset. */
export interface SolverOutcome {
  readonly status: SolverStatus;
  /** Objective of `values` (NaN without a plan). */
  readonly objective: number;
  /** Best proven lower bound on the objective (NaN when the solver proves none). */
  readonly bound: number;
  /** Column values (empty without a plan). */
  readonly values: Float64Array;
  /** Solver-specific detail for error messages. */
  readonly detail?: string;
}

/** A MIP solver adapter behind which the optimizer is solver-neutral. */
export interface PlacementSolver {
  /** Short name used in reports, e.g. "highs". */
  readonly name: string;
  /** Minimizes the model within the limits. Rejects only on a solver failure. */
  solve(model: SparseModel, opts: SolveOptions): Promise<SolverOutcome>;
  /**
   * Gets ready to run this many solves at once: what the solver loads (HiGHS: its WebAssembly,
   * in each worker thread) starts loading now rather than at the first solve that needs it.
   * Resolves once it is loaded. Optional: a solver without such a cost has nothing to do.
   */
  prepare?(parallel: number): Promise<void>;
  /** Releases workers and memory; the solver can still be used afterwards. */
  dispose(): Promise<void>;
}

/** Relative gap as reported in SolveReport: (objective - bound) / max(1, |objective|). */
export function relativeGap(objective: number, bound: number): number {
  if (!Number.isFinite(objective) || !Number.isFinite(bound)) return NaN;
  return Math.max(0, objective - bound) / Math.max(1, Math.abs(objective));
}
