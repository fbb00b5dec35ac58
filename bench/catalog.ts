// Benchmark of the price catalog and of resource pricing: the shipped file's size (raw and
// gzipped), the time to parse and index it, to materialize every offer, to resolve service
// prices, and to price a stack of 10,000 resources. Run directly with `npx ts-node bench/catalog.ts`.

import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { Catalog, CatalogFile } from "../optimizer/catalog";
import { estimateCosts } from "../optimizer/pricing";
import type { PricingResource } from "../optimizer/pricing/types";

/** What the catalog benchmark measured. */
export interface CatalogBenchResult {
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly regions: number;
  readonly offers: number;
  readonly servicePrices: number;
  /** Median over runs of reading, parsing and indexing the file, in ms of wall time. */
  readonly loadMs: number;
  /** The same in ms of this process's CPU time (what a shared, loaded machine does not inflate). */
  readonly loadCpuMs: number;
  /** Median of materializing every offer of every region, in ms. */
  readonly allOffersMs: number;
  /** Median of resolving every service price in every region, in ms, and how many resolutions. */
  readonly priceLookupsMs: number;
  readonly priceLookups: number;
  /** Median of pricing `resources` resources with estimateCosts, in ms. */
  readonly estimateMs: number;
  readonly resources: number;
  readonly runs: number;
}

const FILE = path.resolve(__dirname, "../optimizer/catalog/catalog.json");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** A mixed stack of `n` resources across the three clouds (instances, groups, disks, buckets, NAT, free types). */
export function benchResources(n: number): PricingResource[] {
  const provider = (cloud: string, region: string) => ({ type: `pulumi:providers:${cloud}`, props: { region } });
  const unit: Omit<PricingResource, "urn" | "name">[] = [
    { type: "aws:ec2/instance:Instance", props: { instanceType: "m7i.large", rootBlockDevice: { volumeSize: 20, volumeType: "gp3" } }, provider: provider("aws", "us-east-1") },
    { type: "aws:ec2/natGateway:NatGateway", props: {}, provider: provider("aws", "eu-west-1") },
    { type: "aws:s3/bucket:Bucket", props: { tags: { "cloudfit-storage-gib": "100" } }, provider: provider("aws", "us-west-2") },
    { type: "aws:ec2/securityGroup:SecurityGroup", props: {}, provider: provider("aws", "us-east-1") },
    { type: "azure-native:compute:VirtualMachineScaleSet", props: { location: "westeurope", sku: { name: "Standard_D2s_v5", capacity: 2 }, virtualMachineProfile: { storageProfile: { osDisk: { diskSizeGB: 30 } } } } },
    { type: "azure-native:storage:StorageAccount", props: { location: "eastus", sku: { name: "Standard_LRS" }, tags: { "cloudfit-storage-gib": "50" } } },
    { type: "gcp:compute/instance:Instance", props: { machineType: "n2-standard-4", zone: "europe-west4-a", bootDisk: { initializeParams: { size: 50, type: "pd-balanced" } } } },
    { type: "gcp:storage/bucket:Bucket", props: { location: "US-CENTRAL1", labels: { "cloudfit-storage-gib": "500" } } },
    { type: "gcp:compute/firewall:Firewall", props: {} },
    { type: "random:index/randomId:RandomId", props: {} },
  ];
  return Array.from({ length: n }, (_, i) => ({ ...unit[i % unit.length], urn: `urn:bench:${i}`, name: `r${i}` }));
}

/** Measures the catalog and pricing over `runs` runs. */
export function benchCatalog(runs = 5, resources = 10_000): CatalogBenchResult {
  const raw = fs.readFileSync(FILE);
  const loads: number[] = [];
  const cpu: number[] = [];
  let catalog: Catalog | undefined;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    catalog = new Catalog(JSON.parse(fs.readFileSync(FILE, "utf8")) as CatalogFile);
    const c = process.cpuUsage(c0);
    loads.push(ms(t));
    cpu.push((c.user + c.system) / 1000);
  }
  const offerTimes: number[] = [];
  const lookupTimes: number[] = [];
  const estimateTimes: number[] = [];
  let lookups = 0;
  let offers = 0;
  const stack = benchResources(resources);
  for (let i = 0; i < runs; i++) {
    const c = new Catalog(JSON.parse(raw.toString("utf8")) as CatalogFile);
    let t = process.hrtime.bigint();
    offers = c.offers.length;
    offerTimes.push(ms(t));
    t = process.hrtime.bigint();
    lookups = 0;
    for (const key of c.priceKeys()) {
      for (const r of c.regions) {
        if (!key.startsWith(`${r.cloud}.`)) continue;
        c.price(key, r.region);
        lookups++;
      }
    }
    lookupTimes.push(ms(t));
    t = process.hrtime.bigint();
    estimateCosts(stack, {}, c);
    estimateTimes.push(ms(t));
  }
  return {
    bytes: raw.length,
    gzipBytes: zlib.gzipSync(raw).length,
    regions: catalog!.regions.length,
    offers,
    servicePrices: catalog!.priceKeys().length,
    loadMs: median(loads),
    loadCpuMs: median(cpu),
    allOffersMs: median(offerTimes),
    priceLookupsMs: median(lookupTimes),
    priceLookups: lookups,
    estimateMs: median(estimateTimes),
    resources,
    runs,
  };
}

/** The benchmark as lines for people. */
export function renderCatalogBench(r: CatalogBenchResult): string {
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(2)} MiB`;
  return [
    "",
    "Price catalog and resource pricing",
    `  catalog.json: ${mb(r.bytes)} (${mb(r.gzipBytes)} gzipped); ${r.regions} regions, ${r.offers.toLocaleString("en-US")} offers, ${r.servicePrices} service prices`,
    `  read, parse and index: ${r.loadMs.toFixed(1)} ms wall, ${r.loadCpuMs.toFixed(1)} ms CPU (median of ${r.runs}; target < 150 ms)`,
    `  every offer materialized: ${r.allOffersMs.toFixed(1)} ms; ${r.priceLookups.toLocaleString("en-US")} service price resolutions: ${r.priceLookupsMs.toFixed(1)} ms`,
    `  ${r.resources.toLocaleString("en-US")} resources priced: ${r.estimateMs.toFixed(1)} ms (${Math.round((r.resources / r.estimateMs) * 1000).toLocaleString("en-US")} resources/s)`,
    "",
  ].join("\n");
}

if (require.main === module) process.stdout.write(renderCatalogBench(benchCatalog()));
