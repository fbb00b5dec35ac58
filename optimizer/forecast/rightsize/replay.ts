// Replay of right-sizing rules on a demand series: each rule sizes from the first half, and is
// scored on the second half by the share of intervals it would not have covered and by the
// capacity-hours it would have bought. Pure.

import {
  azureAdvisorCapacity,
  computeOptimizerCapacity,
  DEFAULT_RIGHTSIZE,
  recommendCapacity,
  underProvisionedShare,
  vpaCapacity,
  type RightsizeSettings,
} from "./rules";

/** One rule's outcome on one series. */
export interface ReplayScore {
  readonly rule: "cloudfit" | "compute-optimizer" | "azure-advisor" | "vpa";
  readonly capacity: number;
  /** Share of second-half intervals with demand above the capacity. */
  readonly underProvisioned: number;
  /** Capacity times hours of the second half, in the series' unit x hours. */
  readonly capacityHours: number;
}

/** Sizes from the first half of `values` with every rule and scores each on the second half. */
export function replaySeries(values: ArrayLike<number>, intervalSec: number, settings: RightsizeSettings = DEFAULT_RIGHTSIZE, bounds?: { min?: number; max?: number }): ReplayScore[] {
  const half = Math.floor(values.length / 2);
  const first = Array.from(values).slice(0, half);
  const second = Array.from(values).slice(half);
  const hours = (second.length * intervalSec) / 3600;
  const caps: [ReplayScore["rule"], number][] = [
    ["cloudfit", recommendCapacity(first, intervalSec, second.length, settings, bounds).capacity],
    ["compute-optimizer", computeOptimizerCapacity(first, intervalSec)],
    ["azure-advisor", azureAdvisorCapacity(first, intervalSec)],
    ["vpa", vpaCapacity(first, intervalSec)],
  ];
  return caps.map(([rule, capacity]) => ({ rule, capacity, underProvisioned: underProvisionedShare(second, capacity), capacityHours: capacity * hours }));
}
