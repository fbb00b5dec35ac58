import * as assert from "assert";
import type { CloudfitRun } from "../../bench/cloudfit-child";
import { checkTargets, renderText, type CbcRun, type SizeResult } from "../../bench/report";
import { BenchUsageError, cbcSettings, parseBenchArgs, sameGap, timeRatio } from "../../bench/run";
import { runChild } from "../../bench/measure";

function run(over: Partial<CloudfitRun>): CloudfitRun {
  return {
    solver: "highs",
    status: "optimal",
    objective: 1000,
    bound: 999.5,
    gap: 0.0005,
    costUSD: 1000,
    buildMs: 100,
    solveMs: 400,
    optimizeMs: 600,
    warmupMs: 300,
    variables: 10,
    constraints: 5,
    rssBeforeMiB: 100,
    peakRssMiB: 300,
    ...over,
  };
}

function cbcRun(): CbcRun {
  return {
    limitSec: 360,
    askedGap: 0.001,
    columns: 100,
    offerColumns: 80,
    rows: 50,
    nonzeros: 400,
    lpMiB: 1,
    writeMs: 10,
    status: "optimal",
    wallMs: 1000,
    peakRssMiB: 60,
  };
}

function size(services: number, over: Partial<SizeResult> = {}): SizeResult {
  return {
    services,
    links: services / 2,
    buckets: services / 10,
    replicas: services * 6,
    generateMs: 10,
    validateMs: 10,
    highs: run({}),
    jslp: { skipped: "above --jslp-max 100" },
    cbc: { skipped: "--skip-cbc" },
    baselines: [
      { name: "cheapest-offer", costUSD: 1100, savingUSD: 100, savingPct: 9.09, note: "" },
    ],
    ...over,
  };
}

describe("benchmark command line", () => {
  it("runs the four issue sizes with a 60 s limit and a 0.1% gap by default", () => {
    const o = parseBenchArgs([]);
    assert.deepStrictEqual(o.sizes, [10, 100, 500, 2000]);
    assert.strictEqual(o.timeLimitSec, 60);
    assert.strictEqual(o.gap, 0.001);
    assert.strictEqual(o.skipCbc, false);
    assert.strictEqual(o.json, false);
    assert.strictEqual(o.policyResources, 10000);
    assert.strictEqual(o.cbcMax, 10);
  });

  it("writes the per-type model for CBC up to --cbc-max services", () => {
    assert.strictEqual(parseBenchArgs(["--cbc-max", "100"]).cbcMax, 100);
    assert.throws(() => parseBenchArgs(["--cbc-max", "0"]), BenchUsageError);
  });

  it("skips the policy pack with --policies 0 and sizes it otherwise", () => {
    assert.strictEqual(parseBenchArgs(["--policies", "0"]).policyResources, 0);
    assert.strictEqual(parseBenchArgs(["--policies=500"]).policyResources, 500);
    assert.throws(() => parseBenchArgs(["--policies", "-3"]), BenchUsageError);
  });

  it("reads sizes, limits and switches in both --flag value and --flag=value forms", () => {
    const o = parseBenchArgs([
      "--sizes",
      "10,100",
      "--time-limit=5",
      "--skip-cbc",
      "--json",
      "--seed",
      "3",
    ]);
    assert.deepStrictEqual(o.sizes, [10, 100]);
    assert.strictEqual(o.timeLimitSec, 5);
    assert.strictEqual(o.seed, 3);
    assert.strictEqual(o.skipCbc, true);
    assert.strictEqual(o.json, true);
  });

  it("rejects a size that is not a positive whole number, saying how to write it", () => {
    assert.throws(
      () => parseBenchArgs(["--sizes", "10,abc"]),
      (e: Error) =>
        e instanceof BenchUsageError &&
        e.message ===
          '--sizes needs a positive whole number, got "abc". To fix: write e.g. --sizes 100.',
    );
  });

  it("rejects an unknown argument", () => {
    assert.throws(
      () => parseBenchArgs(["--fast"]),
      (e: Error) => e.message === 'Unknown argument "--fast". To fix: see npm run bench -- --help.',
    );
  });

  it("marks the 100-service target met only when proven optimal within a second", () => {
    const met = checkTargets([size(100)], 0.001)[0];
    assert.strictEqual(met.met, true);
    const slow = checkTargets([size(100, { highs: run({ optimizeMs: 1500 }) })], 0.001)[0];
    assert.strictEqual(slow.met, false);
    const open = checkTargets([size(100, { highs: run({ status: "time_limit" }) })], 0.001)[0];
    assert.strictEqual(open.met, false);
  });

  it("checks the 2,000-service gap, time and memory targets", () => {
    const big = size(2000, { highs: run({ optimizeMs: 8000, peakRssMiB: 1100, gap: 0.0009 }) });
    const t = checkTargets([big], 0.001);
    assert.deepStrictEqual(
      t.map((x) => x.met),
      [true, false, null],
    );
    assert.strictEqual(t[2].result, "2,000 services: not measured (--skip-cbc)");
    // A gap that is no number (NaN; null once through JSON) is no proven gap.
    for (const none of [NaN, null as unknown as number])
      assert.strictEqual(checkTargets([size(2000, { highs: run({ optimizeMs: 8000, gap: none }) })], 0.001)[0].met, false);
  });

  it("checks the speed-up over CBC at every size both ran, each at its own gap", () => {
    const target = (...sizes: SizeResult[]) => checkTargets(sizes, 0.001).at(-1)!;
    const ten = size(10, { cbc: cbcRun(), cbcOverCloudfit: { ratio: 8.5, atLeast: false, gap: 0.001 } });
    const hundred = size(100, {
      cbc: { ...cbcRun(), status: "no_solution", askedGap: 0.0213 },
      cbcOverCloudfit: { ratio: 9.4, atLeast: true, gap: 0.0213 },
    });
    const both = target(ten, hundred, size(2000));
    assert.strictEqual(both.met, true);
    assert.strictEqual(
      both.result,
      "10 services: CBC/cloudfit 8.5x at 0.100%; 100 services: CBC/cloudfit >= 9.4x at 2.130% (CBC: no_solution); 2,000 services: not measured (--skip-cbc)",
    );
    const ratio = (r: NonNullable<SizeResult["cbcOverCloudfit"]>) => target(ten, size(100, { cbc: cbcRun(), cbcOverCloudfit: r })).met;
    assert.strictEqual(ratio({ ratio: 3, atLeast: false, gap: 0.01 }), false, "measured slower than 5x");
    assert.strictEqual(ratio({ ratio: 3, atLeast: true, gap: 0.01 }), null, "a lower bound below 5x decides nothing");
    assert.strictEqual(ratio({ ratio: 6, atLeast: false, atMost: true, gap: 0.01 }), null, "an upper bound above 5x decides nothing");
    assert.strictEqual(ratio({ ratio: 3, atLeast: false, atMost: true, gap: 0.01 }), false, "an upper bound below 5x is a miss");
    assert.strictEqual(target(size(2000)).met, null, "nothing measured");
  });

  it("times CBC at the benchmark's gap, or at the gap cloudfit proved when it stopped short of it", () => {
    assert.strictEqual(sameGap(run({ gap: 0.0005 }), 0.001), 0.001);
    assert.strictEqual(sameGap(run({ status: "time_limit", gap: 0.0213, optimizeMs: 10_000 }), 0.001), 0.0213);
    assert.strictEqual(sameGap(run({ status: "time_limit", gap: 0.0004 }), 0.001), 0.001, "never a gap below the benchmark's");
    assert.strictEqual(sameGap(run({ status: "time_limit", gap: NaN }), 0.001), undefined, "no bound: nothing to time");
    assert.strictEqual(sameGap(run({ error: "boom" }), 0.001), undefined);
    assert.strictEqual(sameGap(run({ optimizeMs: 0 }), 0.001), undefined);
    assert.strictEqual(sameGap({ skipped: "--skip-cbc" }, 0.001), undefined);
  });

  it("runs CBC with six times cloudfit's time at the gap it is timed at, or says why not", () => {
    const o = parseBenchArgs(["--cbc-max", "100"]);
    const stopped = run({ status: "time_limit", gap: 0.0213, optimizeMs: 10_010 });
    assert.deepStrictEqual(cbcSettings(100, o, "/usr/bin/cbc", stopped), { limitSec: 61, gap: 0.0213 });
    assert.deepStrictEqual(cbcSettings(10, o, "/usr/bin/cbc", run({ optimizeMs: 13_500 })), { limitSec: 81, gap: 0.001 });
    assert.deepStrictEqual(cbcSettings(10, { ...o, cbcLimitSec: 300 }, "/usr/bin/cbc", stopped), { limitSec: 300, gap: 0.0213 });
    assert.deepStrictEqual(cbcSettings(10, { ...o, timeLimitSec: 600 }, "/usr/bin/cbc", stopped), { limitSec: 600, gap: 0.0213 }, "never under --time-limit");
    assert.deepStrictEqual(cbcSettings(500, o, "/usr/bin/cbc", stopped), { skipped: "above --cbc-max 100 services (raise it to run)" });
    assert.deepStrictEqual(cbcSettings(10, o, undefined, stopped), { skipped: "no cbc on the PATH (install: apt-get install -y coinor-cbc)" });
    assert.deepStrictEqual(cbcSettings(10, { ...o, skipCbc: true }, "/usr/bin/cbc", stopped), { skipped: "--skip-cbc" });
    assert.deepStrictEqual(cbcSettings(10, o, "/usr/bin/cbc", run({ status: "no_solution", gap: NaN, optimizeMs: 60_000 })), {
      skipped: "cloudfit has no plan with a proven gap to time CBC against",
    });
  });

  it("tells an exact ratio from a lower or an upper bound, and compares nothing that is neither", () => {
    const proved = run({ optimizeMs: 10_000 }); // stopped at the benchmark's gap: its time is exact
    const stopped = run({ status: "time_limit", gap: 0.0213, optimizeMs: 10_000 }); // its time is an upper bound
    const cbc = (over: Partial<CbcRun>) => ({ ...cbcRun(), wallMs: 94_000, ...over });
    // CBC stopped at the gap.
    assert.deepStrictEqual(timeRatio(cbc({ gap: 0.0009 }), proved, 0.001, 0.001), { ratio: 9.4, atLeast: false, gap: 0.001 });
    assert.deepStrictEqual(timeRatio(cbc({ gap: 0.02 }), stopped, 0.0213, 0.001), { ratio: 9.4, atLeast: true, gap: 0.0213 });
    // No plan, a gap above, or killed: CBC would have needed longer.
    for (const over of [{ status: "no_solution" }, { status: "time_limit", gap: 0.03 }, { status: "killed" }, { status: "optimal", gap: 0.05 }])
      assert.deepStrictEqual(timeRatio(cbc(over), stopped, 0.0213, 0.001), { ratio: 9.4, atLeast: true, gap: 0.0213 }, JSON.stringify(over));
    // Within the gap at its end without having stopped there: it got there sooner.
    assert.deepStrictEqual(timeRatio(cbc({ status: "time_limit", gap: 0.0005 }), proved, 0.001, 0.001), { ratio: 9.4, atLeast: false, atMost: true, gap: 0.001 });
    assert.strictEqual(timeRatio(cbc({ status: "time_limit", gap: 0.01 }), stopped, 0.0213, 0.001), undefined, "an upper bound over an upper bound");
    // A CBC that calls the model infeasible, or fails, is no time to compare.
    assert.strictEqual(timeRatio(cbc({ status: "infeasible" }), stopped, 0.0213, 0.001), undefined);
    assert.strictEqual(timeRatio(cbc({ status: "error" }), stopped, 0.0213, 0.001), undefined);
    const unmeasured = checkTargets([size(10, { cbc: cbc({ status: "infeasible" }) })], 0.001).at(-1)!;
    assert.strictEqual(unmeasured.result, "10 services: not measured (CBC: infeasible)");
    assert.strictEqual(unmeasured.met, null);
  });

  it("prints the ratio under each size with the gap it is at and whose gap that is", () => {
    const doc = (r: NonNullable<SizeResult["cbcOverCloudfit"]>) =>
      renderText({
        machine: { cpus: 2, cpuModel: "test cpu", memoryGiB: 8, node: "v20" },
        options: { sizes: [100], seed: 1, timeLimitSec: 10, gap: 0.001 },
        sizes: [size(100, { cbc: { ...cbcRun(), limitSec: 61 }, cbcOverCloudfit: r })],
        targets: [],
        catalogLoadMs: 40,
      });
    assert.match(doc({ ratio: 10.6, atLeast: true, gap: 0.02135 }), /CBC time \/ cloudfit time at the gap cloudfit proved: >= 10\.6x at 2\.135% \(CBC did not reach it within its 61 s limit\)/);
    assert.match(doc({ ratio: 8.5, atLeast: false, gap: 0.001 }), /at the benchmark's gap: 8\.5x at 0\.100%\n/);
    assert.match(doc({ ratio: 6, atLeast: false, atMost: true, gap: 0.001 }), /<= 6\.0x at 0\.100% \(CBC reached it before it ended, but did not stop there\)/);
  });

  it("says of each bound beside the groups whether an integer program or only its LP proved it, and of a lean model per area that it was", () => {
    const staged = (linear: boolean, lean = false, exact = false) =>
      renderText({
        machine: { cpus: 2, cpuModel: "test cpu", memoryGiB: 8, node: "v20" },
        options: { sizes: [100], seed: 1, timeLimitSec: 10, gap: 0.001 },
        sizes: [
          size(100, {
            highs: run({
              staged: {
                capacity: { variables: 11491, constraints: 1449, bound: 84857, ms: 250 },
                areas: { variables: 4057, constraints: 6845, bound: 87215, ms: 4700, ...(linear ? { linear: true as const } : {}), ...(lean ? { lean: true as const } : {}) },
                [exact ? "boundModel" : "relaxedMip"]: { variables: exact ? 35327 : 30928, constraints: exact ? 52099 : 61611, bound: 87294, ms: 4300, ...(linear ? { linear: true as const } : {}) },
                groups: { groups: 12, passes: 1, ms: 9600 },
                regions: 0,
              },
            }),
          }),
        ],
        targets: [],
        catalogLoadMs: 8,
      });
    assert.match(staged(false), /presence per cloud and continent 4,057 x 6,845, its proven bound \$87,215\.00 in 4\.70 s; then in that solver the relaxed model as an integer program, its proven bound \$87,294\.00/);
    assert.match(staged(true), /presence per cloud and continent 4,057 x 6,845, its LP bound \$87,215\.00 in 4\.70 s; then in that solver the relaxed model as a linear program \(no time for its MIP's root\), its LP bound \$87,294\.00/);
    assert.match(staged(true, true), /presence per cloud and continent 4,057 x 6,845, its lean model's LP bound \$87,215\.00 in 4\.70 s/);
    assert.match(staged(true, false, true), /then in that solver the exact model built for its bound 35,327 x 52,099 as a linear program \(no time for its MIP's root\), its LP bound \$87,294\.00 in 4\.30 s/);
    assert.match(staged(false, false, true), /then in that solver the exact model built for its bound 35,327 x 52,099 as an integer program, its proven bound \$87,294\.00/);
    assert.doesNotMatch(staged(false, false, true), /relaxed model as/);
  });

  it("renders every size, baseline and target as text", () => {
    const text = renderText({
      machine: { cpus: 2, cpuModel: "test cpu", memoryGiB: 8, node: "v20" },
      options: { sizes: [100], seed: 1, timeLimitSec: 60, gap: 0.001 },
      sizes: [size(100)],
      targets: checkTargets([size(100)], 0.001),
      catalogLoadMs: 8.25,
      policyPack: {
        resources: 10000,
        startMs: 15000,
        analyzeStackMs: 10000,
        analyzeMs: 20000,
        stackResourcesPerSecond: 1000,
        perResourceResourcesPerSecond: 500,
        violations: 3,
      },
    });
    assert.match(text, /price catalog: loaded and indexed in 8\.3 ms/);
    assert.match(text, /== served policy pack, 10,000 resources\n/);
    assert.match(text, /AnalyzeStack: 10\.00 s, 1,000 resources\/s\nAnalyze, one call per resource: 20\.00 s, 500 resources\/s/);
    assert.match(text, /== 100 services \(600 replicas\), 50 links, 10 buckets/);
    assert.match(
      text,
      /cloudfit, HiGHS +10 x 5 +0\.10 s +0\.40 s +0\.60 s +optimal +0\.050% +\$1,000\.00 +300 MiB/,
    );
    assert.match(text, /cheapest-offer +\$1,100\.00 +\$100\.00 +9\.1%/);
    assert.match(
      text,
      /100 services proven optimal in < 1 s +optimal \(gap 0\.050%\) in 0\.60 s, plus 0\.30 s solver start-up once per process +met/,
    );
  });

  it("runs one size with explanations, counting the services explained and any the time limit cut short", async function () {
    this.timeout(120_000);
    const r = await runChild<CloudfitRun>("cloudfit-child.ts", ["6", "3", "highs", "10", "0.001", "explain"], 110_000);
    assert.ok(r.result, r.failure);
    assert.ok(!r.result.error, r.result.error);
    assert.strictEqual(r.result.moves, undefined);
    assert.deepStrictEqual(r.result.explained && { services: r.result.explained.services, cutShort: r.result.explained.cutShort }, { services: 6, cutShort: 0 });
    assert.ok(r.result.explained!.networkReasons <= 6);
    const plain = await runChild<CloudfitRun>("cloudfit-child.ts", ["3", "3", "highs", "5", "0.001"], 110_000);
    assert.ok(plain.result && !plain.result.error && plain.result.explained === undefined, plain.failure);
  });

  it("re-plans one size against the cheapest-offer plan, counting its moves", async function () {
    this.timeout(120_000);
    const r = await runChild<CloudfitRun>("cloudfit-child.ts", ["6", "3", "highs", "10", "0.001", "moves"], 110_000);
    assert.ok(r.result && !r.result.error, r.failure ?? r.result?.error);
    assert.strictEqual(typeof r.result.moves, "number");
    assert.strictEqual(r.result.explained?.services, 6);
  });
});
