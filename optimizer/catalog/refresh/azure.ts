// Reader of the Azure Retail Prices API (https://prices.azure.com/api/retail/prices), one page of
// Virtual Machines consumption prices: Linux pay-as-you-go and Spot per hour, by ARM SKU name.

import type { FeedPrice, FeedRead } from "./types";

/** The first page URL of Virtual Machines consumption prices in a region. */
export function azurePricesUrl(region: string): string {
  const filter = `serviceName eq 'Virtual Machines' and armRegionName eq '${region}' and priceType eq 'Consumption'`;
  return `https://prices.azure.com/api/retail/prices?api-version=2023-01-01-preview&$filter=${encodeURIComponent(filter)}`;
}

interface AzureItem {
  readonly retailPrice?: number;
  readonly armRegionName?: string;
  readonly armSkuName?: string;
  readonly skuName?: string;
  readonly productName?: string;
  readonly serviceName?: string;
  readonly unitOfMeasure?: string;
  readonly type?: string;
  readonly effectiveStartDate?: string;
}

/** Reads one page: Linux prices (on-demand, and Spot from "... Spot" SKUs) and the next page's link. */
export function readAzurePage(doc: unknown): FeedRead & { next?: string } {
  const d = doc as { Items?: AzureItem[]; NextPageLink?: string | null };
  if (!d || typeof d !== "object" || !Array.isArray(d.Items)) throw new Error("not an Azure Retail Prices API page: Items is missing");
  const prices: FeedPrice[] = [];
  let date: string | undefined;
  for (const it of d.Items) {
    if (it.serviceName !== "Virtual Machines" || it.type !== "Consumption" || it.unitOfMeasure !== "1 Hour") continue;
    if (!it.armSkuName || !it.armRegionName || typeof it.retailPrice !== "number" || it.retailPrice <= 0) continue;
    if ((it.productName ?? "").includes("Windows") || (it.skuName ?? "").endsWith("Low Priority")) continue;
    const spot = (it.skuName ?? "").endsWith(" Spot");
    prices.push({ cloud: "azure", region: it.armRegionName, instanceType: it.armSkuName, ...(spot ? { spotHourlyUSD: it.retailPrice } : { onDemandHourlyUSD: it.retailPrice }) });
    const day = it.effectiveStartDate?.slice(0, 10);
    if (day && (!date || day > date)) date = day;
  }
  return { prices, date, next: d.NextPageLink ?? undefined };
}
