// The workload spec: a cloud-neutral description of what must run, as plain data.
// It is written in TypeScript or in stack config (YAML); `validateSpec` checks it and fills defaults.

/** A cloud cloudfit can place workloads on. */
export type Cloud = "aws" | "azure" | "gcp";

/** Every supported cloud, in the stable order used for tie-breaking and output. */
export const CLOUDS: readonly Cloud[] = ["aws", "azure", "gcp"];

/** CPU architecture a service's image is built for; "any" accepts both. */
export type Arch = "x86_64" | "arm64" | "any";

/** Availability spread required of a service's replicas. */
export interface AvailabilitySpec {
  /** Minimum number of distinct clouds the replicas run in; default 1. */
  readonly minClouds?: number;
  /** Minimum number of distinct cloud-regions the replicas run in; default 1. */
  readonly minRegions?: number;
  /** Largest share (0 < s <= 1) of the replicas allowed in any one cloud; default 1. */
  readonly maxSharePerCloud?: number;
}

/** A group of identical replicas, one VM each. */
export interface ServiceSpec {
  /** Number of replicas (VMs) to run; at least 1. */
  readonly replicas: number;
  /** vCPUs each replica needs. */
  readonly vcpu: number;
  /** Memory each replica needs, in GiB. */
  readonly memoryGiB: number;
  /** CPU architecture of the service's image; default "any". */
  readonly arch?: Arch;
  /** Root/data disk per replica, in GiB; default 20. */
  readonly diskGiB?: number;
  /** How many replicas may run on spot/preemptible capacity; default 0. */
  readonly spotReplicas?: number;
  /** Where the service may run: continents (EU, NA, AS) or ISO country codes (DE, US); default anywhere. */
  readonly residency?: readonly string[];
  /** Clouds the service may run in; default every cloud allowed globally. */
  readonly clouds?: readonly Cloud[];
  /** Region ids the service may run in (e.g. eu-central-1, westeurope); default every region. */
  readonly regions?: readonly string[];
  /** Availability spread; default a single region of a single cloud. */
  readonly availability?: AvailabilitySpec;
  /** TCP ports the service listens on for its links; default [8080]. */
  readonly ports?: readonly number[];
  /** TCP ports opened to the internet (only 80 and 443 are accepted); default none. */
  readonly publicPorts?: readonly number[];
  /** Round trip its users may wait for: every listed location has a replica within maxRttMs. */
  readonly latency?: ServiceLatencySpec;
}

/** A user-facing service's latency requirement. */
export interface ServiceLatencySpec {
  /** Largest round trip in milliseconds between a user location and its nearest replica. */
  readonly maxRttMs: number;
  /**
   * Where the users are: continents (EU, NA, ...), ISO country codes (DE, US, ...) or regions
   * ("aws:eu-west-1"). A continent or country stands for every city of the catalog's regions in it.
   */
  readonly from: readonly string[];
}

/** An object-storage bucket. */
export interface BucketSpec {
  /** Data stored, in GiB. */
  readonly storageGiB: number;
  /** Data read out to the internet each month, in GiB; default 0. */
  readonly internetEgressGiB?: number;
  /** Where the bucket may be: continents or ISO country codes; default anywhere. */
  readonly residency?: readonly string[];
  /** Clouds the bucket may be in; default every cloud allowed globally. */
  readonly clouds?: readonly Cloud[];
  /** Region ids the bucket may be in; default every region. */
  readonly regions?: readonly string[];
}

/** Database engines cloudfit places: each cloud's managed PostgreSQL and MySQL. */
export type DatabaseEngine = "postgres" | "mysql";

/**
 * Major versions every cloud's managed service offers, oldest first: RDS, Azure flexible server
 * and Cloud SQL all run PostgreSQL 13 to 17 and MySQL 8.0 and 8.4 (their version pages, 2025).
 */
export const DATABASE_VERSIONS: Readonly<Record<DatabaseEngine, readonly string[]>> = {
  postgres: ["13", "14", "15", "16", "17"],
  mysql: ["8.0", "8.4"],
};

/** The version a database gets when its spec names none. */
export const DEFAULT_DATABASE_VERSION: Readonly<Record<DatabaseEngine, string>> = { postgres: "16", mysql: "8.0" };

/** The port each engine listens on. */
export const DATABASE_PORTS: Readonly<Record<DatabaseEngine, number>> = { postgres: 5432, mysql: 3306 };

/**
 * High availability of a database: "none" (one instance), "zone" (a synchronous standby in a
 * second zone: RDS Multi-AZ, Azure zone-redundant HA, Cloud SQL regional availability) or
 * "region" (as "zone", with backups kept geo-redundant so the database can be restored in
 * another region).
 */
export type DatabaseHa = "none" | "zone" | "region";

/** Backups of a database. */
export interface DatabaseBackupSpec {
  /** Days automated backups are kept, 7 to 35; default 7. */
  readonly retentionDays?: number;
  /** Whether point-in-time recovery (transaction log backups) is on; default true. */
  readonly pointInTimeRecovery?: boolean;
}

/** A managed relational database (one primary, optional standby and read replicas). */
export interface DatabaseSpec {
  /** postgres or mysql. */
  readonly engine: DatabaseEngine;
  /** Major version, e.g. "16" or "8.0"; default the newest of DATABASE_VERSIONS. */
  readonly version?: string;
  /** vCPUs of the primary (with memoryGiB), unless instanceClass names the class. */
  readonly vcpu?: number;
  /** Memory of the primary in GiB (with vcpu). */
  readonly memoryGiB?: number;
  /** A class to use as it is (db.r6g.large, GP_Standard_D2ds_v5, db-custom-2-8192); pins its cloud. */
  readonly instanceClass?: string;
  /** Provisioned storage in GiB. */
  readonly storageGiB: number;
  /** "ssd" (default) or "hdd" (Google Cloud and AWS magnetic only). */
  readonly storageType?: "ssd" | "hdd";
  /** Sustained IOPS the storage must give; default what the storage size gives. */
  readonly iops?: number;
  /** High availability; default "none". */
  readonly ha?: DatabaseHa;
  /** Backups; default 7 days with point-in-time recovery. */
  readonly backup?: DatabaseBackupSpec;
  /** Read replicas beside the primary, in its region; default 0. */
  readonly readReplicas?: number;
  /** Where the database may be: continents or ISO country codes; default anywhere. */
  readonly residency?: readonly string[];
  /** Clouds the database may be in; default every cloud allowed globally. */
  readonly clouds?: readonly Cloud[];
  /** Region ids the database may be in; default every region. */
  readonly regions?: readonly string[];
}

/** Monthly traffic between two workloads (services or a service and a bucket). */
export interface LinkSpec {
  /** Name of a service (the client side). */
  readonly from: string;
  /** Name of a service, bucket or database (the server side). */
  readonly to: string;
  /** GiB exchanged per month, both directions together (half each way). */
  readonly monthlyGiB: number;
  /** Port on `to` this link uses; default the first of the service's ports (443 for buckets, the engine's port for databases). */
  readonly port?: number;
  /**
   * Largest round trip in milliseconds between every region either end runs in and the nearest
   * region of the other end; default global.linkMaxRttMs, else both ends on the same continent.
   */
  readonly maxRttMs?: number;
}

/** Settings that apply to the whole workload. */
export interface GlobalSpec {
  /** Clouds any workload may use; default all three. */
  readonly clouds?: readonly Cloud[];
  /** Maximum number of distinct clouds used by the whole plan; default no limit. */
  readonly maxClouds?: number;
  /** vCPU quota per cloud-region, keyed "cloud:region" (e.g. "aws:us-east-1": 256). */
  readonly quotas?: Readonly<Record<string, number>>;
  /** Monthly budget in USD; the plan reports how far it is over. */
  readonly budgetUSD?: number;
  /** Whether burstable (shared-core, credit-based) types may be used; default false. */
  readonly allowBurstable?: boolean;
  /** Default maxRttMs of every link; default none: linked workloads stay on the same continent. */
  readonly linkMaxRttMs?: number;
}

/** The whole workload spec. */
export interface WorkloadSpec {
  readonly services: Readonly<Record<string, ServiceSpec>>;
  readonly buckets?: Readonly<Record<string, BucketSpec>>;
  readonly databases?: Readonly<Record<string, DatabaseSpec>>;
  readonly links?: readonly LinkSpec[];
  readonly global?: GlobalSpec;
}

/** A service with every default filled in (what `validateSpec` returns). */
export interface NormalizedService {
  readonly name: string;
  readonly replicas: number;
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly arch: Arch;
  readonly diskGiB: number;
  readonly spotReplicas: number;
  readonly residency: readonly string[];
  readonly clouds: readonly Cloud[];
  readonly regions: readonly string[];
  readonly minClouds: number;
  readonly minRegions: number;
  readonly maxSharePerCloud: number;
  readonly ports: readonly number[];
  readonly publicPorts: readonly number[];
  /** Users' latency requirement, with each location resolved to the regions standing for it. */
  readonly latency?: NormalizedServiceLatency;
}

/** A service's latency requirement with its user locations resolved. */
export interface NormalizedServiceLatency {
  readonly maxRttMs: number;
  /** The locations as written (normalized), each with the regions ("cloud:region") standing for it. */
  readonly from: readonly { readonly name: string; readonly points: readonly string[] }[];
}

/** A bucket with every default filled in. */
export interface NormalizedBucket {
  readonly name: string;
  readonly storageGiB: number;
  readonly internetEgressGiB: number;
  readonly residency: readonly string[];
  readonly clouds: readonly Cloud[];
  readonly regions: readonly string[];
}

/** A database with every default filled in. */
export interface NormalizedDatabase {
  readonly name: string;
  readonly engine: DatabaseEngine;
  readonly version: string;
  /** vCPUs and memory the primary needs (those of instanceClass when it is given). */
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly instanceClass?: string;
  readonly storageGiB: number;
  readonly storageType: "ssd" | "hdd";
  /** Sustained IOPS asked for; 0 when the storage size's own is enough. */
  readonly iops: number;
  readonly ha: DatabaseHa;
  readonly backupRetentionDays: number;
  readonly pointInTimeRecovery: boolean;
  readonly readReplicas: number;
  /** The engine's port (5432 for postgres, 3306 for mysql). */
  readonly port: number;
  readonly residency: readonly string[];
  readonly clouds: readonly Cloud[];
  readonly regions: readonly string[];
}

/** A link with its endpoints resolved and its port filled in. */
export interface NormalizedLink {
  readonly from: string;
  readonly to: string;
  readonly toKind: "service" | "bucket" | "database";
  readonly monthlyGiB: number;
  readonly port: number;
  /**
   * How close the two ends must run: within maxRttMs of each other, or on the same continent.
   * Absent: no requirement (validateSpec always sets one).
   */
  readonly latency?: LinkLatency;
}

/** The latency requirement of a link: every region of either end has one of the other end near. */
export type LinkLatency = { readonly kind: "rtt"; readonly maxRttMs: number } | { readonly kind: "continent" };

/** What the network layer's settings change in its cost (from cloudfit:network). */
export interface NetworkCostSettings {
  /** NAT of the private subnets: one per region, one per zone (AWS), or none. */
  readonly nat: "regional" | "zonal" | "off";
  /** Whether cloudfit creates the front door's public zone (no zoneId given). */
  readonly publicZone: boolean;
}

/** The network settings every validated spec starts with: regional NAT, a new public zone. */
export const DEFAULT_NETWORK_COSTS: NetworkCostSettings = { nat: "regional", publicZone: true };

/**
 * The validated spec. Services and buckets are sorted by name, so that every stage downstream
 * iterates in one stable order and the same spec always yields the same plan.
 */
export interface NormalizedSpec {
  readonly services: readonly NormalizedService[];
  readonly buckets: readonly NormalizedBucket[];
  /** Databases, sorted by name; absent in specs built before databases existed. */
  readonly databases?: readonly NormalizedDatabase[];
  readonly links: readonly NormalizedLink[];
  readonly clouds: readonly Cloud[];
  readonly maxClouds: number;
  readonly quotas: Readonly<Record<string, number>>;
  readonly budgetUSD?: number;
  readonly allowBurstable: boolean;
  /**
   * How the network layer (NAT, balancers, peering and VPN, private DNS, front door) is priced.
   * Absent: it is not priced (validateSpec sets DEFAULT_NETWORK_COSTS; `plan` sets the stack's).
   */
  readonly network?: NetworkCostSettings;
}

/** A spec's workloads: its services, then buckets, then databases. */
export function specWorkloads(spec: NormalizedSpec): (NormalizedService | NormalizedBucket | NormalizedDatabase)[] {
  return [...spec.services, ...spec.buckets, ...(spec.databases ?? [])];
}

/** How many workloads a spec has: its services, buckets and databases. */
export function workloadCount(spec: NormalizedSpec): number {
  return spec.services.length + spec.buckets.length + (spec.databases?.length ?? 0);
}

/** Each workload's links, to it and from it (a link of a workload to itself once). */
export function linksByWorkload(links: readonly NormalizedLink[]): Map<string, NormalizedLink[]> {
  const out = new Map<string, NormalizedLink[]>();
  for (const l of links) for (const name of new Set([l.from, l.to])) (out.get(name) ?? out.set(name, []).get(name)!).push(l);
  return out;
}

/** The spec cut down to the workloads `names` and the links between them. */
export function subSpec(spec: NormalizedSpec, names: ReadonlySet<string>): NormalizedSpec {
  return {
    ...spec,
    services: spec.services.filter((s) => names.has(s.name)),
    buckets: spec.buckets.filter((b) => names.has(b.name)),
    ...(spec.databases ? { databases: spec.databases.filter((d) => names.has(d.name)) } : {}),
    links: spec.links.filter((l) => names.has(l.from) && names.has(l.to)),
  };
}
