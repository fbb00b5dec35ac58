import * as assert from "assert";
import { renderForecastBench, type ForecastBench } from "../../bench/forecast";
import { parseBenchArgs } from "../../bench/run";

function doc(): ForecastBench {
  const per = [{ series: "a", mase: 0.8 }, { series: "b", mase: null }];
  return {
    series: 2,
    accuracy: [
      { method: "cloudfit", medianMase: 0.8, meanSmape: 10, coverage95: 0.95, perSeries: per },
      { method: "seasonal-naive", medianMase: 1, meanSmape: 12, coverage95: null, perSeries: [{ series: "a", mase: 1 }, { series: "b", mase: null }] },
    ],
    maseRatio: 0.8,
    replay: [{ rule: "cloudfit", underProvisioned: 0.005, seriesWithin1Pct: 2, capacityVsComputeOptimizer: 0.9 }],
    replayPerSeries: [{ series: "a", rules: [{ rule: "cloudfit", underProvisioned: 0.005, capacityVsCO: 0.9 }] }],
    bill: { months: 12, mape: 5, naiveMape: 6, mapeExcludingShutdown: 0.3, naiveMapeExcludingShutdown: 3 },
    speed: { series: 1000, points: 4032, forecastMs: 30000, forecastCpuMs: 25000, withBacktestMsPerSeries: 90 },
    targets: [{ target: "median MASE <= 0.90 x seasonal naive's", met: true, detail: "0.800" }, { target: "P95 covers 93-97% of actuals", met: false, detail: "90.0%" }],
  };
}

describe("forecasting benchmark", () => {
  it("runs by default with 1,000 series, alone with --forecast-only, and not with --forecast-series 0", () => {
    assert.deepStrictEqual([parseBenchArgs([]).forecastSeries, parseBenchArgs([]).forecastOnly], [1000, false]);
    assert.strictEqual(parseBenchArgs(["--forecast-only"]).forecastOnly, true);
    assert.strictEqual(parseBenchArgs(["--forecast-series", "0"]).forecastSeries, 0);
    assert.strictEqual(parseBenchArgs(["--forecast-series=200"]).forecastSeries, 200);
    assert.throws(() => parseBenchArgs(["--forecast-series", "-1"]), /--forecast-series needs a positive whole number/);
  });

  it("prints every method, the replay and each target as met or missed", () => {
    const text = renderForecastBench(doc());
    assert.match(text, /cloudfit +0\.800 +10\.0% +95\.0%/);
    assert.match(text, /seasonal-naive +1\.000 +12\.0% +-/);
    assert.match(text, /b +n\/a +n\/a/);
    assert.match(text, /cloudfit +0\.50% +2\/2 +0\.900/);
    assert.match(text, /1000 series of 4032 points forecast in 30\.0 s wall, 25\.0 s CPU/);
    assert.match(text, / {2}met {4}median MASE/);
    assert.match(text, / {2}MISSED P95 covers 93-97% of actuals: 90\.0%/);
  });
});
