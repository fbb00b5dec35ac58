// Instance classes of each cloud's managed PostgreSQL and MySQL, with their vCPUs and memory:
// Amazon RDS classes, Azure Database flexible server SKUs and Cloud SQL custom tiers. Pure data
// and small readers; prices come from the pricing rules (optimizer/database-offers.ts).

import type { Cloud, DatabaseEngine } from "./spec";

/** One instance class of a cloud's managed database service. */
export interface DatabaseClass {
  readonly cloud: Cloud;
  /** The name the cloud's API takes: db.r6g.large, Standard_D2ds_v5, db-custom-2-8192. */
  readonly instanceClass: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  /** Shared-core or credit-based (RDS t classes, Azure B series): only with allowBurstable. */
  readonly burstable: boolean;
}

// RDS classes (aws.amazon.com/rds/instance-types): m families have 4 GiB per vCPU, r families
// 8 GiB; the sizes the catalog's per-family anchor prices scale to (large = 2 vCPUs).
const RDS_FAMILIES: readonly { family: string; gibPerVcpu: number }[] = [
  { family: "m5", gibPerVcpu: 4 },
  { family: "m6g", gibPerVcpu: 4 },
  { family: "m6i", gibPerVcpu: 4 },
  { family: "m7g", gibPerVcpu: 4 },
  { family: "r5", gibPerVcpu: 8 },
  { family: "r6g", gibPerVcpu: 8 },
  { family: "r6i", gibPerVcpu: 8 },
  { family: "r7g", gibPerVcpu: 8 },
];
const RDS_SIZES: readonly [string, number][] = [
  ["large", 2],
  ["xlarge", 4],
  ["2xlarge", 8],
  ["4xlarge", 16],
  ["8xlarge", 32],
  ["12xlarge", 48],
  ["16xlarge", 64],
];
// Burstable RDS classes: t3 and t4g, 2 vCPUs up to large (aws.amazon.com/rds/instance-types).
const RDS_BURSTABLE: readonly [string, number, number][] = [
  ["micro", 2, 1],
  ["small", 2, 2],
  ["medium", 2, 4],
  ["large", 2, 8],
  ["xlarge", 4, 16],
  ["2xlarge", 8, 32],
];

function rdsClasses(): DatabaseClass[] {
  const out: DatabaseClass[] = [];
  for (const f of ["t3", "t4g"]) {
    for (const [size, vcpus, mem] of RDS_BURSTABLE) {
      out.push({ cloud: "aws", instanceClass: `db.${f}.${size}`, vcpus, memoryGiB: mem, burstable: true });
    }
  }
  for (const { family, gibPerVcpu } of RDS_FAMILIES) {
    for (const [size, vcpus] of RDS_SIZES) {
      out.push({ cloud: "aws", instanceClass: `db.${family}.${size}`, vcpus, memoryGiB: vcpus * gibPerVcpu, burstable: false });
    }
  }
  return out;
}

const AZURE_CORES = [2, 4, 8, 16, 32, 48, 64];

/**
 * Azure flexible server SKUs (learn.microsoft.com, "Compute options in Azure Database for
 * PostgreSQL" and "... for MySQL"): burstable B1ms/B2s/B2ms, General Purpose Ddsv5 (PostgreSQL) or
 * Dadsv5 (MySQL) at 4 GiB per vCore, Memory Optimized (PostgreSQL) or Business Critical (MySQL)
 * Edsv5 at 8 GiB per vCore.
 */
function azureClasses(engine: DatabaseEngine): DatabaseClass[] {
  const out: DatabaseClass[] = [
    { cloud: "azure", instanceClass: "Standard_B1ms", vcpus: 1, memoryGiB: 2, burstable: true },
    { cloud: "azure", instanceClass: "Standard_B2s", vcpus: 2, memoryGiB: 4, burstable: true },
    { cloud: "azure", instanceClass: "Standard_B2ms", vcpus: 2, memoryGiB: 8, burstable: true },
  ];
  const gp = engine === "postgres" ? "ds_v5" : "ads_v5";
  for (const n of AZURE_CORES) out.push({ cloud: "azure", instanceClass: `Standard_D${n}${gp}`, vcpus: n, memoryGiB: 4 * n, burstable: false });
  for (const n of AZURE_CORES) out.push({ cloud: "azure", instanceClass: `Standard_E${n}ds_v5`, vcpus: n, memoryGiB: 8 * n, burstable: false });
  return out;
}

/** The flexible server tier of a SKU for an engine (the `sku.tier` the API takes). */
export function azureTier(engine: DatabaseEngine, instanceClass: string): string {
  if (/^Standard_B/.test(instanceClass)) return "Burstable";
  if (/^Standard_E/.test(instanceClass)) return engine === "postgres" ? "MemoryOptimized" : "BusinessCritical";
  return "GeneralPurpose";
}

// Cloud SQL custom machine types (cloud.google.com/sql/docs/postgres/create-instance): 1 or an even
// number of vCPUs up to 96, 0.9 to 6.5 GiB per vCPU, memory a multiple of 256 MiB, at least 3.75 GiB.
const GCP_VCPUS = [1, 2, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96];

/** The smallest Cloud SQL custom tier of `vcpus` holding `memoryGiB`, or undefined when none does. */
function gcpTier(vcpus: number, memoryGiB: number): DatabaseClass | undefined {
  const step = 256;
  const lo = Math.max(3840, Math.ceil((0.9 * 1024 * vcpus) / step) * step);
  const hi = Math.floor((6.5 * 1024 * vcpus) / step) * step;
  const mb = Math.max(lo, Math.ceil((memoryGiB * 1024) / step) * step);
  if (mb > hi) return undefined;
  return { cloud: "gcp", instanceClass: `db-custom-${vcpus}-${mb}`, vcpus, memoryGiB: mb / 1024, burstable: false };
}

/** vCPUs and memory of a class name of any cloud, or undefined when it is not one cloudfit knows. */
export function classShape(engine: DatabaseEngine, instanceClass: string): DatabaseClass | undefined {
  const custom = /^db-custom-(\d+)-(\d+)$/.exec(instanceClass);
  if (custom) {
    const vcpus = Number(custom[1]);
    const t = gcpTier(vcpus, Number(custom[2]) / 1024);
    return t && t.instanceClass === instanceClass ? t : undefined;
  }
  return [...rdsClasses(), ...azureClasses(engine)].find((c) => c.instanceClass === instanceClass);
}

/** The cloud a class name belongs to, from its shape of name alone. */
export function classCloud(instanceClass: string): Cloud | undefined {
  if (instanceClass.startsWith("db-")) return "gcp";
  if (instanceClass.startsWith("db.")) return "aws";
  if (instanceClass.startsWith("Standard_")) return "azure";
  return undefined;
}

/**
 * Classes of a cloud holding `vcpu` and `memoryGiB`: every fitting RDS class and Azure SKU, and per
 * vCPU count the smallest Cloud SQL custom tier holding the memory.
 */
export function fittingClasses(cloud: Cloud, engine: DatabaseEngine, vcpu: number, memoryGiB: number, allowBurstable: boolean): DatabaseClass[] {
  const all =
    cloud === "aws"
      ? rdsClasses()
      : cloud === "azure"
        ? azureClasses(engine)
        : GCP_VCPUS.map((n) => gcpTier(n, memoryGiB)).filter((t): t is DatabaseClass => t !== undefined);
  return all.filter((c) => c.vcpus >= vcpu && c.memoryGiB >= memoryGiB && (allowBurstable || !c.burstable));
}
