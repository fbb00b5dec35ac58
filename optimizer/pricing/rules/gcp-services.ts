// Google Cloud price rules for storage, security, containers, serverless and logs: Cloud Storage
// buckets, Cloud KMS keys, Secret Manager secrets, GKE clusters and node pools, Cloud Run
// services, Cloud Functions, Logging buckets, Pub/Sub topics, Artifact Registry and Scheduler.

import { CostComponent, RuleContext, Rules, Unpriceable } from "../context";
import { bool, get, list, num, str } from "../read";
import type { PricingResource } from "../types";
import { count, GLOBAL, partsRule, storedGiB } from "./common";
import { gcpDisk, gcpMachine, gcpRegion } from "./gcp-compute";

const CLASSES: Record<string, string> = { STANDARD: "standard", NEARLINE: "nearline", COLDLINE: "coldline", ARCHIVE: "archive", REGIONAL: "standard", MULTI_REGIONAL: "standard" };

/** A bucket: stored GiB of its class in its location (the catalog's per-region price for Standard in a region) and operations. */
function bucket(r: PricingResource, ctx: RuleContext) {
  const location = gcpRegion(r, ctx);
  const cls = CLASSES[(str(r.props, "storageClass") ?? "STANDARD").toUpperCase()];
  if (!cls) throw new Unpriceable(`storage class ${str(r.props, "storageClass")} is not in the catalog`);
  const stored = storedGiB(r, ctx);
  const inRegion = ctx.catalog.region("gcp", location) !== undefined;
  const storage =
    cls === "standard" && inRegion
      ? ctx.planStorage("gcp", location, stored.gib, "Storage (standard)")
      : ctx.component(`Storage (${cls})`, `gcp.gcs.${cls}`, location, stored.gib, { unit: "GiB-months", usageKey: "storageGiB" });
  return {
    region: location,
    note: stored.how,
    components: [
      storage,
      ctx.usageComponent(r, "Object adds, bucket/object list (class A)", "gcp.gcs.class-a", location, "monthlyWriteRequests", { unit: "10k operations", scale: 1e-4 }),
      ctx.usageComponent(r, "Object gets, retrieve bucket/object metadata (class B)", "gcp.gcs.class-b", location, "monthlyReadRequests", { unit: "10k operations", scale: 1e-4 }),
    ],
  };
}

/** A KMS key: its key versions (software or HSM) and operations from the usage file. */
function kmsKey(r: PricingResource, ctx: RuleContext) {
  const region = "global";
  const hsm = str(r.props, "versionTemplate", "protectionLevel") === "HSM";
  const versions = ctx.usage(r).keyVersions ?? 1;
  return {
    region,
    components: [
      ctx.component(`Key versions (${hsm ? "HSM" : "software"})`, hsm ? "gcp.kms.hsm-key-version" : "gcp.kms.key-version", region, versions, { unit: "key version-months", usageKey: "keyVersions" }),
      ctx.usageComponent(r, "Operations", "gcp.kms.operations", region, "monthlyKeyOperations", { unit: "10k operations", scale: 1e-4 }),
    ],
  };
}

/** A secret: one active version per replica location and access operations from the usage file. */
function secret(r: PricingResource, ctx: RuleContext) {
  const replicas = Math.max(1, list(r.props, "replication", "userManaged", "replicas").length);
  return {
    region: "global",
    components: [
      ctx.component("Active secret versions", "gcp.secretmanager.version", "global", (ctx.usage(r).keyVersions ?? 1) * replicas, { unit: "version-months" }),
      ctx.usageComponent(r, "Access operations", "gcp.secretmanager.access", "global", "monthlyKeyOperations", { unit: "10k operations", scale: 1e-4 }),
    ],
  };
}

/** Zones a GKE cluster or pool runs nodes in: its node locations, or three for a regional location. */
function zonesOf(props: unknown, location: string | undefined): number {
  const nodeLocations = list(props, "nodeLocations").length;
  if (nodeLocations > 0) return nodeLocations;
  return location && /^[a-z]+-[a-z]+\d+$/.test(location) ? 3 : 1;
}

/** Node machines and boot disks of a node pool: nodes per zone times zones. */
function poolComponents(ctx: RuleContext, region: string, pool: unknown, zones: number, label: string, nodesPerZone: number): CostComponent[] {
  const config = get(pool, "nodeConfig");
  const type = str(config, "machineType") ?? "e2-medium";
  const n = nodesPerZone * zones;
  const spot = bool(config, "spot") === true || bool(config, "preemptible") === true;
  const hours = 730;
  return [
    { ...gcpMachine(ctx, region, type, n, spot, hours), name: `${label}: Instance usage (Linux/UNIX, ${spot ? "preemptible" : "on-demand"}, ${type})` },
    ...gcpDisk(ctx, region, str(config, "diskType") ?? "pd-standard", num(config, "diskSizeGb") ?? 100, n, `${label}: `),
  ];
}

/** A GKE cluster: the management fee, and its default pool unless removed (Autopilot bills pods from usage). */
function cluster(r: PricingResource, ctx: RuleContext) {
  const region = gcpRegion(r, ctx);
  const components: CostComponent[] = [ctx.component("Cluster management fee", "gcp.gke.cluster-hour", region, ctx.hours(r), { unit: "hours" })];
  if (bool(r.props, "enableAutopilot") === true) {
    components.push(ctx.usageComponent(r, "Autopilot pod vCPU", "gcp.gke.autopilot-vcpu", region, "monthlyTasksVcpuHours", { unit: "vCPU-hours" }));
    components.push(ctx.usageComponent(r, "Autopilot pod memory", "gcp.gke.autopilot-gb", region, "monthlyTasksGBHours", { unit: "GB-hours" }));
  } else if (bool(r.props, "removeDefaultNodePool") !== true) {
    const zones = zonesOf(r.props, str(r.props, "location"));
    components.push(...poolComponents(ctx, region, r.props, zones, "default_pool", count(r.props, "initialNodeCount") ?? 3));
  }
  list(r.props, "nodePools").forEach((p, i) => {
    const zones = zonesOf(p, str(r.props, "location"));
    components.push(...poolComponents(ctx, region, p, zones, `node_pool[${i}]`, count(p, "nodeCount") ?? count(p, "initialNodeCount") ?? 1));
  });
  return { region, components };
}

/** A GKE node pool: nodeCount (or its initial or autoscaling minimum) per zone. */
function nodePool(r: PricingResource, ctx: RuleContext) {
  const region = gcpRegion(r, ctx);
  const perZone = count(r.props, "nodeCount") ?? count(r.props, "initialNodeCount") ?? count(r.props, "autoscaling", "minNodeCount") ?? 1;
  return { region, components: poolComponents(ctx, region, r.props, zonesOf(r.props, str(r.props, "location")), r.name, perZone) };
}


/** CPU clock of a Cloud Functions (1st gen) memory size, in GHz. */
function functionGHz(memMB: number): number {
  const table: [number, number][] = [[128, 0.2], [256, 0.4], [512, 0.8], [1024, 1.4], [2048, 2.4], [4096, 4.8], [8192, 4.8]];
  return (table.find(([mb]) => memMB <= mb) ?? table[table.length - 1])[1];
}

/** A Cloud Function (1st gen): invocations, GHz-seconds and GB-seconds from invocations and duration. */
function cloudFunction(r: PricingResource, ctx: RuleContext) {
  const region = gcpRegion(r, ctx);
  const memMB = num(r.props, "availableMemoryMb") ?? 256;
  const u = ctx.usage(r);
  const seconds = u.monthlyRequests !== undefined && u.averageDurationMs !== undefined ? (u.monthlyRequests * Math.ceil(u.averageDurationMs / 100) * 100) / 1000 : null;
  return {
    region,
    components: [
      { ...ctx.component("CPU", "gcp.functions.ghz-second", region, seconds === null ? null : seconds * functionGHz(memMB), { unit: "GHz-seconds" }), usageKey: "averageDurationMs" },
      { ...ctx.component("Memory", "gcp.functions.gb-second", region, seconds === null ? null : (seconds * memMB) / 1024, { unit: "GB-seconds" }), usageKey: "averageDurationMs" },
      ctx.usageComponent(r, "Invocations", "gcp.functions.invocations", region, "monthlyRequests", { unit: "1M invocations", scale: 1e-6 }),
    ],
  };
}




const cloudRun = partsRule(gcpRegion, [
  { label: "CPU allocation time", key: "gcp.run.vcpu-second", unit: "vCPU-seconds", usageKey: "monthlyVcpuSeconds" },
  { label: "Memory allocation time", key: "gcp.run.gib-second", unit: "GiB-seconds", usageKey: "monthlyGiBSeconds" },
  { label: "Requests", key: "gcp.run.requests", unit: "1M requests", usageKey: "monthlyRequests", scale: 1e-6 },
]);
/** Logging buckets and sinks: log data ingested. */
const logging = partsRule(GLOBAL, [{ label: "Logging data", key: "gcp.logging.ingest", unit: "GiB", usageKey: "monthlyIngestedGB" }]);

/** Google Cloud storage, security, container, serverless and log rules by type token. */
export const gcpServiceRules: Rules = {
  "gcp:storage/bucket:Bucket": bucket,
  "gcp:kms/cryptoKey:CryptoKey": kmsKey,
  "gcp:secretmanager/secret:Secret": secret,
  "gcp:container/cluster:Cluster": cluster,
  "gcp:container/nodePool:NodePool": nodePool,
  "gcp:cloudrun/service:Service": cloudRun,
  "gcp:cloudrunv2/service:Service": cloudRun,
  "gcp:cloudfunctions/function:Function": cloudFunction,
  "gcp:logging/projectBucketConfig:ProjectBucketConfig": logging,
  "gcp:logging/folderBucketConfig:FolderBucketConfig": logging,
  "gcp:logging/organizationBucketConfig:OrganizationBucketConfig": logging,
  "gcp:logging/billingAccountBucketConfig:BillingAccountBucketConfig": logging,
  "gcp:logging/projectSink:ProjectSink": logging,
  "gcp:logging/folderSink:FolderSink": logging,
  "gcp:logging/organizationSink:OrganizationSink": logging,
  "gcp:logging/billingAccountSink:BillingAccountSink": logging,
  "gcp:pubsub/topic:Topic": partsRule(GLOBAL, [{ label: "Message delivery", key: "gcp.pubsub.throughput", unit: "TiB", usageKey: "monthlyMessagesGB", scale: 1 / 1024 }]),
  "gcp:artifactregistry/repository:Repository": partsRule(gcpRegion, [{ label: "Storage", key: "gcp.artifactregistry.storage", unit: "GB-months", usageKey: "storageGiB" }]),
  "gcp:cloudscheduler/job:Job": partsRule(GLOBAL, [{ label: "Job", key: "gcp.scheduler.job", unit: "job-months", per: "month" }]),
};
