// Helpers several rule files share: a bucket's stored size, instance-size factors for services
// priced per anchor size (RDS, ElastiCache), GCP sustained-use discounts and small readers.

import { Rule, RuleContext, Unpriceable } from "../context";
import { num, str, tagsOf } from "../read";
import { PricingResource, STORAGE_GIB_TAG } from "../types";

/**
 * Stored GiB of a bucket or storage account: its `cloudfit-storage-gib` tag or label, else the
 * usage file's storageGiB, else the storageGiBDefault setting; null when none gives it.
 */
export function storedGiB(r: PricingResource, ctx: RuleContext): { gib: number | null; how: string } {
  const tag = tagsOf(r)[STORAGE_GIB_TAG];
  if (tag !== undefined && tag.trim() !== "" && Number.isFinite(Number(tag)) && Number(tag) >= 0) {
    return { gib: Number(tag), how: `stored size from the '${STORAGE_GIB_TAG}' tag` };
  }
  const u = ctx.usage(r).storageGiB;
  if (u !== undefined) return { gib: u, how: "stored size from the usage file" };
  if (ctx.options.storageGiBDefault !== undefined) {
    return { gib: ctx.options.storageGiBDefault, how: "stored size from the storageGiBDefault setting" };
  }
  return {
    gib: null,
    how: `stored size unknown: declare a '${STORAGE_GIB_TAG}' tag or label, storageGiB in the usage file, or storageGiBDefault`,
  };
}

/** Relative size of an AWS size name: large = 1, each step doubles (nano 1/16 ... 48xlarge 96). */
export function awsSizeUnits(size: string): number | undefined {
  const fixed: Record<string, number> = { nano: 1 / 16, micro: 1 / 8, small: 1 / 4, medium: 1 / 2, large: 1, xlarge: 2 };
  if (size in fixed) return fixed[size];
  const m = /^(\d+)xlarge$/.exec(size);
  return m ? 2 * Number(m[1]) : undefined;
}

/**
 * Splits a class such as db.m5.xlarge or cache.t3.micro into family and size factor against the
 * anchor size the catalog key is quoted for (its unit names it, e.g. "db.m5.large-hour").
 */
export function classFactor(cls: string, anchorUnit: string): number {
  const size = cls.split(".").pop()!;
  const anchor = /\.(\w+)-hour$/.exec(anchorUnit)?.[1];
  const a = anchor ? awsSizeUnits(anchor) : undefined;
  const s = awsSizeUnits(size);
  if (a === undefined || s === undefined) throw new Unpriceable(`the size of ${cls} is not one the catalog scales (large, xlarge, 2xlarge, ...)`);
  return s / a;
}

/** The family of a class name: db.m5.large -> m5, cache.r6g.xlarge -> r6g. */
export function classFamily(cls: string): string {
  const parts = cls.split(".");
  if (parts.length !== 3) throw new Unpriceable(`'${cls}' is not a class name like db.m5.large`);
  return parts[1];
}

/**
 * GCP sustained-use discount: the average price multiplier for running `hours` of a 730-hour
 * month. N1 (and its shared-core types) pay 100/80/60/40% of the price in each quarter of the
 * month; N2, N2D, C2 and C2D pay 100/86.78/73.56/60.34%; other series get no such discount
 * (cloud.google.com/compute/docs/sustained-use-discounts, as the Infracost goldens apply it:
 * n1-standard-16 at 730 hours = 70% of list, n2-standard-8 = 80%).
 */
export function sustainedUseMultiplier(machineType: string, hours: number): number {
  const series = machineType.split("-")[0];
  const steps =
    series === "n1" || series === "f1" || series === "g1"
      ? [1, 0.8, 0.6, 0.4]
      : ["n2", "n2d", "c2", "c2d"].includes(series)
        ? [1, 0.8678, 0.7356, 0.6034]
        : undefined;
  if (!steps || hours <= 0) return 1;
  const fraction = Math.min(1, hours / 730);
  let paid = 0;
  for (let q = 0; q < 4; q++) {
    const part = Math.max(0, Math.min(0.25, fraction - q * 0.25));
    paid += part * steps[q];
  }
  return paid / fraction;
}

/** A whole, non-negative count at a path, or undefined. */
export function count(obj: unknown, ...path: string[]): number | undefined {
  const v = num(obj, ...path);
  return v !== undefined && v >= 0 ? Math.floor(v) : undefined;
}

/** A required string property, or Unpriceable naming it. */
export function required(obj: unknown, what: string, ...path: string[]): string {
  const v = str(obj, ...path);
  if (v === undefined) throw new Unpriceable(`its ${what} (${path.join(".")}) is not declared`);
  return v;
}

/** One part of a simple rule: a fixed quantity per hour run or per month, or a usage value. */
export type Part =
  | { readonly label: string; readonly key: string; readonly unit: string; readonly per: "hour" | "month" }
  | { readonly label: string; readonly key: string; readonly unit: string; readonly usageKey: string; readonly scale?: number };

/** Where a simple rule bills: the resource's region, or a fixed place for global prices. */
export type RegionOf = (r: PricingResource, ctx: RuleContext) => string;

/** The region of global prices (DNS, CDN, logging): any region resolves them. */
export const GLOBAL: RegionOf = () => "global";

/** A rule made of hourly, monthly and usage-based parts, billed in the region `regionOf` gives. */
export function partsRule(regionOf: RegionOf, parts: readonly Part[]): Rule {
  return (r, ctx) => {
    const region = regionOf(r, ctx);
    return {
      region,
      components: parts.map((p) =>
        "usageKey" in p
          ? ctx.usageComponent(r, p.label, p.key, region, p.usageKey, { unit: p.unit, scale: p.scale })
          : ctx.component(p.label, p.key, region, p.per === "hour" ? ctx.hours(r) : 1, { unit: p.unit }),
      ),
    };
  };
}
