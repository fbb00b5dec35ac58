// Network prices of the catalog build: internet egress (first paid tier) per region and
// transfer between two regions of one cloud, per ordered region pair.
//   AWS: per source region from the Infracost data-transfer golden (cost / quantity).
//   GCP: internet egress per region from pricing.yml; between regions by the continent rules of
//        the Infracost VPN golden (within NA or EU, within Asia, within South America, to or from
//        Indonesia and Oceania, between continents).
//   Azure: by zone and continent from shared/data/storage-egress-prices.csv, with the zones and
//        continents it does not list recalled from Azure's bandwidth pricing page.

import * as fs from "fs";
import * as path from "path";
import { perGiB, SourceTable } from "./build-support";
import { parseGolden, unitPrice } from "./golden";
import type { RegionInfo, SourcedRate } from "./types";

/** Inputs of the network price build. */
export interface NetworkInputs {
  readonly sharedDir: string;
  readonly regions: readonly RegionInfo[];
  readonly storageEgressRows: readonly Record<string, string>[];
  /** GCP pricing.yml parsed. */
  readonly gcpPricing: GcpPricingFile;
  readonly sources: SourceTable;
}

/** The parts of pricing.yml the build reads. */
export interface GcpPricingFile {
  readonly compute: {
    readonly storage: Record<string, { cost: Record<string, Record<string, number>> }>;
    readonly network: {
      readonly ip: Record<string, { cost: Record<string, Record<string, number>> }>;
      readonly nat: Record<string, { cost: Record<string, Record<string, number>> }>;
      readonly vpn: Record<string, { cost: Record<string, Record<string, number>> }>;
      readonly traffic: { egress: { internet: { cost: Record<string, Record<string, { month: number }>> } } };
    };
  };
  readonly storage: { bucket: Record<string, { cost: Record<string, { month: number }> }> };
}

/** Per-region AWS transfer prices read from the Infracost data-transfer golden. */
function awsTransfer(sharedDir: string): Map<string, { internet: number; interRegion: number }> {
  const file = path.join(sharedDir, "prices", "infracost-goldens", "aws", "data_transfer_test", "data_transfer_test.golden");
  const out = new Map<string, { internet: number; interRegion: number }>();
  for (const r of parseGolden(fs.readFileSync(file, "utf8"))) {
    const region = r.name.replace(/^aws_data_transfer\./, "");
    const find = (prefix: string) => r.components.find((c) => c.path[c.path.length - 1].startsWith(prefix));
    const net = find("Outbound data transfer to Internet (first 10TB)");
    const inter = find("Outbound data transfer to other regions");
    if (net && inter) out.set(region, { internet: unitPrice(net), interRegion: unitPrice(inter) });
  }
  return out;
}

/** Countries of the Middle East, which the region table counts as Asia. */
const MIDDLE_EAST = new Set(["AE", "BH", "IL", "KW", "OM", "QA", "SA"]);

/**
 * Azure's internet egress zone of a region: 1 for North America and Europe, 2 for Asia and
 * Oceania, 3 for South America, Africa and the Middle East.
 */
export function azureZone(r: Pick<RegionInfo, "continent" | "country">): 1 | 2 | 3 {
  if (r.continent === "NA" || r.continent === "EU") return 1;
  if ((r.continent === "AS" && !MIDDLE_EAST.has(r.country)) || r.continent === "OC") return 2;
  return 3;
}

/** Builds the internet egress and inter-region tables for every region. */
export function buildNetwork(input: NetworkInputs): {
  internetEgress: Record<string, SourcedRate>;
  interRegion: Record<string, SourcedRate>;
} {
  const { regions, sources, storageEgressRows: rows } = input;
  const golden = awsTransfer(input.sharedDir);
  const goldenSrc = sources.byId("golden-aws-data-transfer", "cited");
  const sharedSrc = (r: Record<string, string>) => sources.add(`${r.product} (${r.scope}): ${r.source}`, datedSource(r.source), r.basis);
  const sharedRow = (kind: string, cloud: string, scope: string) => {
    const row = rows.find((x) => x.kind === kind && x.cloud === cloud && x.scope.startsWith(scope) && Number(x.usd_per_gb) > 0);
    if (!row) throw new Error(`storage-egress-prices.csv has no ${kind} row for ${cloud} "${scope}"`);
    return row;
  };
  const azureRecalled = sources.byId("azure-pricing-pages", "recalled", "bandwidth pricing");
  const internetEgress: Record<string, SourcedRate> = {};
  const gcpEgress = input.gcpPricing.compute.network.traffic.egress.internet.cost["0-1"];
  const cyclenerd = sources.byId("cyclenerd-pricing", "cited", "compute.network.traffic.egress.internet 0-1 TiB tier");
  for (const reg of regions) {
    const key = `${reg.cloud}:${reg.region}`;
    if (reg.cloud === "aws") {
      const g = golden.get(reg.region);
      if (g) internetEgress[key] = { usdPerGiB: perGiB(g.internet, "GB"), source: goldenSrc };
      else {
        const row = sharedRow("egress_internet", "aws", "US/EU");
        internetEgress[key] = { usdPerGiB: perGiB(Number(row.usd_per_gb), row.unit), source: sharedSrc(row) };
      }
    } else if (reg.cloud === "gcp") {
      const price = gcpEgress[reg.region]?.month;
      if (price !== undefined) internetEgress[key] = { usdPerGiB: price, source: cyclenerd };
      else {
        // A region pricing.yml does not list takes the price of the same-continent region it names first.
        const twin = regions.find((r) => r.cloud === "gcp" && r.continent === reg.continent && gcpEgress[r.region]);
        if (!twin) throw new Error(`pricing.yml has no internet egress price for gcp:${reg.region} nor its continent`);
        internetEgress[key] = {
          usdPerGiB: gcpEgress[twin.region].month,
          source: sources.byId("cyclenerd-pricing", "assumed", `internet egress of ${twin.region} (the file lists none for ${reg.region})`),
        };
      }
    } else {
      const zone = azureZone(reg);
      if (zone === 3) internetEgress[key] = { usdPerGiB: perGiB(0.181, "GB"), source: azureRecalled };
      else {
        const row = sharedRow("egress_internet", "azure", zone === 1 ? "Zone 1" : "Zone 2");
        internetEgress[key] = { usdPerGiB: perGiB(Number(row.usd_per_gb), row.unit), source: sharedSrc(row) };
      }
    }
  }

  const gcpRule = sources.byId("golden-google", "cited", "compute_vpn_gateway_test: IPSec traffic rules by continent");
  const gcpAssumed = sources.byId("golden-google", "assumed", "Middle East and Africa priced as between continents");
  const interRegion: Record<string, SourcedRate> = {};
  for (const a of regions) {
    for (const b of regions) {
      if (a.cloud !== b.cloud || a.region === b.region) continue;
      const key = `${a.cloud}:${a.region}>${b.region}`;
      if (a.cloud === "aws") {
        const g = golden.get(a.region);
        if (g) interRegion[key] = { usdPerGiB: perGiB(g.interRegion, "GB"), source: goldenSrc };
        else {
          const row = sharedRow("inter_region", "aws", a.continent === "AS" ? "Asia source" : "NA or EU source");
          interRegion[key] = { usdPerGiB: perGiB(Number(row.usd_per_gb), row.unit), source: sharedSrc(row) };
        }
      } else if (a.cloud === "gcp") {
        const oceania = (r: RegionInfo) => r.continent === "OC" || r.country === "ID";
        let usd: number;
        let src = gcpRule;
        if (oceania(a) || oceania(b)) usd = 0.1;
        else if (a.continent === b.continent && (a.continent === "NA" || a.continent === "EU")) usd = 0.02;
        else if (a.continent === b.continent && a.continent === "AS") usd = 0.08;
        else if (a.continent === b.continent && a.continent === "SA") usd = 0.14;
        else {
          usd = 0.08;
          if (a.continent === b.continent) src = gcpAssumed;
        }
        interRegion[key] = { usdPerGiB: usd, source: src };
      } else {
        interRegion[key] = azureInterRegion(a, b, sharedRow, sharedSrc, azureRecalled);
      }
    }
  }
  return { internetEgress, interRegion };
}

function azureInterRegion(
  a: RegionInfo,
  b: RegionInfo,
  sharedRow: (kind: string, cloud: string, scope: string) => Record<string, string>,
  sharedSrc: (r: Record<string, string>) => number,
  recalled: number,
): SourcedRate {
  const fromShared = (scope: string): SourcedRate => {
    const row = sharedRow("inter_region", "azure", scope);
    return { usdPerGiB: perGiB(Number(row.usd_per_gb), row.unit), source: sharedSrc(row) };
  };
  if (a.continent === "NA" || a.continent === "EU") {
    return a.continent === b.continent ? fromShared("within NA or within EU") : fromShared("NA/EU source to other continent");
  }
  const zone = azureZone(a);
  if (zone === 2 && a.continent === "AS") return fromShared("Asia source");
  if (zone === 2) return { usdPerGiB: perGiB(0.08, "GB"), source: recalled };
  // South America, Africa and the Middle East.
  return { usdPerGiB: perGiB(0.16, "GB"), source: recalled };
}

/** The ISO date (or year) a free-text source names, or "undated". */
export function datedSource(source: string): string {
  const m = /(20\d\d-\d\d-\d\d)/.exec(source);
  return m ? m[1] : (/\b(20\d\d)\b/.exec(source)?.[1] ?? "undated");
}
