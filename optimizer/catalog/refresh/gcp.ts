// Reader of the Google Cloud Billing Catalog API (services/6F81-5844-456A/skus, Compute Engine),
// one page: per-region prices of a vCPU-hour and a GiB-hour for each predefined machine series,
// on-demand and Spot. A machine's price is vCPUs x core rate + memory x RAM rate.

import type { FeedRead, SeriesRate } from "./types";

/** Compute Engine's service id in the Cloud Billing Catalog. */
export const COMPUTE_SERVICE = "6F81-5844-456A";

/** A page URL of Compute Engine SKUs; the key comes from the environment, never the command line. */
export function gcpSkusUrl(apiKey: string, pageToken?: string): string {
  const page = pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : "";
  return `https://cloudbilling.googleapis.com/v1/services/${COMPUTE_SERVICE}/skus?key=${encodeURIComponent(apiKey)}&pageSize=5000${page}`;
}

interface GcpSku {
  readonly description?: string;
  readonly category?: { resourceFamily?: string; usageType?: string };
  readonly serviceRegions?: string[];
  readonly pricingInfo?: { effectiveTime?: string; pricingExpression?: { usageUnit?: string; tieredRates?: { startUsageAmount?: number; unitPrice?: { units?: string; nanos?: number } }[] } }[];
}

const DESCRIPTION = /^(Spot Preemptible )?([A-Z0-9]+) (?:AMD |Arm )?Instance (Core|Ram) running in /;

/** Reads one page of SKUs into series rates, and the next page's token. */
export function readGcpPage(doc: unknown): FeedRead & { nextPageToken?: string } {
  const d = doc as { skus?: GcpSku[]; nextPageToken?: string };
  if (!d || typeof d !== "object" || !Array.isArray(d.skus)) throw new Error("not a Cloud Billing Catalog page: skus is missing");
  const rates: SeriesRate[] = [];
  let date: string | undefined;
  for (const s of d.skus) {
    if (s.category?.resourceFamily !== "Compute") continue;
    const m = DESCRIPTION.exec(s.description ?? "");
    if (!m) continue;
    const info = s.pricingInfo?.[0];
    const tier = info?.pricingExpression?.tieredRates?.find((t) => (t.startUsageAmount ?? 0) === 0) ?? info?.pricingExpression?.tieredRates?.[0];
    if (!tier?.unitPrice) continue;
    const usd = Number(tier.unitPrice.units ?? "0") + (tier.unitPrice.nanos ?? 0) / 1e9;
    const usage = m[1] || s.category.usageType === "Preemptible" ? "spot" : "ondemand";
    for (const region of s.serviceRegions ?? []) {
      rates.push({ region, series: m[2].toLowerCase(), usage, resource: m[3] === "Core" ? "core" : "ram", usd });
    }
    const day = info?.effectiveTime?.slice(0, 10);
    if (day && (!date || day > date)) date = day;
  }
  return { prices: [], rates, date, nextPageToken: d.nextPageToken || undefined };
}
