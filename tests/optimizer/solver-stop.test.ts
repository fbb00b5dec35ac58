import * as assert from "assert";
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
