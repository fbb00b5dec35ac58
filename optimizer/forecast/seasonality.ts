// Detects the daily and weekly cycles present in a regular series by seasonal strength: how much
// of the detrended variance a per-phase profile explains, corrected for the profile's own fit to
// noise (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §4.2).

import { mean } from "./stats";

/** A seasonal cycle found in a series. */
export interface SeasonalPeriod {
  readonly name: "daily" | "weekly";
  /** Length in steps of the series' interval. */
  readonly steps: number;
  /** Seasonal strength in [0, 1]: 0 none, 1 a perfect repeating pattern. */
  readonly strength: number;
}

/** Strength at or above which a cycle counts as present. */
export const SEASONAL_THRESHOLD = 0.2;

/** Steps per day at this interval, or undefined when a day is not a whole number of at least 4 steps. */
export function stepsPerDay(intervalSec: number): number | undefined {
  const p = 86400 / intervalSec;
  return Number.isInteger(p) && p >= 4 ? p : undefined;
}

/** Centered moving average of window `w` (2 x w when w is even), NaN where it does not reach. */
export function centeredMovingAverage(x: ArrayLike<number>, w: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n).fill(NaN);
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + x[i];
  const half = Math.floor(w / 2);
  for (let t = half; t + half < n; t++) {
    const s = prefix[t + half + 1] - prefix[t - half];
    // An even window is a 2 x w average: half weight on its two end points.
    out[t] = w % 2 === 1 ? s / w : (s - 0.5 * x[t - half] - 0.5 * x[t + half]) / w;
  }
  return out;
}

/** Continued fraction of the incomplete beta function (Numerical Recipes, 3rd ed., §6.4). */
function betacf(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 200; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-12) break;
  }
  return h;
}

function lnGamma(z: number): number {
  // Lanczos approximation, g = 7.
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  z -= 1;
  let x = g[0];
  for (let i = 1; i < 9; i++) x += g[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
}

/** P(F > f) for an F distribution with d1, d2 degrees of freedom. */
export function fTestPValue(f: number, d1: number, d2: number): number {
  if (!(f > 0) || d1 <= 0 || d2 <= 0) return 1;
  const x = d2 / (d2 + d1 * f);
  const a = d2 / 2;
  const b = d1 / 2;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The regularized incomplete beta I_x(a, b), by whichever side converges.
  return x < (a + 1) / (a + b + 2) ? (front * betacf(a, b, x)) / a : 1 - (front * betacf(b, a, 1 - x)) / b;
}

/** Significance level a cycle must also reach in a one-way F test of its phase means. */
export const SEASONAL_P_VALUE = 0.05;

/**
 * Strength of a profile repeating every `period` steps in `x` (already detrended; NaN skipped),
 * or 0 when the phase means do not differ significantly (F test, `lostDf` degrees of freedom
 * already spent on the trend).
 */
export function profileStrength(x: ArrayLike<number>, period: number, lostDf = 0): number {
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  for (let t = 0; t < x.length; t++) {
    if (Number.isNaN(x[t])) continue;
    sums[t % period] += x[t];
    counts[t % period]++;
  }
  let ssTot = 0;
  let ssRem = 0;
  let n = 0;
  let grand = 0;
  for (let t = 0; t < x.length; t++) if (!Number.isNaN(x[t])) { grand += x[t]; n++; }
  grand /= n || 1;
  for (let t = 0; t < x.length; t++) {
    if (Number.isNaN(x[t])) continue;
    const p = t % period;
    ssTot += (x[t] - grand) ** 2;
    ssRem += (x[t] - sums[p] / counts[p]) ** 2;
  }
  if (!(ssTot > 1e-18 * n * (grand * grand + 1)) || n <= period + lostDf) return 0;
  const pValue = fTestPValue(((ssTot - ssRem) / (period - 1)) / (ssRem / (n - period - lostDf) || 1e-300), period - 1, n - period - lostDf);
  if (pValue > SEASONAL_P_VALUE) return 0;
  // A profile fitted to k values per phase absorbs 1/k of pure noise; undo that bias.
  const k = n / period;
  const corrected = ssRem * (k / (k - 1));
  return Math.max(0, Math.min(1, 1 - corrected / ssTot));
}

/** Means of each whole day of `values`, less their least-squares straight line. */
export function detrendedDailyMeans(values: ArrayLike<number>, days: number, day: number): number[] {
  const means = Array.from({ length: days }, (_, d) => mean(values, d * day, (d + 1) * day));
  const mx = (days - 1) / 2;
  const my = mean(means);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < days; i++) { sxy += (i - mx) * (means[i] - my); sxx += (i - mx) ** 2; }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return means.map((m, i) => m - (my + slope * (i - mx)));
}

/**
 * The daily and weekly cycles of a series. Daily needs two full days; weekly needs two full weeks
 * and is measured on the daily means, after a straight-line trend is removed.
 */
export function detectSeasonality(values: ArrayLike<number>, intervalSec: number): SeasonalPeriod[] {
  const day = stepsPerDay(intervalSec);
  const out: SeasonalPeriod[] = [];
  if (day === undefined || values.length < 2 * day) return out;
  // Measured on hourly means: at minutes resolution, noise hides cycles a reader sees at once.
  const block = day % 24 === 0 ? day / 24 : 1;
  const per = day / block;
  const hourly = Float64Array.from({ length: Math.floor(values.length / block) }, (_, i) => mean(values, i * block, (i + 1) * block));
  const trend = centeredMovingAverage(hourly, per);
  const detrended = hourly.map((v, t) => v - trend[t]);
  const daily = profileStrength(detrended, per);
  if (daily >= SEASONAL_THRESHOLD) out.push({ name: "daily", steps: day, strength: daily });
  const days = Math.floor(values.length / day);
  if (days >= 14) {
    const resid = detrendedDailyMeans(values, days, day);
    const weekly = profileStrength(resid, 7, 1);
    if (weekly >= SEASONAL_THRESHOLD) out.push({ name: "weekly", steps: 7 * day, strength: weekly });
  }
  return out;
}
