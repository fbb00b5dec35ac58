// HiGHS worker thread: loads the HiGHS WebAssembly build once, solves the sparse models the main
// thread posts, and streams progress and every improving plan back. The main thread terminates
// this worker at its own deadline (HiGHS may overshoot its time_limit), which also frees the Wasm
// memory. Plain CommonJS so that it runs under plain node and under ts-node alike.
"use strict";

const { parentPort, workerData } = require("worker_threads");

// What a solve reports (progress, plans, its end) goes to the port the main thread gave the
// worker, which it can read at once when its deadline comes (receiveMessageOnPort), however
// busy it was until then; "ready" goes to the worker's own.
const reports = (workerData && workerData.reports) || parentPort;
const loadHighs = require("highs");

// Loaded as soon as the worker starts (0.15 to 0.25 s), so that a worker started ahead of its
// first model (HighsSolver.prepare) is ready when the model comes; "ready" says when, and whether
// it loaded. A failed load is reported by each solve that awaits it.
const highsPromise = loadHighs();
highsPromise.then(
  () => parentPort.postMessage({ type: "ready", loaded: true }),
  () => parentPort.postMessage({ type: "ready", loaded: false }),
);

/** Milliseconds between progress messages, and between those that carry a higher bound. */
const PROGRESS_MS = 200;
const PROGRESS_RISE_MS = 20;

/** MIPs up to this many columns skip presolve and feasibility jump (see solve); LPs skip presolve unless asked. */
const SMALL_MODEL_COLUMNS = 2000;

/** Maps ±Infinity in a bound vector to HiGHS's infinity. */
function bounds(arr, inf) {
  const out = new Float64Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    out[i] = v === Infinity ? inf : v === -Infinity ? -inf : v;
  }
  return out;
}

function objectiveOf(model, values) {
  let z = model.offset;
  for (let j = 0; j < model.numCols; j++) z += model.colCost[j] * values[j];
  return z;
}

/** The HiGHS model of a posted model; a MIP with `integrality`. */
function createModel(highs, model, integrality) {
  const inf = highs.infinity;
  return highs.createModel({
    numCols: model.numCols,
    numRows: model.numRows,
    offset: model.offset,
    colCost: model.colCost,
    colLower: bounds(model.colLower, inf),
    colUpper: bounds(model.colUpper, inf),
    rowLower: bounds(model.rowLower, inf),
    rowUpper: bounds(model.rowUpper, inf),
    matrix: {
      format: "csr",
      numRows: model.numRows,
      numCols: model.numCols,
      starts: model.rowStarts,
      indices: model.index,
      values: model.value,
    },
    integrality,
  });
}

/** What a run of `m` ended with, as the main thread reads it; `error` when its status is none of them. */
function outcome(highs, model, m, isMip) {
  const ms = highs.constants.modelStatus;
  const status = m.getModelStatus();
  const hasPlan = Number(m.info.get("primal_solution_status")) === highs.constants.solutionStatus.feasible;
  const values = hasPlan ? m.getSolution().colValue : new Float64Array(0);
  const objective = hasPlan ? objectiveOf(model, values) : NaN;
  let bound = NaN;
  if (isMip) {
    const b = Number(m.info.get("mip_dual_bound"));
    // A lower bound above the plan's own objective proves nothing more than the plan does, so
    // never report one (it can appear through rounding in presolved space).
    if (Number.isFinite(b)) bound = hasPlan ? Math.min(b, objective) : b;
  } else if (status === ms.optimal) {
    bound = objective;
  }
  let out;
  if (status === ms.optimal) out = "optimal";
  else if (status === ms.infeasible || status === ms.unboundedOrInfeasible) out = "infeasible";
  else if (status === ms.timeLimit) out = hasPlan ? "time_limit" : "no_solution";
  else if (hasPlan && (status === ms.iterationLimit || status === ms.solutionLimit || status === ms.interrupted)) out = "feasible";
  else return { status: "error", message: `HiGHS ended with model status ${status}.` };
  return { status: out, objective, bound, values };
}

async function solve(msg) {
  const { id, model, options } = msg;
  const warm = msg.start;
  const highs = await highsPromise;
  const start = Date.now();
  const integrality = new Int32Array(model.numCols);
  let isMip = false;
  for (let j = 0; j < model.numCols; j++) {
    integrality[j] = model.integer[j];
    if (model.integer[j]) isMip = true;
  }
  if (model.numCols === 0) {
    const feasible = Array.prototype.every.call(model.rowLower, (lo, i) => lo <= 0 && model.rowUpper[i] >= 0);
    reports.postMessage({
      id,
      type: "done",
      status: feasible ? "optimal" : "infeasible",
      objective: feasible ? model.offset : NaN,
      bound: feasible ? model.offset : NaN,
      values: new Float64Array(0),
      memoryBytes: highs.memoryBytes,
    });
    return;
  }
  const m = createModel(highs, model, isMip ? integrality : undefined);
  try {
    m.options.set({
      output_flag: false,
      time_limit: Math.max(0.01, options.timeLimitSec),
      mip_rel_gap: options.relativeGap,
      // Same inputs, same answer: HiGHS is deterministic single-threaded with a fixed seed.
      random_seed: 0,
      // On small models, MIP presolve (probing) and feasibility jump cost far more than the
      // branch and cut itself in this WebAssembly build (measured: ~0.3 s against ~0.04 s).
      // The linear relaxations solved here (capacity, relaxed model) are faster without
      // presolve at every size measured: 2.4 -> 1.4 s at 2,000 services, 0.9 -> 0.6 s at 500,
      // 3.6 -> 2.7 s for the relaxed model at 100, 0.5 -> 0.26 s at 10; an LP asked to be
      // presolved (options.presolve) is.
      // A MIP run for its bound (options.forBound) goes to its root without presolve, the
      // feasibility jump or symmetry detection, which find plans or shrink the model first: its
      // root's bound comes in half the time or less (see SolveOptions.forBound).
      presolve: isMip ? (model.numCols > SMALL_MODEL_COLUMNS && !options.forBound ? "choose" : "off") : options.presolve ? "on" : "off",
      mip_heuristic_run_feasibility_jump: model.numCols > SMALL_MODEL_COLUMNS && !options.forBound,
      ...(isMip && options.forBound ? { mip_detect_symmetry: false } : {}),
    });
    // A warm start: HiGHS checks it, completes the columns it leaves out, and keeps it as its
    // first incumbent when it is feasible.
    if (isMip && warm && warm.indices.length > 0) {
      try {
        m.setSolution({ indices: warm.indices, values: warm.values });
      } catch (_) {
        // A start HiGHS rejects is only a missed head start.
      }
    }
    let lastProgress = 0;
    let lastBound = -Infinity;
    const cb = highs.constants.callbackType;
    const callbacks = isMip
      ? {
          [cb.mipImprovingSolution](ev) {
            const values = ev.data.mip_solution;
            if (values) {
              reports.postMessage({ id, type: "incumbent", objective: objectiveOf(model, values), values });
            }
          },
          [cb.mipInterrupt](ev) {
            // Progress every 200 ms, and a higher bound within 20 ms: a solve ended at the main
            // thread's deadline keeps the last bound posted, and a MIP's root raises its bound
            // cut round after cut round, tens of milliseconds apart (the generated 100-service
            // spec's model per area, alone: $86,963 to $87,207 in 0.3 s). At 100 services in 1 s,
            // a gap of 2.74% (its LP's bound) in 1 run of 12 where it was in 4 of 12, the others
            // 2.48 to 2.61%.
            const now = Date.now();
            const bound = ev.data.mip_dual_bound;
            if (now - lastProgress < (bound > lastBound ? PROGRESS_RISE_MS : PROGRESS_MS)) return undefined;
            lastProgress = now;
            if (bound > lastBound) lastBound = bound;
            reports.postMessage({
              id,
              type: "progress",
              elapsedMs: now - start,
              bound,
              objective: ev.data.mip_primal_bound,
            });
            return undefined;
          },
        }
      : undefined;
    m.run(callbacks);
    const out = outcome(highs, model, m, isMip);
    if (out.status === "error") reports.postMessage({ id, type: "error", message: out.message });
    else reports.postMessage({ id, type: "done", ...out, memoryBytes: highs.memoryBytes });
  } finally {
    m.dispose();
  }
}

parentPort.on("message", (msg) => {
  solve(msg).catch((err) => {
    reports.postMessage({ id: msg.id, type: "error", message: String((err && err.message) || err) });
  });
});
