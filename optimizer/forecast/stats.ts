// Small numeric helpers the forecasting stages share: means, medians and empirical quantiles on
// plain arrays. Quantiles use simple-statistics' definition on a sorted copy.

import { quantileSorted } from "simple-statistics";

/** Arithmetic mean; NaN for an empty array. */
export function mean(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i];
  return to > from ? s / (to - from) : NaN;
}

/** Population variance. */
export function variance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return xs.length > 0 ? s / xs.length : NaN;
}

/** The p-quantile (0..1) of unsorted values. */
export function quantile(xs: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(xs).sort();
  return sorted.length === 0 ? NaN : quantileSorted(Array.from(sorted), p);
}

/** Several quantiles of unsorted values, sorting once (a typed array is sorted in place). */
export function quantiles(xs: ArrayLike<number>, ps: readonly number[]): number[] {
  const sorted = (xs instanceof Float64Array ? xs : Float64Array.from(xs)).sort();
  // simple-statistics only indexes the array, so a typed array serves without a copy.
  return ps.map((p) => (sorted.length === 0 ? NaN : quantileSorted(sorted as unknown as number[], p)));
}

/** Median of unsorted values. */
export function median(xs: ArrayLike<number>): number {
  return quantile(xs, 0.5);
}
