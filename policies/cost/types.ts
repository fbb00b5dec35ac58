// Plain-data shapes the cost policies and the command line's cost diff share: priced and unpriced
// resources and the pricing settings of the policy configuration. The resources themselves and
// their estimates are optimizer/pricing's.

import type { PricedCloud, PricingResource } from "../../optimizer/pricing/types";
import type { TrafficPolicySetting } from "../../optimizer/pricing/traffic";

export type { PricedCloud, PricingProvider, PricingResource } from "../../optimizer/pricing/types";
export { STORAGE_GIB_TAG } from "../../optimizer/pricing/types";
export type { TrafficPolicySetting };

/** Pricing settings of the cost policies (and of preview's policy configuration). */
export interface PricingConfig {
  /** Stored GiB assumed for a bucket that declares no `cloudfit-storage-gib` tag or label. */
  readonly storageGiBDefault?: number;
  /** Region used for a cloud when neither the resource nor its provider names one. */
  readonly defaultRegions?: Partial<Record<PricedCloud, string>>;
  /** Usage quantities inline, in the usage file's shape (resourceTypeDefaults, resources, traffic). */
  readonly usage?: unknown;
  /** Path of a usage file (YAML), absolute or relative to the directory the pack runs in. */
  readonly usageFile?: string;
  /** Traffic and internet egress of the stack's links, as trafficPolicyConfig writes it. */
  readonly traffic?: TrafficPolicySetting;
}

/** A resource with its estimated monthly cost. */
export interface PricedResource {
  readonly urn: string;
  readonly name: string;
  readonly type: string;
  readonly cloud: PricedCloud;
  readonly region: string;
  readonly monthlyUSD: number;
  /** How the price was made up, e.g. "Instance usage (Linux, on-demand, m7i.large): 1,460 hours at ...". */
  readonly detail: string;
  /** Tags (AWS, Azure) or labels (Google Cloud) of the resource, for per-tag budgets. */
  readonly tags: Readonly<Record<string, string>>;
}

/** A billable resource the cost model could not price, and why. */
export interface UnpricedResource {
  readonly urn: string;
  readonly name: string;
  readonly type: string;
  readonly reason: string;
}

/** The outcome of pricing a set of resources. */
export interface PricingResult {
  readonly priced: PricedResource[];
  readonly unpriced: UnpricedResource[];
  /** Date of the catalog's prices (YYYY-MM-DD). */
  readonly pricesOf?: string;
}

/** Prices resources are checked against: `PricingResource` rows as a policy or recording sees them. */
export type Resources = readonly PricingResource[];
