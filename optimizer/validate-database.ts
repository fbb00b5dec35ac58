// Validation of one database of a workload spec: engine and version, size (vCPU and memory, or
// an instance class), storage, IOPS, HA, backups, read replicas and where it may run; every
// problem with its path and fix, defaults filled in.

import type { Catalog } from "./catalog";
import { classCloud, classShape } from "./database-classes";
import { databaseStorage } from "./database-shape";
import { DATABASE_PORTS, DATABASE_VERSIONS, DatabaseEngine, DatabaseHa, DEFAULT_DATABASE_VERSION, NormalizedDatabase } from "./spec";
import { boolField, checkKeys, checkName, isObject, join, numField, NumRule, orList, Problems, RULES, show, suggest } from "./validate-fields";
import { GlobalPart, placementLists } from "./validate-workload";

const DATABASE_KEYS = [
  "engine",
  "version",
  "vcpu",
  "memoryGiB",
  "instanceClass",
  "storageGiB",
  "storageType",
  "iops",
  "ha",
  "backup",
  "readReplicas",
  "residency",
  "clouds",
  "regions",
];
const BACKUP_KEYS = ["retentionDays", "pointInTimeRecovery"];
const ENGINES: readonly DatabaseEngine[] = ["postgres", "mysql"];
const HA: readonly DatabaseHa[] = ["none", "zone", "region"];
const ENGINE_ALIASES: Readonly<Record<string, DatabaseEngine>> = { postgresql: "postgres", pg: "postgres", psql: "postgres", mariadb: "mysql" };
const HA_ALIASES: Readonly<Record<string, DatabaseHa>> = {
  zonal: "zone",
  "multi-az": "zone",
  multiaz: "zone",
  standby: "zone",
  regional: "region",
  "geo-redundant": "region",
  false: "none",
  true: "zone",
};
const EXAMPLE = "{ engine: postgres, vcpu: 2, memoryGiB: 8, storageGiB: 100 }";

const RETENTION: NumRule = {
  desc: "a whole number from 7 to 35",
  integer: true,
  min: 7,
  max: 35,
  fix: "write 7 or more (the policy pack asks for a week of backups; clouds keep at most 35 days)",
};
const READ_REPLICAS: NumRule = { desc: "a whole number from 0 to 5", integer: true, min: 0, max: 5, fix: "write how many read replicas to run, e.g. 1" };
const IOPS: NumRule = { desc: "a whole number of at least 0", integer: true, min: 0, fix: "write the sustained IOPS needed, e.g. 3000, or remove it" };
const STORAGE: NumRule = { desc: "a number of at least 1", min: 1, gib: true, fix: "write the storage to provision in GiB, e.g. 100" };

/** One of a fixed set of words, with aliases; reports and returns undefined otherwise. */
function wordField<T extends string>(
  raw: Record<string, unknown>,
  key: string,
  path: string,
  allowed: readonly T[],
  aliases: Readonly<Record<string, T>>,
  p: Problems,
): T | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  const s = String(v).trim().toLowerCase();
  const near = Object.prototype.hasOwnProperty.call(aliases, s) ? aliases[s] : typeof v === "string" ? suggest(v, allowed) : undefined;
  p.add(join(path, key), `must be one of ${allowed.join(", ")}, got ${show(v)}`, near ? `write ${near}` : `write ${orList(allowed)}`);
  return undefined;
}

/** Checks one database; returns it normalized, or undefined when it cannot be placed as written. */
export function validateDatabase(name: string, raw: unknown, g: GlobalPart, catalog: Catalog, p: Problems): NormalizedDatabase | undefined {
  const path = join("databases", name);
  checkName(name, path, p);
  if (!isObject(raw)) {
    p.add(path, `must be an object with engine, a size and storageGiB, got ${show(raw)}`, `write ${EXAMPLE}`);
    return undefined;
  }
  const before = p.list.length;
  checkKeys(raw, DATABASE_KEYS, path, p);
  const engine = raw.engine === undefined ? undefined : wordField(raw, "engine", path, ENGINES, ENGINE_ALIASES, p);
  if (raw.engine === undefined) p.add(join(path, "engine"), "is required", "write postgres or mysql");
  const version = versionField(raw.version, engine, path, p);

  const cls = raw.instanceClass;
  let vcpu = numField(raw, "vcpu", path, RULES.vcpu, p);
  let memoryGiB = numField(raw, "memoryGiB", path, RULES.memoryGiB, p);
  let instanceClass: string | undefined;
  if (cls !== undefined) {
    const shape = typeof cls === "string" && engine ? classShape(engine, cls) : undefined;
    if (typeof cls !== "string" || (engine && !shape)) {
      p.add(
        join(path, "instanceClass"),
        `must be an RDS class (db.r6g.large), an Azure flexible server SKU (Standard_D2ds_v5) or a Cloud SQL custom tier (db-custom-2-8192), got ${show(cls)}`,
        "write one of those, or give vcpu and memoryGiB instead",
      );
    } else if (raw.vcpu !== undefined || raw.memoryGiB !== undefined) {
      p.add(join(path, "instanceClass"), "is given together with vcpu or memoryGiB", "keep either the class or the size");
    } else if (shape) {
      instanceClass = cls;
      vcpu = shape.vcpus;
      memoryGiB = shape.memoryGiB;
      const cloud = classCloud(cls)!;
      if (!g.clouds.includes(cloud)) p.add(join(path, "instanceClass"), `is a class of ${cloud}, which global.clouds excludes`, `add ${cloud} to global.clouds, or give vcpu and memoryGiB`);
    }
  } else {
    if (raw.vcpu === undefined) p.add(join(path, "vcpu"), "is required (or an instanceClass)", "write the vCPUs the database needs, e.g. 2");
    if (raw.memoryGiB === undefined) p.add(join(path, "memoryGiB"), "is required (or an instanceClass)", "write the memory the database needs in GiB, e.g. 8");
  }

  const storageGiB = numField(raw, "storageGiB", path, STORAGE, p, true);
  const storageType = wordField(raw, "storageType", path, ["ssd", "hdd"] as const, { magnetic: "hdd", pd_hdd: "hdd", gp3: "ssd", pd_ssd: "ssd" }, p) ?? "ssd";
  const iops = numField(raw, "iops", path, IOPS, p) ?? 0;
  const ha = wordField(raw, "ha", path, HA, HA_ALIASES, p) ?? "none";
  const readReplicas = numField(raw, "readReplicas", path, READ_REPLICAS, p) ?? 0;
  let retentionDays = 7;
  let pitr = true;
  if (raw.backup !== undefined) {
    const bpath = join(path, "backup");
    if (!isObject(raw.backup)) {
      p.add(bpath, `must be an object with retentionDays and pointInTimeRecovery, got ${show(raw.backup)}`, "write { retentionDays: 7 }");
    } else {
      checkKeys(raw.backup, BACKUP_KEYS, bpath, p);
      retentionDays = numField(raw.backup, "retentionDays", bpath, RETENTION, p) ?? 7;
      pitr = boolField(raw.backup, "pointInTimeRecovery", bpath, p) ?? true;
    }
  }
  const w = placementLists(raw, path, g, catalog, p);
  if (instanceClass && ha !== "none" && classShape(engine!, instanceClass)?.burstable) {
    p.add(join(path, "ha"), `needs a standby, which burstable ${instanceClass} cannot have`, "write none, or choose a standard class (or give vcpu and memoryGiB)");
  }
  if (instanceClass) {
    const cloud = classCloud(instanceClass)!;
    if (w.clouds.length > 0 && !w.clouds.includes(cloud)) {
      p.add(join(path, "instanceClass"), `is a class of ${cloud}, but ${path} may only use ${w.clouds.join(", ")}`, `add ${cloud} to ${path}.clouds, or give vcpu and memoryGiB`);
    }
  }
  if (p.list.length > before || !engine || !version || vcpu === undefined || memoryGiB === undefined || storageGiB === undefined) return undefined;
  const db: NormalizedDatabase = {
    name,
    engine,
    version,
    vcpu,
    memoryGiB,
    ...(instanceClass ? { instanceClass } : {}),
    storageGiB,
    storageType,
    iops,
    ha,
    backupRetentionDays: retentionDays,
    pointInTimeRecovery: pitr,
    readReplicas,
    port: DATABASE_PORTS[engine],
    residency: w.residency,
    clouds: instanceClass ? w.clouds.filter((c) => c === classCloud(instanceClass!)) : w.clouds,
    regions: w.regions,
  };
  const able = db.clouds.filter((c) => databaseStorage(db, c) !== undefined);
  if (able.length === 0) {
    p.add(
      join(path, storageType === "hdd" ? "storageType" : db.iops > 0 ? "iops" : "storageGiB"),
      `no allowed cloud (${db.clouds.join(", ") || "none"}) offers ${db.storageGiB} GiB of ${storageType.toUpperCase()}${db.iops ? ` at ${db.iops} IOPS` : ""}`,
      storageType === "hdd" ? "write ssd, or allow gcp" : "lower the storage or IOPS, or allow another cloud",
    );
    return undefined;
  }
  return { ...db, clouds: able };
}

function versionField(v: unknown, engine: DatabaseEngine | undefined, path: string, p: Problems): string | undefined {
  if (!engine) return undefined;
  const known = DATABASE_VERSIONS[engine];
  if (v === undefined) return DEFAULT_DATABASE_VERSION[engine];
  const s = typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : typeof v === "string" ? v.trim() : undefined;
  if (s !== undefined && known.includes(s)) return s;
  const major = s?.split(".").slice(0, engine === "mysql" ? 2 : 1).join(".");
  p.add(
    join(path, "version"),
    `must be a ${engine} major version every cloud runs (${known.join(", ")}), got ${show(v)}`,
    major && known.includes(major) ? `write "${major}" (the minor version is the cloud's)` : `write "${DEFAULT_DATABASE_VERSION[engine]}"`,
  );
  return undefined;
}
