// The usage file: monthly quantities that usage-based prices need (requests, GB processed,
// stored GiB, traffic between workloads), given per Pulumi type token or per resource, in YAML:
//
//   version: 1
//   resourceTypeDefaults:
//     "aws:lambda/function:Function": { monthlyRequests: 2000000, averageDurationMs: 120 }
//   resources:
//     checkout-fn: { monthlyRequests: 9000000 }        # logical name or URN
//   traffic:
//     links: { "api->cache": 800 }                       # GiB a month, replaces the spec's
//     buckets: { assets: { internetEgressGiB: 50 } }
//
// Parsing is pure; readUsageFile adds the file system. Every key is checked against USAGE_KEYS.

import * as fs from "fs";
import * as yaml from "js-yaml";
import type { PricingResource, TrafficUsage, UsageFile, UsageValues } from "./types";

/** Every usage key a rule reads, with its unit and meaning (the README lists the same). */
export const USAGE_KEYS: Readonly<Record<string, string>> = {
  storageGiB: "GiB stored (buckets, storage accounts, file systems, registries, snapshots)",
  monthlyRequests: "requests a month (functions, API gateways, queues, topics, Cloud Run)",
  averageDurationMs: "average duration of one function invocation in milliseconds",
  monthlyDataProcessedGB: "GB a month processed (NAT gateways, load balancers, transit gateways, VPN gateways)",
  monthlyEgressGB: "GB a month sent out (CDN distributions, internet egress of a resource)",
  monthlyLcu: "average load balancer capacity units (LCU, NLCU or Application Gateway capacity units)",
  monthlyQueries: "DNS queries a month",
  monthlyIngestedGB: "log or metric data ingested a month, in GB",
  monthlyScannedGB: "log data scanned by queries a month, in GB",
  monthlyKeyOperations: "key or secret operations (API requests) a month",
  monthlyReadRequests: "read requests a month (object storage GET and LIST, DynamoDB read request units)",
  monthlyWriteRequests: "write requests a month (object storage PUT, DynamoDB write request units)",
  backupStorageGB: "backup storage beyond the free allowance, in GB",
  monthlyTasksVcpuHours: "vCPU-hours a month of container tasks (Fargate, Container Instances, Autopilot)",
  monthlyTasksGBHours: "GB-hours a month of container task memory",
  monthlyVcpuSeconds: "vCPU-seconds a month (Cloud Run, Container Apps)",
  monthlyGiBSeconds: "GiB-seconds a month of memory (Cloud Run, Container Apps)",
  monthlyIOps: "I/O requests a month (Aurora, magnetic EBS)",
  cpuCreditHours: "vCPU-hours a month of CPU credits beyond the baseline (burstable instances in unlimited mode)",
  capacityUnitHours: "capacity unit hours a month (Aurora Serverless ACU-hours)",
  keyVersions: "active key or secret versions (Cloud KMS, Secret Manager; default 1)",
  assignedVms: "VMs a Cloud NAT gateway serves (at most 32 are billed)",
  nonAwsEndpoint: "1 when a Route 53 health check watches an endpoint outside AWS, else 0",
  monthlyMessagesGB: "GB of messages a month (Pub/Sub)",
  hoursPerMonth: "hours a month the resource runs, when not always on (default 730)",
};

/** The usage file is malformed or names an unknown key. */
export class UsageFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageFileError";
  }
}

/** An empty usage file. */
export const NO_USAGE: UsageFile = { resourceTypeDefaults: {}, resources: {} };

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function values(v: unknown, where: string, file: string): UsageValues {
  if (!isObject(v)) throw new UsageFileError(`${file}: ${where} must be a mapping of usage keys to numbers. To fix: write e.g. "${where}: { monthlyRequests: 1000000 }".`);
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v)) {
    if (!(k in USAGE_KEYS)) {
      throw new UsageFileError(
        `${file}: ${where}.${k} is not a usage key. To fix: use one of ${Object.keys(USAGE_KEYS).join(", ")}.`,
      );
    }
    if (typeof x !== "number" || !Number.isFinite(x) || x < 0) {
      throw new UsageFileError(`${file}: ${where}.${k} must be a number of at least 0, got ${JSON.stringify(x)}. To fix: write a plain number.`);
    }
    out[k] = x;
  }
  return out;
}

function traffic(v: unknown, file: string): TrafficUsage {
  if (!isObject(v)) throw new UsageFileError(`${file}: traffic must be a mapping with links and buckets. To fix: see the README's usage file section.`);
  for (const k of Object.keys(v)) {
    if (k !== "links" && k !== "buckets") throw new UsageFileError(`${file}: traffic.${k} is not known. To fix: use traffic.links or traffic.buckets.`);
  }
  const links: Record<string, number> = {};
  if (v.links !== undefined) {
    if (!isObject(v.links)) throw new UsageFileError(`${file}: traffic.links must map "from->to" to GiB a month.`);
    for (const [k, x] of Object.entries(v.links)) {
      if (!/^[^\s>]+->[^\s>]+$/.test(k)) throw new UsageFileError(`${file}: traffic.links key "${k}" must be "from->to". To fix: write e.g. "api->cache".`);
      if (typeof x !== "number" || !Number.isFinite(x) || x < 0) throw new UsageFileError(`${file}: traffic.links["${k}"] must be GiB a month (a number of at least 0).`);
      links[k] = x;
    }
  }
  const bucketEgressGiB: Record<string, number> = {};
  if (v.buckets !== undefined) {
    if (!isObject(v.buckets)) throw new UsageFileError(`${file}: traffic.buckets must map bucket names to { internetEgressGiB }.`);
    for (const [name, b] of Object.entries(v.buckets)) {
      const x = isObject(b) ? b.internetEgressGiB : undefined;
      if (!isObject(b) || Object.keys(b).some((k) => k !== "internetEgressGiB") || typeof x !== "number" || !Number.isFinite(x) || x < 0) {
        throw new UsageFileError(`${file}: traffic.buckets.${name} must be { internetEgressGiB: <GiB a month> }.`);
      }
      bucketEgressGiB[name] = x;
    }
  }
  return { links, bucketEgressGiB };
}

/** Parses a usage file's YAML text; `file` names it in errors. */
export function parseUsageFile(text: string, file = "usage file"): UsageFile {
  let doc: unknown;
  try {
    doc = yaml.load(text);
  } catch (e) {
    throw new UsageFileError(`${file} is not valid YAML: ${(e as Error).message.split("\n")[0]}. To fix: correct the YAML syntax.`);
  }
  return usageFromDocument(doc, file);
}

/** Checks a parsed usage document (from YAML, or inline JSON in a policy configuration). */
export function usageFromDocument(doc: unknown, file = "usage file"): UsageFile {
  if (doc === undefined || doc === null) return NO_USAGE;
  if (!isObject(doc)) throw new UsageFileError(`${file} must be a YAML mapping with version, resourceTypeDefaults, resources and traffic.`);
  for (const k of Object.keys(doc)) {
    if (!["version", "resourceTypeDefaults", "resources", "traffic"].includes(k)) {
      throw new UsageFileError(`${file}: top-level key ${k} is not known. To fix: use version, resourceTypeDefaults, resources or traffic.`);
    }
  }
  if (doc.version !== undefined && doc.version !== 1) {
    throw new UsageFileError(`${file}: version ${JSON.stringify(doc.version)} is not supported. To fix: write version: 1.`);
  }
  const section = (key: "resourceTypeDefaults" | "resources"): Record<string, UsageValues> => {
    const v = doc[key];
    if (v === undefined || v === null) return {};
    if (!isObject(v)) throw new UsageFileError(`${file}: ${key} must be a mapping.`);
    return Object.fromEntries(Object.entries(v).map(([name, x]) => [name, values(x, `${key}["${name}"]`, file)]));
  };
  return {
    resourceTypeDefaults: section("resourceTypeDefaults"),
    resources: section("resources"),
    ...(doc.traffic !== undefined ? { traffic: traffic(doc.traffic, file) } : {}),
  };
}

/** Reads and parses a usage file from disk. */
export function readUsageFile(path: string): UsageFile {
  let text: string;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageFileError(`Cannot read the usage file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. To fix: check the path.`);
  }
  return parseUsageFile(text, path);
}

/** The usage values that apply to a resource: its type's defaults, overridden by its own (URN first, then name). */
export function usageOf(usage: UsageFile, r: Pick<PricingResource, "urn" | "name" | "type">): UsageValues {
  return { ...usage.resourceTypeDefaults[r.type], ...usage.resources[r.name], ...usage.resources[r.urn] };
}
