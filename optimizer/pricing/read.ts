// Defensive readers for resource properties as the pricing rules receive them: plain recorded data
// (with Pulumi's unknown and secret markers) or the policy runtime's unknown-checking proxies.
// Nothing here throws except UnknownInputError, which the estimate turns into an "unpriced" entry.

import type { PricedCloud, PricingResource } from "./types";

/**
 * The sentinel strings Pulumi puts in place of values that are unknown during a preview (one per
 * value kind), as defined by the engine's wire protocol and `@pulumi/policy`'s proxy module.
 */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** The key and value marking a secret in Pulumi's serialized property format. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A value the price depends on is unknown until the stack is deployed. */
export class UnknownInputError extends Error {
  constructor(readonly path: string) {
    super(`the value at .${path} is unknown until the stack is deployed`);
    this.name = "UnknownInputError";
  }
}

/** True when an error reports an unknown preview value (ours or the policy runtime's). */
export function isUnknownError(e: unknown): boolean {
  if (e instanceof UnknownInputError) return true;
  const ctor = (e as { constructor?: { name?: string } } | null)?.constructor?.name;
  return ctor === "UnknownValueError";
}

function unwrap(v: unknown, path: string): unknown {
  if (typeof v === "string" && UNKNOWN_SENTINELS.has(v)) throw new UnknownInputError(path);
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (o[SIG_KEY] === SECRET_SIG) return unwrap(o.value, path);
  }
  return v;
}

/** The value at a property path, or undefined when any step is missing or not an object. */
export function get(obj: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = unwrap(obj, "");
  const walked: string[] = [];
  for (const key of path) {
    walked.push(String(key));
    if (cur === null || typeof cur !== "object") return undefined;
    cur = unwrap((cur as Record<string, unknown>)[key as string], walked.join("."));
  }
  return cur;
}

/** A non-empty string at a path, or undefined. */
export function str(obj: unknown, ...path: (string | number)[]): string | undefined {
  const v = get(obj, ...path);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

/** A finite number at a path (numeric strings accepted, as launch templates use them), or undefined. */
export function num(obj: unknown, ...path: (string | number)[]): number | undefined {
  const v = get(obj, ...path);
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** A boolean at a path (also "true"/"false" strings), or undefined. */
export function bool(obj: unknown, ...path: (string | number)[]): boolean | undefined {
  const v = get(obj, ...path);
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  return undefined;
}

/** The array at a path, or an empty array. */
export function list(obj: unknown, ...path: (string | number)[]): unknown[] {
  const v = get(obj, ...path);
  if (!Array.isArray(v)) return [];
  return v.map((_, i) => get(v, i));
}

/** The cloud a type token belongs to, or undefined for other packages, components and providers. */
export function cloudOf(type: string): PricedCloud | undefined {
  const pkg = type.split(":")[0];
  if (pkg === "aws") return "aws";
  if (pkg === "azure-native") return "azure";
  if (pkg === "gcp") return "gcp";
  return undefined;
}

/**
 * Tags (AWS, Azure) or labels (Google Cloud) as a string map. Auto Scaling groups carry their tags
 * as a list of `{ key, value }`.
 */
export function tagsOf(r: PricingResource): Record<string, string> {
  const out: Record<string, string> = {};
  const field = cloudOf(r.type) === "gcp" ? "labels" : "tags";
  try {
    // Cloud SQL instances keep their labels under settings.userLabels.
    const v = r.type === "gcp:sql/databaseInstance:DatabaseInstance" ? get(r.props, "settings", "userLabels") : get(r.props, field);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const k = str(v, i, "key");
        const val = get(v, i, "value");
        if (k !== undefined && (typeof val === "string" || typeof val === "number"))
          out[k] = String(val);
      }
    } else if (v !== null && typeof v === "object") {
      for (const k of Object.keys(v)) {
        const val = get(v, k);
        if (typeof val === "string" || typeof val === "number") out[k] = String(val);
      }
    }
  } catch (e) {
    if (!isUnknownError(e)) throw e;
    // Tags unknown during preview: the resource still counts towards the totals, untagged.
  }
  return out;
}

/** The AWS region of an availability zone ("us-east-1a" → "us-east-1"). */
export function awsRegionOfZone(zone: string): string {
  return zone.replace(/[a-z]$/, "");
}

/** The Google Cloud region of a zone ("europe-west3-b" → "europe-west3"). */
export function gcpRegionOfZone(zone: string): string {
  return /^[a-z]+-[a-z]+\d+-[a-z]$/.test(zone) ? zone.replace(/-[a-z]$/, "") : zone;
}

/** Azure location ids are lower-case without spaces ("West Europe" → "westeurope"). */
export function azureLocation(location: string): string {
  return location.toLowerCase().replace(/\s+/g, "");
}

/**
 * The region a resource runs in: its own region, zone or location, then its provider's, then the
 * configured default for its cloud. Undefined when none is known.
 */
export function regionOf(
  r: PricingResource,
  cloud: PricedCloud,
  defaultRegions: Partial<Record<PricedCloud, string>> = {},
): string | undefined {
  const p = r.props;
  const prov = r.provider?.props;
  let region: string | undefined;
  if (cloud === "aws") {
    const zone = str(p, "availabilityZone") ?? str(p, "availabilityZones", 0);
    region = str(p, "region") ?? (zone ? awsRegionOfZone(zone) : undefined) ?? str(prov, "region");
  } else if (cloud === "azure") {
    const loc = str(p, "location") ?? str(prov, "location");
    region = loc ? azureLocation(loc) : undefined;
  } else {
    const zone = str(p, "zone");
    region =
      str(p, "region") ??
      (zone ? gcpRegionOfZone(zone) : undefined) ??
      str(p, "location")?.toLowerCase() ??
      str(prov, "region") ??
      (str(prov, "zone") ? gcpRegionOfZone(str(prov, "zone")!) : undefined);
  }
  return region ?? defaultRegions[cloud];
}
