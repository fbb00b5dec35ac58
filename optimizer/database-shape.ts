// What a database of the spec becomes on one cloud: storage size and type as the service takes
// them (Azure's fixed sizes, the size Cloud SQL needs for the IOPS asked for), the HA setting,
// and the billable resources with the properties the Database component gives them. The
// component and the optimizer's offers both read this, so what is priced is what is deployed.

import { azureTier } from "./database-classes";
import type { PricingResource } from "./pricing/types";
import type { Cloud, NormalizedDatabase } from "./spec";

/** The storage a database gets on a cloud. */
export interface DatabaseStorage {
  /** Provisioned size in GiB. */
  readonly sizeGiB: number;
  /** The cloud's storage type name: gp3, io1 or standard (AWS); PD_SSD or PD_HDD (Google Cloud); Premium_LRS (Azure). */
  readonly type: string;
  /** Provisioned IOPS to declare (AWS gp3 above its baseline, io1), if any. */
  readonly iops?: number;
}

// Azure flexible server storage sizes (GiB) and the IOPS each includes (learn.microsoft.com,
// "Storage options in Azure Database for PostgreSQL - Flexible Server", Premium SSD P4 to P80).
const AZURE_SIZES: readonly [number, number][] = [
  [32, 120],
  [64, 240],
  [128, 500],
  [256, 1100],
  [512, 2300],
  [1024, 5000],
  [2048, 7500],
  [4096, 7500],
  [8192, 16000],
  [16384, 18000],
  [32767, 20000],
];

/** Azure MySQL flexible server: any size from 20 GiB, 3 IOPS per GiB plus 300 free (learn.microsoft.com, "Storage IOPS"). */
const MYSQL_MIN_GIB = 20;

/** RDS gp3 baseline: 3,000 IOPS below 400 GiB, 12,000 from 400 GiB (PostgreSQL and MySQL; docs.aws.amazon.com, "Amazon RDS DB instance storage"). */
const GP3_LARGE_GIB = 400;
const GP3_MAX_IOPS = 64000;

/** Cloud SQL SSD: 30 IOPS per GiB; HDD: 0.75 read IOPS per GiB (cloud.google.com/sql/docs/postgres/storage-options). */
const GCP_IOPS_PER_GIB = { ssd: 30, hdd: 0.75 };

/** The storage of a database on a cloud, or undefined when the cloud cannot give it. */
export function databaseStorage(db: NormalizedDatabase, cloud: Cloud): DatabaseStorage | undefined {
  if (cloud === "aws") {
    if (db.storageType === "hdd") return db.iops > 0 || db.storageGiB > 3072 ? undefined : { sizeGiB: Math.max(20, Math.ceil(db.storageGiB)), type: "standard" };
    const size = Math.max(20, Math.ceil(db.storageGiB), db.iops > 3000 ? GP3_LARGE_GIB : 0);
    if (db.iops > GP3_MAX_IOPS) return { sizeGiB: Math.max(100, size), type: "io1", iops: db.iops };
    return db.iops > 12000 ? { sizeGiB: size, type: "gp3", iops: db.iops } : { sizeGiB: size, type: "gp3" };
  }
  if (cloud === "azure") {
    if (db.storageType === "hdd") return undefined;
    if (db.engine === "mysql") {
      const size = Math.max(MYSQL_MIN_GIB, Math.ceil(db.storageGiB), Math.ceil((db.iops - 300) / 3));
      return size > 16384 ? undefined : { sizeGiB: size, type: "Premium_LRS" };
    }
    const tier = AZURE_SIZES.find(([gib, iops]) => gib >= db.storageGiB && iops >= db.iops);
    return tier ? { sizeGiB: tier[0], type: "Premium_LRS" } : undefined;
  }
  const perGiB = GCP_IOPS_PER_GIB[db.storageType];
  return { sizeGiB: Math.max(10, Math.ceil(db.storageGiB), Math.ceil(db.iops / perGiB)), type: db.storageType === "hdd" ? "PD_HDD" : "PD_SSD" };
}

/** RDS engineVersion, Azure version and Cloud SQL databaseVersion of an engine and major version. */
export function engineVersionName(cloud: Cloud, db: Pick<NormalizedDatabase, "engine" | "version">): string {
  if (cloud === "gcp") return `${db.engine === "postgres" ? "POSTGRES" : "MYSQL"}_${db.version.replace(".", "_")}`;
  if (cloud === "azure" && db.engine === "mysql") return db.version === "8.0" ? "8.0.21" : db.version;
  return db.version;
}

/** The Azure flexible server's resource type token of an engine. */
export function azureServerType(engine: NormalizedDatabase["engine"]): string {
  return engine === "postgres" ? "azure-native:dbforpostgresql:Server" : "azure-native:dbformysql:Server";
}

/**
 * The billable resources of a database as the component emits them (primary with its standby,
 * then each read replica), with the properties pricing reads. Undefined storage (the cloud cannot
 * hold the database) gives no resources.
 */
export function databasePricingResources(db: NormalizedDatabase, cloud: Cloud, region: string, instanceClass: string): PricingResource[] {
  const storage = databaseStorage(db, cloud);
  if (!storage) return [];
  const ha = db.ha !== "none";
  const copies = Array.from({ length: 1 + db.readReplicas }, (_, i) => i);
  const urn = (i: number) => `urn:pulumi:plan::cloudfit::${db.name}${i === 0 ? "" : `-replica-${i}`}`;
  if (cloud === "aws") {
    return copies.map((i) => ({
      urn: urn(i),
      name: db.name,
      type: "aws:rds/instance:Instance",
      props: {
        instanceClass,
        engine: db.engine,
        allocatedStorage: storage.sizeGiB,
        storageType: storage.type,
        ...(storage.iops !== undefined ? { iops: storage.iops } : {}),
        multiAz: i === 0 && ha,
        region,
      },
    }));
  }
  if (cloud === "azure") {
    return copies.map((i) => ({
      urn: urn(i),
      name: db.name,
      type: azureServerType(db.engine),
      props: {
        location: region,
        sku: { name: instanceClass, tier: azureTier(db.engine, instanceClass) },
        storage: { storageSizeGB: storage.sizeGiB },
        ...(i === 0 && ha ? { highAvailability: { mode: "ZoneRedundant" } } : {}),
      },
    }));
  }
  return copies.map((i) => ({
    urn: urn(i),
    name: db.name,
    type: "gcp:sql/databaseInstance:DatabaseInstance",
    props: {
      region,
      databaseVersion: engineVersionName("gcp", db),
      settings: { tier: instanceClass, availabilityType: i === 0 && ha ? "REGIONAL" : "ZONAL", diskType: storage.type, diskSize: storage.sizeGiB },
    },
  }));
}
