import * as assert from "assert";
import { generateSpec } from "../../bench/generate";
import { buildCandidates } from "../../optimizer/candidates";
import { capacityModel } from "../../optimizer/capacity-bound";
import { loadCatalog } from "../../optimizer/catalog";
import { validateSpec } from "../../optimizer/validate";
import { ModelBuilder, LinExpr } from "../../optimizer/solvers/builder";
import { HighsSolver } from "../../optimizer/solvers/highs";
import type { SparseModel } from "../../optimizer/solvers/types";

/**
 * A market-split instance (Cornuéjols and Dawande): m equality rows over n binaries with
 * coefficients in 0..99 and right-hand sides half of each row's sum. Branch and bound over its
 * LP takes far longer than these tests wait; a seeded generator keeps it the same every run.
 */
function marketSplit(m: number, n: number, seed: number): SparseModel {
  let x = seed;
  const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 100);
  const b = new ModelBuilder();
  const cols = Array.from({ length: n }, (_, j) => b.addCol(`x${j}`, 1 + (j % 7), 0, 1, true));
  for (let i = 0; i < m; i++) {
    const row = new LinExpr();
    let sum = 0;
    for (const c of cols) {
      const a = next();
      row.add(c, a);
      sum += a;
    }
    const rhs = Math.floor(sum / 2);
    b.addRow(`split${i}`, row, rhs, rhs);
  }
  return b.build();
}

describe("stopping a solve early (SolveOptions.signal)", () => {
  const solver = new HighsSolver();
  after(() => solver.dispose());
  const hard = marketSplit(4, 40, 7);

  it("reports a MIP's bound as it rises, within tens of milliseconds, and otherwise every 200 ms", async function () {
    // The capacity model per area of the generated 100-service spec: its root raises the bound
    // cut round after cut round, some tens of milliseconds apart (measured: $86,963 to $87,207 in
    // 0.3 s). A solve ended at a deadline keeps the last bound reported.
    this.timeout(60_000);
    const catalog = loadCatalog();
    const s = validateSpec(generateSpec(catalog, { services: 100, seed: 1 }), catalog);
    const model = capacityModel(s, catalog, buildCandidates(s, catalog), undefined, "areas").model;
    const seen: { ms: number; bound: number }[] = [];
    const out = await solver.solve(model, { timeLimitSec: 20, relativeGap: 0, onProgress: (p) => p.bound !== undefined && seen.push({ ms: p.elapsedMs, bound: p.bound }) });
    const rises = seen.flatMap((x, i) => (i > 0 && x.bound > seen[i - 1].bound + 1e-6 ? [x.ms - seen[i - 1].ms] : []));
    assert.ok(rises.length >= 3, `${rises.length} rises reported`);
    assert.ok(Math.min(...rises) < 150, `rises ${rises.join(", ")} ms after the report before`);
    assert.ok(seen.every((x) => x.bound <= out.bound + 1e-6), "no report above the final bound");
  });

  it("takes longer than the tests below wait on this instance when nothing stops it", async function () {
    this.timeout(60_000);
    const out = await solver.solve(hard, { timeLimitSec: 5, relativeGap: 0 });
    assert.ok(out.status === "no_solution" || out.status === "time_limit", `status ${out.status}`);
  });

  it("returns what it has when aborted, long before its time limit", async function () {
    this.timeout(90_000);
    const stop = new AbortController();
    const t = Date.now();
    setTimeout(() => stop.abort(), 500);
    const out = await solver.solve(hard, { timeLimitSec: 600, relativeGap: 0, signal: stop.signal });
    const ms = Date.now() - t;
    assert.ok(out.status === "no_solution" || out.status === "time_limit", `status ${out.status}`);
    assert.ok(ms < 60_000, `returned after ${ms} ms`);
    // The solver is still usable afterwards.
    const small = marketSplit(1, 6, 3);
    const again = await solver.solve(small, { timeLimitSec: 30, relativeGap: 0 });
    assert.ok(["optimal", "infeasible"].includes(again.status), again.status);
  });

  it("returns at once when the signal is already aborted", async function () {
    this.timeout(90_000);
    const stop = new AbortController();
    stop.abort();
    const t = Date.now();
    const out = await solver.solve(hard, { timeLimitSec: 600, relativeGap: 0, signal: stop.signal });
    assert.ok(out.status === "no_solution" || out.status === "time_limit", `status ${out.status}`);
    assert.ok(Date.now() - t < 60_000);
  });

  it("leaves a solve that ended before the abort as it was", async () => {
    const b = new ModelBuilder();
    const x = b.addCol("x", 3, 0, 10, true);
    const y = b.addCol("y", 2, 0, 10, true);
    b.addRow("cover", new LinExpr().add(x, 2).add(y, 3), 7, Infinity);
    const stop = new AbortController();
    const out = await solver.solve(b.build(), { timeLimitSec: 30, relativeGap: 0, signal: stop.signal });
    stop.abort();
    assert.strictEqual(out.status, "optimal");
    assert.ok(Math.abs(out.objective - 6) < 1e-6, `objective ${out.objective}`);
  });
});

describe("an LP presolved on request (SolveOptions.presolve)", () => {
  const solver = new HighsSolver();
  after(() => solver.dispose());

  it("reaches the same optimum presolved or not, and a MIP given the option too", async function () {
    this.timeout(120_000);
    // A cover row per block of four columns in [0, 1] (or binaries), whose optimum is known: in
    // the LP, x3 has the best cost per unit, (5 + k%3)/4, taken at 3/4; among binaries, x2 alone
    // (4 + k%3) is cheapest (x3 costs one more, x0 + x1 5 + 2·(k%3)).
    const cover = (blocks: number, integer: boolean) => {
      const b = new ModelBuilder();
      let expected = 0;
      for (let k = 0; k < blocks; k++) {
        const row = new LinExpr();
        for (let j = 0; j < 4; j++) row.add(b.addCol(`x${k}_${j}`, 2 + j + (k % 3), 0, 1, integer), 1 + j);
        b.addRow(`cover${k}`, row, 3, Infinity);
        expected += integer ? 4 + (k % 3) : (3 * (5 + (k % 3))) / 4;
      }
      return { model: b.build(), expected };
    };
    for (const integer of [false, true]) {
      const { model, expected } = cover(600, integer);
      for (const presolve of [true, false, undefined]) {
        const out = await solver.solve(model, { timeLimitSec: 60, relativeGap: 0, ...(presolve === undefined ? {} : { presolve }) });
        assert.strictEqual(out.status, "optimal", `${integer ? "MIP" : "LP"}, presolve ${presolve}`);
        assert.ok(Math.abs(out.objective - expected) < 1e-6, `${integer ? "MIP" : "LP"}, presolve ${presolve}: ${out.objective} against ${expected}`);
      }
    }
  });
});

describe("what a worker reported while the main thread was busy (HighsSolver)", () => {
  const highs = new HighsSolver();
  after(() => highs.dispose());

  it("counts it when the deadline ends the solve", async function () {
    this.timeout(120_000);
    // Loaded and warm: the root LP of the market-split instance below takes milliseconds.
    await highs.solve(marketSplit(1, 6, 3), { timeLimitSec: 30, relativeGap: 0 });
    const hard = marketSplit(4, 40, 7);
    const stop = new AbortController();
    const seen: number[] = [];
    const run = highs.solve(hard, { timeLimitSec: 600, relativeGap: 0, signal: stop.signal, forBound: true, onProgress: (p) => p.bound !== undefined && seen.push(p.bound) });
    // The main thread busy for 1.5 s: the worker solves the root and reports its bound
    // meanwhile; none of its reports is read until the abort.
    const until = Date.now() + 1500;
    while (Date.now() < until);
    assert.strictEqual(seen.length, 0);
    stop.abort();
    const out = await run;
    assert.ok(seen.length > 0, "the bound reported before the abort was lost");
    assert.ok(out.status === "no_solution" || out.status === "time_limit", `status ${out.status}`);
    assert.ok(Number.isFinite(out.bound) && out.bound >= seen[0] - 1e-6, `bound ${out.bound}, first reported ${seen[0]}`);
  });
});
