// Compares priced resources (and the traffic rows of the configuration) with monthly budgets
// (overall, per cloud, per tag value) and writes the findings. Pure, so the cost policy and the
// command line report budgets the same way.

import { formatUSD } from "../../optimizer/pricing/format";
import { totalMonthlyUSD } from "./price";

export { formatUSD };
import { PricedCloud, PricedResource, PricingConfig, PricingResult } from "./types";

/** Settings of the budget check, as given in the policy pack configuration. */
export interface BudgetConfig extends PricingConfig {
  /** Monthly budget for the whole stack in USD. */
  readonly budgetUSD?: number;
  /** Monthly budget per cloud in USD. */
  readonly perCloud?: Partial<Record<PricedCloud, number>>;
  /** Monthly budgets per value of one tag (label on Google Cloud), e.g. `{ key: "team", budgets: { payments: 500 } }`. */
  readonly perTag?: { readonly key: string; readonly budgets: Readonly<Record<string, number>> };
}

/** One budget that the priced resources exceed. */
export interface BudgetExcess {
  /** What the budget covers: "the stack", "AWS resources", "resources tagged team=payments". */
  readonly scope: string;
  readonly totalUSD: number;
  readonly budgetUSD: number;
  readonly excessUSD: number;
  /** The five most expensive resources in scope, most expensive first. */
  readonly top: readonly PricedResource[];
  readonly message: string;
}

/** Display names of the clouds in messages. */
export const CLOUD_NAMES: Readonly<Record<PricedCloud, string>> = {
  aws: "AWS",
  azure: "Azure",
  gcp: "Google Cloud",
};

/** The n most expensive resources, ties broken by name for a stable order. */
export function mostExpensive(priced: readonly PricedResource[], n = 5): PricedResource[] {
  return [...priced]
    .sort(
      (a, b) =>
        b.monthlyUSD - a.monthlyUSD || a.name.localeCompare(b.name) || a.urn.localeCompare(b.urn),
    )
    .slice(0, n);
}

/** The finding for one exceeded budget: totals, excess, the top five and the remedy. */
export function budgetMessage(
  scope: string,
  totalUSD: number,
  budgetUSD: number,
  top: readonly PricedResource[],
  unpricedCount: number,
  setting: string,
  pricesOf?: string,
): string {
  const lines = [
    `Estimated monthly cost of ${scope} is ${formatUSD(totalUSD)}${pricesOf ? ` (prices of ${pricesOf})` : ""}, over its budget of ` +
      `${formatUSD(budgetUSD)} by ${formatUSD(totalUSD - budgetUSD)}.`,
    "Most expensive resources:",
    ...top.map(
      (p, i) =>
        `  ${i + 1}. '${p.name}' (${p.type}${p.region ? `, ${p.region}` : ""}): ${formatUSD(p.monthlyUSD)}/month, ${p.detail}`,
    ),
  ];
  if (unpricedCount > 0) {
    lines.push(
      `${unpricedCount} resource${unpricedCount === 1 ? "" : "s"} could not be priced and ` +
        `${unpricedCount === 1 ? "is" : "are"} not included (see cost-unpriced-resources).`,
    );
  }
  lines.push(
    `To fix: choose smaller or spot instances or lower capacities, or raise ${setting} ` +
      "in the cost-monthly-budget policy configuration.",
  );
  return lines.join("\n");
}

function excess(
  scope: string,
  inScope: readonly PricedResource[],
  budgetUSD: number,
  unpricedCount: number,
  setting: string,
  pricesOf?: string,
): BudgetExcess | undefined {
  const totalUSD = totalMonthlyUSD(inScope);
  // Compare in cents so float noise in sums never reports a budget exceeded by $0.00.
  if (Math.round(totalUSD * 100) <= Math.round(budgetUSD * 100)) return undefined;
  const top = mostExpensive(inScope);
  return {
    scope,
    totalUSD,
    budgetUSD,
    excessUSD: totalUSD - budgetUSD,
    top,
    message: budgetMessage(scope, totalUSD, budgetUSD, top, unpricedCount, setting, pricesOf),
  };
}

/** True when the configuration sets at least one budget. */
export function hasBudget(config: BudgetConfig): boolean {
  return (
    typeof config.budgetUSD === "number" ||
    Object.values(config.perCloud ?? {}).some((v) => typeof v === "number") ||
    Object.keys(config.perTag?.budgets ?? {}).length > 0
  );
}

/** Every configured budget the priced resources exceed: overall, then per cloud, then per tag value. */
export function checkBudgets(result: PricingResult, config: BudgetConfig): BudgetExcess[] {
  const out: BudgetExcess[] = [];
  const unpriced = result.unpriced.length;
  if (typeof config.budgetUSD === "number") {
    const e = excess("the stack", result.priced, config.budgetUSD, unpriced, "budgetUSD", result.pricesOf);
    if (e) out.push(e);
  }
  for (const cloud of Object.keys(CLOUD_NAMES) as PricedCloud[]) {
    const budget = config.perCloud?.[cloud];
    if (typeof budget !== "number") continue;
    const inCloud = result.priced.filter((p) => p.cloud === cloud);
    const e = excess(
      `${CLOUD_NAMES[cloud]} resources`,
      inCloud,
      budget,
      unpriced,
      `perCloud.${cloud}`,
      result.pricesOf,
    );
    if (e) out.push(e);
  }
  if (config.perTag) {
    const { key, budgets } = config.perTag;
    for (const value of Object.keys(budgets).sort()) {
      const budget = budgets[value];
      if (typeof budget !== "number") continue;
      const tagged = result.priced.filter((p) => p.tags[key] === value);
      const e = excess(
        `resources tagged ${key}=${value}`,
        tagged,
        budget,
        unpriced,
        `perTag.budgets.${value}`,
        result.pricesOf,
      );
      if (e) out.push(e);
    }
  }
  return out;
}
