// The price catalog at run time: loaded once per process from the shipped catalog.json and
// indexed for the lookups the optimizer, the policy pack and the command line make.

import * as fs from "fs";
import type { Cloud } from "../spec";
import {
  CatalogFile,
  Offer,
  OfferRow,
  PriceSource,
  PriceTier,
  RegionInfo,
  ResolvedPrice,
  SourcedRate,
} from "./types";

export * from "./types";

/** Hours in a billing month, as the clouds' monthly estimates count them. */
export const HOURS_PER_MONTH = 730;

/** The indexed, read-only price catalog. Offers are materialized per region on first use. */
export class Catalog {
  readonly regions: readonly RegionInfo[];
  readonly sources: readonly PriceSource[];
  /** Date of the newest price in the catalog (YYYY-MM-DD), shown with every cost. */
  readonly pricesOf: string;
  private readonly regionsByKey = new Map<string, RegionInfo>();
  private readonly regionsById = new Map<string, RegionInfo>();
  /** Offer rows of each region: [first, end) positions in file.offers (rows are sorted by region). */
  private readonly rowRange = new Map<string, [number, number]>();
  private readonly offersByRegion = new Map<string, Offer[]>();
  private readonly offerByKey = new Map<string, Map<string, Offer>>();
  private readonly transfers = new Map<string, { fallback: SourcedRate | undefined; byRegion: Map<string, SourcedRate> }>();
  private allOffers: Offer[] | undefined;

  constructor(private readonly file: CatalogFile) {
    this.regions = file.regions;
    this.sources = file.sources;
    this.pricesOf = file.pricesOf;
    for (const r of file.regions) {
      this.regionsByKey.set(`${r.cloud}:${r.region}`, r);
      this.regionsById.set(r.region, r);
    }
    const rows = file.offers;
    for (let i = 0; i < rows.length; ) {
      let j = i;
      while (j < rows.length && rows[j][0] === rows[i][0]) j++;
      const reg = file.regions[rows[i][0]];
      this.rowRange.set(`${reg.cloud}:${reg.region}`, [i, j]);
      i = j;
    }
  }

  /** Every offer of every region (materializes them all; the optimizer asks per region instead). */
  get offers(): readonly Offer[] {
    if (!this.allOffers) this.allOffers = this.regions.flatMap((r) => this.offersIn(r.cloud, r.region));
    return this.allOffers;
  }

  /** The region with this id in this cloud, or undefined. */
  region(cloud: Cloud, region: string): RegionInfo | undefined {
    return this.regionsByKey.get(`${cloud}:${region}`);
  }

  /** The region with this key ("cloud:region"), or undefined. */
  regionByKey(key: string): RegionInfo | undefined {
    return this.regionsByKey.get(key);
  }

  /** The region with this id in any cloud (region ids are unique across the three clouds). */
  regionById(region: string): RegionInfo | undefined {
    return this.regionsById.get(region);
  }

  /** Every offer in a cloud-region, sorted by instance type. */
  offersIn(cloud: Cloud, region: string): readonly Offer[] {
    const key = `${cloud}:${region}`;
    let list = this.offersByRegion.get(key);
    if (!list) {
      const range = this.rowRange.get(key);
      list = range ? this.file.offers.slice(range[0], range[1]).map((row) => this.toOffer(row)) : [];
      this.offersByRegion.set(key, list);
      this.offerByKey.set(key, new Map(list.map((o) => [o.instanceType, o])));
    }
    return list;
  }

  /** The offer for an instance type in a cloud-region, or undefined. */
  offer(cloud: Cloud, region: string, instanceType: string): Offer | undefined {
    this.offersIn(cloud, region);
    return this.offerByKey.get(`${cloud}:${region}`)?.get(instanceType);
  }

  private toOffer(row: OfferRow): Offer {
    const reg = this.file.regions[row[0]];
    const [instanceType, family, category, arch, vcpus, memoryGiB] = this.file.shapes[row[1]];
    return {
      cloud: reg.cloud,
      region: reg.region,
      instanceType,
      family,
      category,
      arch: arch as Offer["arch"],
      vcpus,
      memoryGiB,
      onDemandHourlyUSD: row[2],
      spotHourlyUSD: row[3],
      source: row[4],
    };
  }

  /** Block disk price in USD per GiB-month. */
  diskPerGiBMonth(cloud: Cloud, region: string): number {
    return this.lookup(this.file.disk, `${cloud}:${region}`, "disk").usdPerGiBMonth;
  }

  /** Object storage price in USD per GiB-month. */
  storagePerGiBMonth(cloud: Cloud, region: string): number {
    return this.lookup(this.file.storage, `${cloud}:${region}`, "storage").usdPerGiBMonth;
  }

  /** Internet egress price in USD per GiB leaving this region. */
  internetEgressPerGiB(cloud: Cloud, region: string): number {
    return this.lookup(this.file.internetEgress, `${cloud}:${region}`, "internet egress").usdPerGiB;
  }

  /**
   * Price in USD per GiB sent from one cloud-region to another: nothing within a region,
   * the inter-region rate within a cloud, and the sender's internet egress across clouds.
   */
  transferPerGiB(fromCloud: Cloud, fromRegion: string, toCloud: Cloud, toRegion: string): number {
    if (fromCloud !== toCloud) return this.internetEgressPerGiB(fromCloud, fromRegion);
    if (fromRegion === toRegion) return 0;
    return this.interRegion(fromCloud, fromRegion, toRegion).usdPerGiB;
  }

  /** The inter-region transfer rate and its source from one region to another of the same cloud. */
  interRegion(cloud: Cloud, fromRegion: string, toRegion: string): SourcedRate {
    const key = `${cloud}:${fromRegion}`;
    let t = this.transfers.get(key);
    if (!t) {
      const groups = this.file.interRegion[key] ?? [];
      const byRegion = new Map<string, SourcedRate>();
      let fallback: SourcedRate | undefined;
      for (const [usdPerGiB, source, to] of groups) {
        if (to === null) fallback = { usdPerGiB, source };
        else for (const r of to) byRegion.set(r, { usdPerGiB, source });
      }
      this.transfers.set(key, (t = { fallback, byRegion }));
    }
    const rate = t.byRegion.get(toRegion) ?? (this.regionsByKey.has(`${cloud}:${toRegion}`) ? t.fallback : undefined);
    if (!rate) throw new RangeError(`The price catalog has no inter-region price for ${cloud}:${fromRegion}>${toRegion}.`);
    return rate;
  }

  /** The source entry (description, date, basis) behind a price. */
  sourceOf(kind: "storage" | "disk" | "internetEgress", cloud: Cloud, region: string): PriceSource {
    const table: Record<string, { source: number }> = this.file[kind];
    return this.file.sources[this.lookup(table, `${cloud}:${region}`, kind).source];
  }

  /** Compute price index of a region against its cloud's base region (1 there), or undefined. */
  priceIndex(cloud: Cloud, region: string): number | undefined {
    return this.file.priceIndex[`${cloud}:${region}`]?.[0];
  }

  /** Every service price key of the catalog (e.g. "aws.nat.hour"), sorted. */
  priceKeys(): string[] {
    return Object.keys(this.file.prices).sort();
  }

  /**
   * A service price for a region: the region's own row; else, for an "index" price, the base
   * region's row scaled by the region's compute price index (marked assumed); else the global row.
   * Undefined when the catalog has no such key or no price for that region.
   */
  price(key: string, region: string): ResolvedPrice | undefined {
    const p = this.file.prices[key];
    if (!p) return undefined;
    const own = p.rows[region];
    const src = (ids: readonly number[]) => ids.map((i) => this.file.sources[i]);
    if (own) return { key, unit: p.unit, tiers: own.tiers, sources: src(own.sources), scaled: false };
    const base = p.rows["*"];
    if (!base) return undefined;
    if (p.scope === "global") return { key, unit: p.unit, tiers: base.tiers, sources: src(base.sources), scaled: false };
    if (p.scope === "regional") return undefined;
    const cloud = key.slice(0, key.indexOf(".")) as Cloud;
    const idx = this.file.priceIndex[`${cloud}:${region}`];
    if (!idx) return undefined;
    const indexSource = this.file.sources[idx[1]];
    const tiers = base.tiers.map(([upto, usd]): PriceTier => [upto, Math.round(usd * idx[0] * 1e8) / 1e8]);
    const sources = src(base.sources).map((s) => ({
      description: `${s.description}; scaled to ${region} by ${indexSource.description}, factor ${idx[0]}`,
      date: s.date,
      basis: idx[0] === 1 ? s.basis : "assumed",
    }));
    return { key, unit: p.unit, tiers, sources, scaled: idx[0] !== 1 };
  }

  private lookup<T>(table: Record<string, T>, key: string, what: string): T {
    const v = table[key];
    if (v === undefined) throw new RangeError(`The price catalog has no ${what} price for ${key}.`);
    return v;
  }
}

let cached: Catalog | undefined;

/** Reads a catalog file (one written by `cloudfit catalog refresh`), checking its shape. */
export function readCatalogFile(file: string): CatalogFile {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`Cannot read the price catalog ${file}: ${(e as Error).message}. To fix: point CLOUDFIT_CATALOG at a file written by \`cloudfit catalog refresh\`, or unset it to use the shipped catalog.`);
  }
  const c = doc as Partial<CatalogFile>;
  if (!c || c.schema !== 2 || !Array.isArray(c.regions) || !Array.isArray(c.offers) || !Array.isArray(c.shapes) || !c.prices) {
    throw new Error(`${file} is not a cloudfit price catalog of schema 2. To fix: write it again with \`cloudfit catalog refresh\`, or unset CLOUDFIT_CATALOG.`);
  }
  return c as CatalogFile;
}

/**
 * Loads the price catalog once per process and returns the same instance afterwards: the file
 * CLOUDFIT_CATALOG names (a refreshed catalog), else the shipped catalog.json.
 */
export function loadCatalog(): Catalog {
  if (!cached) {
    const override = process.env.CLOUDFIT_CATALOG;
    // require() of JSON parses once and is cached by Node; the Catalog indexes it once.
    cached = new Catalog(override ? readCatalogFile(override) : (require("./catalog.json") as CatalogFile));
  }
  return cached;
}
