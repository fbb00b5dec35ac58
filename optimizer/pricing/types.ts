// Plain-data shapes of resource pricing: the resources it reads (as a recording or a stack policy
// sees them), its options, and the estimate it returns per resource, made of named cost components.

/** A cloud the catalog prices. */
export type PricedCloud = "aws" | "azure" | "gcp";

/** The provider a resource is deployed with: its type token and its input properties. */
export interface PricingProvider {
  readonly type: string;
  readonly props: Readonly<Record<string, unknown>>;
}

/** One resource of a stack as pricing reads it (what a stack policy or a recording sees). */
export interface PricingResource {
  readonly urn: string;
  readonly name: string;
  readonly type: string;
  readonly props: Readonly<Record<string, unknown>>;
  /** The provider resource it is deployed with (explicit or the stack's default provider). */
  readonly provider?: PricingProvider;
  /** For each input property, the URNs of the resources its value came from. */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  /** False for component resources; when absent it is inferred from the type and provider. */
  readonly custom?: boolean;
}

/** Monthly usage quantities for one resource, by usage key (e.g. `monthlyRequests`). */
export type UsageValues = Readonly<Record<string, number>>;

/** The usage file: default quantities per type token and quantities per resource. */
export interface UsageFile {
  /** Quantities every resource of a type token gets unless it has its own. */
  readonly resourceTypeDefaults: Readonly<Record<string, UsageValues>>;
  /** Quantities per resource, by logical name or URN. */
  readonly resources: Readonly<Record<string, UsageValues>>;
  /** Traffic of the workload spec: link volumes and bucket reads that replace the spec's own. */
  readonly traffic?: TrafficUsage;
}

/** Traffic quantities of a usage file, replacing those of the workload spec. */
export interface TrafficUsage {
  /** Monthly GiB per link, keyed "from->to". */
  readonly links: Readonly<Record<string, number>>;
  /** Monthly internet egress GiB per bucket. */
  readonly bucketEgressGiB: Readonly<Record<string, number>>;
}

/** Options of a pricing run. */
export interface PricingOptions {
  /** Stored GiB assumed for a bucket with no `cloudfit-storage-gib` tag and no usage entry. */
  readonly storageGiBDefault?: number;
  /** Region per cloud for resources whose region neither they nor their provider declare. */
  readonly defaultRegions?: Partial<Record<PricedCloud, string>>;
  /** Usage quantities (see usage.ts); without them usage-based components show their unit price. */
  readonly usage?: UsageFile;
}

/** One named cost component of a resource, as Infracost shows it. */
export interface CostComponent {
  /** What is billed, e.g. "Instance usage (Linux, on-demand, m5.large)". */
  readonly name: string;
  /** The billing unit of the quantity, e.g. "hours", "GiB-months", "1M requests". */
  readonly unit: string;
  /** Monthly quantity in `unit`, or null when it depends on usage the usage file does not give. */
  readonly quantity: number | null;
  /** USD per unit (the first tier's price when the price is tiered). */
  readonly unitUSD: number;
  /** Monthly USD, or null when the quantity is unknown. */
  readonly monthlyUSD: number | null;
  /** Where the unit price came from: description, date and basis. */
  readonly source: string;
  /** The usage key that gives the quantity, for usage-based components. */
  readonly usageKey?: string;
  /** What `plan` calls this cost (machines, their disks, stored data), when it models it. */
  readonly kind?: "compute" | "disk" | "storage";
}

/** How a resource is billed in the estimate. */
export type Billing = "priced" | "free" | "usage" | "unpriced";

/** The estimate of one resource. */
export interface ResourceEstimate {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /**
   * priced: every component has a quantity; usage: some component depends on usage the usage
   * file does not give (monthlyUSD counts the rest); free: costs nothing by itself; unpriced: no
   * price could be made (note says why).
   */
  readonly billing: Billing;
  /** Sum of the components' known monthly costs; null when unpriced. */
  readonly monthlyUSD: number | null;
  readonly components: readonly CostComponent[];
  /** Why it is free or unpriced, what it depends on, or what was assumed. */
  readonly note: string;
  readonly cloud?: PricedCloud;
  readonly region?: string;
  /** Tags (AWS, Azure) or labels (Google Cloud), for per-tag budgets and per-workload sums. */
  readonly tags: Readonly<Record<string, string>>;
}

/** The estimate of a set of resources. */
export interface CostEstimate {
  /** Date of the catalog's prices (YYYY-MM-DD), to show with every cost. */
  readonly pricesOf: string;
  readonly resources: readonly ResourceEstimate[];
  /** Sum of the known monthly costs. */
  readonly totalUSD: number;
}

/** The tag (AWS, Azure) or label (Google Cloud) that declares a bucket's stored size in GiB. */
export const STORAGE_GIB_TAG = "cloudfit-storage-gib";
