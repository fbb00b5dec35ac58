// Stack policy cost-unpriced-resources: lists the billable resources the cost model cannot price,
// so that a budget check never passes by silently counting them as free.

import type { StackValidationPolicy } from "@pulumi/policy";
import { PricingConfig } from "./types";
import { pricingSettingsSchema, toPricingResource } from "./fromPolicy";
import { priceResources } from "./price";

/** Reports each billable resource that the budget cannot include, with the reason. */
export const unpricedResources: StackValidationPolicy = {
  name: "cost-unpriced-resources",
  description:
    "Lists billable resources that the cost budget cannot price, so they are never counted as free.",
  enforcementLevel: "advisory",
  severity: "low",
  configSchema: { properties: { ...pricingSettingsSchema } },
  validateStack: (args, reportViolation) => {
    const config = args.getConfig<PricingConfig>();
    const { unpriced } = priceResources(args.resources.map(toPricingResource), config);
    for (const u of unpriced) {
      reportViolation(
        `Resource '${u.name}' (${u.type}) is not included in the monthly cost estimate: ${u.reason}. ` +
          "To fix: declare the missing value or give its usage (the usage or usageFile setting), or budget for this resource separately.",
        u.urn,
      );
    }
  },
};
