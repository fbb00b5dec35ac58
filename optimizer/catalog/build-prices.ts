// Region-level prices of the catalog build: the compute price index of every region, object
// storage and block disk per region (what the optimizer charges), and the service price table
// (sources/prices-*.csv plus GCP's per-region prices from pricing.yml).

import * as path from "path";
import { num, perGiB, readCsv, round6, SourceTable } from "./build-support";
import type { GcpPricingFile } from "./build-network";
import { datedSource } from "./build-network";
import type { OfferDraft } from "./build-offers";
import type { PriceRow, PriceScope, PriceTier, RegionInfo, ServicePrice, SourcedPrice } from "./types";

/** Base region of each cloud: index 1, and the region "*" rows of the price table are quoted for. */
export const BASE_REGION: Record<string, string> = { aws: "us-east-1", azure: "eastus", gcp: "us-central1" };

/** Instance types whose on-demand price ratios to the base region make up a region's price index. */
const INDEX_TYPES: Record<string, readonly string[]> = {
  aws: ["m5.xlarge", "c5.xlarge", "r5.xlarge", "m6i.large", "m6g.large", "c6g.xlarge", "r6g.xlarge", "t3.medium"],
  azure: ["Standard_D2s_v5", "Standard_D2as_v5", "Standard_E2s_v5", "Standard_F2s_v2", "Standard_D2s_v3", "Standard_B2s"],
  gcp: ["n2-standard-2", "e2-standard-2", "n1-standard-2", "n2d-standard-2", "c3-standard-4", "n4-standard-2"],
};

/**
 * The compute price index of every region that has offers: the geometric mean, over the
 * reference types both regions offer, of the region's on-demand price divided by the base's.
 */
export function buildPriceIndex(offers: readonly OfferDraft[], sources: SourceTable): Record<string, [number, number]> {
  const price = new Map(offers.map((o) => [`${o.cloud}:${o.region}:${o.instanceType}`, o.onDemand]));
  const regions = [...new Set(offers.map((o) => `${o.cloud}:${o.region}`))].sort();
  const out: Record<string, [number, number]> = {};
  for (const key of regions) {
    const [cloud, region] = key.split(":");
    const logs: number[] = [];
    const used: string[] = [];
    const ratio = (t: string) => {
      const here = price.get(`${key}:${t}`);
      const base = price.get(`${cloud}:${BASE_REGION[cloud]}:${t}`);
      if (here && base) {
        logs.push(Math.log(here / base));
        used.push(t);
      }
    };
    INDEX_TYPES[cloud].forEach(ratio);
    // A region offering none of the reference types is indexed over every type it shares with the base.
    if (logs.length === 0) {
      offers.filter((o) => `${o.cloud}:${o.region}` === key).forEach((o) => ratio(o.instanceType));
    }
    if (logs.length === 0) throw new Error(`no reference instance type to index ${key} against ${BASE_REGION[cloud]}`);
    const factor = round6(Math.exp(logs.reduce((s, x) => s + x, 0) / logs.length));
    const src = sources.add(
      `compute price index of ${region}: geometric mean of on-demand price ratios to ${BASE_REGION[cloud]} over ${used.join(", ")} (catalog offers)`,
      "2026",
      region === BASE_REGION[cloud] ? "cited" : "derived",
    );
    out[key] = [factor, src];
  }
  return out;
}

/** Inputs of the storage and disk tables. */
export interface RegionPriceInputs {
  readonly regions: readonly RegionInfo[];
  readonly storageEgressRows: readonly Record<string, string>[];
  readonly supplementRows: readonly Record<string, string>[];
  readonly gcpPricing: GcpPricingFile;
  readonly priceIndex: Record<string, [number, number]>;
  readonly sources: SourceTable;
}

/**
 * Object storage (first tier of the standard class) and block disk (the components' disk type)
 * per region: cited rows first, pricing.yml for GCP, and elsewhere the base region's price
 * scaled by the region's compute price index (basis "assumed").
 */
export function buildStorageAndDisk(input: RegionPriceInputs): {
  storage: Record<string, SourcedPrice>;
  disk: Record<string, SourcedPrice>;
} {
  const { regions, sources, priceIndex } = input;
  const storage: Record<string, SourcedPrice> = {};
  const disk: Record<string, SourcedPrice> = {};
  for (const r of input.storageEgressRows.filter((x) => x.kind === "storage" && x.cloud !== "gcp")) {
    storage[`${r.cloud}:${r.scope}`] = {
      usdPerGiBMonth: perGiB(Number(r.usd_per_gb), r.unit),
      source: sources.add(`${r.product}: ${r.source}`, datedSource(r.source), r.basis),
    };
  }
  for (const r of input.supplementRows) {
    if (r.kind !== "disk" || r.cloud === "gcp") throw new Error(`disk-storage-supplement.csv: unexpected row ${r.kind} ${r.cloud}`);
    disk[`${r.cloud}:${r.region}`] = {
      usdPerGiBMonth: perGiB(Number(r.usd_per_unit), r.unit),
      source: sources.add(`${r.product}: ${r.source}`, datedSource(r.source), r.basis),
    };
  }
  const yml = input.gcpPricing;
  const gcsSrc = sources.byId("cyclenerd-pricing", "cited", "storage.bucket.standard (Cloud Storage Standard, regional, per GiB-month)");
  const pdSrc = sources.byId("cyclenerd-pricing", "cited", "compute.storage.balanced (pd-balanced, per GiB-month)");
  for (const reg of regions.filter((r) => r.cloud === "gcp")) {
    const s = yml.storage.bucket.standard.cost[reg.region]?.month;
    if (s !== undefined) storage[`gcp:${reg.region}`] = { usdPerGiBMonth: s, source: gcsSrc };
    const d = yml.compute.storage.balanced.cost[reg.region]?.month;
    if (d !== undefined) disk[`gcp:${reg.region}`] = { usdPerGiBMonth: d, source: pdSrc };
  }
  for (const table of [storage, disk]) {
    for (const reg of regions) {
      const key = `${reg.cloud}:${reg.region}`;
      if (table[key]) continue;
      const baseKey = `${reg.cloud}:${BASE_REGION[reg.cloud]}`;
      const base = table[baseKey];
      const idx = priceIndex[key];
      if (!base || !idx) throw new Error(`cannot price ${key}: no price for ${baseKey} or no price index`);
      const b = sources.entries[base.source];
      table[key] = {
        usdPerGiBMonth: round6(base.usdPerGiBMonth * idx[0]),
        source: sources.add(
          `${baseKey} price scaled by the region's compute price index ${idx[0]} (no collected price for ${key}): ${b.description}`,
          b.date,
          "assumed",
        ),
      };
    }
  }
  return { storage, disk };
}

/** Reads the service price rows of sources/prices-{aws,azure,gcp}.csv into price entries. */
export function readServicePrices(sourcesDir: string, sources: SourceTable): Record<string, ServicePrice> {
  const groups = new Map<string, { unit: string; scope: PriceScope; rows: Map<string, [PriceTier, number][]> }>();
  for (const cloud of ["aws", "azure", "gcp"]) {
    const file = path.join(sourcesDir, `prices-${cloud}.csv`);
    readCsv(file).forEach((r, i) => {
      const where = `${file} row ${i + 2}`;
      if (!r.key.startsWith(`${cloud}.`)) throw new Error(`${where}: key ${r.key} must start with "${cloud}."`);
      if (!["global", "regional", "index"].includes(r.scope)) throw new Error(`${where}: unknown scope ${r.scope}`);
      let g = groups.get(r.key);
      if (!g) groups.set(r.key, (g = { unit: r.unit, scope: r.scope as PriceScope, rows: new Map() }));
      if (g.unit !== r.unit || g.scope !== r.scope) throw new Error(`${where}: ${r.key} mixes units or scopes`);
      const tiers = g.rows.get(r.region) ?? g.rows.set(r.region, []).get(r.region)!;
      const upto = r.upto === "" ? null : num(r, "upto", where);
      tiers.push([[upto, num(r, "usd", where)], sources.byId(r.source, r.basis, r.note)]);
    });
  }
  const out: Record<string, ServicePrice> = {};
  for (const [key, g] of groups) {
    const rows: Record<string, PriceRow> = {};
    for (const [region, list] of g.rows) {
      // Tiers rise; only the last may be unbounded (a bounded last tier prices nothing above it).
      list.forEach(([[upto]], i) => {
        const last = i === list.length - 1;
        const prev = i > 0 ? list[i - 1][0][0] : 0;
        if ((upto === null && !last) || prev === null || (upto !== null && upto <= prev)) {
          throw new Error(`${key} ${region}: tiers must rise, and only the last may have an empty upto`);
        }
      });
      rows[region] = { tiers: list.map(([t]) => t), sources: list.map(([, s]) => s) };
    }
    out[key] = { unit: g.unit, scope: g.scope, rows };
  }
  return out;
}

/** GCP prices given per region in pricing.yml: disks, IPs, NAT, VPN, buckets and internet egress. */
export function gcpRegionalPrices(yml: GcpPricingFile, sources: SourceTable): Record<string, ServicePrice> {
  const out: Record<string, ServicePrice> = {};
  const flat = (key: string, unit: string, cost: Record<string, Record<string, number>>, field: string, what: string) => {
    const src = sources.byId("cyclenerd-pricing", "cited", what);
    const rows: Record<string, PriceRow> = {};
    for (const [region, v] of Object.entries(cost)) {
      if (typeof v[field] === "number") rows[region] = { tiers: [[null, v[field]]], sources: [src] };
    }
    rows["*"] = rows[BASE_REGION.gcp];
    out[key] = { unit, scope: "index", rows };
  };
  const disks: Record<string, string> = {
    balanced: "pd-balanced",
    ssd: "pd-ssd",
    hdd: "pd-standard",
    extreme: "pd-extreme",
    "hyperdisk-extreme": "hyperdisk-extreme",
    local: "local-ssd",
    snapshot: "snapshot",
    "balanced-replicated": "pd-balanced-regional",
    "ssd-replicated": "pd-ssd-regional",
    "hdd-replicated": "pd-standard-regional",
  };
  for (const [name, id] of Object.entries(disks)) {
    flat(`gcp.disk.${id}`, "GiB-month", yml.compute.storage[name].cost, "month", `compute.storage.${name}`);
  }
  const net = yml.compute.network;
  flat("gcp.ip.vm", "hour", net.ip.vm.cost, "hour", "compute.network.ip.vm (external IPv4 in use)");
  flat("gcp.ip.unused", "hour", net.ip.unused.cost, "hour", "compute.network.ip.unused (reserved, unused)");
  flat("gcp.nat.gateway", "hour", net.nat.gateway.cost, "hour", "compute.network.nat.gateway");
  flat("gcp.nat.gb", "GiB processed", net.nat.data.cost, "month", "compute.network.nat.data");
  flat("gcp.vpn.tunnel", "hour", net.vpn.tunnel.cost, "hour", "compute.network.vpn.tunnel");
  const classes: Record<string, string> = { standard: "standard", nearline: "nearline", coldline: "coldline", archiv: "archive" };
  for (const [name, id] of Object.entries(classes)) {
    const cost: Record<string, Record<string, number>> = {};
    for (const suffix of ["", "-dual", "-multi"]) {
      for (const [loc, v] of Object.entries(yml.storage.bucket[name + suffix].cost)) {
        cost[suffix === "-multi" ? loc.replace(/-multi$/, "") : loc] = v;
      }
    }
    flat(`gcp.gcs.${id}`, "GiB-month", cost, "month", `storage.bucket.${name} (regional, -dual and -multi locations)`);
  }
  const egress = net.traffic.egress.internet.cost;
  const egressSrc = sources.byId("cyclenerd-pricing", "cited", "compute.network.traffic.egress.internet tiers 0-1, 1-10, over 10 TiB");
  const rows: Record<string, PriceRow> = {};
  for (const region of Object.keys(egress["0-1"])) {
    const t = (tier: string) => egress[tier][region]?.month;
    if ([t("0-1"), t("1-10"), t("10n")].some((x) => x === undefined)) continue;
    rows[region] = {
      tiers: [
        [1024, t("0-1")],
        [10240, t("1-10")],
        [null, t("10n")],
      ],
      sources: [egressSrc, egressSrc, egressSrc],
    };
  }
  rows["*"] = rows[BASE_REGION.gcp];
  out["gcp.egress.internet"] = { unit: "GiB", scope: "index", rows };
  return out;
}
