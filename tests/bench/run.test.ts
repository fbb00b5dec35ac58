import * as assert from "assert";
import type { CloudfitRun } from "../../bench/cloudfit-child";
import { checkTargets, renderText, type CbcRun, type SizeResult } from "../../bench/report";
import { BenchUsageError, parseBenchArgs, sameGap, timeRatio } from "../../bench/run";
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
    assert.strictEqual(sameGap(run({ status: "time_limit", gap: NaN }), 0.001), undefined, "no bound: nothing to time");
    assert.strictEqual(sameGap(run({ error: "boom" }), 0.001), undefined);
    assert.strictEqual(sameGap({ skipped: "--skip-cbc" }, 0.001), undefined);
    const cloudfit = run({ status: "time_limit", gap: 0.0213, optimizeMs: 10_000 });
    // CBC stopped at the gap: the ratio is exact.
    assert.deepStrictEqual(timeRatio({ ...cbcRun(), wallMs: 94_000, gap: 0.02 }, cloudfit, 0.0213), { ratio: 9.4, atLeast: false, gap: 0.0213 });
    // No plan, or a gap above: CBC would have needed longer.
    assert.deepStrictEqual(timeRatio({ ...cbcRun(), status: "no_solution", wallMs: 94_000 }, cloudfit, 0.0213), { ratio: 9.4, atLeast: true, gap: 0.0213 });
    assert.deepStrictEqual(timeRatio({ ...cbcRun(), status: "time_limit", wallMs: 94_000, gap: 0.03 }, cloudfit, 0.0213), { ratio: 9.4, atLeast: true, gap: 0.0213 });
    // Within the gap at its limit without having stopped there: it got there sooner.
    assert.deepStrictEqual(timeRatio({ ...cbcRun(), status: "time_limit", wallMs: 94_000, gap: 0.01 }, cloudfit, 0.0213), { ratio: 9.4, atLeast: false, atMost: true, gap: 0.0213 });
  });

  it("says of each bound beside the groups whether an integer program or only its LP proved it, and of a lean model per area that it was", () => {
    const staged = (linear: boolean, lean = false) =>
      renderText({
        machine: { cpus: 2, cpuModel: "test cpu", memoryGiB: 8, node: "v20" },
        options: { sizes: [100], seed: 1, timeLimitSec: 10, gap: 0.001 },
        sizes: [
          size(100, {
            highs: run({
              staged: {
                capacity: { variables: 11491, constraints: 1449, bound: 84857, ms: 250 },
                areas: { variables: 4057, constraints: 6845, bound: 87215, ms: 4700, ...(linear ? { linear: true as const } : {}), ...(lean ? { lean: true as const } : {}) },
                relaxedMip: { variables: 30928, constraints: 61611, bound: 87294, ms: 4300, ...(linear ? { linear: true as const } : {}) },
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
