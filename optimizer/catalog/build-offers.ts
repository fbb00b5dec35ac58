// Azure and GCP VM offers of the catalog build, from the all-region tables in
// shared/data/prices/vms (anycloud-sh/catalog, 2026-05-20): CPU-only general-purpose, compute,
// memory and burstable families, current and previous generations. The rows of
// shared/data/vm-prices.csv (same source and date) are checked against them.

import * as fs from "fs";
import * as path from "path";
import type { Cloud } from "../spec";
import { round6, SourceTable } from "./build-support";

/** One offer before region indexes are assigned. */
export interface OfferDraft {
  readonly cloud: Cloud;
  readonly region: string;
  readonly instanceType: string;
  readonly family: string;
  readonly category: string;
  readonly arch: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly onDemand: number;
  readonly spot: number | null;
  readonly source: number;
}

/** Splits a VM table line; the last column may hold unquoted commas ("V1,V2"), so it takes the rest. */
function splitVmLine(line: string, columns: number): string[] {
  const cells = line.split(",");
  return [...cells.slice(0, columns - 1), cells.slice(columns - 1).join(",")];
}

function readVmTable(file: string): Record<string, string>[] {
  if (!fs.existsSync(file)) {
    throw new Error(`Cannot build the catalog: ${file} is missing. To fix: check out the shared price data beside the project.`);
  }
  const [head, ...lines] = fs.readFileSync(file, "utf8").trim().split(/\r?\n/);
  const header = head.split(",");
  return lines.map((l) => {
    const cells = splitVmLine(l, header.length);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]));
  });
}

/** Shape class from memory per vCPU: compute (<= 2 GiB), general (<= 4.5 GiB), memory above. */
function categoryOf(vcpus: number, memoryGiB: number): string {
  const r = memoryGiB / vcpus;
  return r <= 2.01 ? "compute" : r <= 4.5 ? "general" : "memory";
}

/**
 * Azure family of a size name, or undefined for sizes outside the catalog (GPU, confidential,
 * isolated, constrained-vCPU, promo, HPC, storage- and large-memory series, first-generation D/E/F).
 */
export function azureFamily(name: string): { family: string; burstable: boolean; arm: boolean } | undefined {
  const m = /^Standard_([A-Z]+)(\d+)([a-z]*)(?:_v(\d+))?$/.exec(name);
  if (!m) return undefined;
  const [, series, , suffix, v] = m;
  const version = Number(v ?? "1");
  if (/[ib]/.test(suffix)) return undefined;
  const ok =
    (series === "A" && version === 2) ||
    series === "B" ||
    (series === "DS" && version === 2) ||
    (series === "D" && version >= 2) ||
    (series === "E" && version >= 3) ||
    (series === "F" && version >= 2);
  if (!ok) return undefined;
  // B-series v1 sizes are one family as the shared table names it.
  const family = series === "B" && version === 1 ? "Bsv1" : `${series}${suffix}v${version}`;
  return { family, burstable: series === "B", arm: suffix.includes("p") };
}

/** Every Azure offer of the catalog's families in every region of the table. */
export function buildAzureOffers(sharedDir: string, sources: SourceTable): OfferDraft[] {
  const src = sources.byId("anycloud-catalog", "cited");
  const out: OfferDraft[] = [];
  for (const r of readVmTable(path.join(sharedDir, "prices", "vms", "azure-vms.csv"))) {
    if (r.AcceleratorName || r.AcceleratorCount) continue;
    const fam = azureFamily(r.InstanceType);
    if (!fam || r.Price === "" || Number(r.Price) <= 0) continue;
    const vcpus = Number(r.vCPUs);
    const memoryGiB = Number(r.MemoryGiB);
    out.push({
      cloud: "azure",
      region: r.Region,
      instanceType: r.InstanceType,
      family: fam.family,
      category: fam.burstable ? "burstable" : categoryOf(vcpus, memoryGiB),
      arch: fam.arm ? "arm64" : "x86_64",
      vcpus,
      memoryGiB,
      onDemand: Number(r.Price),
      spot: r.SpotPrice === "" ? null : Number(r.SpotPrice),
      source: src,
    });
  }
  return out;
}

/** GCP machine series in the catalog, with their category rule and architecture. */
const GCP_SERIES = /^(e2|n1|n2|n2d|n4|c2|c2d|c3|c3d|c4|c4d|t2d|t2a)-(standard|highmem|highcpu)-(\d+)$/;
/** Shared-core GCP machines: family and category. */
const GCP_SHARED: Record<string, string> = {
  "e2-micro": "e2-shared",
  "e2-small": "e2-shared",
  "e2-medium": "e2-shared",
  "f1-micro": "n1-shared",
  "g1-small": "n1-shared",
};

/** GCP family of a machine type (e.g. n2-highmem), or undefined outside the catalog. */
export function gcpFamily(name: string): { family: string; burstable: boolean; arm: boolean } | undefined {
  if (GCP_SHARED[name]) return { family: GCP_SHARED[name], burstable: true, arm: false };
  const m = GCP_SERIES.exec(name);
  if (!m) return undefined;
  return { family: `${m[1]}-${m[2]}`, burstable: false, arm: m[1] === "t2a" };
}

/** Every GCP offer of the catalog's series: on-demand per region, spot = minimum over its zones. */
export function buildGcpOffers(sharedDir: string, sources: SourceTable): OfferDraft[] {
  const src = sources.byId("anycloud-catalog", "cited");
  const byKey = new Map<string, { row: Record<string, string>; spot: number | null }>();
  const file = path.join(sharedDir, "prices", "vms", "gcp-vms.csv");
  for (const r of readVmTable(file)) {
    if (!r.InstanceType || !gcpFamily(r.InstanceType) || r.AcceleratorName) continue;
    const key = `${r.Region}|${r.InstanceType}`;
    const spot = r.SpotPrice === "" ? null : Number(r.SpotPrice);
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, { row: r, spot });
      continue;
    }
    if (prev.row.Price !== r.Price) {
      throw new Error(`${file}: ${key} has on-demand ${prev.row.Price} in one zone and ${r.Price} in another`);
    }
    if (spot !== null && (prev.spot === null || spot < prev.spot)) prev.spot = spot;
  }
  const out: OfferDraft[] = [];
  for (const { row: r, spot } of byKey.values()) {
    const fam = gcpFamily(r.InstanceType)!;
    const vcpus = Number(r.vCPUs);
    const memoryGiB = Number(r.MemoryGiB);
    const tier = /-(standard|highmem|highcpu)-/.exec(r.InstanceType)?.[1];
    out.push({
      cloud: "gcp",
      region: r.Region,
      instanceType: r.InstanceType,
      family: fam.family,
      category: fam.burstable
        ? "burstable"
        : tier === "highcpu"
          ? "compute"
          : tier === "highmem"
            ? "memory"
            : tier === "standard" && fam.family.startsWith("c2-")
              ? categoryOf(vcpus, memoryGiB)
              : "general",
      arch: fam.arm ? "arm64" : "x86_64",
      vcpus,
      memoryGiB,
      onDemand: Number(r.Price),
      spot: spot === null ? null : round6(spot),
      source: src,
    });
  }
  return out;
}

/**
 * Checks the Azure and GCP rows of shared/data/vm-prices.csv against the offers built from the
 * all-region tables: same source, so every row must be present with the same prices and shape.
 */
export function checkSharedRows(offers: readonly OfferDraft[], vmRows: readonly Record<string, string>[]): void {
  const byKey = new Map(offers.map((o) => [`${o.cloud}:${o.region}:${o.instanceType}`, o]));
  for (const v of vmRows) {
    if (v.cloud === "aws") continue;
    const o = byKey.get(`${v.cloud}:${v.region}:${v.instance_type}`);
    const where = `vm-prices.csv ${v.cloud}:${v.region} ${v.instance_type}`;
    if (!o) throw new Error(`${where} has no counterpart in shared/data/prices/vms`);
    const spot = v.spot_hourly_usd === "" ? null : Number(v.spot_hourly_usd);
    const same =
      Math.abs(o.onDemand - Number(v.ondemand_hourly_usd)) < 1e-9 &&
      (spot === null ? o.spot === null : o.spot !== null && Math.abs(o.spot - spot) < 1e-6) &&
      o.vcpus === Number(v.vcpus) &&
      o.memoryGiB === Number(v.memory_gib) &&
      o.family === v.family &&
      o.category === v.category &&
      o.arch === v.arch;
    if (!same) throw new Error(`${where} differs from the all-region table: ${JSON.stringify(o)}`);
  }
}
