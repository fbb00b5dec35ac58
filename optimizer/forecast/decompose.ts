// The seasonal part of a series (the "S" of MSTL): a day-of-week offset on the daily level when a
// weekly cycle is present, then a smoothed, robust (per-phase median) intraday profile on the
// series detrended by a one-day centered moving average. Pure; fitted on a prefix only.

import { centeredMovingAverage, detrendedDailyMeans, type SeasonalPeriod } from "./seasonality";
import { mean } from "./stats";

/** Seasonal offsets fitted on a series: intraday profile and day-of-week offsets, both centered. */
export interface SeasonalFit {
  /** Steps per day, when a daily profile is fitted. */
  readonly day?: number;
  readonly daily?: Float64Array;
  /** Seven day-of-week offsets, counted from the series' first day. */
  readonly weekly?: Float64Array;
}

/** The seasonal offset at step t (counted from the series start). */
export function seasonalAt(fit: SeasonalFit, t: number): number {
  let s = 0;
  if (fit.daily && fit.day) s += fit.daily[t % fit.day];
  if (fit.weekly && fit.day) s += fit.weekly[Math.floor(t / fit.day) % 7];
  return s;
}

function medianOf(xs: Float64Array, n: number): number {
  const a = xs.subarray(0, n).sort();
  return n % 2 === 1 ? a[(n - 1) >> 1] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

/** Circular moving average of odd window `w`. */
function smoothCircular(p: Float64Array, w: number): Float64Array {
  const n = p.length;
  const h = Math.floor(w / 2);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = -h; k <= h; k++) s += p[(i + k + n) % n];
    out[i] = s / (2 * h + 1);
  }
  return out;
}

function center(p: Float64Array): Float64Array {
  const m = mean(p);
  return p.map((v) => v - m);
}

/** Fits the seasonal offsets of the detected periods on values[0, end). */
export function fitSeasonal(values: ArrayLike<number>, end: number, periods: readonly SeasonalPeriod[]): SeasonalFit {
  const daily = periods.find((p) => p.name === "daily");
  if (!daily) return {};
  const day = daily.steps;
  const y = Float64Array.from({ length: end }, (_, t) => values[t]);
  let weekly: Float64Array | undefined;
  const days = Math.floor(end / day);
  if (periods.some((p) => p.name === "weekly") && days >= 14) {
    const sums = new Float64Array(7);
    const counts = new Float64Array(7);
    detrendedDailyMeans(y, days, day).forEach((r, d) => { sums[d % 7] += r; counts[d % 7]++; });
    weekly = center(sums.map((s, i) => s / counts[i]));
    for (let t = 0; t < end; t++) y[t] -= weekly[Math.floor(t / day) % 7];
  }
  const trend = centeredMovingAverage(y, day);
  const k = Math.ceil(end / day);
  const buckets = new Float64Array(day * k);
  const counts = new Int32Array(day);
  for (let t = 0; t < end; t++) {
    if (Number.isNaN(trend[t])) continue;
    const p = t % day;
    buckets[p * k + counts[p]++] = y[t] - trend[t];
  }
  const profile = new Float64Array(day);
  for (let p = 0; p < day; p++) profile[p] = counts[p] > 0 ? medianOf(buckets.subarray(p * k, p * k + k), counts[p]) : 0;
  // Smooth over about 25 minutes of phase at 5-minute data, never across more than 1/24 of a day.
  const w = Math.max(1, Math.min(5, Math.floor(day / 48) * 2 + 1));
  return { day, daily: center(w > 1 ? smoothCircular(profile, w) : profile), ...(weekly ? { weekly } : {}) };
}
