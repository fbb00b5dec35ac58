// `cloudfit catalog refresh`: reads the clouds' price feeds (AWS Price List bulk API, Azure Retail
// Prices API, Google Cloud Billing Catalog) page by page through a fetch function, and merges
// them into a catalog. The network layer is injected: the command line passes HTTP or a folder of
// saved responses; the tests pass documented response excerpts.

import * as fs from "fs";
import * as path from "path";
import type { Cloud } from "../../spec";
import type { CatalogFile } from "../types";
import { awsOfferUrl, readAwsOffer } from "./aws";
import { azurePricesUrl, readAzurePage } from "./azure";
import { gcpSkusUrl, readGcpPage } from "./gcp";
import { mergeRefresh, RefreshResult } from "./merge";
import type { FeedPrice, FeedRead, SeriesRate } from "./types";

export type { RefreshCounts, RefreshResult } from "./merge";

/** One request of a refresh: which feed page, and its URL. */
export interface FeedRequest {
  readonly cloud: Cloud;
  /** The region asked for (AWS and Azure feeds are per region; GCP's is global). */
  readonly region?: string;
  /** Page number, from 1. */
  readonly page: number;
  readonly url: string;
}

/** Fetches one feed page and returns its parsed JSON. */
export type FeedFetch = (req: FeedRequest) => Promise<unknown>;

/** Options of a refresh. */
export interface RefreshOptions {
  readonly clouds: readonly Cloud[];
  /** Regions to refresh; default every catalog region of the chosen clouds. */
  readonly regions?: readonly string[];
  readonly fetch: FeedFetch;
  /** Google Cloud Billing Catalog API key (from the environment). */
  readonly gcpApiKey?: string;
  /** Called with a line of progress per page read. */
  readonly onProgress?: (line: string) => void;
  /** Today's date (YYYY-MM-DD) when a feed states none. */
  readonly today: string;
}

/** Google Cloud needs an API key; the error says where to put it. */
export class RefreshError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefreshError";
  }
}

const MAX_PAGES = 1000;

async function readCloud(cloud: Cloud, regions: readonly string[], o: RefreshOptions): Promise<FeedRead> {
  const prices: FeedPrice[] = [];
  const rates: SeriesRate[] = [];
  let date: string | undefined;
  const keep = (r: FeedRead) => {
    prices.push(...r.prices);
    rates.push(...(r.rates ?? []));
    if (r.date && (!date || r.date > date)) date = r.date;
  };
  if (cloud === "aws") {
    for (const region of regions) {
      keep(readAwsOffer(await o.fetch({ cloud, region, page: 1, url: awsOfferUrl(region) })));
      o.onProgress?.(`aws ${region}: read the EC2 offer file`);
    }
  } else if (cloud === "azure") {
    for (const region of regions) {
      let url: string | undefined = azurePricesUrl(region);
      for (let page = 1; url && page <= MAX_PAGES; page++) {
        const r = readAzurePage(await o.fetch({ cloud, region, page, url }));
        keep(r);
        url = r.next;
        o.onProgress?.(`azure ${region}: read page ${page}`);
      }
    }
  } else {
    if (!o.gcpApiKey) {
      throw new RefreshError(
        "Refreshing Google Cloud prices needs a Cloud Billing Catalog API key. To fix: set CLOUDFIT_GCP_API_KEY to an API key of a project with the Cloud Billing API enabled, or leave gcp out with --cloud aws,azure.",
      );
    }
    let token: string | undefined;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const r = readGcpPage(await o.fetch({ cloud, page, url: gcpSkusUrl(o.gcpApiKey, token) }));
      keep(r);
      o.onProgress?.(`gcp: read page ${page} of Compute Engine SKUs`);
      token = r.nextPageToken;
      if (!token) break;
    }
  }
  return { prices, rates, date };
}

/** What each feed is, for the new source entry. */
const FEEDS: Record<Cloud, string> = {
  aws: "AWS Price List bulk API (AmazonEC2 offer files per region, on-demand Linux shared tenancy)",
  azure: "Azure Retail Prices API (Virtual Machines consumption prices, Linux pay-as-you-go and Spot)",
  gcp: "Google Cloud Billing Catalog API (Compute Engine SKUs: vCPU and RAM rates per series, on-demand and Spot)",
};

/** Reads the chosen feeds and merges them into the catalog. */
export async function refreshCatalog(file: CatalogFile, o: RefreshOptions): Promise<RefreshResult> {
  const reads: { cloud: Cloud; regions: string[]; read: FeedRead }[] = [];
  for (const cloud of o.clouds) {
    const all = file.regions.filter((r) => r.cloud === cloud).map((r) => r.region);
    const regions = o.regions ? all.filter((r) => o.regions!.includes(r)) : all;
    if (regions.length === 0) continue;
    reads.push({ cloud, regions, read: await readCloud(cloud, regions, o) });
  }
  const dates = reads.map((r) => r.read.date ?? o.today).sort();
  const date = dates[dates.length - 1] ?? o.today;
  const description = `refreshed with \`cloudfit catalog refresh\` from ${reads.map((r) => `${FEEDS[r.cloud]} for ${r.regions.length} region(s)`).join("; ")}`;
  return mergeRefresh(file, reads, { description, date });
}

/** A fetch over HTTPS with a clear error for a failed request. */
export function httpFetch(): FeedFetch {
  return async (req) => {
    let res: Response;
    try {
      res = await fetch(req.url);
    } catch (e) {
      throw new RefreshError(`Could not reach the ${req.cloud} price feed (${(e as Error).message}). To fix: check the network and proxy settings, or use --input with saved responses.`);
    }
    if (!res.ok) {
      const shown = req.url.replace(/key=[^&]+/, "key=***");
      throw new RefreshError(`The ${req.cloud} price feed answered HTTP ${res.status} for ${shown}. To fix: check the region name and, for Google Cloud, the API key.`);
    }
    return res.json();
  };
}

/**
 * A fetch that reads saved responses from a folder instead of the network: aws-<region>.json,
 * azure-<region>-<page>.json and gcp-<page>.json.
 */
export function folderFetch(dir: string): FeedFetch {
  return async (req) => {
    const name = req.cloud === "aws" ? `aws-${req.region}.json` : req.cloud === "azure" ? `azure-${req.region}-${req.page}.json` : `gcp-${req.page}.json`;
    const file = path.join(dir, name);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      throw new RefreshError(`Saved response ${file} is missing. To fix: save the feed page as ${name} in ${dir}, or leave the region out with --regions.`);
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new RefreshError(`Saved response ${file} is not valid JSON (${(e as Error).message}). To fix: save the feed's response body unchanged.`);
    }
  };
}
