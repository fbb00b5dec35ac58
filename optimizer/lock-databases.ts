// The databases part of the placement lock: its canonical text, its parsing with every problem
// named by path, and its comparison with the spec's databases. Kept apart from lock.ts; a lock
// without databases has no "databases" key, so locks of specs without databases keep their bytes.

import type { Catalog } from "./catalog";
import type { DatabasePlacement, Plan, PlanCost } from "./plan";
import { CLOUDS, Cloud, NormalizedSpec } from "./spec";
import { databaseViolations } from "./verify";

type Bad = (path: string, message: string) => void;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const FIELDS = ["cloud", "region", "instanceClass", "monthlyUSD"];

/** Lock lines of a plan's databases ('  "databases": { ... }'), or none when it has none. */
export function databaseLockLines(plan: Plan, cost: PlanCost | undefined, cents: (x: number) => number): string[] {
  const names = Object.keys(plan.databases ?? {}).sort(cmp);
  if (names.length === 0) return [];
  const lines = ['  "databases": {'];
  names.forEach((name, i) => {
    const d = plan.databases![name];
    const usd = cost?.databases?.[name]?.total;
    const fields = [`"cloud": ${JSON.stringify(d.cloud)}`, `"region": ${JSON.stringify(d.region)}`, `"instanceClass": ${JSON.stringify(d.instanceClass)}`];
    if (usd !== undefined) fields.push(`"monthlyUSD": ${cents(usd)}`);
    lines.push(`    ${JSON.stringify(name)}: { ${fields.join(", ")} }${i < names.length - 1 ? "," : ""}`);
  });
  lines.push("  }");
  return lines;
}

/** Reads the "databases" map of a lock; every malformed entry is reported through `bad`. */
export function readLockDatabases(v: unknown, bad: Bad, costs: Record<string, number>, catalog?: Catalog): Record<string, DatabasePlacement> | undefined {
  if (v === undefined) return undefined;
  const out: Record<string, DatabasePlacement> = {};
  if (!isObj(v)) {
    bad("databases", `must be a map from database name to its placement, got ${show(v)}`);
    return out;
  }
  for (const name of Object.keys(v).sort(cmp)) {
    const path = `databases.${name}`;
    const e = v[name];
    if (!isObj(e)) {
      bad(path, `must be an object with cloud, region and instanceClass, got ${show(e)}`);
      continue;
    }
    for (const k of Object.keys(e)) if (!FIELDS.includes(k)) bad(`${path}.${k}`, `is not a lock field (expected ${FIELDS.join(", ")})`);
    const cloud = CLOUDS.includes(e.cloud as Cloud) ? (e.cloud as Cloud) : undefined;
    if (!cloud) bad(`${path}.cloud`, `must be one of ${CLOUDS.join(", ")}, got ${show(e.cloud)}`);
    const text = (k: string) => (typeof e[k] === "string" && (e[k] as string).length > 0 ? (e[k] as string) : (bad(`${path}.${k}`, `must be a non-empty string, got ${show(e[k])}`), undefined));
    const region = text("region");
    const instanceClass = text("instanceClass");
    if (e.monthlyUSD !== undefined) {
      if (typeof e.monthlyUSD === "number" && e.monthlyUSD >= 0) costs[name] = e.monthlyUSD;
      else bad(`${path}.monthlyUSD`, `must be a number of at least 0, got ${show(e.monthlyUSD)}`);
    }
    if (cloud && region && catalog && !catalog.region(cloud, region)) bad(`${path}.region`, `${cloud}:${region} is not a region of the price catalog`);
    if (cloud && region && instanceClass) out[name] = { cloud, region, instanceClass };
  }
  return out;
}

/** Compares locked databases with the spec's: added, removed, and entries that no longer fit. */
export function compareLockDatabases(
  lock: Plan,
  spec: NormalizedSpec,
  catalog: Catalog,
  add: (workload: string, change: "added" | "removed" | "mismatch", message: string) => void,
): Record<string, DatabasePlacement> {
  const held: Record<string, DatabasePlacement> = {};
  for (const d of spec.databases ?? []) {
    const locked = lock.databases?.[d.name];
    if (!locked) {
      add(d.name, "added", "is in the spec but not in the lock");
      continue;
    }
    const problems = databaseViolations(spec, catalog, d, locked);
    for (const m of problems) add(d.name, "mismatch", m);
    if (problems.length === 0) held[d.name] = locked;
  }
  const names = new Set((spec.databases ?? []).map((d) => d.name));
  for (const name of Object.keys(lock.databases ?? {}).sort(cmp)) if (!names.has(name)) add(name, "removed", "is in the lock but no longer in the spec");
  return held;
}
