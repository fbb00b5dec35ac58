// Traffic in `preview`: resource prices cannot see the data a stack's workloads send each other
// or serve to the internet, so preview adds the estimate `plan` makes of it for the lock's
// placement (optimizer/pricing/traffic.ts). The same estimate is listed beside the resources,
// counted on both sides of the cost diff, and handed to the budget policy as its `traffic`
// setting, so that preview, the policy and plan see one total; what still differs from plan's
// total is itemized with its cause.

import * as fs from "fs";
import * as path from "path";
import { loadCatalog } from "../optimizer/catalog";
import {
  estimateDetail,
  estimateStackTraffic,
  reconcileWithPlan,
  trafficEstimates,
  trafficPolicyConfig,
} from "../optimizer/pricing";
import type { CostEstimate, PlanDifference, TrafficPolicySetting } from "../optimizer/pricing";
import type { PlacementLock } from "../optimizer/lock";
import type { NormalizedSpec } from "../optimizer/spec";
import { trafficRows, usageOfConfig } from "../policies/cost/price";
import type { PricedResource, PricingConfig } from "../policies/cost/types";
import type { ResourceEstimate } from "./resourceEstimates";

const BUDGET_POLICY = "cost-monthly-budget";
const COST_POLICIES = [BUDGET_POLICY, "cost-unpriced-resources"];

/** The usage file a program's folder may hold, as Infracost's infracost-usage.yml. */
export const USAGE_FILE = "cloudfit-usage.yml";

/**
 * The policy configuration with the program folder's usage file (cloudfit-usage.yml) as both
 * cost policies' `usageFile`, when the folder has one and no cost policy is given usage already.
 */
export function withDefaultUsageFile(config: unknown, programDir: string): Record<string, unknown> {
  const c = { ...((config ?? {}) as Record<string, unknown>) };
  const file = path.join(programDir, USAGE_FILE);
  if (!fs.existsSync(file)) return c;
  const given = COST_POLICIES.some((p) => {
    const e = c[p];
    return e !== null && typeof e === "object" && ("usage" in e || "usageFile" in e);
  });
  if (given) return c;
  for (const p of COST_POLICIES) {
    const e = c[p];
    c[p] = typeof e === "string" ? { enforcementLevel: e, usageFile: file } : { ...((e as object | undefined) ?? {}), usageFile: file };
  }
  return c;
}

/** Preview's traffic estimate and its agreement with plan's total. */
export interface TrafficSummary {
  readonly pricesOf: string;
  /** Data sent between linked workloads in different regions or clouds. */
  readonly trafficUSD: number;
  /** Buckets' reads out to the internet. */
  readonly internetEgressUSD: number;
  /** `plan`'s monthly total for the lock's placement. */
  readonly planUSD: number;
  /** Preview's monthly total: priced resources plus traffic. */
  readonly previewUSD: number;
  /** Why the two totals differ, per workload and kind of cost. */
  readonly differences: readonly PlanDifference[];
  /** Whatever no itemized cause explains (0 when the totals agree). */
  readonly unexplainedUSD: number;
}

/** The budget policy's settings in a policy configuration (an object, a level, or absent). */
function budgetSettings(config: Record<string, unknown>): PricingConfig {
  const entry = config[BUDGET_POLICY];
  return entry !== null && typeof entry === "object" ? (entry as PricingConfig) : {};
}

/**
 * The policy configuration with the traffic estimate as the budget policy's `traffic` setting,
 * unless the configuration already sets one.
 */
export function withTrafficSetting(config: unknown, setting: TrafficPolicySetting): Record<string, unknown> {
  const c = { ...((config ?? {}) as Record<string, unknown>) };
  const entry = c[BUDGET_POLICY];
  if (typeof entry === "string") c[BUDGET_POLICY] = { enforcementLevel: entry, traffic: setting };
  else if (entry !== null && typeof entry === "object") {
    if (!("traffic" in entry)) c[BUDGET_POLICY] = { ...entry, traffic: setting };
  } else c[BUDGET_POLICY] = { traffic: setting };
  return c;
}

/**
 * Estimates the traffic of the workloads a lock places, as plan prices it, with the usage
 * quantities of the policy configuration's budget settings (inline `usage` or `usageFile`).
 */
export function previewTraffic(spec: NormalizedSpec, lock: PlacementLock, config: unknown) {
  const catalog = loadCatalog();
  const usage = usageOfConfig(budgetSettings((config ?? {}) as Record<string, unknown>));
  const t = estimateStackTraffic(spec, lock.plan, catalog, usage);
  const setting = trafficPolicyConfig(t);
  const rows: PricedResource[] = trafficRows({ traffic: setting });
  const resources: ResourceEstimate[] = trafficEstimates(t).map((e) => ({
    urn: e.urn,
    type: e.type,
    name: e.name,
    parent: null,
    monthlyUSD: e.monthlyUSD,
    billing: "priced",
    note: estimateDetail(e),
    components: e.components,
  }));
  return {
    setting,
    rows,
    resources,
    /** Compares the priced resources plus this traffic with plan's total. */
    summary(estimate: CostEstimate): TrafficSummary {
      const r = reconcileWithPlan(estimate, t);
      return {
        pricesOf: t.pricesOf,
        trafficUSD: t.trafficUSD,
        internetEgressUSD: t.internetEgressUSD,
        planUSD: r.planUSD,
        previewUSD: r.previewUSD,
        differences: r.differences,
        unexplainedUSD: r.unexplainedUSD,
      };
    },
  };
}
