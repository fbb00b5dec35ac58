// Round-trip times between every pair of catalog regions, across the three clouds, each with
// its basis: measured (a provider's published inter-region table) or modelled from distance.
//
// Measured: Microsoft publishes P95 round trips between Azure regions (azure-rtt.ts); a pair's
// RTT is the larger of its two directions. AWS and Google Cloud show inter-region latency only
// in their consoles (Network Manager Infrastructure Performance, the Performance Dashboard), as
// no static table, so their pairs and every cross-cloud pair are modelled.
//
// Model: RTT = c + k·d, with d the great-circle distance between the regions' cities (the
// catalog's latitude and longitude) and c, k fitted by least squares on relative error to the
// measured pairs (computed here, from the table, once per process). The fit gives about
// c = 9.4 ms and k = 0.0161 ms/km: 1.6 times the round trip of light in fibre along the great
// circle (fibre routes are longer), and a fixed part for switching and the last hops. Its
// median relative error on the measured pairs is about 13% (see `model`). Two regions in one
// city (e.g. AWS us-east-1 and Azure eastus) get c alone.

import type { Catalog, RegionInfo } from "../catalog";
import { AZURE_RTT_PAIRS, AZURE_RTT_REGIONS, AZURE_RTT_SOURCE } from "./azure-rtt";

/** The key of a cloud-region: "cloud:region". */
type RegionKey = string;

/** How an RTT was obtained. */
export type RttBasis = "measured" | "modelled" | "same region";

/** One entry of the matrix. */
export interface RttEntry {
  /** Round-trip time in milliseconds (0 within a region). */
  readonly ms: number;
  readonly basis: RttBasis;
  /** The published table it comes from, or the model it was computed with. */
  readonly source: string;
}

/** The fitted distance model and how well it matches the measured pairs. */
export interface RttModel {
  readonly interceptMs: number;
  readonly msPerKm: number;
  /** Measured pairs it was fitted to. */
  readonly pairs: number;
  readonly medianRelativeError: number;
  readonly p90RelativeError: number;
}

/** RTTs between every pair of regions of a catalog. */
export interface LatencyMatrix {
  /** Round trip between two regions in milliseconds. Throws RangeError for a region the catalog lacks. */
  rtt(a: RegionKey, b: RegionKey): number;
  /** The entry with its basis and source. */
  entry(a: RegionKey, b: RegionKey): RttEntry;
  /** Region keys, sorted: the matrix's order. */
  readonly keys: readonly RegionKey[];
  readonly model: RttModel;
  /** How many pairs are measured and how many modelled. */
  readonly counts: { readonly measured: number; readonly modelled: number };
}

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance between two points in kilometres (haversine). */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The published Azure pairs as a map "a|b" (a < b) to the larger of the two directions. */
function azureTable(): Map<string, number> {
  const out = new Map<string, number>();
  AZURE_RTT_PAIRS.forEach((line, i) => {
    const a = AZURE_RTT_REGIONS[i];
    line.split(" ").forEach((cell, j) => {
      const b = AZURE_RTT_REGIONS[i + 1 + j];
      const [ab, ba] = cell.split("/").map(Number);
      out.set(`${a}|${b}`, Math.max(ab, ba));
    });
  });
  return out;
}

/** Least squares of y = c + k·x weighted by 1/y² (relative error), with its error quantiles. */
function fitModel(points: readonly [number, number][]): RttModel {
  let sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const [x, y] of points) {
    const w = 1 / (y * y);
    sw += w;
    sx += w * x;
    sy += w * y;
    sxx += w * x * x;
    sxy += w * x * y;
  }
  const k = (sw * sxy - sx * sy) / (sw * sxx - sx * sx);
  const c = (sy - k * sx) / sw;
  const rel = points.map(([x, y]) => Math.abs(y - (c + k * x)) / y).sort((p, q) => p - q);
  return {
    interceptMs: c,
    msPerKm: k,
    pairs: points.length,
    medianRelativeError: rel[Math.floor(rel.length / 2)],
    p90RelativeError: rel[Math.floor(rel.length * 0.9)],
  };
}

const cache = new WeakMap<Catalog, LatencyMatrix>();

/** The catalog's RTT matrix (built once per catalog). */
export function latencyMatrix(catalog: Catalog): LatencyMatrix {
  let m = cache.get(catalog);
  if (!m) cache.set(catalog, (m = build(catalog)));
  return m;
}

function build(catalog: Catalog): LatencyMatrix {
  const regions = [...catalog.regions].sort((a, b) => cmp(keyOf(a), keyOf(b)));
  const keys = regions.map(keyOf);
  const index = new Map(keys.map((k, i) => [k, i]));
  const table = azureTable();
  const azure = new Map(regions.filter((r) => r.cloud === "azure").map((r) => [r.region, r]));
  const points: [number, number][] = [];
  for (const [pair, ms] of table) {
    const [a, b] = pair.split("|");
    const ra = azure.get(a);
    const rb = azure.get(b);
    if (ra && rb) points.push([distanceKm(ra, rb), ms]);
  }
  const model = fitModel(points);
  const n = keys.length;
  const ms = new Float64Array(n * n);
  const measured = new Uint8Array(n * n);
  let counts = { measured: 0, modelled: 0 };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = regions[i];
      const b = regions[j];
      let v: number | undefined;
      if (a.cloud === "azure" && b.cloud === "azure") {
        v = table.get(a.region < b.region ? `${a.region}|${b.region}` : `${b.region}|${a.region}`);
      }
      const isMeasured = v !== undefined;
      if (v === undefined) v = Math.round((model.interceptMs + model.msPerKm * distanceKm(a, b)) * 10) / 10;
      ms[i * n + j] = ms[j * n + i] = v;
      measured[i * n + j] = measured[j * n + i] = isMeasured ? 1 : 0;
      counts = isMeasured ? { ...counts, measured: counts.measured + 1 } : { ...counts, modelled: counts.modelled + 1 };
    }
  }
  const at = (key: RegionKey): number => {
    const i = index.get(key);
    if (i === undefined) throw new RangeError(`${key} is not a region of the price catalog.`);
    return i;
  };
  const modelSource =
    `distance model: ${model.interceptMs.toFixed(1)} ms + ${model.msPerKm.toFixed(4)} ms/km of great-circle distance, ` +
    `fitted to ${model.pairs} measured Azure pairs (median error ${(model.medianRelativeError * 100).toFixed(0)}%)`;
  const measuredSource = `${AZURE_RTT_SOURCE.description}, ${AZURE_RTT_SOURCE.date} (${AZURE_RTT_SOURCE.url})`;
  return {
    rtt: (a, b) => (a === b ? 0 : ms[at(a) * n + at(b)]),
    entry: (a, b) => {
      if (a === b) return { ms: 0, basis: "same region", source: "within one region" };
      const k = at(a) * n + at(b);
      return measured[k] ? { ms: ms[k], basis: "measured", source: measuredSource } : { ms: ms[k], basis: "modelled", source: modelSource };
    },
    keys,
    model,
    counts,
  };
}

function keyOf(r: RegionInfo): RegionKey {
  return `${r.cloud}:${r.region}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
