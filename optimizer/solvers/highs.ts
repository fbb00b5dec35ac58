// HiGHS adapter: solves a SparseModel with HiGHS (WebAssembly) in a worker thread. The main
// thread keeps its own deadline and terminates the worker there, returning the best plan the
// worker streamed, so a solve never outlives its time limit and the Wasm memory is released.

import * as path from "path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "worker_threads";
import { relativeGap } from "./types";
import type { PlacementSolver, SolveOptions, SolverOutcome, SparseModel } from "./types";

/**
 * A worker whose Wasm memory has grown past `keepBelowBytes` is terminated rather than kept for
 * reuse (Wasm memory never shrinks), and a fresh one is started in its place. At 2,000 services
 * in 10 s the continent LP's worker (218 MiB) was kept under a limit of 256 MiB and ran the
 * groups' repair beside the lean LP per area's worker (314 MiB): the run's peak RSS, 923 to 1,001
 * MiB over some twenty runs (seed 1), came then; with 128 MiB, 913 to 942 MiB in seven, the
 * plans the same. Settable for tests.
 */
export const workerMemory = { keepBelowBytes: 128 * 1024 * 1024 };

/** Idle workers kept across solves (unreferenced, so they never hold the process open). */
const idle: Worker[] = [];
/** At most this many: the group solve (optimizer/groups.ts) runs two models at once. */
const IDLE_WORKERS = 2;

/** What the pool knows of a worker it started. */
interface WorkerState {
  /** Settles once the worker has loaded HiGHS or ended (a failed load is reported by its solves). */
  readonly load: Promise<void>;
  /** Whether it loaded HiGHS. */
  loaded: boolean;
  /** Milliseconds it has spent solving. */
  workedMs: number;
  /** Where it reports on its solves (see the worker). */
  readonly reports: MessagePort;
}
const states = new WeakMap<Worker, WorkerState>();

/**
 * The idle workers in the order solves take them: the one that has solved the longest first
 * (V8 compiles the hot parts of HiGHS's WebAssembly anew as a worker runs it, so a worker that
 * has only loaded is slower at first). At 100 services in 1 s with a second worker loaded but
 * unused, the stages' first model and the capacity MIP per area went to the new worker and the
 * MIP ended its root too late in nine runs of ten (the capacity stage took 180 to 230 ms against
 * 135 to 165).
 */
function idleInOrder(): Worker[] {
  return [...idle].sort((a, b) => states.get(b)!.workedMs - states.get(a)!.workedMs);
}

/** The idle worker solves take first, out of the pool. */
function takeIdle(): Worker | undefined {
  const worker = idleInOrder()[0];
  if (worker) idle.splice(idle.indexOf(worker), 1);
  return worker;
}

/**
 * A new worker, referenced until it has loaded HiGHS (whoever awaits its load keeps the process
 * open meanwhile), then unreferenced if it is idle by then.
 */
function spawn(): Worker {
  const { port1: reports, port2 } = new MessageChannel();
  const worker = new Worker(path.join(__dirname, "highs-worker.js"), { workerData: { reports: port2 }, transferList: [port2] });
  const load = new Promise<void>((resolve) => {
    const done = () => {
      worker.off("message", onReady);
      worker.off("error", done);
      worker.off("exit", done);
      if (idle.includes(worker)) worker.unref();
      resolve();
    };
    const onReady = (msg: { type?: string; loaded?: boolean }) => {
      if (msg.type !== "ready") return;
      state.loaded = msg.loaded === true;
      done();
    };
    worker.on("message", onReady);
    worker.on("error", done);
    worker.on("exit", done);
  });
  const state: WorkerState = { load, loaded: false, workedMs: 0, reports };
  states.set(worker, state);
  return worker;
}

interface WorkerMessage {
  id: number;
  type: "progress" | "incumbent" | "done" | "error";
  status?: SolverOutcome["status"];
  objective?: number;
  bound?: number;
  values?: Float64Array;
  elapsedMs?: number;
  memoryBytes?: number;
  message?: string;
}

/** HiGHS behind the PlacementSolver interface. */
export class HighsSolver implements PlacementSolver {
  readonly name = "highs";
  private nextId = 1;
  private readonly busy = new Set<Worker>();

  /** Solves the model in a worker, terminating it at the deadline if HiGHS has not returned. */
  solve(model: SparseModel, opts: SolveOptions): Promise<SolverOutcome> {
    const worker = takeIdle() ?? spawn();
    worker.ref();
    this.busy.add(worker);
    const id = this.nextId++;
    const start = Date.now();
    const limitMs = Math.max(1, opts.timeLimitSec * 1000);
    // HiGHS checks its clock between nodes and can overshoot; leave it a margin before ours.
    const highsLimit = Math.max(0.01, opts.timeLimitSec - Math.min(0.5, opts.timeLimitSec * 0.1));
    let incumbent: { objective: number; values: Float64Array } | undefined;
    let bound = NaN;

    const { reports } = states.get(worker)!;
    return new Promise<SolverOutcome>((resolve, reject) => {
      let settled = false;
      const finish = (keep: boolean, replace = false) => {
        settled = true;
        clearTimeout(timer);
        states.get(worker)!.workedMs += Date.now() - start;
        opts.signal?.removeEventListener("abort", stop);
        reports.off("message", onMessage);
        reports.unref();
        worker.off("error", onError);
        worker.off("exit", onExit);
        this.busy.delete(worker);
        if (keep && idle.length < IDLE_WORKERS) {
          worker.unref();
          idle.push(worker);
        } else {
          void worker.terminate();
          reports.close();
          // Loaded in the background, unreferenced: it holds no process open, and a solve that
          // takes it before it has loaded waits for it (its message is queued).
          if (replace && idle.length < IDLE_WORKERS) {
            const fresh = spawn();
            fresh.unref();
            idle.push(fresh);
          }
        }
      };
      // At the deadline, or when the caller aborts: the best plan and bound so far, with what the
      // worker reported that the main thread, busy, had not read yet (a bound, a plan, its very
      // end). At 100 services in 1 s, closing regions held the main thread for 0.33 to 0.37 s in
      // a slow spell, and the LP per area's bound, reported meanwhile, was lost when the deadline
      // ended its solve: 5.1% over the continent LP's bound, where it gives 2.6%.
      const stop = () => {
        if (settled) return;
        for (let m = receiveMessageOnPort(reports); m !== undefined && !settled; m = receiveMessageOnPort(reports)) onMessage(m.message as WorkerMessage);
        if (settled) return;
        finish(false);
        resolve(
          incumbent
            ? { status: "time_limit", objective: incumbent.objective, bound, values: incumbent.values }
            : { status: "no_solution", objective: NaN, bound, values: new Float64Array(0) },
        );
      };
      const timer = setTimeout(stop, limitMs);
      opts.signal?.addEventListener("abort", stop, { once: true });
      const onMessage = (msg: WorkerMessage) => {
        if (msg.id !== id) return;
        if (msg.type === "progress") {
          if (Number.isFinite(msg.bound)) {
            // The callback's bounds may be in the presolved model's objective space; its primal
            // bound is the best plan's objective there, so shift the dual bound by the difference
            // to the plan's objective as computed on the original model.
            const shift = incumbent && Number.isFinite(msg.objective) ? incumbent.objective - msg.objective! : 0;
            bound = msg.bound! + shift;
            if (incumbent) bound = Math.min(bound, incumbent.objective);
          }
          opts.onProgress?.({
            elapsedMs: Date.now() - start,
            gap: incumbent ? relativeGap(incumbent.objective, bound) : undefined,
            ...(Number.isFinite(bound) ? { bound } : {}),
          });
        } else if (msg.type === "incumbent") {
          if (!incumbent || msg.objective! < incumbent.objective) incumbent = { objective: msg.objective!, values: msg.values! };
        } else if (msg.type === "done") {
          const small = (msg.memoryBytes ?? Infinity) < workerMemory.keepBelowBytes;
          finish(small, !small && msg.memoryBytes !== undefined);
          resolve({ status: msg.status!, objective: msg.objective!, bound: msg.bound!, values: msg.values! });
        } else {
          finish(false);
          reject(new Error(msg.message ?? "HiGHS failed without a message."));
        }
      };
      const onError = (err: Error) => {
        finish(false);
        reject(err);
      };
      const onExit = (code: number) => {
        finish(false);
        reject(new Error(`The HiGHS worker exited with code ${code} before answering.`));
      };
      reports.on("message", onMessage);
      reports.ref();
      worker.on("error", onError);
      worker.on("exit", onExit);
      try {
        worker.postMessage({ id, model: plainModel(model), options: { timeLimitSec: highsLimit, relativeGap: opts.relativeGap, presolve: opts.presolve === true, forBound: opts.forBound === true }, start: opts.start });
      } catch (err) {
        finish(false);
        reject(err);
        return;
      }
      if (opts.signal?.aborted) stop();
    });
  }

  /**
   * Starts workers until this many are running or idle (at most IDLE_WORKERS), each loading
   * HiGHS at once, and resolves when the idle ones have loaded. A worker started by the first
   * solve that needs it spends that solve's first 0.15 to 0.25 s loading: at 100 services in
   * 1 s, the groups' first improvement model (79 columns), solved in a few milliseconds in a
   * loaded worker, ended without a plan at its 0.25-s limit in a new one, in half the runs.
   */
  prepare(parallel: number): Promise<void> {
    while (this.busy.size + idle.length < Math.min(parallel, IDLE_WORKERS)) {
      idle.push(spawn());
    }
    return Promise.all(idle.map((w) => states.get(w)!.load)).then(() => undefined);
  }

  /** The shared idle workers, in the order solves take them, and this solver's busy ones. */
  pool(): { idle: { workedMs: number; loaded: boolean }[]; busy: number } {
    return {
      idle: idleInOrder().map((w) => ({ workedMs: states.get(w)!.workedMs, loaded: states.get(w)!.loaded })),
      busy: this.busy.size,
    };
  }

  /** Terminates this solver's running workers and the shared idle ones. */
  async dispose(): Promise<void> {
    const all = [...this.busy, ...idle.splice(0)];
    this.busy.clear();
    for (const w of all) states.get(w)!.reports.close();
    await Promise.all(all.map((w) => w.terminate()));
  }
}

/** The model without its names (the worker does not need them; they would only cost a copy). */
function plainModel(m: SparseModel): Omit<SparseModel, "colNames" | "rowNames"> {
  const { colNames: _c, rowNames: _r, ...rest } = m;
  return rest;
}
