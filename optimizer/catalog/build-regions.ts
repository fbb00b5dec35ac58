// Region table of the catalog build: cloud, id, location bucket, country, continent, city and
// the city's coordinates, from sources/regions.csv, each with the source of its location.

import * as path from "path";
import { num, readCsv, SourceTable } from "./build-support";
import type { RegionInfo } from "./types";

/** Continent codes; the Middle East counts as Asia, as the residency policy counts it. */
const CONTINENTS = new Set(["NA", "SA", "EU", "AF", "AS", "OC"]);

/**
 * Regions left out of the catalog, with the reason. A residency list holds continent and country
 * codes side by side, so a region whose country code is also a continent code could not be told
 * apart from that continent.
 */
export const EXCLUDED_REGIONS: Readonly<Record<string, string>> = {
  "gcp:me-central2":
    "Dammam, Saudi Arabia: its ISO code SA is also the continent code of South America, so residency [\"SA\"] would be ambiguous",
};
const CLOUDS = new Set(["aws", "azure", "gcp"]);

/** Reads every region of sources/regions.csv, sorted by "cloud:region", checking each field. */
export function readRegions(sourcesDir: string, sources: SourceTable): RegionInfo[] {
  const file = path.join(sourcesDir, "regions.csv");
  const seen = new Set<string>();
  const out: RegionInfo[] = readCsv(file).map((r, i) => {
    const where = `${file} row ${i + 2}`;
    if (!CLOUDS.has(r.cloud)) throw new Error(`${where}: unknown cloud "${r.cloud}"`);
    if (!CONTINENTS.has(r.continent)) {
      throw new Error(`${where}: continent "${r.continent}" is not one of ${[...CONTINENTS].join(", ")}`);
    }
    if (!/^[A-Z]{2}$/.test(r.country)) throw new Error(`${where}: country "${r.country}" is not an ISO 3166 code`);
    if (CONTINENTS.has(r.country)) {
      throw new Error(`${where}: country code ${r.country} is also a continent code; list the region in EXCLUDED_REGIONS instead`);
    }
    const latitude = num(r, "latitude", where);
    const longitude = num(r, "longitude", where);
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) throw new Error(`${where}: coordinates out of range`);
    const key = `${r.cloud}:${r.region}`;
    if (seen.has(key)) throw new Error(`${where}: ${key} is listed twice`);
    seen.add(key);
    return {
      cloud: r.cloud as RegionInfo["cloud"],
      region: r.region,
      geo: r.geo,
      country: r.country,
      continent: r.continent,
      city: r.city,
      latitude,
      longitude,
      locationSource: sources.byId(r.location_source, r.basis),
    };
  });
  const ids = new Map<string, string>();
  for (const r of out) {
    const other = ids.get(r.region);
    if (other) throw new Error(`${file}: region id ${r.region} is used by both ${other} and ${r.cloud}`);
    ids.set(r.region, r.cloud);
  }
  return out.sort((a, b) => cmp(`${a.cloud}:${a.region}`, `${b.cloud}:${b.region}`));
}

/** Checks that the location facts of the shared VM table agree with the region table. */
export function checkRegionFacts(regions: readonly RegionInfo[], vmRows: readonly Record<string, string>[]): void {
  const byKey = new Map(regions.map((r) => [`${r.cloud}:${r.region}`, r]));
  for (const v of vmRows) {
    const r = byKey.get(`${v.cloud}:${v.region}`);
    if (!r) throw new Error(`vm-prices.csv names ${v.cloud}:${v.region}, which sources/regions.csv lacks`);
    for (const k of ["geo", "country", "continent", "city"] as const) {
      if (r[k] !== v[k]) {
        throw new Error(`${v.cloud}:${v.region}: ${k} is "${r[k]}" in sources/regions.csv but "${v[k]}" in vm-prices.csv`);
      }
    }
  }
}

/** Byte-order comparison, so the build does not depend on the locale. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
