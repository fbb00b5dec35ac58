// Forecasting one series: detect its cycles, fit the candidate models (ETS, AR on the
// deseasonalised series, their average, and seasonal naive) on all but its last days, score them
// from rolling origins over those days, keep the most accurate, refit it on the whole series and
// forecast. Prediction quantiles are empirical quantiles of its multi-step errors: those of the
// rolling origins plus those of the refitted model from origins over the whole history, which
// carry the day-to-day level changes a single recent day does not show. Pure.

import { fitSeasonal } from "./decompose";
import { detectSeasonality, stepsPerDay, type SeasonalPeriod } from "./seasonality";
import { fitAr, combine } from "./models/ar";
import { fitEts } from "./models/ets";
import { seasonalNaive } from "./models/seasonalNaive";
import type { FittedModel, ModelName } from "./models/types";
import { quantiles as quantilesOf } from "./stats";
import { QUANTILES } from "./types";

/** Options of one forecast. */
export interface ForecastOptions {
  /** Steps to forecast. */
  readonly horizon: number;
  /** Lower and upper bounds of any value (e.g. 0 and 100 for CPU percent); default none. */
  readonly bounds?: { readonly min?: number; readonly max?: number };
  /** Models to choose among; default all four. */
  readonly models?: readonly ModelName[];
}

/** A candidate model's accuracy on the rolling origins. */
export interface CandidateScore {
  readonly model: ModelName;
  /** Mean absolute error over every origin and step; null when the series is too short to score. */
  readonly mae: number | null;
}

/** The forecast of one series. */
export interface ValuesForecast {
  readonly model: ModelName;
  readonly periods: readonly SeasonalPeriod[];
  readonly candidates: readonly CandidateScore[];
  /** Per quantile level, the forecast values per step. */
  readonly quantiles: Readonly<Record<"p50" | "p90" | "p95" | "p99", Float64Array>>;
  /** Error quantiles (levels 0.5, 0.9, 0.95, 0.99) added to the point forecast. */
  readonly offsets: readonly number[];
}

/** ETS first: the model kept unless another is clearly better. */
const ALL_MODELS: readonly ModelName[] = ["ets", "ar", "ets+ar", "seasonal-naive"];

/**
 * A challenger replaces ETS only when its error on the rolling origins is this much lower: two
 * days of origins are too few to tell models within a few percent apart, and switching on noise
 * cost accuracy on the shared series (see the README's forecast benchmark).
 */
export const SWITCH_MARGIN = 0.2;

/** Days of rolling origins that score the candidates. */
const SCORE_DAYS = 2;

/** Fits every requested model on values[0, end), sharing the seasonal fit and the ETS fit. */
function fitModels(names: readonly ModelName[], values: ArrayLike<number>, end: number, intervalSec: number, lead: number): Map<ModelName, FittedModel> {
  const day = stepsPerDay(intervalSec);
  const out = new Map<ModelName, FittedModel>();
  const needSeasonal = names.some((n) => n !== "seasonal-naive");
  const periods = needSeasonal ? detectSeasonality(Float64Array.from({ length: end }, (_, t) => values[t]), intervalSec) : [];
  const seasonal = needSeasonal ? fitSeasonal(values, end, periods) : {};
  const window = 3 * (day ?? 96);
  let ets: FittedModel | undefined;
  let ar: FittedModel | undefined;
  const getEts = () => (ets ??= fitEts(values, end, seasonal, lead));
  const getAr = () => (ar ??= fitAr(values, end, seasonal, window));
  for (const name of names) {
    if (name === "seasonal-naive") out.set(name, seasonalNaive(day !== undefined && end >= 2 * day ? day : 1));
    else if (name === "ets") out.set(name, getEts());
    else if (name === "ar") out.set(name, getAr());
    else out.set(name, combine(getEts(), getAr()));
  }
  return out;
}

function clip(x: number, bounds: ForecastOptions["bounds"]): number {
  if (bounds?.min !== undefined && x < bounds.min) return bounds.min;
  if (bounds?.max !== undefined && x > bounds.max) return bounds.max;
  return x;
}

/** The errors of `lead`-step forecasts from origins o = from, from + stride, ... */
function collectErrors(m: FittedModel, values: ArrayLike<number>, from: number, lead: number, stride: number, bounds: ForecastOptions["bounds"]): Float64Array {
  const origins = from + lead <= values.length ? Math.floor((values.length - lead - from) / stride) + 1 : 0;
  const out = new Float64Array(origins * lead);
  let k = 0;
  for (let o = from; o + lead <= values.length; o += stride) {
    const f = m.predict(values, o, lead);
    for (let h = 0; h < lead; h++) out[k++] = values[o + h] - clip(f[h], bounds);
  }
  return out;
}

/** Forecasts `horizon` steps after the end of a regular series. */
export function forecastValues(values: ArrayLike<number>, intervalSec: number, opts: ForecastOptions): ValuesForecast {
  const n = values.length;
  const H = Math.max(1, opts.horizon);
  const day = stepsPerDay(intervalSec);
  const names = opts.models ?? ALL_MODELS;
  const periods = detectSeasonality(values, intervalSec);
  // Rolling origins over `span` steps before the last `lead`, for models fitted before them.
  const minFit = day !== undefined ? 2 * day : 24;
  let lead = Math.min(H, day ?? 24);
  let span = SCORE_DAYS * (day ?? 24);
  if (n - lead - span < minFit) {
    span = Math.max(1, Math.floor((n - Math.min(minFit, n / 2)) / 2));
    lead = Math.max(1, Math.min(lead, span));
  }
  const fitEnd = n - lead - span;
  const stride = Math.max(1, Math.floor(span / 48));
  const errors = new Map<ModelName, Float64Array>();
  const candidates: CandidateScore[] = [];
  const scored = fitEnd >= 2 ? fitModels(names, values, fitEnd, intervalSec, lead) : undefined;
  for (const name of names) {
    const errs = scored ? collectErrors(scored.get(name)!, values, fitEnd, lead, stride, opts.bounds) : new Float64Array(0);
    errors.set(name, errs);
    let sum = 0;
    for (const e of errs) sum += Math.abs(e);
    candidates.push({ model: name, mae: errs.length > 0 ? sum / errs.length : null });
  }
  const mae = (c: CandidateScore) => c.mae ?? Infinity;
  const first = candidates[0];
  const best = candidates.reduce((b, c) => (mae(c) < mae(b) ? c : b), first);
  const chosen = mae(best) < mae(first) * (1 - SWITCH_MARGIN) ? best.model : first.model;
  const final = fitModels([chosen], values, n, intervalSec, lead).get(chosen)!;
  const scoredErrs = errors.get(chosen)!;
  const historyErrs = collectErrors(final, values, Math.max(1, Math.min(n - lead, minFit)), lead, Math.max(1, Math.floor(lead / 6)), opts.bounds);
  let errs = new Float64Array(scoredErrs.length + historyErrs.length);
  errs.set(scoredErrs);
  errs.set(historyErrs, scoredErrs.length);
  // Too short for any multi-step error: one-step changes stand in for them.
  if (errs.length === 0) errs = Float64Array.from({ length: Math.max(1, n - 1) }, (_, t) => (n > 1 ? values[t + 1] - values[t] : 0));
  const offsets = quantilesOf(errs, QUANTILES);
  const point = final.predict(values, n, H);
  const q = (i: number) => point.map((v) => clip(v + offsets[i], opts.bounds));
  return { model: chosen, periods, candidates, quantiles: { p50: q(0), p90: q(1), p95: q(2), p99: q(3) }, offsets };
}
