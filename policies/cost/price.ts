// The cost policies' view of optimizer/pricing: estimates as priced and unpriced lists, with the
// usage file and the traffic setting of the policy configuration applied. Pure but for reading
// a usage file named in the configuration.

import * as path from "path";
import { Catalog, loadCatalog } from "../../optimizer/catalog";
import { estimateCosts } from "../../optimizer/pricing/estimate";
import { estimateDetail } from "../../optimizer/pricing/format";
import type { CostEstimate, PricingOptions, UsageFile } from "../../optimizer/pricing/types";
import { readUsageFile, usageFromDocument } from "../../optimizer/pricing/usage";
import { PricedResource, PricingConfig, PricingResource, PricingResult, UnpricedResource } from "./types";

export { PRICED_TYPES } from "../../optimizer/pricing/rules";

/** The usage quantities a configuration gives: inline `usage`, else the `usageFile` it names. */
export function usageOfConfig(config: PricingConfig, baseDir = process.cwd()): UsageFile | undefined {
  if (config.usage !== undefined) return usageFromDocument(config.usage, "the policy configuration's usage setting");
  if (config.usageFile) return readUsageFile(path.resolve(baseDir, config.usageFile));
  return undefined;
}

/** The pricing options of a configuration. */
export function optionsOf(config: PricingConfig): PricingOptions {
  return { storageGiBDefault: config.storageGiBDefault, defaultRegions: config.defaultRegions, usage: usageOfConfig(config) };
}

/**
 * Prices each resource with optimizer/pricing. Resources of other packages, components,
 * providers and free types are left out; a resource whose whole cost depends on usage the usage
 * file does not give is listed as unpriced with its unit prices, never counted as zero.
 */
export function priceResources(resources: readonly PricingResource[], config: PricingConfig = {}, catalog: Catalog = loadCatalog()): PricingResult {
  return pricingResultOf(estimateCosts(resources, optionsOf(config), catalog));
}

/** An estimate as the cost policies' priced and unpriced lists (free resources left out). */
export function pricingResultOf(estimate: CostEstimate): PricingResult {
  const priced: PricedResource[] = [];
  const unpriced: UnpricedResource[] = [];
  for (const e of estimate.resources) {
    if (e.billing === "free") continue;
    if (e.billing === "unpriced" || !e.cloud) {
      if (e.cloud) unpriced.push({ urn: e.urn, name: e.name, type: e.type, reason: e.note });
      continue;
    }
    const known = e.components.some((c) => c.monthlyUSD !== null);
    if (!known) {
      unpriced.push({ urn: e.urn, name: e.name, type: e.type, reason: e.note });
      continue;
    }
    priced.push({ urn: e.urn, name: e.name, type: e.type, cloud: e.cloud, region: e.region ?? "", monthlyUSD: e.monthlyUSD ?? 0, detail: estimateDetail(e), tags: e.tags });
  }
  return { priced, unpriced, pricesOf: estimate.pricesOf };
}

/** The sum of the monthly costs of priced resources. */
export function totalMonthlyUSD(priced: readonly PricedResource[]): number {
  return priced.reduce((sum, p) => sum + p.monthlyUSD, 0);
}

/** The traffic setting of a configuration as priced rows (one per workload and cloud), to count in budgets. */
export function trafficRows(config: PricingConfig): PricedResource[] {
  return (config.traffic?.items ?? []).map((i) => ({
    urn: `cloudfit:traffic:${i.workload}:${i.cloud}`,
    name: `${i.workload} traffic`,
    type: "cloudfit:traffic:Workload",
    cloud: i.cloud,
    region: "",
    monthlyUSD: i.monthlyUSD,
    detail: `${i.detail} (estimated from the spec's links, prices of ${config.traffic!.pricesOf})`,
    tags: { "cloudfit-service": i.workload },
  }));
}
