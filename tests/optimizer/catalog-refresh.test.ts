// `catalog refresh` without the network: small responses in each feed's documented format (AWS
// Price List bulk offer file, Azure Retail Prices API pages, Cloud Billing Catalog SKU pages),
// read, paged and merged into the catalog.

import * as assert from "assert";
import { CatalogFile, loadCatalog } from "../../optimizer/catalog";
import { readAwsOffer } from "../../optimizer/catalog/refresh/aws";
import { readAzurePage } from "../../optimizer/catalog/refresh/azure";
import { readGcpPage } from "../../optimizer/catalog/refresh/gcp";
import { FeedRequest, refreshCatalog, RefreshError } from "../../optimizer/catalog/refresh";
import { mergeRefresh } from "../../optimizer/catalog/refresh/merge";
import { AWS_OFFER, AZURE_PAGES, GCP_PAGES } from "./catalog-feeds";

const shipped = require("../../optimizer/catalog/catalog.json") as CatalogFile;

describe("catalog refresh", () => {
  it("reads Linux shared-tenancy on-demand prices from an EC2 offer file", () => {
    const r = readAwsOffer(AWS_OFFER);
    assert.deepStrictEqual(r.prices, [{ cloud: "aws", region: "eu-west-1", instanceType: "m5.xlarge", onDemandHourlyUSD: 0.22, vcpus: 4, memoryGiB: 16 }]);
    assert.strictEqual(r.date, "2026-11-02");
    assert.throws(() => readAwsOffer({ products: {} }), /not an AWS Price List offer file/);
  });

  it("reads Linux pay-as-you-go and Spot prices and the next page from the Azure Retail Prices API", () => {
    const p1 = readAzurePage(AZURE_PAGES[0]);
    assert.deepStrictEqual(p1.prices, [{ cloud: "azure", region: "westeurope", instanceType: "Standard_D2s_v5", onDemandHourlyUSD: 0.11 }]);
    assert.match(p1.next!, /\$skip=100/);
    const p2 = readAzurePage(AZURE_PAGES[1]);
    assert.deepStrictEqual(p2.prices, [{ cloud: "azure", region: "westeurope", instanceType: "Standard_D2s_v5", spotHourlyUSD: 0.025 }]);
    assert.strictEqual(p2.next, undefined);
  });

  it("reads per-series core and RAM rates from Cloud Billing Catalog SKUs", () => {
    const p = readGcpPage(GCP_PAGES[0]);
    assert.deepStrictEqual(p.rates, [
      { region: "europe-west4", series: "n2", usage: "ondemand", resource: "core", usd: 0.035 },
      { region: "europe-west4", series: "n2", usage: "ondemand", resource: "ram", usd: 0.0047 },
    ]);
    assert.strictEqual(p.nextPageToken, "p2");
    assert.strictEqual(readGcpPage(GCP_PAGES[1]).rates![0].usage, "spot");
  });

  it("follows every page, updates the catalog's offers with a dated source, and counts what changed", async () => {
    const asked: FeedRequest[] = [];
    const result = await refreshCatalog(shipped, {
      clouds: ["aws", "azure", "gcp"],
      regions: ["eu-west-1", "westeurope", "europe-west4"],
      gcpApiKey: "test-key",
      today: "2026-12-01",
      fetch: async (req) => {
        asked.push(req);
        if (req.cloud === "aws") return AWS_OFFER;
        if (req.cloud === "azure") return AZURE_PAGES[req.page - 1];
        return GCP_PAGES[req.page - 1];
      },
    });
    assert.deepStrictEqual(asked.map((r) => [r.cloud, r.region ?? "", r.page]), [["aws", "eu-west-1", 1], ["azure", "westeurope", 1], ["azure", "westeurope", 2], ["gcp", "", 1], ["gcp", "", 2]]);
    assert.match(asked[3].url, /services\/6F81-5844-456A\/skus\?key=test-key/);
    const f = result.file;
    const offer = (cloud: string, region: string, type: string) => {
      const ri = f.regions.findIndex((r) => r.cloud === cloud && r.region === region);
      const si = f.shapes.findIndex((s) => s[0] === type);
      return f.offers.find((o) => o[0] === ri && o[1] === si)!;
    };
    const before = (o: readonly unknown[]) => shipped.offers.find((x) => x[0] === o[0] && x[1] === o[1])!;
    // The EC2 feed gives on-demand only: the spot price stays as it was.
    const m5 = offer("aws", "eu-west-1", "m5.xlarge");
    assert.deepStrictEqual(m5.slice(2, 4), [0.22, before(m5)[3]]);
    assert.notStrictEqual(before(m5)[2], 0.22);
    assert.deepStrictEqual(offer("azure", "westeurope", "Standard_D2s_v5").slice(2, 4), [0.11, 0.025]);
    // n2-standard-4: 4 vCPU x 0.035 + 16 GiB x 0.0047; spot 4 x 0.009 + 16 x 0.0012.
    assert.deepStrictEqual(offer("gcp", "europe-west4", "n2-standard-4").slice(2, 4), [0.2152, 0.0552]);
    const src = f.sources[offer("gcp", "europe-west4", "n2-standard-4")[4]];
    assert.deepStrictEqual([src.date, src.basis], ["2026-11-02", "cited"]);
    assert.match(src.description, /Cloud Billing Catalog API/);
    assert.strictEqual(f.pricesOf, "2026-11-02" > shipped.pricesOf ? "2026-11-02" : shipped.pricesOf);
    const counts = Object.fromEntries(result.counts.map((c) => [c.cloud, c]));
    assert.strictEqual(counts.aws.updated, 1);
    assert.ok(counts.aws.notInFeed > 100);
    assert.ok(counts.gcp.updated >= 10, JSON.stringify(counts.gcp));
    // Other regions keep their prices and sources.
    assert.deepStrictEqual(offer("aws", "us-east-1", "m5.xlarge"), before(offer("aws", "us-east-1", "m5.xlarge")));
    // The catalog it writes loads as a catalog.
    assert.strictEqual(f.offers.length, shipped.offers.length);
  });

  it("adds a feed type whose shape the catalog knows, and skips one it does not", () => {
    const base: CatalogFile = {
      ...shipped,
      regions: [shipped.regions.find((r) => r.region === "eu-west-1")!],
      shapes: [["m5.large", "m5", "general", "x86_64", 2, 8], ["m5.xlarge", "m5", "general", "x86_64", 4, 16]],
      offers: [[0, 0, 0.107, 0.04, 0]],
    };
    const r = mergeRefresh(base, [{ cloud: "aws", regions: ["eu-west-1"], read: { prices: [
      { cloud: "aws", region: "eu-west-1", instanceType: "m5.large", onDemandHourlyUSD: 0.107 },
      { cloud: "aws", region: "eu-west-1", instanceType: "m5.xlarge", onDemandHourlyUSD: 0.214 },
      { cloud: "aws", region: "eu-west-1", instanceType: "x9.mega", onDemandHourlyUSD: 9 },
    ] } }], { description: "test feed", date: "2030-01-01" });
    assert.deepStrictEqual(r.counts[0], { cloud: "aws", updated: 0, unchanged: 1, added: 1, notInFeed: 0, skipped: 1 });
    assert.deepStrictEqual(r.file.offers, [[0, 0, 0.107, 0.04, 0], [0, 1, 0.214, null, base.sources.length]]);
    assert.strictEqual(r.file.pricesOf, "2030-01-01");
  });

  it("asks for a Google Cloud API key from the environment", async () => {
    await assert.rejects(
      refreshCatalog(shipped, { clouds: ["gcp"], fetch: async () => ({}), today: "2026-12-01" }),
      (e: unknown) => e instanceof RefreshError && /set CLOUDFIT_GCP_API_KEY/.test((e as Error).message),
    );
  });

  it("keeps the shipped catalog loaded unless CLOUDFIT_CATALOG names another", () => {
    assert.strictEqual(loadCatalog().pricesOf, shipped.pricesOf);
  });
});
