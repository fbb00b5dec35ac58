import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { buildCatalog, serializeCatalog } from "../../optimizer/catalog/build";
import { parseCsv } from "../../optimizer/catalog/csv";
import { loadCatalog } from "../../optimizer/catalog";

const SHARED = path.resolve(__dirname, "../../../shared/data");
const SOURCES = path.resolve(__dirname, "../../optimizer/catalog/sources");
// The clouds bill in binary gigabytes under the name GB: a price per GB is a price per GiB.
const gib = (usdPerGB: number) => usdPerGB;

describe("price catalog", () => {
  const catalog = loadCatalog();

  it("is loaded once per process and shared", () => {
    assert.strictEqual(loadCatalog(), catalog);
  });

  it("holds the regions of the three clouds it can price, with location facts and coordinates", () => {
    const byCloud = (c: string) => catalog.regions.filter((r) => r.cloud === c).length;
    // AWS: the 23 regions with a cited EC2 price per family (sources/aws-ec2-prices.csv).
    // GCP: 44 in the source, less me-central2 (its country code SA is also South America's code).
    assert.deepStrictEqual([byCloud("aws"), byCloud("azure"), byCloud("gcp")], [23, 58, 43]);
    assert.strictEqual(catalog.region("gcp", "me-central2"), undefined);
    const continentCodes = new Set(catalog.regions.map((r) => r.continent));
    assert.ok(catalog.regions.every((r) => !continentCodes.has(r.country)), "a country code doubles as a continent code");
    const fra = catalog.region("aws", "eu-central-1")!;
    assert.deepStrictEqual([fra.country, fra.continent, fra.geo, fra.city], ["DE", "EU", "eu-central", "Frankfurt"]);
    assert.ok(Math.abs(fra.latitude - 50.1) < 0.5 && Math.abs(fra.longitude - 8.7) < 0.5, `${fra.latitude},${fra.longitude}`);
    assert.strictEqual(catalog.regionById("europe-west3")!.cloud, "gcp");
    const continents = new Set(catalog.regions.map((r) => r.continent));
    // The Middle East counts as Asia, as the residency policy counts it (policies/lib/regions.ts).
    assert.deepStrictEqual([...continents].sort(), ["AF", "AS", "EU", "NA", "OC", "SA"]);
    for (const r of catalog.regions) {
      assert.ok(Math.abs(r.latitude) <= 90 && Math.abs(r.longitude) <= 180, r.region);
      assert.ok(catalog.sources[r.locationSource].description, `${r.region} lacks a location source`);
    }
    // Sydney lies south of the equator and east of Greenwich.
    const syd = catalog.region("azure", "australiaeast")!;
    assert.ok(syd.latitude < -30 && syd.longitude > 150);
  });

  it("gives each offer its on-demand and spot price and a dated source", () => {
    const o = catalog.offer("aws", "ap-northeast-1", "c7g.large")!;
    assert.deepStrictEqual([o.vcpus, o.memoryGiB, o.onDemandHourlyUSD, o.spotHourlyUSD], [2, 4, 0.091, 0.0428]);
    assert.strictEqual(catalog.sources[o.source].basis, "cited");
    assert.match(catalog.sources[o.source].description, /skypilot-catalog/);
    for (const offer of catalog.offers) {
      const src = catalog.sources[offer.source];
      assert.ok(src && src.date && src.description, `offer ${offer.instanceType} lacks a source`);
      assert.ok(offer.onDemandHourlyUSD > 0, `${offer.instanceType} in ${offer.region} has no price`);
    }
  });

  it("prices EC2 in every AWS region it lists, other sizes derived from a cited size", () => {
    for (const r of catalog.regions.filter((x) => x.cloud === "aws")) {
      assert.ok(catalog.offer("aws", r.region, "m5.xlarge") || catalog.offer("aws", r.region, "m6g.large"), r.region);
    }
    const cited = catalog.offer("aws", "sa-east-1", "m5.xlarge") ?? catalog.offer("aws", "eu-west-1", "m5.xlarge")!;
    const derived = catalog.offer("aws", cited.region, "m5.2xlarge")!;
    assert.strictEqual(catalog.sources[cited.source].basis, "cited");
    assert.strictEqual(catalog.sources[derived.source].basis, "derived");
    assert.ok(Math.abs(derived.onDemandHourlyUSD - 2 * cited.onDemandHourlyUSD) < 1e-6);
    // Previous-generation and burstable families are offered too.
    assert.ok(catalog.offer("aws", "eu-west-1", "t3.medium"));
    assert.ok(catalog.offer("azure", "westeurope", "Standard_D2s_v3"));
    assert.ok(catalog.offer("gcp", "europe-west1", "n1-standard-2"));
  });

  it("has no spot price for Azure B-series v1, as the source has none", () => {
    const b = catalog.offersIn("azure", "eastus").filter((o) => /^Standard_B\d+[a-z]*$/.test(o.instanceType));
    assert.strictEqual(b.length, 10);
    assert.ok(b.every((o) => o.spotHourlyUSD === null && o.category === "burstable"));
  });

  it("takes prices per GB (binary, as the clouds bill) as prices per GiB", () => {
    // S3 Standard in us-east-1 is 0.023 USD per GB-month; EBS gp3 0.08 per GB-month.
    assert.strictEqual(catalog.storagePerGiBMonth("aws", "us-east-1"), 0.023);
    assert.strictEqual(catalog.diskPerGiBMonth("aws", "us-east-1"), 0.08);
    // GCS is quoted per GiB already.
    assert.strictEqual(catalog.storagePerGiBMonth("gcp", "europe-west4"), 0.02);
  });

  it("scales a base-region price by the region's compute price index where no regional price exists, marked assumed", () => {
    assert.strictEqual(catalog.sourceOf("storage", "azure", "eastus").basis, "cited");
    const src = catalog.sourceOf("storage", "azure", "westeurope");
    assert.strictEqual(src.basis, "assumed");
    const index = catalog.priceIndex("azure", "westeurope")!;
    assert.ok(index > 1 && index < 1.5, String(index));
    assert.strictEqual(
      catalog.storagePerGiBMonth("azure", "westeurope"),
      Math.round(catalog.storagePerGiBMonth("azure", "eastus") * index * 1e6) / 1e6,
    );
    assert.strictEqual(catalog.priceIndex("aws", "us-east-1"), 1);
  });

  it("resolves service prices per region: regional rows, index-scaled base rows, global rows", () => {
    const nat = catalog.price("aws.nat.hour", "us-east-1")!;
    assert.deepStrictEqual([nat.tiers, nat.sources[0].basis, nat.scaled], [[[null, 0.045]], "cited", false]);
    const natEu = catalog.price("aws.nat.hour", "eu-west-1")!;
    assert.strictEqual(natEu.sources[0].basis, "assumed");
    assert.ok(Math.abs(natEu.tiers[0][1] - 0.045 * catalog.priceIndex("aws", "eu-west-1")!) < 1e-6);
    const gcpNat = catalog.price("gcp.nat.gateway", "europe-west4")!;
    assert.deepStrictEqual([gcpNat.scaled, gcpNat.sources[0].basis], [false, "cited"]);
    assert.match(gcpNat.sources[0].description, /pricing\.yml/);
    const zone = catalog.price("aws.route53.zone", "ap-south-1")!;
    assert.deepStrictEqual([zone.tiers, zone.scaled], [[[null, 0.5]], false]);
    const queries = catalog.price("aws.route53.queries", "us-east-1")!;
    assert.deepStrictEqual(queries.tiers, [[1000, 0.4], [null, 0.2]]);
    assert.strictEqual(catalog.price("aws.no-such-price", "us-east-1"), undefined);
    assert.strictEqual(catalog.price("aws.nat.hour", "mars-1"), undefined);
    assert.ok(catalog.priceKeys().length > 300);
  });

  it("dates its prices", () => {
    assert.match(catalog.pricesOf, /^20\d\d-\d\d-\d\d$/);
    const newest = catalog.sources.flatMap((s) => s.date.match(/20\d\d-\d\d-\d\d/g) ?? []).sort().pop();
    assert.strictEqual(catalog.pricesOf, newest);
  });

  it("charges nothing within a region, inter-region rates within a cloud, and internet egress across clouds", () => {
    assert.strictEqual(catalog.transferPerGiB("aws", "us-east-1", "aws", "us-east-1"), 0);
    assert.strictEqual(catalog.transferPerGiB("aws", "us-east-1", "aws", "eu-west-1"), gib(0.02));
    assert.strictEqual(catalog.transferPerGiB("aws", "ap-southeast-1", "aws", "us-east-1"), gib(0.09));
    // af-south-1 from the Infracost data-transfer golden: $110.25 for 750 GB.
    assert.strictEqual(catalog.transferPerGiB("aws", "af-south-1", "aws", "eu-west-1"), gib(0.147));
    assert.strictEqual(catalog.transferPerGiB("gcp", "us-east4", "gcp", "us-west1"), 0.02);
    assert.strictEqual(catalog.transferPerGiB("gcp", "us-east4", "gcp", "europe-west4"), 0.08);
    assert.strictEqual(catalog.transferPerGiB("gcp", "asia-east1", "gcp", "asia-northeast1"), 0.08);
    assert.strictEqual(catalog.transferPerGiB("gcp", "southamerica-east1", "gcp", "southamerica-west1"), 0.14);
    assert.strictEqual(catalog.transferPerGiB("gcp", "us-east4", "gcp", "australia-southeast1"), 0.1);
    assert.strictEqual(catalog.transferPerGiB("azure", "westeurope", "azure", "eastus"), gib(0.05));
    assert.strictEqual(catalog.transferPerGiB("azure", "westeurope", "azure", "northeurope"), gib(0.02));
    assert.strictEqual(catalog.transferPerGiB("gcp", "us-east4", "aws", "us-east-1"), catalog.internetEgressPerGiB("gcp", "us-east4"));
    assert.strictEqual(catalog.internetEgressPerGiB("aws", "ap-southeast-1"), gib(0.12));
    assert.strictEqual(catalog.internetEgressPerGiB("gcp", "southamerica-east1"), 0.19);
    assert.throws(() => catalog.transferPerGiB("aws", "us-east-1", "aws", "mars-1"), /no inter-region price for aws:us-east-1>mars-1/);
  });

  it("prices internet egress at least as high as inter-region transfer, except where its source says otherwise", () => {
    const below: string[] = [];
    for (const a of catalog.regions) {
      for (const b of catalog.regions) {
        if (a.cloud !== b.cloud || a.region === b.region) continue;
        if (catalog.internetEgressPerGiB(a.cloud, a.region) < catalog.transferPerGiB(a.cloud, a.region, b.cloud, b.region)) {
          below.push(`${a.region}>${b.region}`);
        }
      }
    }
    // pricing.yml prices internet egress from Tokyo and Osaka at $0.085/GiB, below the $0.10/GiB
    // to Indonesia and Oceania; the traffic model charges the higher of the two, so this is safe.
    assert.ok(below.length > 0 && below.every((p) => /^asia-northeast[12]>(asia-southeast2|australia-southeast[12])$/.test(p)), below.join(" "));
  });

  it("throws a RangeError naming the entry for a region it does not price", () => {
    assert.throws(() => catalog.diskPerGiBMonth("aws", "mars-1"), /no disk price for aws:mars-1/);
  });

  it("parses quoted CSV fields with commas and doubled quotes", () => {
    const rows = parseCsv('a,b\n"x, y","say ""hi"""\n1,\n');
    assert.deepStrictEqual(rows, [
      { a: "x, y", b: 'say "hi"' },
      { a: "1", b: "" },
    ]);
  });

  it("matches a fresh build from the shared price tables byte for byte", function () {
    // CI checks out the shared price data beside the project; a copy without it cannot rebuild.
    if (!fs.existsSync(path.join(SHARED, "vm-prices.csv"))) {
      assert.fail(`shared price data not found at ${SHARED}; cannot verify catalog.json against its sources`);
    }
    this.timeout(60000);
    const rebuilt = serializeCatalog(buildCatalog(SHARED, SOURCES));
    const shipped = fs.readFileSync(path.resolve(__dirname, "../../optimizer/catalog/catalog.json"), "utf8");
    assert.ok(rebuilt === shipped, "catalog.json is stale: run `npm run catalog` and commit the result");
    // Every row of the shared VM table is in the catalog with the same prices.
    const vmRows = parseCsv(fs.readFileSync(path.join(SHARED, "vm-prices.csv"), "utf8"));
    for (const v of vmRows) {
      const o = catalog.offer(v.cloud as never, v.region, v.instance_type);
      assert.ok(o, `${v.cloud}:${v.region} ${v.instance_type} missing`);
      assert.strictEqual(o.onDemandHourlyUSD, Number(v.ondemand_hourly_usd));
    }
  });
});
