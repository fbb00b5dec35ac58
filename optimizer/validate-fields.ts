// Building blocks of spec validation: reading one field, describing a bad value, and suggesting
// the likely intended value ("did you mean memoryGiB?") from what was written.

import type { Catalog } from "./catalog";
import type { SpecProblem } from "./errors";
import { CLOUDS, Cloud, type NormalizedService } from "./spec";

/** Every accepted CPU architecture value. */
export const ARCHES = ["x86_64", "arm64", "any"] as const;

/** Collects problems in the order they are found. */
export class Problems {
  readonly list: SpecProblem[] = [];

  /** Records one problem: where, what is wrong, and how to fix it. */
  add(path: string, message: string, fix: string): void {
    this.list.push({ path, message, fix });
  }
}

/** One element of a list in the spec, with its path. */
export interface Field {
  readonly key: string;
  readonly path: string;
  readonly value: unknown;
}

/** The range a numeric field accepts, how to say it, and a generic way to fix it. */
export interface NumRule {
  readonly desc: string;
  readonly fix: string;
  readonly min?: number;
  readonly above?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** Sizes in GiB: "4 TiB" in a string suggests 4096. */
  readonly gib?: boolean;
}

/** The numeric fields of a spec. */
export const RULES = {
  replicas: {
    desc: "a whole number of at least 1",
    integer: true,
    min: 1,
    fix: "write how many replicas to run, e.g. 2",
  },
  vcpu: { desc: "a positive number", above: 0, fix: "write the vCPUs each replica needs, e.g. 2" },
  memoryGiB: {
    desc: "a positive number",
    above: 0,
    gib: true,
    fix: "write the memory each replica needs in GiB, e.g. 4",
  },
  diskGiB: {
    desc: "a number of at least 1",
    min: 1,
    gib: true,
    fix: "write the disk size per replica in GiB, e.g. 20",
  },
  spotReplicas: {
    desc: "a whole number of at least 0",
    integer: true,
    min: 0,
    fix: "write how many replicas may run on spot, e.g. 1",
  },
  spotUpTo: (n: number): NumRule => ({
    desc: `a whole number from 0 to replicas (${n})`,
    integer: true,
    min: 0,
    max: n,
    fix: `write a number from 0 to ${n}`,
  }),
  minClouds: {
    desc: "a whole number from 1 to 3",
    integer: true,
    min: 1,
    max: 3,
    fix: "write 1, 2 or 3",
  },
  minRegions: {
    desc: "a whole number of at least 1",
    integer: true,
    min: 1,
    fix: "write 1 or more",
  },
  maxSharePerCloud: {
    desc: "a number above 0 and at most 1",
    above: 0,
    max: 1,
    fix: "write a share such as 0.5, or remove it for no limit",
  },
  port: {
    desc: "a whole number from 1 to 65535",
    integer: true,
    min: 1,
    max: 65535,
    fix: "write a TCP port such as 8080",
  },
  storageGiB: {
    desc: "a number of at least 0",
    min: 0,
    gib: true,
    fix: "write the data stored in GiB, e.g. 100",
  },
  internetEgressGiB: {
    desc: "a number of at least 0",
    min: 0,
    gib: true,
    fix: "write the GiB read out to the internet each month, or remove it for 0",
  },
  monthlyGiB: {
    desc: "a number of at least 0",
    min: 0,
    gib: true,
    fix: "write the GiB exchanged per month, e.g. 100",
  },
  maxClouds: {
    desc: "a whole number from 1 to 3",
    integer: true,
    min: 1,
    max: 3,
    fix: "write 1, 2 or 3, or remove it for no limit",
  },
  budgetUSD: {
    desc: "a positive number",
    above: 0,
    fix: "write the monthly budget in US dollars, e.g. 5000, or remove it",
  },
  quota: {
    desc: "a whole number of at least 0",
    integer: true,
    min: 0,
    fix: "write the vCPU quota, e.g. 256",
  },
} satisfies Record<string, NumRule | ((n: number) => NumRule)>;

/**
 * The smallest share (to two decimals) of `replicas` per cloud that still lets them all fit in
 * `clouds` clouds, e.g. 0.67 for 3 replicas in 2 clouds.
 */
export function minShare(replicas: number, clouds: number): number {
  const perCloud = Math.ceil(replicas / Math.max(1, clouds));
  let share = Math.ceil((perCloud / replicas) * 100) / 100;
  while (perCloudCap(share, replicas) < perCloud) share = Math.round((share + 0.01) * 100) / 100;
  return Math.min(1, share);
}

/** Replicas a share allows in one cloud: floor(share x replicas), robust to floating point. */
export function perCloudCap(share: number, replicas: number): number {
  // Tolerance so that 0.5 x 4 counts as 2 despite floating point.
  return Math.floor(share * replicas + 1e-9);
}

/** Clouds a service must spread over: its minClouds, or more when maxSharePerCloud demands it. */
export function cloudsNeeded(s: Pick<NormalizedService, "minClouds" | "maxSharePerCloud" | "replicas">): number {
  const cap = Math.max(1, perCloudCap(s.maxSharePerCloud, s.replicas));
  return Math.max(s.minClouds, Math.ceil(s.replicas / cap));
}

/** The table's own entry for `key` (never an inherited property such as "constructor"). */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** Whether a value is a plain object (not null, not a list). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Appends a key to a path: `a.b` for plain names, `a["x:y"]` otherwise. */
export function join(path: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

/** A value as it appears in a message: strings quoted, lists and objects named. */
export function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return "a list";
  if (v === null) return "null";
  if (typeof v === "object") return "an object";
  return String(v);
}

/** "a, b or c". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function accepts(rule: NumRule, v: number): boolean {
  return (
    Number.isFinite(v) &&
    (!rule.integer || Number.isInteger(v)) &&
    (rule.min === undefined || v >= rule.min) &&
    (rule.above === undefined || v > rule.above) &&
    (rule.max === undefined || v <= rule.max)
  );
}

/** The number a string such as "4GB", "4 GiB", "1 TiB" or "3" most likely meant. */
export function looseNumber(s: string, gib: boolean): number | undefined {
  const m = /^\s*\$?\s*([+-]?\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  if (!gib || unit === "") return n;
  if (["g", "gb", "gi", "gib"].includes(unit)) return n;
  if (["t", "tb", "ti", "tib"].includes(unit)) return n * 1024;
  if (["m", "mb", "mi", "mib"].includes(unit)) return n / 1024;
  return undefined;
}

/**
 * Reads a numeric field. Returns it when valid, else records a problem and returns undefined
 * (also when absent; `required` then reports it as missing).
 */
export function numField(
  obj: Record<string, unknown>,
  key: string,
  parent: string,
  rule: NumRule,
  p: Problems,
  required = false,
): number | undefined {
  const path = join(parent, key);
  const v = obj[key];
  if (v === undefined) {
    if (required) p.add(path, "is required", rule.fix);
    return undefined;
  }
  return numValue(v, path, rule, p);
}

/** Checks one numeric value at `path`; returns it when valid, else records a problem. */
export function numValue(v: unknown, path: string, rule: NumRule, p: Problems): number | undefined {
  if (typeof v === "number" && accepts(rule, v)) return v;
  const parsed = typeof v === "string" ? looseNumber(v, rule.gib === true) : undefined;
  const fix = parsed !== undefined && accepts(rule, parsed) ? `write ${parsed}` : rule.fix;
  p.add(path, `must be ${rule.desc}, got ${show(v)}`, fix);
  return undefined;
}

/** Reads a boolean field; strings such as "true" or "no" get the matching fix. */
export function boolField(
  obj: Record<string, unknown>,
  key: string,
  parent: string,
  p: Problems,
): boolean | undefined {
  const v = obj[key];
  if (v === undefined || typeof v === "boolean") return v;
  const s = typeof v === "string" ? v.trim().toLowerCase() : "";
  const fix = ["true", "yes", "on"].includes(s)
    ? "write true"
    : ["false", "no", "off"].includes(s)
      ? "write false"
      : "write true or false";
  p.add(join(parent, key), `must be true or false, got ${show(v)}`, fix);
  return undefined;
}

/** Reads a list field into its elements; a single value gets the fix of wrapping it in a list. */
export function listField(
  obj: Record<string, unknown>,
  key: string,
  parent: string,
  p: Problems,
  example: string,
): Field[] | undefined {
  const v = obj[key];
  const path = join(parent, key);
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    const fix =
      typeof v === "string"
        ? `write [${JSON.stringify(v)}]`
        : typeof v === "number"
          ? `write [${v}]`
          : `write a list such as ${example}`;
    p.add(path, `must be a list, got ${show(v)}`, fix);
    return undefined;
  }
  return v.map((value, i) => ({ key: `${key}[${i}]`, path: `${path}[${i}]`, value }));
}

/** Reports keys of `obj` that are not in `known`, suggesting the key most likely meant. */
export function checkKeys(
  obj: Record<string, unknown>,
  known: readonly string[],
  path: string,
  p: Problems,
): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const near = suggest(key, known);
    const fix = !near
      ? `remove it; the known keys are ${known.join(", ")}`
      : key in obj && near in obj
        ? `remove it; ${near} is already set`
        : `rename it to ${near}`;
    p.add(join(path, key), "is not a known key", fix);
  }
}

const NAME = /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** Reports a workload name that cannot become part of a cloud resource name. */
export function checkName(name: string, path: string, p: Problems): void {
  if (NAME.test(name)) return;
  const fixed = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  p.add(
    path,
    "name must use lowercase letters, digits and hyphens, start with a letter, " +
      "end with a letter or digit and be at most 40 characters long, " +
      "because it becomes part of cloud resource names",
    NAME.test(fixed) ? `rename it to ${fixed}` : "rename it, e.g. to api",
  );
}

/** The fix for a value that is not a cloud name. */
export function cloudFix(v: unknown): string {
  const alias: Record<string, Cloud> = {
    amazon: "aws",
    "amazon web services": "aws",
    ec2: "aws",
    microsoft: "azure",
    az: "azure",
    google: "gcp",
    "google cloud": "gcp",
    gce: "gcp",
    gcloud: "gcp",
  };
  if (typeof v !== "string") return `write ${orList(CLOUDS)}`;
  const s = ownEntry(alias, v.trim().toLowerCase()) ?? suggest(v, CLOUDS);
  return s ? `write ${s}` : `write ${orList(CLOUDS)}`;
}

/** The fix for a region id that is not in the catalog. */
export function regionFix(v: unknown, catalog: Catalog, clouds: readonly Cloud[]): string {
  const ids = catalog.regions.filter((r) => clouds.includes(r.cloud)).map((r) => r.region);
  const near = typeof v === "string" ? suggest(v, catalog.regions.map((r) => r.region)) : undefined;
  return near ? `write ${near}` : `use one of ${ids.join(", ")}`;
}

const codesCache = new WeakMap<Catalog, { continents: string[]; countries: string[] }>();

/** Residency codes the catalog can satisfy: its continents and the countries of its regions. */
export function residencyCodes(catalog: Catalog): { continents: string[]; countries: string[] } {
  let codes = codesCache.get(catalog);
  if (!codes) {
    codes = {
      continents: [...new Set(catalog.regions.map((r) => r.continent))].sort(),
      countries: [...new Set(catalog.regions.map((r) => r.country))].sort(),
    };
    codesCache.set(catalog, codes);
  }
  return codes;
}

/**
 * The candidate `word` most likely stands for: same letters ignoring case, a longer name it
 * starts, or one within a small edit distance; undefined when nothing is close.
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === w);
  if (exact) return exact;
  if (w.length >= 3) {
    const prefix = candidates.find((c) => c.toLowerCase().startsWith(w));
    if (prefix) return prefix;
  }
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  const limit = Math.max(1, Math.floor(Math.max(w.length, best?.length ?? 0) / 3));
  return bestD <= limit && bestD < w.length ? best : undefined;
}

/** Edit distance counting an insertion, deletion, substitution or swap of neighbours as one. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
