// Right-sizing a workload spec: each mapped service's CPU and memory demand is forecast and sized,
// then the current and the recommended specs are both placed and priced by the optimizer, so the
// recommendation is compared like any spec would be.

import { optimize, validateSpec, type Catalog, type PlanCost, type ServiceSpec, type WorkloadSpec } from "../../index";
import { cpuDemand, memoryDemand, recommendService, DEFAULT_LIMITS, type ServiceRecommendation } from "./recommend";
import { DEFAULT_RIGHTSIZE, type RightsizeSettings } from "./rules";
import type { UsageSeries } from "../types";

/** One service's usage, as read from its files. */
export interface ServiceUsage {
  readonly cpu?: UsageSeries;
  readonly memory?: UsageSeries;
}

/** Options of a right-sizing run. */
export interface RightsizeOptions {
  readonly horizonSec: number;
  readonly settings?: RightsizeSettings;
  readonly solver?: "highs" | "jslp";
  readonly timeLimitSec?: number;
}

/** The outcome: per service, and the placed monthly cost before and after. */
export interface RightsizeResult {
  readonly services: Readonly<Record<string, ServiceRecommendation>>;
  readonly spec: WorkloadSpec;
  readonly before: { readonly cost: PlanCost; readonly status: string };
  readonly after: { readonly cost: PlanCost; readonly status: string };
}

/** Recommends sizes for every service with usage and prices the spec before and after. */
export async function rightsizeSpec(raw: WorkloadSpec, catalog: Catalog, usage: Readonly<Record<string, ServiceUsage>>, opts: RightsizeOptions): Promise<RightsizeResult> {
  const normalized = validateSpec(raw, catalog);
  const services: Record<string, ServiceRecommendation> = {};
  const next: Record<string, ServiceSpec> = { ...raw.services };
  for (const s of normalized.services) {
    const u = usage[s.name];
    if (!u || (!u.cpu && !u.memory)) continue;
    const current = { replicas: s.replicas, vcpu: s.vcpu, memoryGiB: s.memoryGiB };
    const minReplicas = Math.max(1, s.minClouds, s.minRegions, s.spotReplicas);
    const rec = recommendService(
      current,
      { cpu: u.cpu ? cpuDemand(u.cpu, current) : undefined, memory: u.memory ? memoryDemand(u.memory, current) : undefined },
      opts.horizonSec,
      opts.settings ?? DEFAULT_RIGHTSIZE,
      { ...DEFAULT_LIMITS, minReplicas },
    );
    services[s.name] = rec;
    next[s.name] = { ...raw.services[s.name], ...rec.recommended };
  }
  const spec: WorkloadSpec = { ...raw, services: next };
  const run = async (w: WorkloadSpec) => {
    const r = await optimize(validateSpec(w, catalog), catalog, { solver: opts.solver ?? "highs", timeLimitSec: opts.timeLimitSec ?? 30, explain: false });
    return { cost: r.cost, status: r.report.status };
  };
  const before = await run(raw);
  const after = await run(spec);
  return { services, spec, before, after };
}
