// User locations of a service's latency requirement (`latency.from`), resolved to the catalog
// regions that stand for them. A location is a cloud-region ("aws:us-east-1"), a region id the
// catalog knows in one cloud only ("eu-west-1"), an ISO country code ("DE") or a continent code
// (EU, NA, SA, AF, AS, OC). A country or continent stands for every city of the catalog's regions
// in it (one region per city), so "EU within 30 ms" asks for a replica within 30 ms of each of
// them: users spread over the area, measured from the cloud region nearest to them.

import type { Catalog, RegionInfo } from "../catalog";

/** A resolved user location: what was written and the regions standing for it. */
export interface UserPlace {
  /** The location as written in the spec (normalized case). */
  readonly name: string;
  /** Regions ("cloud:region") standing for it, one per city, sorted. */
  readonly points: readonly string[];
}

/** Why a location cannot be resolved, and what to write instead. */
export interface PlaceProblem {
  readonly message: string;
  readonly fix: string;
}

const keyOf = (r: RegionInfo) => `${r.cloud}:${r.region}`;

/** One region per distinct city (the first by key), sorted by key. */
function perCity(regions: readonly RegionInfo[]): string[] {
  const byCity = new Map<string, string>();
  for (const r of [...regions].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))) {
    const city = `${r.latitude.toFixed(2)},${r.longitude.toFixed(2)}`;
    if (!byCity.has(city)) byCity.set(city, keyOf(r));
  }
  return [...byCity.values()].sort();
}

/** Resolves one location, or says why it cannot be. */
export function resolvePlace(catalog: Catalog, raw: string): UserPlace | PlaceProblem {
  const s = raw.trim();
  if (s.includes(":")) {
    const [cloud, region] = [s.slice(0, s.indexOf(":")).toLowerCase(), s.slice(s.indexOf(":") + 1)];
    const r = catalog.regions.find((x) => x.cloud === cloud && x.region === region);
    if (r) return { name: keyOf(r), points: [keyOf(r)] };
    return { message: `${JSON.stringify(raw)} is not a cloud-region of the catalog`, fix: 'write "cloud:region", e.g. "aws:eu-west-1", or a continent or country code' };
  }
  const upper = s.toUpperCase();
  const continents = [...new Set(catalog.regions.map((r) => r.continent))].sort();
  if (continents.includes(upper)) return { name: upper, points: perCity(catalog.regions.filter((r) => r.continent === upper)) };
  const countries = [...new Set(catalog.regions.map((r) => r.country))];
  if (/^[A-Za-z]{2}$/.test(s) && countries.includes(upper)) return { name: upper, points: perCity(catalog.regions.filter((r) => r.country === upper)) };
  const byId = catalog.regions.filter((r) => r.region === s);
  if (byId.length === 1) return { name: keyOf(byId[0]), points: [keyOf(byId[0])] };
  if (byId.length > 1) {
    return { message: `${JSON.stringify(raw)} is a region id of several clouds`, fix: `write one of ${byId.map(keyOf).join(", ")}` };
  }
  return {
    message: `${JSON.stringify(raw)} is neither a region, a country nor a continent of the catalog`,
    fix: `write a continent (${continents.join(", ")}), an ISO country code of a region (e.g. DE, US, JP) or "cloud:region"`,
  };
}
