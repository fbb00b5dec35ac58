// Right-sizing rules on demand series: ours (the forecast's upper quantile plus headroom, with a
// separate rule for spiky series) and the fixed rules of the tools teams use today, each turning a
// history of demand into one capacity. Pure; demand and capacity share the series' unit.

import { forecastValues } from "../pipeline";
import { quantile } from "../stats";

/** Settings of cloudfit's rule. */
export interface RightsizeSettings {
  /** Forecast quantile the capacity must cover at every step; default 0.99. */
  readonly quantile: 0.9 | 0.95 | 0.99;
  /** Headroom added on top of the forecast quantile; default 0.1 (10%). */
  readonly headroom: number;
  /** Spiky series: covered up to this history quantile plus `spikeHeadroom`; default 0.995 and 0.1. */
  readonly spikeQuantile: number;
  readonly spikeHeadroom: number;
  /** A series is spiky when (P99 - P50) > spikeRatio x (P90 - P50) over its history; default 4. */
  readonly spikeRatio: number;
  /** Days of recent history whose P99 is a floor under the forecast; default 3. */
  readonly floorDays: number;
}

/** Default settings of cloudfit's rule. */
export const DEFAULT_RIGHTSIZE: RightsizeSettings = { quantile: 0.99, headroom: 0.1, spikeQuantile: 0.995, spikeHeadroom: 0.1, spikeRatio: 4, floorDays: 3 };

/** Whether a history is spiky: rare bursts far above its usual range. */
export function isSpiky(history: ArrayLike<number>, ratio = DEFAULT_RIGHTSIZE.spikeRatio): boolean {
  const p50 = quantile(history, 0.5);
  const p90 = quantile(history, 0.9);
  const p99 = quantile(history, 0.99);
  return p99 - p50 > ratio * Math.max(p90 - p50, 1e-12);
}

/** cloudfit's capacity and how it was reached. */
export interface CapacityRecommendation {
  readonly capacity: number;
  readonly rule: "forecast" | "recent-peak" | "spiky";
  /** Highest forecast quantile over the horizon, before headroom. */
  readonly forecastPeak: number;
  readonly model: string;
  /** The forecast per step over the horizon. */
  readonly forecast: { readonly p50: Float64Array; readonly p95: Float64Array; readonly p99: Float64Array };
}

/**
 * cloudfit's rule: the highest forecast quantile over the horizon, never below the P99 of the
 * last days, plus headroom; spiky series also cover their history's spikes.
 */
export function recommendCapacity(
  history: ArrayLike<number>,
  intervalSec: number,
  horizonSteps: number,
  settings: RightsizeSettings = DEFAULT_RIGHTSIZE,
  bounds?: { min?: number; max?: number },
): CapacityRecommendation {
  const f = forecastValues(history, intervalSec, { horizon: horizonSteps, bounds });
  const series = settings.quantile === 0.9 ? f.quantiles.p90 : settings.quantile === 0.95 ? f.quantiles.p95 : f.quantiles.p99;
  let peak = -Infinity;
  for (const v of series) peak = Math.max(peak, v);
  // A forecast fitted just after a quiet spell would size below what the last days needed.
  const floor = quantile(tail(history, intervalSec, settings.floorDays), 0.99);
  let rule: CapacityRecommendation["rule"] = peak >= floor ? "forecast" : "recent-peak";
  let capacity = Math.max(peak, floor) * (1 + settings.headroom);
  if (isSpiky(history, settings.spikeRatio)) {
    const spike = quantile(history, settings.spikeQuantile) * (1 + settings.spikeHeadroom);
    if (spike > capacity) { capacity = spike; rule = "spiky"; }
  }
  return { capacity: Math.max(0, capacity), rule, forecastPeak: peak, model: f.model, forecast: { p50: f.quantiles.p50, p95: f.quantiles.p95, p99: f.quantiles.p99 } };
}

/** AWS Compute Optimizer's rule: P99.5 of the last 14 days plus 20% headroom. */
export function computeOptimizerCapacity(history: ArrayLike<number>, intervalSec: number): number {
  return quantile(tail(history, intervalSec, 14), 0.995) * 1.2;
}

/** Azure Advisor's rule for user-facing VMs: the size at which P95 of the last 7 days is at most 40%. */
export function azureAdvisorCapacity(history: ArrayLike<number>, intervalSec: number): number {
  return quantile(tail(history, intervalSec, 7), 0.95) / 0.4;
}

/** The Kubernetes VPA recommender's target: P90 of a histogram decaying with a 24 h half-life, plus a 15% margin. */
export function vpaCapacity(history: ArrayLike<number>, intervalSec: number): number {
  const n = history.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => history[a] - history[b]);
  const weight = (i: number) => Math.pow(2, ((i - (n - 1)) * intervalSec) / 86400);
  let total = 0;
  for (let i = 0; i < n; i++) total += weight(i);
  let acc = 0;
  for (const i of idx) {
    acc += weight(i);
    if (acc >= 0.9 * total) return history[i] * 1.15;
  }
  return n > 0 ? history[idx[n - 1]] * 1.15 : 0;
}

function tail(history: ArrayLike<number>, intervalSec: number, days: number): ArrayLike<number> {
  const k = Math.round((days * 86400) / intervalSec);
  const arr = Array.from(history);
  return arr.slice(Math.max(0, arr.length - k));
}

/** Share of intervals whose demand exceeds the capacity. */
export function underProvisionedShare(demand: ArrayLike<number>, capacity: number): number {
  let k = 0;
  for (let i = 0; i < demand.length; i++) if (demand[i] > capacity + 1e-12) k++;
  return demand.length > 0 ? k / demand.length : 0;
}
