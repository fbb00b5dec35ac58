// javascript-lp-solver adapter: translates a SparseModel into the solver's JSON model and runs
// its branch and cut in a worker thread that is terminated at the deadline. It proves no bound of
// its own, so the LP relaxation is solved first to give one; a run that ends before its timeout
// has exhausted the tree with zero tolerance, which proves the plan optimal.

import * as path from "path";
import { Worker } from "worker_threads";
import type { Model } from "javascript-lp-solver";
import type { PlacementSolver, SolveOptions, SolverOutcome, SparseModel } from "./types";

type JsonModel = Model;

/** One idle worker kept across solves (unreferenced, so it never holds the process open). */
let idle: Worker | undefined;

/** Runs one JSON model in a worker; resolves undefined when the deadline comes first. */
function runInWorker(model: JsonModel, deadlineMs: number): Promise<Record<string, unknown> | undefined> {
  const worker = idle ?? new Worker(path.join(__dirname, "jslp-worker.js"));
  idle = undefined;
  worker.ref();
  return new Promise((resolve, reject) => {
    const finish = (keep: boolean) => {
      clearTimeout(timer);
      worker.removeAllListeners("message").removeAllListeners("error").removeAllListeners("exit");
      if (keep && !idle) {
        worker.unref();
        idle = worker;
      } else {
        void worker.terminate();
      }
    };
    const timer = setTimeout(() => {
      finish(false);
      resolve(undefined);
    }, Math.max(1, deadlineMs - Date.now()));
    worker.on("message", (msg: { type: string; result?: Record<string, unknown>; message?: string }) => {
      finish(msg.type === "done");
      if (msg.type === "done") resolve(msg.result);
      else reject(new Error(msg.message ?? "javascript-lp-solver failed without a message."));
    });
    worker.on("error", (err) => {
      finish(false);
      reject(err);
    });
    worker.on("exit", (code) => {
      finish(false);
      reject(new Error(`The javascript-lp-solver worker exited with code ${code} before answering.`));
    });
    worker.postMessage({ model });
  });
}
type Bound = { min?: number; max?: number; equal?: number };

/** Builds the solver's JSON model; `integral` false gives the LP relaxation. */
function toJson(model: SparseModel, integral: boolean, timeoutMs: number): JsonModel | "infeasible" {
  const variables: Record<string, Record<string, number>> = {};
  const constraints: Record<string, Bound> = {};
  const ints: Record<string, 1> = {};
  const binaries: Record<string, 1> = {};
  const col = (j: number) => `c${j}`;
  for (let j = 0; j < model.numCols; j++) {
    const v: Record<string, number> = { cost: model.colCost[j] };
    variables[col(j)] = v;
    const lo = model.colLower[j];
    const hi = model.colUpper[j];
    const isBinary = model.integer[j] === 1 && lo === 0 && hi === 1;
    if (integral && isBinary) binaries[col(j)] = 1;
    else if (integral && model.integer[j] === 1) ints[col(j)] = 1;
    if (lo > 0) {
      constraints[`lb${j}`] = { min: lo };
      v[`lb${j}`] = 1;
    }
    if (Number.isFinite(hi) && !(integral && isBinary)) {
      constraints[`ub${j}`] = { max: hi };
      v[`ub${j}`] = 1;
    }
  }
  for (let i = 0; i < model.numRows; i++) {
    const lo = model.rowLower[i];
    const hi = model.rowUpper[i];
    if (model.rowStarts[i] === model.rowStarts[i + 1]) {
      if (lo > 1e-9 || hi < -1e-9) return "infeasible";
      continue;
    }
    const name = `r${i}`;
    constraints[name] = lo === hi ? { equal: lo } : { ...(lo > -Infinity ? { min: lo } : {}), ...(hi < Infinity ? { max: hi } : {}) };
    for (let k = model.rowStarts[i]; k < model.rowStarts[i + 1]; k++) variables[col(model.index[k])][name] = model.value[k];
  }
  return {
    optimize: "cost",
    opType: "min",
    constraints,
    variables,
    ints,
    binaries,
    options: { timeout: timeoutMs, tolerance: 0 },
  } as JsonModel;
}

/** Column values from the solver's result (it omits variables at zero). */
function valuesOf(model: SparseModel, result: Record<string, unknown>): Float64Array {
  const values = new Float64Array(model.numCols);
  for (let j = 0; j < model.numCols; j++) {
    const v = result[`c${j}`];
    const x = typeof v === "number" ? v : 0;
    values[j] = model.integer[j] === 1 ? Math.round(x) : x;
  }
  return values;
}

function objectiveAt(model: SparseModel, values: Float64Array): number {
  let z = model.offset;
  for (let j = 0; j < model.numCols; j++) z += model.colCost[j] * values[j];
  return z;
}

/** javascript-lp-solver behind the PlacementSolver interface. */
export class JsLpSolver implements PlacementSolver {
  readonly name = "jslp";

  /** Solves the LP relaxation for a bound, then the MIP within the time left. */
  async solve(model: SparseModel, opts: SolveOptions): Promise<SolverOutcome> {
    const start = Date.now();
    const limitMs = Math.max(1, opts.timeLimitSec * 1000);
    const deadline = start + limitMs;
    const none = new Float64Array(0);
    if (model.numCols === 0) {
      const ok = toJson(model, true, limitMs) !== "infeasible";
      return ok
        ? { status: "optimal", objective: model.offset, bound: model.offset, values: none }
        : { status: "infeasible", objective: NaN, bound: NaN, values: none };
    }
    const relaxed = toJson(model, false, limitMs);
    if (relaxed === "infeasible") return { status: "infeasible", objective: NaN, bound: NaN, values: none };
    const lp = await runInWorker(relaxed, deadline);
    if (!lp) return { status: "no_solution", objective: NaN, bound: NaN, values: none };
    if (!lp.feasible) return { status: "infeasible", objective: NaN, bound: NaN, values: none };
    const bound = model.offset + Number(lp.result);
    const hasInts = model.integer.some((x) => x === 1);
    if (!hasInts) {
      const values = valuesOf(model, lp);
      return { status: "optimal", objective: objectiveAt(model, values), bound, values };
    }
    // The solver's own timeout ends its branch and cut with the best plan so far; our deadline,
    // a little later, ends a solve that does not stop by itself.
    const left = deadline - Date.now();
    if (left <= 0) return { status: "no_solution", objective: NaN, bound, values: none };
    const timeout = Math.max(1, left - Math.min(500, left * 0.1));
    const mipStart = Date.now();
    const mip = await runInWorker(toJson(model, true, timeout) as JsonModel, deadline);
    const timedOut = mip === undefined || Date.now() - mipStart >= timeout - 5;
    opts.onProgress?.({ elapsedMs: Date.now() - start });
    if (!mip || !mip.feasible) {
      return timedOut
        ? { status: "no_solution", objective: NaN, bound, values: none }
        : { status: "infeasible", objective: NaN, bound: NaN, values: none };
    }
    const values = valuesOf(model, mip);
    const objective = objectiveAt(model, values);
    if (timedOut) return { status: "time_limit", objective, bound, values };
    // The tree was exhausted with zero tolerance: the plan is optimal (bound = objective).
    return { status: "optimal", objective, bound: objective, values };
  }

  /** Terminates the idle worker. */
  async dispose(): Promise<void> {
    const w = idle;
    idle = undefined;
    if (w) await w.terminate();
  }
}
