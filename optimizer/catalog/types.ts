// Shapes of the price catalog: the compact file on disk and the indexed form used at run time.

import type { Cloud } from "../spec";

/** Decimal gigabytes in one gibibyte (for quantities given in decimal units; prices per "GB" are per GiB). */
export const GIB_PER_GB = 1.073741824;

/** Where a price came from, when, and whether it was verified ("cited", "recalled", "assumed" or "derived"). */
export interface PriceSource {
  readonly description: string;
  readonly date: string;
  readonly basis: string;
}

/** A cloud region with the location facts used for residency and distance. */
export interface RegionInfo {
  readonly cloud: Cloud;
  readonly region: string;
  /** Comparable location bucket across clouds (us-east, eu-central, ...). */
  readonly geo: string;
  /** ISO 3166 country code. */
  readonly country: string;
  /** NA, SA, EU, AF, AS or OC (the Middle East counts as Asia, as in the residency policy). */
  readonly continent: string;
  readonly city: string;
  /** Latitude of the region's metro area in degrees. */
  readonly latitude: number;
  /** Longitude of the region's metro area in degrees. */
  readonly longitude: number;
  /** Index into the sources of where the location facts came from. */
  readonly locationSource: number;
}

/** A per-unit price with a pointer into the source table. */
export interface SourcedPrice {
  readonly usdPerGiBMonth: number;
  readonly source: number;
}

/** A per-GiB transfer price with a pointer into the source table. */
export interface SourcedRate {
  readonly usdPerGiB: number;
  readonly source: number;
}

/** The shape of an instance type: [type, family, category, arch, vcpus, memGiB]. */
export type ShapeRow = [string, string, string, string, number, number];

/** One offer row: [regionIndex, shapeIndex, onDemand, spot, source]. */
export type OfferRow = [number, number, number, number | null, number];

/**
 * Transfer rates from one region to the other regions of its cloud, grouped by rate:
 * [usdPerGiB, source, destination region ids], where null destinations mean "every other region".
 */
export type TransferGroup = [number, number, string[] | null];

/**
 * How a service price applies across regions: the same everywhere ("global"), given per region
 * ("regional"), or given for a base region and scaled by each region's compute price index
 * ("index") where no regional row exists.
 */
export type PriceScope = "global" | "regional" | "index";

/** One price step: the quantity it applies up to (null = unbounded) and its unit price. */
export type PriceTier = [number | null, number];

/** A service price row of the catalog: tiers (one for a flat price) and the source of each tier. */
export interface PriceRow {
  readonly tiers: readonly PriceTier[];
  /** Index into the sources, one per tier. */
  readonly sources: readonly number[];
}

/** A service price (e.g. `aws.nat.hour`) across regions. */
export interface ServicePrice {
  readonly unit: string;
  readonly scope: PriceScope;
  /** Rows by region id, "*" for the base or global row. */
  readonly rows: Readonly<Record<string, PriceRow>>;
}

/** The catalog as stored in optimizer/catalog/catalog.json. */
export interface CatalogFile {
  readonly schema: 2;
  readonly description: string;
  /** Date of the newest price source, shown with every cost ("prices of 2026-07-30"). */
  readonly pricesOf: string;
  readonly hoursPerMonth: number;
  readonly shapeColumns: readonly string[];
  readonly offerColumns: readonly string[];
  readonly sources: PriceSource[];
  readonly regions: RegionInfo[];
  /** Instance type shapes, shared by the offers of every region. */
  readonly shapes: ShapeRow[];
  readonly offers: OfferRow[];
  /** Object storage per "cloud:region". */
  readonly storage: Record<string, SourcedPrice>;
  /** Block disk per "cloud:region" (the disk type cloudfit's components create). */
  readonly disk: Record<string, SourcedPrice>;
  /** Internet egress (first paid tier) per "cloud:region". */
  readonly internetEgress: Record<string, SourcedRate>;
  /** Inter-region transfer within a cloud per sending "cloud:region", grouped by rate. */
  readonly interRegion: Record<string, TransferGroup[]>;
  /** Compute price index of each "cloud:region" against its cloud's base region, and its source. */
  readonly priceIndex: Record<string, [number, number]>;
  /** Service prices (load balancers, NAT, databases, ...) by key. */
  readonly prices: Record<string, ServicePrice>;
}

/** An instance type offered in one cloud-region, with its prices. */
export interface Offer {
  readonly cloud: Cloud;
  readonly region: string;
  readonly instanceType: string;
  readonly family: string;
  /** general, compute, memory or burstable. */
  readonly category: string;
  readonly arch: "x86_64" | "arm64";
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly onDemandHourlyUSD: number;
  /** Spot price per hour, or null where the cloud offers no spot for the type. */
  readonly spotHourlyUSD: number | null;
  readonly source: number;
}

/** A service price resolved for one region: its tiers, unit and the source behind each tier. */
export interface ResolvedPrice {
  readonly key: string;
  readonly unit: string;
  readonly tiers: readonly PriceTier[];
  readonly sources: readonly PriceSource[];
  /** True when the price is the base region's scaled by the region's compute price index. */
  readonly scaled: boolean;
}
