// An autoregressive model AR(p), p <= 3 chosen by AIC, fitted by least squares with an intercept
// on the seasonally adjusted series over its most recent days; forecasts recurse on their own
// predictions and revert to the window's mean. Roots at or past the unit circle are damped.

import { seasonalAt, type SeasonalFit } from "../decompose";
import type { FittedModel } from "./types";

/** Solves the small dense system A x = b by Gaussian elimination with partial pivoting. */
export function solveLinear(A: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    if (Math.abs(M[piv][c]) < 1e-12) return undefined;
    [M[c], M[piv]] = [M[piv], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

/** Least-squares AR(p) with intercept on x; returns [c, phi1..phip] and the residual variance. */
function fitOrder(x: Float64Array, p: number): { coef: number[]; sigma2: number } | undefined {
  const k = p + 1;
  const XtX = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const Xty = new Array<number>(k).fill(0);
  const row = new Array<number>(k);
  for (let t = p; t < x.length; t++) {
    row[0] = 1;
    for (let i = 1; i <= p; i++) row[i] = x[t - i];
    for (let i = 0; i < k; i++) {
      Xty[i] += row[i] * x[t];
      for (let j = 0; j < k; j++) XtX[i][j] += row[i] * row[j];
    }
  }
  const coef = solveLinear(XtX, Xty);
  if (!coef) return undefined;
  let sse = 0;
  for (let t = p; t < x.length; t++) {
    let f = coef[0];
    for (let i = 1; i <= p; i++) f += coef[i] * x[t - i];
    sse += (x[t] - f) ** 2;
  }
  return { coef, sigma2: sse / Math.max(1, x.length - p) };
}

/** Fits AR on the adjusted values[end - window, end). */
export function fitAr(values: ArrayLike<number>, end: number, seasonal: SeasonalFit, window: number): FittedModel {
  const start = Math.max(0, end - window);
  const x = Float64Array.from({ length: end - start }, (_, i) => values[start + i] - seasonalAt(seasonal, start + i));
  let windowMean = 0;
  for (const v of x) windowMean += v;
  windowMean /= x.length || 1;
  let mu = windowMean;
  let phi: number[] = [];
  let bestAic = Infinity;
  for (let p = 1; p <= 3 && x.length > 4 * (p + 1); p++) {
    const f = fitOrder(x, p);
    if (!f) continue;
    const aic = (x.length - p) * Math.log(Math.max(f.sigma2, 1e-300)) + 2 * (p + 1);
    if (aic < bestAic) {
      bestAic = aic;
      const sum = f.coef.slice(1).reduce((a, b) => a + b, 0);
      phi = f.coef.slice(1);
      // Near a unit root the intercept no longer pins a mean: keep the window mean, damp the lags.
      mu = sum >= 0.99 ? windowMean : f.coef[0] / (1 - sum);
      if (sum >= 0.99) phi = phi.map((c) => (c * 0.99) / sum);
    }
  }
  return {
    name: "ar",
    predict(vals, origin, h) {
      const p = phi.length;
      const hist: number[] = [];
      for (let i = p; i >= 1; i--) {
        const t = origin - i;
        hist.push(t >= 0 ? vals[t] - seasonalAt(seasonal, t) - mu : 0);
      }
      const out = new Float64Array(h);
      for (let k = 0; k < h; k++) {
        let d = 0;
        for (let i = 0; i < p; i++) d += phi[i] * hist[hist.length - 1 - i];
        hist.push(d);
        out[k] = mu + d + seasonalAt(seasonal, origin + k);
      }
      return out;
    },
  };
}

/** The average of two models' forecasts. */
export function combine(a: FittedModel, b: FittedModel): FittedModel {
  return {
    name: "ets+ar",
    predict(values, origin, h) {
      const x = a.predict(values, origin, h);
      const y = b.predict(values, origin, h);
      return x.map((v, i) => (v + y[i]) / 2);
    },
  };
}
