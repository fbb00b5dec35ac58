// Merges prices read from the clouds' price feeds into a catalog: offers the feed prices get the
// feed's price and a new dated source; feed types the catalog knows the shape of are added in
// their region; everything else is left as it was and counted. Pure.

import type { Cloud } from "../../spec";
import type { CatalogFile, OfferRow } from "../types";
import type { FeedPrice, FeedRead, SeriesRate } from "./types";

/** Counts of one cloud's refresh. */
export interface RefreshCounts {
  readonly cloud: Cloud;
  /** Offers whose price changed. */
  updated: number;
  /** Offers the feed priced the same. */
  unchanged: number;
  /** Offers added for types the catalog knows but the region did not list. */
  added: number;
  /** Offers of the refreshed regions the feed did not price (kept as they were). */
  notInFeed: number;
  /** Feed prices skipped: types whose shape the catalog does not know. */
  skipped: number;
}

/** The result of a merge: the new catalog and what changed. */
export interface RefreshResult {
  readonly file: CatalogFile;
  readonly counts: readonly RefreshCounts[];
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Prices of a GCP machine shape from its series' core and RAM rates in a region. */
function seriesPrice(rates: ReadonlyMap<string, number>, region: string, family: string, vcpus: number, mem: number, usage: "ondemand" | "spot"): number | undefined {
  if (family.endsWith("-shared")) return undefined; // shared-core machines have their own SKUs
  const series = family.split("-")[0];
  const core = rates.get(`${region}|${series}|${usage}|core`);
  const ram = rates.get(`${region}|${series}|${usage}|ram`);
  return core === undefined || ram === undefined ? undefined : round6(vcpus * core + mem * ram);
}

/**
 * Applies feed reads to a catalog for the given clouds and regions. The feed's source (what was
 * read and when) becomes a new cited source; pricesOf moves to the feed's date when newer.
 */
export function mergeRefresh(
  file: CatalogFile,
  reads: readonly { cloud: Cloud; regions: readonly string[]; read: FeedRead }[],
  source: { description: string; date: string },
): RefreshResult {
  const sources = [...file.sources, { description: source.description, date: source.date, basis: "cited" }];
  const src = sources.length - 1;
  const offers: OfferRow[] = file.offers.map((o) => [...o] as OfferRow);
  const regionPos = new Map(file.regions.map((r, i) => [`${r.cloud}:${r.region}`, i]));
  const shapePos = new Map(file.shapes.map((s, i) => [s[0], i]));
  const counts: RefreshCounts[] = [];
  for (const { cloud, regions, read } of reads) {
    const c: RefreshCounts = { cloud, updated: 0, unchanged: 0, added: 0, notInFeed: 0, skipped: 0 };
    counts.push(c);
    const feed = new Map<string, FeedPrice>();
    for (const p of read.prices) {
      const k = `${p.region}|${p.instanceType}`;
      const prev = feed.get(k);
      feed.set(k, { ...prev, ...p, onDemandHourlyUSD: p.onDemandHourlyUSD ?? prev?.onDemandHourlyUSD, spotHourlyUSD: p.spotHourlyUSD ?? prev?.spotHourlyUSD });
    }
    const rates = new Map((read.rates ?? []).map((r: SeriesRate) => [`${r.region}|${r.series}|${r.usage}|${r.resource}`, r.usd]));
    const wanted = new Set(regions.map((r) => regionPos.get(`${cloud}:${r}`)).filter((x): x is number => x !== undefined));
    const seen = new Set<string>();
    for (const o of offers) {
      if (!wanted.has(o[0])) continue;
      const region = file.regions[o[0]].region;
      const [type, family, , , vcpus, mem] = file.shapes[o[1]];
      const f = feed.get(`${region}|${type}`);
      const od = f?.onDemandHourlyUSD ?? (cloud === "gcp" ? seriesPrice(rates, region, family, vcpus, mem, "ondemand") : undefined);
      const spot = f?.spotHourlyUSD ?? (cloud === "gcp" ? seriesPrice(rates, region, family, vcpus, mem, "spot") : undefined);
      if (od === undefined) {
        c.notInFeed++;
        continue;
      }
      seen.add(`${region}|${type}`);
      const newSpot = spot ?? o[3];
      if (o[2] === od && o[3] === newSpot) {
        c.unchanged++;
        continue;
      }
      o[2] = od;
      o[3] = newSpot;
      o[4] = src;
      c.updated++;
    }
    for (const [k, p] of feed) {
      if (seen.has(k) || p.onDemandHourlyUSD === undefined) continue;
      const r = regionPos.get(`${cloud}:${p.region}`);
      const s = shapePos.get(p.instanceType);
      if (r === undefined || !wanted.has(r)) continue;
      if (s === undefined) {
        c.skipped++;
        continue;
      }
      offers.push([r, s, p.onDemandHourlyUSD, p.spotHourlyUSD ?? null, src]);
      c.added++;
    }
  }
  offers.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const pricesOf = source.date > file.pricesOf ? source.date : file.pricesOf;
  return { file: { ...file, sources, offers, pricesOf }, counts };
}
