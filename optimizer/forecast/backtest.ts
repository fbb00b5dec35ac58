// Rolling-origin backtest: the whole forecasting procedure is rerun at each origin on the data
// before it, and scored on the steps after it against the seasonal-naive baseline. MASE is scaled
// by the seasonal-naive in-sample error with the daily season, as in the M4 competition.

import { forecastValues, type ForecastOptions } from "./pipeline";
import { seasonalNaive } from "./models/seasonalNaive";
import { stepsPerDay } from "./seasonality";
import type { BacktestScore } from "./types";

/** The M4 scale: mean absolute seasonal difference of values[0, end) at season m (1 when too short). */
export function maseScale(values: ArrayLike<number>, end: number, m: number): number {
  const s = end > m ? m : 1;
  let sum = 0;
  for (let t = s; t < end; t++) sum += Math.abs(values[t] - values[t - s]);
  return end > s ? sum / (end - s) : 0;
}

/** sMAPE term of one step, in percent; 0 when actual and forecast are both 0. */
function smapeTerm(y: number, f: number): number {
  const d = Math.abs(y) + Math.abs(f);
  return d === 0 ? 0 : (200 * Math.abs(y - f)) / d;
}

/** Errors of one method at one origin. */
export interface OriginScore {
  readonly origin: number;
  readonly mase: number | null;
  readonly smape: number;
  readonly covered95: number;
  readonly steps: number;
}

/** Backtest of our forecasts and of the seasonal-naive baseline over the same origins. */
export interface BacktestResult {
  readonly ours: BacktestScore;
  readonly seasonalNaive: BacktestScore;
  readonly perOrigin: readonly { readonly ours: OriginScore; readonly seasonalNaive: OriginScore; readonly model: string }[];
}

function summarize(rows: readonly OriginScore[]): BacktestScore {
  const mases = rows.map((r) => r.mase).filter((m): m is number => m !== null);
  const steps = rows.reduce((a, r) => a + r.steps, 0);
  return {
    mase: mases.length > 0 ? mases.reduce((a, b) => a + b, 0) / mases.length : null,
    smape: rows.reduce((a, r) => a + r.smape * r.steps, 0) / Math.max(1, steps),
    coverage95: rows.reduce((a, r) => a + r.covered95, 0) / Math.max(1, steps),
    origins: rows.length,
    steps,
  };
}

/** Origins of a rolling backtest: the starts of the last `count` windows of `horizon` steps. */
export function rollingOrigins(n: number, horizon: number, count: number): number[] {
  const out: number[] = [];
  for (let k = count; k >= 1; k--) if (n - k * horizon > 0) out.push(n - k * horizon);
  return out;
}

/** Scores forecasts of `opts.horizon` steps from each origin against what followed. */
export function backtest(values: ArrayLike<number>, intervalSec: number, opts: ForecastOptions, origins: readonly number[]): BacktestResult {
  const day = stepsPerDay(intervalSec);
  const m = day ?? 1;
  const perOrigin = origins.map((o) => {
    const prefix = Float64Array.from({ length: o }, (_, t) => values[t]);
    const H = Math.min(opts.horizon, values.length - o);
    const f = forecastValues(prefix, intervalSec, { ...opts, horizon: H });
    const base = seasonalNaive(o >= 2 * m ? m : 1).predict(values, o, H);
    const scale = maseScale(values, o, m);
    const score = (p50: ArrayLike<number>, p95: ArrayLike<number> | undefined): OriginScore => {
      let ae = 0;
      let sm = 0;
      let cov = 0;
      for (let h = 0; h < H; h++) {
        const y = values[o + h];
        ae += Math.abs(y - p50[h]);
        sm += smapeTerm(y, p50[h]);
        if (p95 && y <= p95[h] + 1e-9) cov++;
      }
      return { origin: o, mase: scale > 0 ? ae / H / scale : null, smape: sm / H, covered95: cov, steps: H };
    };
    return { ours: score(f.quantiles.p50, f.quantiles.p95), seasonalNaive: score(base, undefined), model: f.model };
  });
  return { ours: summarize(perOrigin.map((r) => r.ours)), seasonalNaive: summarize(perOrigin.map((r) => r.seasonalNaive)), perOrigin };
}
