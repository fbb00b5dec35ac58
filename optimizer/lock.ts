// The placement lock: stacks/placement.<stack>.json, the accepted plan committed with the code.
// Pure: parses and checks a lock file, compares it with a workload spec entry by entry, and
// serializes a plan to canonical, byte-stable text (same plan, same bytes).

import type { Catalog } from "./catalog";
import { locateJsonError } from "./lock-json";
import type { BucketPlacement, DatabasePlacement, Plan, PlanCost, ReplicaGroup, ServicePlacement } from "./plan";
import { CLOUDS, Cloud, NormalizedSpec } from "./spec";
import { bucketViolations, globalViolations, serviceViolations } from "./verify";
import { compareLockDatabases, databaseLockLines, readLockDatabases } from "./lock-databases";

/** Version of the lock file format written by `serializeLock`. */
export const LOCK_VERSION = 1;

/** File name of a stack's lock, e.g. "placement.dev.json". */
export function lockFileName(stack: string): string {
  return `placement.${stack}.json`;
}

/** The command that places workloads again and rewrites a stack's lock. */
export function planCommand(stack: string): string {
  return `cloudfit plan --stack ${stack} --write`;
}

/** Monthly costs recorded in a lock when it was written; informational, never compared. */
export interface LockCosts {
  readonly totalUSD?: number;
  readonly services: Readonly<Record<string, number>>;
  readonly buckets: Readonly<Record<string, number>>;
  /** Per database, when the lock places databases. */
  readonly databases?: Readonly<Record<string, number>>;
}

/** A parsed lock: the plan and the costs recorded with it. */
export interface PlacementLock {
  readonly plan: Plan;
  readonly costs: LockCosts;
}

/** One problem with a lock: where (a path in the lock) and what. */
export interface LockProblem {
  /** Path in the lock, e.g. "services.api.groups[0].count", or "line 7, column 3". */
  readonly path: string;
  readonly message: string;
}

/** How a locked workload differs from the spec. */
export interface LockDifference {
  readonly workload: string;
  /** "global" for quotas and maxClouds, which concern the locked entries together. */
  readonly kind: "service" | "bucket" | "database" | "global";
  /** added: in the spec only; removed: in the lock only; mismatch: the locked entry no longer fits. */
  readonly change: "added" | "removed" | "mismatch";
  readonly path: string;
  readonly message: string;
}

/** The result of comparing a lock with a spec. */
export interface LockComparison {
  /** Every difference, services first, in name order. */
  readonly differences: readonly LockDifference[];
  /** Workloads in the spec that the lock does not place. */
  readonly added: readonly string[];
  /** Workloads the lock places that the spec no longer has. */
  readonly removed: readonly string[];
  /** Locked entries that no longer satisfy the spec. */
  readonly mismatched: readonly LockDifference[];
  /** The locked placements of workloads still in the spec: the part of the plan to hold fixed. */
  readonly held: Plan;
}

/** Why a lock cannot be used: it is not valid JSON, not a lock, or no longer matches the spec. */
export type LockFailure = "malformed" | "invalid" | "mismatch";

/** The placement lock cannot be used; the message lists the entries at fault and what to run. */
export class PlacementLockError extends Error {
  constructor(
    readonly file: string,
    readonly stack: string,
    readonly failure: LockFailure,
    readonly problems: readonly LockProblem[],
  ) {
    super(lockErrorMessage(file, stack, failure, problems));
    this.name = "PlacementLockError";
  }
}

function lockErrorMessage(
  file: string,
  stack: string,
  failure: LockFailure,
  problems: readonly LockProblem[],
): string {
  const cmd = planCommand(stack);
  const list = problems.map((p) => `  ${p.path}: ${p.message}`).join("\n");
  const n = problems.length;
  if (failure === "malformed") {
    const at = problems[0]?.path ?? "";
    return (
      `${file} is not valid JSON: ${at ? `${at}: ` : ""}${problems[0]?.message ?? "cannot be parsed"}. ` +
      `To fix: correct the file${at ? ` at ${at}` : ""} or restore it from version control, ` +
      `or write a new lock with \`${cmd}\`.`
    );
  }
  if (failure === "invalid") {
    return (
      `${file} is not a valid placement lock (${n} problem${n === 1 ? "" : "s"}):\n${list}\n` +
      `To fix: correct ${n === 1 ? "this entry" : "these entries"} or restore the file from version control; ` +
      `or delete the workloads' entries and run \`${cmd}\` to place them again.`
    );
  }
  return (
    `${file} no longer matches the workload spec of stack ${stack}; ${n} entr${n === 1 ? "y differs" : "ies differ"}:\n` +
    `${list}\nTo fix: run \`${cmd}\` to place these workloads again, then review and commit the new lock.`
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const groupOrder = (a: ReplicaGroup, b: ReplicaGroup) =>
  cmp(a.cloud, b.cloud) || cmp(a.region, b.region) || cmp(a.instanceType, b.instanceType);
const cents = (x: number) => Math.round(x * 100) / 100;

/**
 * Serializes a plan (and, when given, its cost) as canonical lock text: names sorted, groups
 * sorted by cloud, region and instance type, fixed key order, one group per line, final newline.
 */
export function serializeLock(plan: Plan, cost?: PlanCost): string {
  const lines: string[] = ["{", `  "version": ${LOCK_VERSION},`];
  if (cost) lines.push(`  "monthlyUSD": ${cents(cost.total)},`);
  const services = Object.keys(plan.services).sort(cmp);
  lines.push(`  "services": {${services.length === 0 ? "}," : ""}`);
  services.forEach((name, i) => {
    const groups = [...plan.services[name].groups].sort(groupOrder);
    const usd = cost?.services[name]?.total;
    lines.push(`    ${JSON.stringify(name)}: {`);
    if (usd !== undefined) lines.push(`      "monthlyUSD": ${cents(usd)},`);
    lines.push(`      "groups": [`);
    groups.forEach((g, j) => {
      const fields = [
        `"cloud": ${JSON.stringify(g.cloud)}`,
        `"region": ${JSON.stringify(g.region)}`,
        `"instanceType": ${JSON.stringify(g.instanceType)}`,
        `"count": ${g.count}`,
        `"spot": ${g.spot}`,
      ];
      lines.push(`        { ${fields.join(", ")} }${j < groups.length - 1 ? "," : ""}`);
    });
    lines.push("      ]", `    }${i < services.length - 1 ? "," : ""}`);
  });
  if (services.length > 0) lines.push("  },");
  const buckets = Object.keys(plan.buckets).sort(cmp);
  lines.push(`  "buckets": {${buckets.length === 0 ? "}" : ""}`);
  buckets.forEach((name, i) => {
    const b = plan.buckets[name];
    const usd = cost?.buckets[name]?.total;
    const fields = [`"cloud": ${JSON.stringify(b.cloud)}`, `"region": ${JSON.stringify(b.region)}`];
    if (usd !== undefined) fields.push(`"monthlyUSD": ${cents(usd)}`);
    lines.push(
      `    ${JSON.stringify(name)}: { ${fields.join(", ")} }${i < buckets.length - 1 ? "," : ""}`,
    );
  });
  if (buckets.length > 0) lines.push("  }");
  const databases = databaseLockLines(plan, cost, cents);
  if (databases.length > 0) lines[lines.length - 1] += ",";
  lines.push(...databases);
  lines.push("}");
  return lines.join("\n") + "\n";
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v));
const isCount = (v: unknown, min: number): v is number =>
  Number.isInteger(v) && (v as number) >= min;

/**
 * Parses lock text. Throws PlacementLockError: "malformed" with the line and column of a JSON
 * syntax error, or "invalid" listing every entry that is not a well-formed placement. Given a
 * catalog, an entry naming a region or an instance type the catalog does not have is invalid too.
 */
export function parseLock(text: string, file: string, stack: string, catalog?: Catalog): PlacementLock {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const at = locateJsonError(text);
    const problem = at
      ? { path: `line ${at.line}, column ${at.column}`, message: at.message }
      : { path: "", message: (e as Error).message };
    throw new PlacementLockError(file, stack, "malformed", [problem]);
  }
  const problems: LockProblem[] = [];
  const bad = (path: string, message: string) => problems.push({ path, message });
  const services: Record<string, ServicePlacement> = {};
  const buckets: Record<string, BucketPlacement> = {};
  const costs = { services: {} as Record<string, number>, buckets: {} as Record<string, number> };
  let totalUSD: number | undefined;

  if (!isObj(doc)) {
    throw new PlacementLockError(file, stack, "invalid", [
      {
        path: "(top level)",
        message: `must be an object with version, services and buckets, got ${show(doc)}`,
      },
    ]);
  }
  unknownKeys(doc, ["version", "monthlyUSD", "services", "buckets", "databases"], "", bad);
  const databaseCosts: Record<string, number> = {};
  const databases = readLockDatabases(doc.databases, bad, databaseCosts, catalog);
  if (doc.version !== LOCK_VERSION)
    bad("version", `must be ${LOCK_VERSION}, got ${show(doc.version)}`);
  if (doc.monthlyUSD !== undefined) {
    if (typeof doc.monthlyUSD === "number") totalUSD = doc.monthlyUSD;
    else bad("monthlyUSD", `must be a number, got ${show(doc.monthlyUSD)}`);
  }
  for (const [name, entry] of entries(doc.services, "services", bad)) {
    const path = `services.${name}`;
    if (!isObj(entry)) {
      bad(path, `must be an object with groups, got ${show(entry)}`);
      continue;
    }
    unknownKeys(entry, ["monthlyUSD", "groups"], path, bad);
    readCost(entry.monthlyUSD, path, costs.services, name, bad);
    if (!Array.isArray(entry.groups) || entry.groups.length === 0) {
      bad(
        `${path}.groups`,
        `must be a non-empty list of replica groups, got ${show(entry.groups)}`,
      );
      continue;
    }
    const groups: ReplicaGroup[] = [];
    entry.groups.forEach((g: unknown, i: number) => {
      const group = readGroup(g, `${path}.groups[${i}]`, bad);
      if (!group) return;
      if (catalog) checkOffer(catalog, group, `${path}.groups[${i}]`, bad);
      if (groups.some((h) => groupOrder(group, h) === 0)) {
        bad(
          `${path}.groups[${i}]`,
          `repeats ${group.instanceType} in ${group.cloud}:${group.region}; merge the two groups`,
        );
      }
      groups.push(group);
    });
    services[name] = { groups: groups.sort(groupOrder) };
  }
  for (const [name, entry] of entries(doc.buckets, "buckets", bad)) {
    const path = `buckets.${name}`;
    if (!isObj(entry)) {
      bad(path, `must be an object with cloud and region, got ${show(entry)}`);
      continue;
    }
    unknownKeys(entry, ["cloud", "region", "monthlyUSD"], path, bad);
    readCost(entry.monthlyUSD, path, costs.buckets, name, bad);
    const cloud = readCloud(entry.cloud, `${path}.cloud`, bad);
    const region = readText(entry.region, `${path}.region`, bad);
    if (cloud && region && catalog && !catalog.region(cloud, region)) {
      bad(`${path}.region`, `${cloud}:${region} is not a region of the price catalog`);
    }
    if (cloud && region) buckets[name] = { cloud, region };
  }
  if (problems.length > 0) throw new PlacementLockError(file, stack, "invalid", problems);
  return {
    plan: { services, buckets, ...(databases ? { databases } : {}) },
    costs: { ...(totalUSD !== undefined ? { totalUSD } : {}), ...costs, ...(databases ? { databases: databaseCosts } : {}) },
  };
}

type Bad = (path: string, message: string) => void;

function entries(v: unknown, path: string, bad: Bad): [string, unknown][] {
  if (v === undefined) return [];
  if (!isObj(v)) {
    bad(path, `must be a map from workload name to its placement, got ${show(v)}`);
    return [];
  }
  return Object.keys(v)
    .sort(cmp)
    .map((k) => [k, v[k]]);
}

function unknownKeys(o: Obj, known: readonly string[], path: string, bad: Bad): void {
  for (const k of Object.keys(o)) {
    if (!known.includes(k))
      bad(path ? `${path}.${k}` : k, `is not a lock field (expected ${known.join(", ")})`);
  }
}

function readCost(
  v: unknown,
  path: string,
  into: Record<string, number>,
  name: string,
  bad: Bad,
): void {
  if (v === undefined) return;
  if (typeof v === "number" && v >= 0) into[name] = v;
  else bad(`${path}.monthlyUSD`, `must be a number of at least 0, got ${show(v)}`);
}

function readCloud(v: unknown, path: string, bad: Bad): Cloud | undefined {
  if (CLOUDS.includes(v as Cloud)) return v as Cloud;
  bad(path, `must be one of ${CLOUDS.join(", ")}, got ${show(v)}`);
  return undefined;
}

function readText(v: unknown, path: string, bad: Bad): string | undefined {
  if (typeof v === "string" && v.length > 0) return v;
  bad(path, `must be a non-empty string, got ${show(v)}`);
  return undefined;
}

/** An entry naming a region or instance type the catalog does not have cannot be deployed or priced. */
function checkOffer(catalog: Catalog, g: ReplicaGroup, path: string, bad: Bad): void {
  if (!catalog.region(g.cloud, g.region)) {
    bad(`${path}.region`, `${g.cloud}:${g.region} is not a region of the price catalog`);
  } else if (!catalog.offer(g.cloud, g.region, g.instanceType)) {
    bad(`${path}.instanceType`, `${g.instanceType} is not an instance type the price catalog has in ${g.cloud}:${g.region}`);
  }
}

function readGroup(g: unknown, path: string, bad: Bad): ReplicaGroup | undefined {
  if (!isObj(g)) {
    bad(path, `must be an object with cloud, region, instanceType, count and spot, got ${show(g)}`);
    return undefined;
  }
  unknownKeys(g, ["cloud", "region", "instanceType", "count", "spot"], path, bad);
  const cloud = readCloud(g.cloud, `${path}.cloud`, bad);
  const region = readText(g.region, `${path}.region`, bad);
  const instanceType = readText(g.instanceType, `${path}.instanceType`, bad);
  let ok = cloud !== undefined && region !== undefined && instanceType !== undefined;
  if (!isCount(g.count, 1)) {
    bad(`${path}.count`, `must be a whole number of at least 1, got ${show(g.count)}`);
    ok = false;
  }
  if (!isCount(g.spot, 0) || (isCount(g.count, 1) && g.spot > g.count)) {
    bad(`${path}.spot`, `must be a whole number from 0 to count, got ${show(g.spot)}`);
    ok = false;
  }
  return ok
    ? {
        cloud: cloud!,
        region: region!,
        instanceType: instanceType!,
        count: g.count as number,
        spot: g.spot as number,
      }
    : undefined;
}

/**
 * Compares a lock with a validated spec: which workloads were added or removed, and which locked
 * entries no longer satisfy the spec (the optimizer's own checks: replicas, spot, instance fit,
 * allowed regions, availability spread; and quotas and maxClouds for the locked entries together).
 */
export function compareLock(lock: Plan, spec: NormalizedSpec, catalog: Catalog): LockComparison {
  const differences: LockDifference[] = [];
  const held: {
    services: Record<string, ServicePlacement>;
    buckets: Record<string, BucketPlacement>;
    databases?: Record<string, DatabasePlacement>;
  } = {
    services: {},
    buckets: {},
  };
  const add = (
    workload: string,
    kind: LockDifference["kind"],
    change: LockDifference["change"],
    message: string,
  ) => {
    const path = kind === "global" ? "global" : `${kind}s.${workload}`;
    differences.push({
      workload,
      kind,
      change,
      path,
      message: message.startsWith(`${path} `) ? message.slice(path.length + 1) : message,
    });
  };

  for (const s of spec.services) {
    const locked = lock.services[s.name];
    if (!locked) {
      add(s.name, "service", "added", "is in the spec but not in the lock");
      continue;
    }
    const problems = serviceViolations(spec, catalog, s, locked);
    for (const m of problems) add(s.name, "service", "mismatch", m);
    if (problems.length === 0) held.services[s.name] = locked;
  }
  const specServices = new Set(spec.services.map((s) => s.name));
  for (const name of Object.keys(lock.services).sort(cmp)) {
    if (!specServices.has(name))
      add(name, "service", "removed", "is in the lock but no longer in the spec");
  }
  for (const b of spec.buckets) {
    const locked = lock.buckets[b.name];
    if (!locked) {
      add(b.name, "bucket", "added", "is in the spec but not in the lock");
      continue;
    }
    const problems = bucketViolations(spec, catalog, b, locked);
    for (const m of problems) add(b.name, "bucket", "mismatch", m);
    if (problems.length === 0) held.buckets[b.name] = locked;
  }
  const specBuckets = new Set(spec.buckets.map((b) => b.name));
  for (const name of Object.keys(lock.buckets).sort(cmp)) {
    if (!specBuckets.has(name))
      add(name, "bucket", "removed", "is in the lock but no longer in the spec");
  }
  const heldDbs = compareLockDatabases(lock, spec, catalog, (w, change, m) => add(w, "database", change, m));
  if (Object.keys(heldDbs).length > 0) held.databases = heldDbs;
  for (const m of globalViolations(spec, catalog, held)) add("", "global", "mismatch", m);

  const pick = (c: LockDifference["change"]) => differences.filter((d) => d.change === c);
  return {
    differences,
    added: pick("added").map((d) => d.workload),
    removed: pick("removed").map((d) => d.workload),
    mismatched: pick("mismatch"),
    held,
  };
}

/**
 * Throws PlacementLockError when locked entries no longer satisfy the spec. Added and removed
 * workloads are not errors: the program places the first around the lock and drops the second.
 */
export function assertLockMatches(comparison: LockComparison, file: string, stack: string): void {
  if (comparison.mismatched.length === 0) return;
  throw new PlacementLockError(
    file,
    stack,
    "mismatch",
    comparison.mismatched.map((d) => ({ path: d.path, message: d.message })),
  );
}
