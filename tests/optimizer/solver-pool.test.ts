import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { LinExpr, ModelBuilder } from "../../optimizer/solvers/builder";
import { HighsSolver, workerMemory } from "../../optimizer/solvers/highs";
import type { SparseModel } from "../../optimizer/solvers/types";

/** min 3x + 2y with 2x + 3y >= 7 over integers: 6, at x = 0 and y = 3. */
function small(): SparseModel {
  const b = new ModelBuilder();
  const x = b.addCol("x", 3, 0, 10, true);
  const y = b.addCol("y", 2, 0, 10, true);
  b.addRow("cover", new LinExpr().add(x, 2).add(y, 3), 7, Infinity);
  return b.build();
}

describe("the HiGHS workers ahead of the models (HighsSolver.prepare)", () => {
  const solver = new HighsSolver();
  beforeEach(() => solver.dispose());
  after(() => solver.dispose());

  it("starts the workers asked for, resolves once each has loaded HiGHS, and never keeps more than two", async function () {
    this.timeout(60_000);
    assert.deepStrictEqual(solver.pool().idle, []);
    await solver.prepare(2);
    assert.deepStrictEqual(solver.pool().idle, [
      { workedMs: 0, loaded: true },
      { workedMs: 0, loaded: true },
    ]);
    await solver.prepare(2);
    await solver.prepare(5);
    assert.strictEqual(solver.pool().idle.length, 2, "prepared workers are reused, and two at most are kept");
  });

  it("solves two models at once in the prepared workers, starting none", async function () {
    this.timeout(60_000);
    await solver.prepare(2);
    const [a, b] = await Promise.all([solver.solve(small(), { timeLimitSec: 30, relativeGap: 0 }), solver.solve(small(), { timeLimitSec: 30, relativeGap: 0 })]);
    for (const out of [a, b]) {
      assert.strictEqual(out.status, "optimal");
      assert.ok(Math.abs(out.objective - 6) < 1e-6, `objective ${out.objective}`);
    }
    const idle = solver.pool().idle;
    assert.strictEqual(idle.length, 2, "no third worker");
    assert.ok(idle.every((w) => w.loaded && w.workedMs > 0), JSON.stringify(idle));
  });

  it("gives the next model to the worker that has solved before, not to the one started last", async function () {
    this.timeout(60_000);
    // As in a warm process: one worker has solved, a second is started beside it.
    await solver.solve(small(), { timeLimitSec: 30, relativeGap: 0 });
    await solver.prepare(2);
    const before = solver.pool().idle;
    assert.strictEqual(before.length, 2);
    assert.ok(before[0].workedMs > 0 && before[1].workedMs === 0, JSON.stringify(before));
    const solving = solver.solve(small(), { timeLimitSec: 30, relativeGap: 0 });
    const during = solver.pool();
    assert.strictEqual(during.busy, 1);
    assert.deepStrictEqual(during.idle, [{ workedMs: 0, loaded: true }], "the worker left idle is the one that has not solved yet");
    assert.strictEqual((await solving).status, "optimal");
  });

  it("replaces a worker whose memory has grown past the limit with a fresh one, and keeps one under it", async function () {
    this.timeout(60_000);
    const limit = workerMemory.keepBelowBytes;
    try {
      // Every worker is past a limit of one byte: the one that solved is ended, a new one waits.
      workerMemory.keepBelowBytes = 1;
      assert.strictEqual((await solver.solve(small(), { timeLimitSec: 30, relativeGap: 0 })).status, "optimal");
      const after = solver.pool();
      assert.strictEqual(after.busy, 0);
      assert.deepStrictEqual(after.idle.map((w) => w.workedMs), [0], "the worker that solved should be replaced by one that has not");
      // The fresh one solves (once loaded); under the limit as shipped, it is kept.
      workerMemory.keepBelowBytes = limit;
      assert.strictEqual((await solver.solve(small(), { timeLimitSec: 30, relativeGap: 0 })).status, "optimal");
      const kept = solver.pool().idle;
      assert.strictEqual(kept.length, 1);
      assert.ok(kept[0].loaded && kept[0].workedMs > 0, JSON.stringify(kept));
    } finally {
      workerMemory.keepBelowBytes = limit;
    }
  });

  it("keeps a process open while its workers load, and lets it end once they have", function () {
    this.timeout(120_000);
    const root = path.join(__dirname, "..", "..");
    const script =
      'const { HighsSolver } = require("./optimizer/solvers/highs");' +
      'new HighsSolver().prepare(2).then(() => console.log("loaded " + JSON.stringify(new HighsSolver().pool().idle)));';
    // A process that ended before the workers loaded prints nothing; one that the idle workers
    // kept open is killed at the timeout (status null).
    const r = spawnSync(process.execPath, ["-r", "ts-node/register", "-e", script], {
      cwd: root,
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
      encoding: "utf8",
      timeout: 90_000,
    });
    assert.strictEqual(r.status, 0, `exit ${r.status} (signal ${r.signal}): ${r.stderr}`);
    assert.strictEqual(r.stdout.trim(), `loaded ${JSON.stringify([{ workedMs: 0, loaded: true }, { workedMs: 0, loaded: true }])}`);
  });
});
