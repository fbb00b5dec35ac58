// A service's recommended size from its CPU and memory demand: vCPU and memory per replica and
// the replica count, from cloudfit's capacity rule, never below the floors, keeping the
// availability spread the spec asks for; with the risk of the new size on the past. Pure.

import { DEFAULT_RIGHTSIZE, recommendCapacity, type CapacityRecommendation, type RightsizeSettings } from "./rules";
import { boundsFor } from "../forecast";
import type { UsageSeries } from "../types";

/** The size fields of a service. */
export interface ServiceSize {
  readonly replicas: number;
  readonly vcpu: number;
  readonly memoryGiB: number;
}

/** Floors and limits of a recommendation. */
export interface SizeLimits {
  /** Fewest replicas (availability spread); default 1. */
  readonly minReplicas: number;
  readonly minVcpu: number;
  readonly minMemoryGiB: number;
  /** Largest vCPU per replica before scaling out; default 16. */
  readonly maxVcpuPerReplica: number;
}

/** Default floors: 1 vCPU and 1 GiB per replica, at most 16 vCPU per replica. */
export const DEFAULT_LIMITS: SizeLimits = { minReplicas: 1, minVcpu: 1, minMemoryGiB: 1, maxVcpuPerReplica: 16 };

/** vCPU counts per replica that instance families offer. */
const VCPU_STEPS = [1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96];

/** Demand of one resource of a service, in total cores or total GiB over all replicas. */
export interface Demand {
  readonly values: readonly number[];
  /** Most the measurement can show (100% of the current size for percent series). */
  readonly max?: number;
  readonly intervalSec: number;
  readonly startMs: number;
}

/** Converts a CPU series to total cores: percent is each replica's average utilization. */
export function cpuDemand(s: UsageSeries, current: ServiceSize): Demand {
  if (s.unit !== "percent" && s.unit !== "cores") throw new Error(`cpuDemand needs percent or cores, got ${s.unit} (${s.name})`);
  const factor = s.unit === "percent" ? (current.vcpu * current.replicas) / 100 : 1;
  return { values: s.values.map((v) => v * factor), intervalSec: s.intervalSec, startMs: s.startMs, ...(s.unit === "percent" ? { max: 100 * factor } : {}) };
}

/** Converts a memory series to total GiB: percent is each replica's average use, bytes are totals over all replicas. */
export function memoryDemand(s: UsageSeries, current: ServiceSize): Demand {
  if (s.unit !== "percent" && s.unit !== "bytes") throw new Error(`memoryDemand needs percent or bytes, got ${s.unit} (${s.name})`);
  const factor = s.unit === "percent" ? (current.memoryGiB * current.replicas) / 100 : 1 / 2 ** 30;
  return { values: s.values.map((v) => v * factor), intervalSec: s.intervalSec, startMs: s.startMs, ...(s.unit === "percent" ? { max: 100 * factor } : {}) };
}

/** A resource's recommendation with its evidence. */
export interface ResourceRecommendation {
  readonly capacity: CapacityRecommendation;
  /** Share of past intervals above the recommended total, and above the current total. */
  readonly riskRecommended: number;
  readonly riskCurrent: number;
  readonly peak: number;
}

/** A service's recommendation. */
export interface ServiceRecommendation {
  readonly current: ServiceSize;
  readonly recommended: ServiceSize;
  readonly cpu?: ResourceRecommendation;
  readonly memory?: ResourceRecommendation;
}

function share(values: readonly number[], cap: number): number {
  let k = 0;
  for (const v of values) if (v > cap + 1e-9) k++;
  return values.length > 0 ? k / values.length : 0;
}

function resource(d: Demand, horizonSteps: number, settings: RightsizeSettings, currentTotal: number): Omit<ResourceRecommendation, "riskRecommended"> {
  const bounds = { ...boundsFor("cores", d.values), ...(d.max !== undefined ? { max: d.max } : {}) };
  const capacity = recommendCapacity(d.values, d.intervalSec, horizonSteps, settings, bounds);
  return { capacity, riskCurrent: share(d.values as number[], currentTotal), peak: d.values.reduce((m, v) => Math.max(m, v), -Infinity) };
}

/** Recommends replicas, vCPU and memory per replica for a service. */
export function recommendService(
  current: ServiceSize,
  demand: { cpu?: Demand; memory?: Demand },
  horizonSec: number,
  settings: RightsizeSettings = DEFAULT_RIGHTSIZE,
  limits: SizeLimits = DEFAULT_LIMITS,
): ServiceRecommendation {
  const cpu = demand.cpu ? resource(demand.cpu, Math.round(horizonSec / demand.cpu.intervalSec), settings, current.vcpu * current.replicas) : undefined;
  const mem = demand.memory ? resource(demand.memory, Math.round(horizonSec / demand.memory.intervalSec), settings, current.memoryGiB * current.replicas) : undefined;
  let replicas = Math.max(limits.minReplicas, current.replicas);
  let vcpu = current.vcpu;
  if (cpu) {
    const cores = cpu.capacity.capacity;
    // Fewer replicas when each would fall below the vCPU floor, more when one would exceed the limit.
    replicas = Math.max(limits.minReplicas, Math.min(replicas, Math.ceil(cores / limits.minVcpu) || 1));
    replicas = Math.max(replicas, Math.ceil(cores / limits.maxVcpuPerReplica));
    const per = cores / replicas;
    vcpu = Math.max(limits.minVcpu, VCPU_STEPS.find((s) => s >= per - 1e-9) ?? limits.maxVcpuPerReplica);
  }
  let memoryGiB = current.memoryGiB;
  if (mem) memoryGiB = Math.max(limits.minMemoryGiB, Math.ceil((mem.capacity.capacity / replicas) * 2) / 2);
  const recommended = { replicas, vcpu, memoryGiB };
  return {
    current,
    recommended,
    ...(cpu && demand.cpu ? { cpu: { ...cpu, riskRecommended: share(demand.cpu.values as number[], vcpu * replicas) } } : {}),
    ...(mem && demand.memory ? { memory: { ...mem, riskRecommended: share(demand.memory.values as number[], memoryGiB * replicas) } } : {}),
  };
}
