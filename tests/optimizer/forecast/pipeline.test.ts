import * as assert from "assert";
import { backtest, forecastValues, maseScale, readUsage, rollingOrigins, forecastSeries } from "../../../optimizer/forecast";
import { seasonalNaive } from "../../../optimizer/forecast/models/seasonalNaive";
import { fitAr } from "../../../optimizer/forecast/models/ar";
import { gaussian, synthetic } from "./synthetic";

const mae = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

describe("forecast models and pipeline", () => {
  it("forecasts a constant series exactly, every quantile equal to it", () => {
    const f = forecastValues(new Array(5 * 288).fill(42), 300, { horizon: 288 });
    for (const q of ["p50", "p90", "p95", "p99"] as const) assert.ok(f.quantiles[q].every((v) => v === 42), q);
    assert.deepStrictEqual(f.periods, []);
  });

  it("repeats the last season with seasonal naive", () => {
    const v = [1, 2, 3, 4, 5, 6];
    assert.deepStrictEqual([...seasonalNaive(3).predict(v, 6, 5)], [4, 5, 6, 4, 5]);
    assert.deepStrictEqual([...seasonalNaive(10).predict(v, 6, 2)], [6, 6]);
  });

  it("recovers a daily profile: the forecast follows the cycle, not a flat line", () => {
    const all = synthetic({ days: 9, daily: 20, noise: 1, seed: 5 });
    const train = all.slice(0, 8 * 288);
    const truth = synthetic({ days: 9, daily: 20, seed: 5 }).slice(8 * 288).map((_, i) => 50 + 20 * Math.sin((2 * Math.PI * (8 * 288 + i)) / 288));
    const f = forecastValues(train, 300, { horizon: 288 });
    assert.ok(mae(f.quantiles.p50, truth) < 1.5, `MAE ${mae(f.quantiles.p50, truth)}`);
    assert.ok(f.periods.some((p) => p.name === "daily"));
  });

  it("follows a trend that seasonal naive lags behind", () => {
    const all = synthetic({ days: 8, trendPerDay: 10, daily: 5, noise: 0.5, seed: 9 });
    const train = all.slice(0, 7 * 288);
    const test = all.slice(7 * 288);
    const ours = forecastValues(train, 300, { horizon: 288 }).quantiles.p50;
    const naive = seasonalNaive(288).predict(train, train.length, 288);
    assert.ok(mae(ours, test) < 0.5 * mae(naive, test), `ours ${mae(ours, test)}, naive ${mae(naive, test)}`);
  });

  it("fits AR on a mean-reverting series and reverts to its mean", () => {
    const g = gaussian(2);
    const x = [0];
    for (let t = 1; t < 2000; t++) x.push(0.8 * x[t - 1] + g());
    const shifted = x.map((v) => v + 100);
    shifted[shifted.length - 1] = 110;
    const f = fitAr(shifted, shifted.length, {}, 2000).predict(shifted, shifted.length, 50);
    assert.ok(Math.abs(f[0] - (100 + 0.8 * 10)) < 0.8, `first step ${f[0]}`);
    assert.ok(Math.abs(f[49] - 100) < 0.5, `last step ${f[49]}`);
  });

  it("keeps quantiles ordered and within the bounds", () => {
    const v = synthetic({ days: 6, level: 95, daily: 4, noise: 3, seed: 4 }).map((x) => Math.min(100, x));
    const f = forecastValues(v, 300, { horizon: 288, bounds: { min: 0, max: 100 } });
    for (let h = 0; h < 288; h++) {
      const q = [f.quantiles.p50[h], f.quantiles.p90[h], f.quantiles.p95[h], f.quantiles.p99[h]];
      assert.ok(q.every((x, i) => i === 0 || x >= q[i - 1]) && q[3] <= 100, `step ${h}: ${q}`);
    }
  });

  it("covers about 95% of Gaussian noise with the P95 forecast", () => {
    const all = synthetic({ days: 12, daily: 10, noise: 4, seed: 11 });
    const r = backtest(all, 300, { horizon: 288 }, rollingOrigins(all.length, 288, 3));
    assert.ok(r.ours.coverage95 > 0.9 && r.ours.coverage95 < 0.99, `coverage ${r.ours.coverage95}`);
    assert.ok(r.ours.mase! < r.seasonalNaive.mase!, `ours ${r.ours.mase}, naive ${r.seasonalNaive.mase}`);
  });

  it("computes the M4 scale as the mean absolute seasonal difference", () => {
    assert.strictEqual(maseScale([1, 2, 3, 5, 6, 9], 6, 3), (4 + 4 + 6) / 3);
    assert.strictEqual(maseScale([1, 1, 1], 3, 1), 0);
    assert.deepStrictEqual(rollingOrigins(1000, 100, 3), [700, 800, 900]);
  });

  it("reports no MASE for a constant series rather than dividing by zero", () => {
    const r = backtest(new Array(6 * 288).fill(3), 300, { horizon: 288 }, rollingOrigins(6 * 288, 288, 2));
    assert.strictEqual(r.ours.mase, null);
    assert.strictEqual(r.ours.smape, 0);
    assert.strictEqual(r.ours.coverage95, 1);
  });

  it("forecasts a gapped export after filling it, with steps on the grid after the last point", () => {
    const rows = ["timestamp,value"];
    const g = gaussian(3);
    for (let i = 0; i < 4 * 288; i++) if (i % 97 !== 50) rows.push(`${new Date(Date.UTC(2014, 3, 10) + i * 300000).toISOString()},${(20 + 5 * Math.sin((2 * Math.PI * i) / 288) + g()).toFixed(3)}`);
    const [s] = readUsage(rows.join("\n"), "gapped_cpu_utilization.csv");
    assert.strictEqual(s.ingest.filled, 12);
    const f = forecastSeries(s, { horizonSec: 6 * 3600, backtestOrigins: 2 });
    assert.strictEqual(f.forecast.length, 72);
    assert.strictEqual(f.forecast[0].t, Date.UTC(2014, 3, 10) + 4 * 288 * 300000);
    assert.ok(f.backtest && f.backtest.origins === 2);
  });

  it("trains only on data before --train-until and keeps the rest for comparison", () => {
    const v = synthetic({ days: 5, daily: 5, noise: 1 });
    const s = { name: "x", source: "x", unit: "percent" as const, intervalSec: 300, startMs: 0, relativeTime: true, values: v, ingest: { read: v.length, filled: 0, dropped: 0, duplicates: 0, reordered: 0, snapped: 0, longestGap: 0 } };
    const f = forecastSeries(s, { horizonSec: 3600, trainUntilMs: 4 * 86400000, backtestOrigins: 0 });
    assert.strictEqual(f.trainedOn.points, 4 * 288);
    assert.strictEqual(f.heldOut.length, 12);
    assert.strictEqual(f.heldOut[0].value, v[4 * 288]);
    assert.strictEqual(f.backtest, null);
  });
});
