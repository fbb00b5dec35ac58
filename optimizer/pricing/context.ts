// What a price rule works with: the catalog, the stack's other resources, the resource's usage
// values and its region, plus the helpers that turn a catalog price and a quantity into a named
// cost component (flat or tiered, known quantity or "depends on usage").

import { Catalog, HOURS_PER_MONTH, PriceSource, PriceTier } from "../catalog";
import { regionOf, str } from "./read";
import type { CostComponent, PricedCloud, PricingOptions, PricingResource, UsageValues } from "./types";

export type { CostComponent };
import { NO_USAGE, usageOf } from "./usage";

export { HOURS_PER_MONTH };

/** The resource cannot be priced; the message says why and is shown to the user. */
export class Unpriceable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "Unpriceable";
  }
}

/** What a rule returns: the region and components, or that the resource is free. */
export type RuleResult =
  | { readonly region: string; readonly components: readonly CostComponent[]; readonly note?: string }
  | { readonly free: string };

/** Prices one resource of a type. Throws Unpriceable (or an unknown-value error) when it cannot. */
export type Rule = (r: PricingResource, ctx: RuleContext) => RuleResult;

/** A rule table: type token to rule. */
export type Rules = Readonly<Record<string, Rule>>;

/** Formats a source as one line: description, date and basis. */
export function sourceText(sources: readonly PriceSource[]): string {
  const uniq = [...new Map(sources.map((s) => [`${s.description}|${s.date}|${s.basis}`, s])).values()];
  return uniq.map((s) => `${s.description} (${s.date}; ${s.basis})`).join(" | ");
}

/** Monthly cost of a quantity under rising tiers: each tier prices the part of the quantity it covers. */
export function tieredCost(tiers: readonly PriceTier[], quantity: number): number | undefined {
  let cost = 0;
  let from = 0;
  for (const [upto, usd] of tiers) {
    const top = upto === null ? quantity : Math.min(quantity, upto);
    if (top > from) cost += (top - from) * usd;
    if (upto === null || quantity <= upto) return cost;
    from = upto;
  }
  return undefined; // above the last bounded tier
}

/** The price of the smallest size tier that holds `size` (Azure managed disks), or undefined. */
export function sizeTier(tiers: readonly PriceTier[], size: number): { upto: number | null; usd: number } | undefined {
  const t = tiers.find(([upto]) => upto === null || size <= upto);
  return t ? { upto: t[0], usd: t[1] } : undefined;
}

/** The context one rule call gets. */
export class RuleContext {
  readonly byUrn: ReadonlyMap<string, PricingResource>;

  constructor(
    readonly catalog: Catalog,
    readonly options: PricingOptions,
    readonly resources: readonly PricingResource[],
  ) {
    this.byUrn = new Map(resources.map((r) => [r.urn, r] as const));
  }

  /** The region a resource is billed in; unpriceable with `where` (how to declare it) when unknown. */
  region(r: PricingResource, cloud: PricedCloud, where: string): string {
    const reg = regionOf(r, cloud, this.options.defaultRegions);
    if (!reg) throw new Unpriceable(`${where}, or defaultRegions.${cloud} in the pricing settings`);
    if (!this.catalog.region(cloud, reg) && !/^(us|eu|asia|nam4|eur4|asia1|global)$/i.test(reg)) {
      throw new Unpriceable(`region '${reg}' is not in the ${cloud} price catalog`);
    }
    return reg;
  }

  /** The usage values that apply to a resource. */
  usage(r: PricingResource): UsageValues {
    return usageOf(this.options.usage ?? NO_USAGE, r);
  }

  /**
   * A component priced from a catalog key: `quantity` in the key's unit (null = depends on
   * usage). Tiered prices are applied to the quantity; `factor` scales the unit price (e.g. a
   * size relative to the key's anchor size). Unpriceable when the catalog has no such price.
   */
  component(
    name: string,
    key: string,
    region: string,
    quantity: number | null,
    opts: { unit?: string; factor?: number; usageKey?: string } = {},
  ): CostComponent {
    const p = this.catalog.price(key, region);
    if (!p) throw new Unpriceable(`the catalog has no price ${key} for ${region}`);
    const factor = opts.factor ?? 1;
    const tiers = p.tiers.map(([u, usd]): PriceTier => [u, usd * factor]);
    let monthly: number | null = null;
    if (quantity !== null) {
      const c = tieredCost(tiers, quantity);
      if (c === undefined) throw new Unpriceable(`${quantity} ${opts.unit ?? p.unit} is above the largest tier of ${key}`);
      monthly = c;
    }
    return {
      name,
      unit: opts.unit ?? p.unit,
      quantity,
      unitUSD: tiers[0][1],
      monthlyUSD: monthly,
      source: sourceText(p.sources),
      ...(opts.usageKey ? { usageKey: opts.usageKey } : {}),
    };
  }

  /** A component whose quantity is a usage value of the resource (null when the usage file lacks it). */
  usageComponent(
    r: PricingResource,
    name: string,
    key: string,
    region: string,
    usageKey: string,
    opts: { unit?: string; factor?: number; scale?: number } = {},
  ): CostComponent {
    const v = this.usage(r)[usageKey];
    const q = v === undefined ? null : v * (opts.scale ?? 1);
    return this.component(name, key, region, q, { unit: opts.unit, factor: opts.factor, usageKey });
  }

  /** A component with a unit price given directly (catalog offers), with its source. */
  flat(name: string, unit: string, quantity: number, unitUSD: number, source: PriceSource): CostComponent {
    return { name, unit, quantity, unitUSD, monthlyUSD: quantity * unitUSD, source: sourceText([source]) };
  }

  /** Hours a month the resource runs: the usage file's hoursPerMonth, else always on. */
  hours(r: PricingResource): number {
    return this.usage(r).hoursPerMonth ?? HOURS_PER_MONTH;
  }

  /**
   * An instance's compute component from the catalog's offer: on-demand or spot hours of
   * `count` machines. Spot without a spot price falls back to on-demand, said in the name.
   */
  machine(cloud: PricedCloud, region: string, type: string, count: number, spot: boolean, hours: number, os = "Linux"): CostComponent {
    const offer = this.catalog.offer(cloud, region, type);
    if (!offer) throw new Unpriceable(`instance type '${type}' has no ${cloud} price in ${region}`);
    const useSpot = spot && offer.spotHourlyUSD !== null;
    const hourly = useSpot ? offer.spotHourlyUSD! : offer.onDemandHourlyUSD;
    const market = useSpot ? "spot" : spot ? "on-demand: no spot price in the catalog" : "on-demand";
    return { ...this.flat(`Instance usage (${os}, ${market}, ${type})`, "hours", hours * count, hourly, this.catalog.sources[offer.source]), kind: "compute" };
  }

  /**
   * Block disk of the type cloudfit's components create (gp3, StandardSSD_LRS, pd-balanced) at
   * the catalog's per-GiB disk price, the same price `plan` charges.
   */
  planDisk(cloud: PricedCloud, region: string, gib: number, name: string): CostComponent {
    const rate = this.catalog.diskPerGiBMonth(cloud, region);
    return { ...this.flat(name, "GiB-months", gib, rate, this.catalog.sourceOf("disk", cloud, region)), kind: "disk" };
  }

  /** Standard object storage at the catalog's per-GiB price (the price `plan` charges), or usage-based. */
  planStorage(cloud: PricedCloud, region: string, gib: number | null, name: string): CostComponent {
    const rate = this.catalog.storagePerGiBMonth(cloud, region);
    const source = sourceText([this.catalog.sourceOf("storage", cloud, region)]);
    if (gib === null) return { name, unit: "GiB-months", quantity: null, unitUSD: rate, monthlyUSD: null, source, usageKey: "storageGiB", kind: "storage" };
    return { name, unit: "GiB-months", quantity: gib, unitUSD: rate, monthlyUSD: gib * rate, source, kind: "storage" };
  }

  /**
   * The resource a group or instance takes its template from: first through property
   * dependencies, then by the declared template name (or the last segment of a self link).
   */
  linked(r: PricingResource, properties: readonly string[], types: readonly string[], declaredName: () => string | undefined): PricingResource | undefined {
    for (const prop of properties) {
      for (const urn of r.propertyDependencies?.[prop] ?? []) {
        const dep = this.byUrn.get(urn);
        if (dep && types.includes(dep.type)) return dep;
      }
    }
    // Only read the declared name when no dependency links the two: it is often unknown in a preview.
    const name = declaredName();
    if (name === undefined) return undefined;
    const last = name.split("/").pop();
    return this.resources.find((c) => types.includes(c.type) && (str(c.props, "name") === name || str(c.props, "name") === last));
  }
}
