// Reader of the AWS Price List bulk API offer file for Amazon EC2 in one region
// (https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/<region>/index.json):
// Linux, shared-tenancy, no pre-installed software, "Used" capacity on-demand prices.

import type { FeedPrice, FeedRead } from "./types";

/** The bulk offer file URL of Amazon EC2 in a region. */
export function awsOfferUrl(region: string): string {
  return `https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/${region}/index.json`;
}

interface AwsProduct {
  readonly productFamily?: string;
  readonly attributes?: Record<string, string>;
}

interface AwsTerm {
  readonly priceDimensions?: Record<string, { unit?: string; pricePerUnit?: { USD?: string } }>;
}

/** Reads the on-demand Linux instance prices of an EC2 offer file. */
export function readAwsOffer(doc: unknown): FeedRead {
  const d = doc as { products?: Record<string, AwsProduct>; terms?: { OnDemand?: Record<string, Record<string, AwsTerm>> }; publicationDate?: string };
  if (!d || typeof d !== "object" || !d.products || !d.terms) {
    throw new Error("not an AWS Price List offer file: products or terms is missing");
  }
  const prices: FeedPrice[] = [];
  for (const [sku, p] of Object.entries(d.products)) {
    const a = p.attributes ?? {};
    if (p.productFamily !== "Compute Instance" || a.operatingSystem !== "Linux" || a.tenancy !== "Shared") continue;
    if ((a.preInstalledSw ?? "NA") !== "NA" || (a.capacitystatus ?? "Used") !== "Used" || !a.regionCode || !a.instanceType) continue;
    for (const term of Object.values(d.terms.OnDemand?.[sku] ?? {})) {
      for (const dim of Object.values(term.priceDimensions ?? {})) {
        const usd = Number(dim.pricePerUnit?.USD);
        if (dim.unit !== "Hrs" || !Number.isFinite(usd) || usd <= 0) continue;
        prices.push({
          cloud: "aws",
          region: a.regionCode,
          instanceType: a.instanceType,
          onDemandHourlyUSD: usd,
          vcpus: Number(a.vcpu) || undefined,
          memoryGiB: Number((a.memory ?? "").replace(/[^\d.]/g, "")) || undefined,
        });
      }
    }
  }
  return { prices, date: d.publicationDate?.slice(0, 10) };
}
