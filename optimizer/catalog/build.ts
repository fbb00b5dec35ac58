// Builds the price catalog shipped in the repository (optimizer/catalog/catalog.json) from the
// reference price tables in ../shared/data and the transcribed sources in ./sources.
// Run with `npm run catalog`; the result is committed so that a fresh clone needs nothing else.

import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { buildAwsOffers } from "./build-offers-aws";
import { buildAzureOffers, buildGcpOffers, checkSharedRows, OfferDraft } from "./build-offers";
import { buildNetwork, GcpPricingFile } from "./build-network";
import { buildPriceIndex, buildStorageAndDisk, gcpRegionalPrices, readServicePrices } from "./build-prices";
import { checkRegionFacts, cmp, EXCLUDED_REGIONS, readRegions } from "./build-regions";
import { readCsv, SourceTable, sortKeys } from "./build-support";
import { CatalogFile, OfferRow, ShapeRow, SourcedRate, TransferGroup } from "./types";
import { serializeCatalog, writeAtomic } from "./write";

/** Default folder of the shared price data: ../shared/data beside the project. */
export const SHARED_DATA = process.env.CLOUDFIT_SHARED_DATA ?? path.resolve(__dirname, "../../../shared/data");
/** Folder of the transcribed sources. */
export const SOURCES_DIR = path.join(__dirname, "sources");
const OUT = path.join(__dirname, "catalog.json");

/** What a build produced besides the catalog: figures worth printing. */
export interface BuildReport {
  readonly awsWorstDerivation: { readonly ratio: number; readonly where: string };
}

/** Builds the catalog from the shared data folder and the sources folder. */
export function buildCatalog(sharedDir: string, sourcesDir: string = SOURCES_DIR, report?: (r: BuildReport) => void): CatalogFile {
  const sources = new SourceTable(sourcesDir);
  const vmRows = readCsv(path.join(sharedDir, "vm-prices.csv"));
  const storageEgressRows = readCsv(path.join(sharedDir, "storage-egress-prices.csv"));
  const supplementRows = readCsv(path.join(sourcesDir, "disk-storage-supplement.csv"));
  const gcpPricing = yaml.load(fs.readFileSync(path.join(sharedDir, "prices", "gcp", "pricing.yml"), "utf8")) as GcpPricingFile;

  const allRegions = readRegions(sourcesDir, sources);
  checkRegionFacts(allRegions, vmRows);
  const aws = buildAwsOffers(sourcesDir, vmRows, sources);
  const azureGcp = [...buildAzureOffers(sharedDir, sources), ...buildGcpOffers(sharedDir, sources)];
  checkSharedRows(azureGcp, vmRows);
  const drafts: OfferDraft[] = [...aws.offers, ...azureGcp].filter((o) => !EXCLUDED_REGIONS[`${o.cloud}:${o.region}`]);

  // The catalog holds the regions it can price compute in; the region table may list more.
  const offered = new Set(drafts.map((o) => `${o.cloud}:${o.region}`));
  const known = new Set(allRegions.map((r) => `${r.cloud}:${r.region}`));
  for (const k of offered) if (!known.has(k)) throw new Error(`offers name ${k}, which sources/regions.csv lacks`);
  const regions = allRegions.filter((r) => offered.has(`${r.cloud}:${r.region}`));
  const regionPos = new Map(regions.map((r, i) => [`${r.cloud}:${r.region}`, i]));

  const shapeRows = new Map<string, ShapeRow>();
  for (const o of drafts) {
    const shape: ShapeRow = [o.instanceType, o.family, o.category, o.arch, o.vcpus, o.memoryGiB];
    const prev = shapeRows.get(o.instanceType);
    if (prev && JSON.stringify(prev) !== JSON.stringify(shape)) {
      throw new Error(`${o.instanceType} has shape ${JSON.stringify(shape)} in ${o.region} but ${JSON.stringify(prev)} elsewhere`);
    }
    shapeRows.set(o.instanceType, shape);
  }
  const shapes = [...shapeRows.values()].sort((a, b) => cmp(a[0], b[0]));
  const shapePos = new Map(shapes.map((s, i) => [s[0], i]));
  const offers: OfferRow[] = drafts.map((o) => [
    regionPos.get(`${o.cloud}:${o.region}`)!,
    shapePos.get(o.instanceType)!,
    o.onDemand,
    o.spot,
    o.source,
  ]);
  offers.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < offers.length; i++) {
    if (offers[i][0] === offers[i - 1][0] && offers[i][1] === offers[i - 1][1]) {
      throw new Error(`offer ${shapes[offers[i][1]][0]} in ${regions[offers[i][0]].region} is listed twice`);
    }
  }

  const priceIndex = buildPriceIndex(drafts, sources);
  const { storage, disk } = buildStorageAndDisk({ regions, storageEgressRows, supplementRows, gcpPricing, priceIndex, sources });
  const { internetEgress, interRegion } = buildNetwork({ sharedDir, regions, storageEgressRows, gcpPricing, sources });
  const prices = { ...readServicePrices(sourcesDir, sources), ...gcpRegionalPrices(gcpPricing, sources) };
  report?.({ awsWorstDerivation: aws.worstDerivation });

  return {
    schema: 2,
    description:
      "cloudfit price catalog: list (pay-as-you-go) prices in USD, built by optimizer/catalog/build.ts from " +
      "shared/data (vm-prices.csv, storage-egress-prices.csv, prices/vms/*.csv, prices/gcp/pricing.yml, Infracost goldens) " +
      "and the transcribed tables in optimizer/catalog/sources. The clouds bill storage and transfer in binary gigabytes under the " +
      "name GB, so per-GB prices are per GiB; service prices keep the unit they are quoted in. Every price points at a source with " +
      "its date and basis (cited: copied from the named source; derived: computed from cited prices as the source says; " +
      "recalled: not verified against a stored copy; assumed: borrowed or scaled from another region).",
    pricesOf: sources.newestDate(),
    hoursPerMonth: 730,
    shapeColumns: ["instanceType", "family", "category", "arch", "vcpus", "memoryGiB"],
    offerColumns: ["region", "shape", "onDemandHourlyUSD", "spotHourlyUSD", "source"],
    sources: sources.entries,
    regions,
    shapes,
    offers,
    storage: sortKeys(storage),
    disk: sortKeys(disk),
    internetEgress: sortKeys(internetEgress),
    interRegion: sortKeys(groupTransfers(interRegion)),
    priceIndex: sortKeys(priceIndex),
    prices: sortKeys(prices),
  };
}

/** Groups per-pair transfer rates by sending region and rate; the largest group becomes the default. */
export function groupTransfers(pairs: Record<string, SourcedRate>): Record<string, TransferGroup[]> {
  const bySender = new Map<string, Map<string, string[]>>();
  for (const [key, rate] of Object.entries(pairs)) {
    const [from, to] = key.split(">");
    const groups = bySender.get(from) ?? bySender.set(from, new Map()).get(from)!;
    const g = `${rate.usdPerGiB}|${rate.source}`;
    (groups.get(g) ?? groups.set(g, []).get(g)!).push(to);
  }
  const out: Record<string, TransferGroup[]> = {};
  for (const [from, groups] of bySender) {
    const list = [...groups].map(([g, to]): [number, number, string[]] => {
      const [usd, src] = g.split("|").map(Number);
      return [usd, src, to.sort(cmp)];
    });
    list.sort((a, b) => b[2].length - a[2].length || a[0] - b[0] || a[1] - b[1]);
    out[from] = list.map((g, i): TransferGroup => [g[0], g[1], i === 0 ? null : g[2]]);
  }
  return out;
}

export { serializeCatalog, writeAtomic };

if (require.main === module) {
  try {
    if (!fs.existsSync(path.join(SHARED_DATA, "vm-prices.csv"))) {
      throw new Error(
        `${SHARED_DATA}/vm-prices.csv is missing. To fix: check out the shared price data beside the project, or set CLOUDFIT_SHARED_DATA to its folder.`,
      );
    }
    const started = Date.now();
    let report: BuildReport | undefined;
    const text = serializeCatalog(buildCatalog(SHARED_DATA, SOURCES_DIR, (r) => (report = r)));
    writeAtomic(OUT, text);
    console.log(`wrote ${OUT} (${text.length} bytes) in ${Date.now() - started} ms`);
    if (report) {
      const w = report.awsWorstDerivation;
      console.log(`AWS prices derived by size ratio differ from cited ones by at most ${(w.ratio * 100).toFixed(3)}% (${w.where})`);
    }
  } catch (e) {
    console.error(`Cannot build the catalog: ${(e as Error).message}`);
    process.exit(2);
  }
}
