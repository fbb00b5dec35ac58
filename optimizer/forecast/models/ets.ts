// Exponential smoothing with a damped additive trend (ETS(A,Ad,N), Gardner & McKenzie) on the
// seasonally adjusted series; the seasonal offsets are added back per step. Smoothing parameters
// are chosen on a grid by the mean absolute error of forecasts over the whole horizon from origins
// spread over the fitting data, not by one-step error, so the level is as smooth as the horizon
// needs.

import { seasonalAt, type SeasonalFit } from "../decompose";
import type { FittedModel } from "./types";

/** Smoothing parameters: level alpha, trend beta, damping phi. */
export interface EtsParams {
  readonly alpha: number;
  readonly beta: number;
  readonly phi: number;
}

const ALPHAS = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.6, 0.9];
const TRENDS: readonly { beta: number; phi: number }[] = [
  { beta: 0, phi: 0 },
  { beta: 0.01, phi: 0.98 },
  { beta: 0.05, phi: 0.9 },
];

/** Runs the filter over a[0, n) and returns the level and trend after each step. */
function filter(a: ArrayLike<number>, n: number, p: EtsParams): { level: Float64Array; trend: Float64Array } {
  const level = new Float64Array(n);
  const trend = new Float64Array(n);
  const init = Math.min(n, 12);
  let l = 0;
  for (let i = 0; i < init; i++) l += a[i];
  l /= init || 1;
  let b = 0;
  for (let t = 0; t < n; t++) {
    const prev = l;
    l = p.alpha * a[t] + (1 - p.alpha) * (l + p.phi * b);
    b = p.beta * (l - prev) + (1 - p.beta) * p.phi * b;
    level[t] = l;
    trend[t] = b;
  }
  return { level, trend };
}

/** Sum phi + phi^2 + ... + phi^h for h = 1..H. */
function dampSums(phi: number, H: number): Float64Array {
  const out = new Float64Array(H);
  let s = 0;
  let pk = 1;
  for (let h = 0; h < H; h++) { pk *= phi; s += pk; out[h] = s; }
  return out;
}

/**
 * Fits ETS on values[0, end) minus the seasonal offsets, scoring each parameter set by the mean
 * absolute error of `lead`-step forecasts from origins every `stride` steps after a warm-up.
 */
export function fitEts(values: ArrayLike<number>, end: number, seasonal: SeasonalFit, lead: number): FittedModel & { params: EtsParams } {
  const a = Float64Array.from({ length: end }, (_, t) => values[t] - seasonalAt(seasonal, t));
  const L = Math.max(1, Math.min(lead, Math.floor(end / 3)));
  const warm = Math.min(end - L - 1, Math.max(12, Math.floor(end / 6)));
  const stride = Math.max(1, Math.floor((end - L - warm) / 120));
  let best: EtsParams = { alpha: 0.1, beta: 0, phi: 0 };
  let bestLoss = Infinity;
  for (const tr of TRENDS) {
    const damp = dampSums(tr.phi, L);
    for (const alpha of ALPHAS) {
      const p = { alpha, beta: tr.beta, phi: tr.phi };
      const { level, trend } = filter(a, end, p);
      let loss = 0;
      for (let o = Math.max(1, warm); o + L <= end; o += stride) {
        const l = level[o - 1];
        const b = trend[o - 1];
        for (let h = 0; h < L; h++) loss += Math.abs(a[o + h] - (l + damp[h] * b));
        if (loss >= bestLoss) break;
      }
      if (loss < bestLoss) { bestLoss = loss; best = p; }
    }
  }
  return etsModel(seasonal, best);
}

/** An ETS model with fixed parameters and seasonal offsets. */
export function etsModel(seasonal: SeasonalFit, params: EtsParams): FittedModel & { params: EtsParams } {
  let cache: { values: ArrayLike<number>; level: Float64Array; trend: Float64Array } | undefined;
  return {
    name: "ets",
    params,
    predict(values, origin, h) {
      if (!cache || cache.values !== values || cache.level.length < origin) {
        const a = Float64Array.from({ length: values.length }, (_, t) => values[t] - seasonalAt(seasonal, t));
        cache = { values, ...filter(a, values.length, params) };
      }
      const l = origin > 0 ? cache.level[origin - 1] : 0;
      const b = origin > 0 ? cache.trend[origin - 1] : 0;
      const damp = dampSums(params.phi, h);
      const out = new Float64Array(h);
      for (let k = 0; k < h; k++) out[k] = l + damp[k] * b + seasonalAt(seasonal, origin + k);
      return out;
    },
  };
}
