// The forecast of a usage series as the command prints it: per-step times and quantiles, the
// chosen model, the cycles found, and a rolling-origin backtest beside the seasonal-naive
// baseline. Pure.

import { backtest, rollingOrigins, type BacktestResult } from "./backtest";
import { forecastValues, type CandidateScore } from "./pipeline";
import type { SeasonalPeriod } from "./seasonality";
import type { ModelName } from "./models/types";
import type { BacktestScore, ForecastStep, IngestReport, UsageSeries, UsageUnit } from "./types";

/** Options of `forecastSeries`. */
export interface SeriesForecastOptions {
  /** Horizon in seconds. */
  readonly horizonSec: number;
  /** Epoch ms: only values before this time are used (the rest is kept for comparison). */
  readonly trainUntilMs?: number;
  /** Rolling backtest origins, each one horizon apart at the end of the training data; 0 skips it. */
  readonly backtestOrigins?: number;
  readonly models?: readonly ModelName[];
}

/** One series' forecast, ready for JSON. */
export interface SeriesForecast {
  readonly name: string;
  readonly source: string;
  readonly unit: UsageUnit;
  readonly intervalSec: number;
  readonly relativeTime: boolean;
  readonly model: ModelName;
  readonly seasonality: readonly SeasonalPeriod[];
  readonly candidates: readonly CandidateScore[];
  readonly backtest: BacktestScore | null;
  readonly baseline: { readonly model: "seasonal-naive"; readonly backtest: BacktestScore } | null;
  readonly ingest: IngestReport;
  readonly trainedOn: { readonly from: number; readonly until: number; readonly points: number };
  readonly forecast: readonly ForecastStep[];
  /** Values after the training end, when --train-until held some back. */
  readonly heldOut: readonly { readonly t: number; readonly value: number }[];
}

/** Natural bounds of a unit: percent within [0, 100]; never negative when the history is not. */
export function boundsFor(unit: UsageUnit, values: ArrayLike<number>): { min?: number; max?: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) { min = Math.min(min, values[i]); max = Math.max(max, values[i]); }
  return {
    ...(min >= 0 ? { min: 0 } : {}),
    ...(unit === "percent" && max <= 100 ? { max: 100 } : {}),
  };
}

/** Forecasts a regular series over the horizon, with its backtest. */
export function forecastSeries(s: UsageSeries, opts: SeriesForecastOptions): SeriesForecast {
  const step = s.intervalSec * 1000;
  let n = s.values.length;
  if (opts.trainUntilMs !== undefined) n = Math.max(0, Math.min(n, Math.ceil((opts.trainUntilMs - s.startMs) / step)));
  const train = s.values.slice(0, n);
  const H = Math.max(1, Math.round(opts.horizonSec / s.intervalSec));
  const bounds = boundsFor(s.unit, train);
  const f = forecastValues(train, s.intervalSec, { horizon: H, bounds, models: opts.models });
  const k = opts.backtestOrigins ?? 3;
  let bt: BacktestResult | undefined;
  const origins = k > 0 ? rollingOrigins(n, H, k).filter((o) => o >= 8) : [];
  if (origins.length > 0) bt = backtest(train, s.intervalSec, { horizon: H, bounds, models: opts.models }, origins);
  const end = s.startMs + n * step;
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    name: s.name,
    source: s.source,
    unit: s.unit,
    intervalSec: s.intervalSec,
    relativeTime: s.relativeTime,
    model: f.model,
    seasonality: f.periods.map((p) => ({ ...p, strength: r(p.strength) })),
    candidates: f.candidates.map((c) => ({ model: c.model, mae: c.mae === null ? null : r(c.mae) })),
    backtest: bt ? bt.ours : null,
    baseline: bt ? { model: "seasonal-naive", backtest: bt.seasonalNaive } : null,
    ingest: s.ingest,
    trainedOn: { from: s.startMs, until: end, points: n },
    forecast: Array.from({ length: H }, (_, h) => ({
      t: end + h * step,
      p50: r(f.quantiles.p50[h]),
      p90: r(f.quantiles.p90[h]),
      p95: r(f.quantiles.p95[h]),
      p99: r(f.quantiles.p99[h]),
    })),
    heldOut: s.values.slice(n, n + H).map((v, i) => ({ t: end + i * step, value: v })),
  };
}
