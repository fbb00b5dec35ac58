// Resource pricing: one entry (estimateCosts) that preview, the budget policy and cost outputs
// use, the traffic estimate that completes it, the usage file and the reconciliation with plan.

export * from "./types";
export { estimateCosts, estimateResource } from "./estimate";
export { estimateStackTraffic, trafficEstimates, trafficPolicyConfig, withTrafficUsage } from "./traffic";
export type { TrafficEstimate, TrafficItem, TrafficPolicySetting } from "./traffic";
export { reconcileWithPlan } from "./reconcile";
export type { PlanDifference, PlanReconciliation } from "./reconcile";
export { parseUsageFile, readUsageFile, usageFromDocument, usageOf, USAGE_KEYS, UsageFileError, NO_USAGE } from "./usage";
export { PRICED_TYPES } from "./rules";
export { FREE_TYPES, FREE_PACKAGES, freeTypeOf } from "./free-types";
export { componentLine, estimateDetail, formatUSD, formatUnitPrice } from "./format";
