// Validation of the spec's latency settings: a service's `latency: { maxRttMs, from }` (user
// locations resolved against the catalog), a link's `maxRttMs` and the default of every link
// (`global.linkMaxRttMs`; without it, linked workloads stay on the same continent).

import type { Catalog } from "./catalog";
import { resolvePlace } from "./latency/places";
import type { LinkLatency, NormalizedServiceLatency } from "./spec";
import { checkKeys, isObject, join, listField, numField, NumRule, Problems, show } from "./validate-fields";

const LATENCY_KEYS = ["maxRttMs", "from"];

/** A round trip in milliseconds: above 0, at most a second. */
export const RTT_RULE: NumRule = {
  desc: "a number of milliseconds above 0 and at most 1000",
  above: 0,
  max: 1000,
  fix: "write a round trip in milliseconds, e.g. 50",
};

/** Checks a service's latency requirement; undefined when absent or unusable. */
export function serviceLatency(
  raw: unknown,
  service: string,
  catalog: Catalog,
  p: Problems,
): NormalizedServiceLatency | undefined {
  if (raw === undefined) return undefined;
  const path = join(join("services", service), "latency");
  if (!isObject(raw)) {
    p.add(path, `must be an object with maxRttMs and from, got ${show(raw)}`, "write latency: { maxRttMs: 50, from: [EU] }");
    return undefined;
  }
  checkKeys(raw, LATENCY_KEYS, path, p);
  const maxRttMs = numField(raw, "maxRttMs", path, RTT_RULE, p, true);
  if (raw.from === undefined) {
    p.add(join(path, "from"), "is required", "list where the users are, e.g. from: [EU, US] or from: [aws:us-east-1]");
    return undefined;
  }
  const fields = listField(raw, "from", path, p, "[EU, US]");
  const from: { name: string; points: readonly string[] }[] = [];
  for (const f of fields ?? []) {
    if (typeof f.value !== "string" || f.value.trim() === "") {
      p.add(f.path, `must be a continent, country code or region, got ${show(f.value)}`, "write e.g. EU, DE or aws:eu-west-1");
      continue;
    }
    const place = resolvePlace(catalog, f.value);
    if ("message" in place) p.add(f.path, place.message, place.fix);
    else if (!from.some((x) => x.name === place.name)) from.push(place);
  }
  if (fields && fields.length === 0) p.add(join(path, "from"), "must list at least one location", "write e.g. from: [EU]");
  if (maxRttMs === undefined || from.length === 0) return undefined;
  return { maxRttMs, from };
}

/** The latency requirement of one link: its own maxRttMs, the global default, or the same continent. */
export function linkLatency(link: Record<string, unknown>, path: string, defaultRttMs: number | undefined, p: Problems): LinkLatency {
  const own = numField(link, "maxRttMs", path, RTT_RULE, p);
  const ms = own ?? defaultRttMs;
  return ms === undefined ? { kind: "continent" } : { kind: "rtt", maxRttMs: ms };
}
