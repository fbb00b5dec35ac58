// Stack policy cost-monthly-budget: prices every resource of the stack with optimizer/pricing,
// adds the traffic estimate of its configuration, and reports each configured monthly budget
// (overall, per cloud, per tag value) that is exceeded.

import type { StackValidationPolicy } from "@pulumi/policy";
import { BudgetConfig, checkBudgets, hasBudget } from "./budget";
import { pricingSettingsSchema, toPricingResource } from "./fromPolicy";
import { priceResources, trafficRows } from "./price";

const usd = (description: string) => ({ type: "number" as const, minimum: 0, description });

/** Fails the preview when the stack's estimated monthly cost exceeds a configured budget. */
export const costBudget: StackValidationPolicy = {
  name: "cost-monthly-budget",
  description:
    "Keeps the stack's estimated monthly cost, priced with the cloudfit catalog, within the configured budgets.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      budgetUSD: usd("Monthly budget for the whole stack in USD."),
      perCloud: {
        type: "object",
        description: "Monthly budget per cloud in USD.",
        properties: {
          aws: usd("Monthly budget for AWS resources in USD."),
          azure: usd("Monthly budget for Azure resources in USD."),
          gcp: usd("Monthly budget for Google Cloud resources in USD."),
        },
        additionalProperties: false,
      },
      perTag: {
        type: "object",
        description: "Monthly budgets per value of one tag (label on Google Cloud), in USD.",
        properties: {
          key: { type: "string", minLength: 1, description: "The tag or label key, e.g. team." },
          budgets: {
            type: "object",
            description: "Budget in USD per tag value.",
            additionalProperties: usd("Monthly budget in USD for resources with this tag value."),
          },
        },
        required: ["key", "budgets"],
        additionalProperties: false,
      },
      ...pricingSettingsSchema,
    },
  },
  validateStack: (args, reportViolation) => {
    const config = args.getConfig<BudgetConfig>();
    if (!hasBudget(config)) {
      args.notApplicable("no budget is configured (budgetUSD, perCloud or perTag)");
    }
    const result = priceResources(args.resources.map(toPricingResource), config);
    // Traffic between workloads and internet egress are not resources: they come from the
    // configuration's traffic setting (see trafficPolicyConfig), one row per workload and cloud.
    const withTraffic = { ...result, priced: [...result.priced, ...trafficRows(config)] };
    for (const e of checkBudgets(withTraffic, config)) reportViolation(e.message);
  },
};
