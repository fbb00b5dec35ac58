// How many vCPUs an instance type has: from the price catalog when it lists the type, otherwise
// from the cloud's naming scheme (AWS "m7i.2xlarge", Azure "Standard_D4s_v5", Google Cloud
// "n2-standard-8" or "custom-4-16384"). Unrecognised names give undefined.

import { loadCatalog } from "../../optimizer/catalog";
import type { Cloud } from "../../optimizer/spec";

let vcpuIndex: Map<string, number> | undefined;

/** vCPUs of every catalog offer by "cloud:type" (sizes do not vary between regions). */
function catalogVcpus(): Map<string, number> {
  if (!vcpuIndex) {
    vcpuIndex = new Map();
    try {
      for (const o of loadCatalog().offers) {
        vcpuIndex.set(`${o.cloud}:${o.instanceType.toLowerCase()}`, o.vcpus);
      }
    } catch {
      // Without the catalog the naming schemes below still answer for most types.
    }
  }
  return vcpuIndex;
}

/**
 * AWS sizes: medium 1 (2 on burstable t-families), large 2, xlarge 4, Nxlarge 4N; nano, micro
 * and small exist only on t-families (1 vCPU on t1/t2, 2 on later ones). Per the EC2 instance
 * type tables (docs.aws.amazon.com/ec2/latest/instancetypes).
 */
function awsVcpus(type: string): number | undefined {
  const m = /^([a-z0-9-]+)\.(\d*)(nano|micro|small|medium|large|xlarge)$/.exec(type);
  if (!m) return undefined;
  const [, family, multiplier, size] = m;
  const burstable = /^t\d/.test(family);
  const oldBurstable = family === "t1" || family === "t2";
  if (multiplier && size !== "xlarge") return undefined;
  switch (size) {
    case "nano":
    case "micro":
    case "small":
      return burstable ? (oldBurstable ? 1 : 2) : undefined;
    case "medium":
      return burstable ? 2 : 1;
    case "large":
      return 2;
    default:
      return 4 * (multiplier ? Number(multiplier) : 1);
  }
}

/** Legacy Azure D1-D5 (v1, v2) sizes, whose digits are not a vCPU count (D3 has 4, D5 16). */
const AZURE_D1_5: Readonly<Record<string, number>> = { "1": 1, "2": 2, "3": 4, "4": 8, "5": 16 };

/** Legacy memory-optimised Azure D11-D15 sizes, whose digits are not a vCPU count. */
const AZURE_D1X: Readonly<Record<string, number>> = {
  "11": 2,
  "12": 4,
  "13": 8,
  "14": 16,
  "15": 20,
};

/**
 * Azure sizes: the number after the family letters is the vCPU count ("D4s_v5" has 4), and a
 * constrained-core size names its active vCPUs after a dash ("E64-16s_v5" has 16).
 */
function azureVcpus(type: string): number | undefined {
  const m = /^(?:standard_|basic_)?([a-z]+)(\d+)(?:-(\d+))?[a-z]*(?:_|$)/.exec(type);
  if (!m) return undefined;
  const [, family, digits, constrained] = m;
  if (constrained) return Number(constrained);
  const v1v2 = !/_v\d/.test(type) || /_v2$/.test(type);
  const legacy = family === "d" || family === "ds" ? (AZURE_D1X[digits] ?? (v1v2 ? AZURE_D1_5[digits] : undefined)) : undefined;
  if (legacy !== undefined) return legacy;
  const n = Number(digits);
  return n > 0 ? n : undefined;
}

/** Shared-core Google Cloud types, per cloud.google.com/compute/docs/general-purpose-machines. */
const GCP_SHARED: Readonly<Record<string, number>> = {
  "e2-micro": 2,
  "e2-small": 2,
  "e2-medium": 2,
  "f1-micro": 1,
  "g1-small": 1,
};

/** Google Cloud sizes: "<series>-<class>-<vCPUs>[-lssd]" or "[<series>-]custom-<vCPUs>-<MiB>". */
function gcpVcpus(type: string): number | undefined {
  const name = type.split("/").pop() ?? type;
  if (GCP_SHARED[name] !== undefined) return GCP_SHARED[name];
  const custom = /(?:^|-)custom-(\d+)-\d+(?:-ext)?$/.exec(name);
  if (custom) return Number(custom[1]);
  const std = /^[a-z0-9]+-[a-z]+-(\d+)(?:-[a-z]+)?$/.exec(name);
  return std ? Number(std[1]) : undefined;
}

/** The vCPU count read from an instance type's name alone, or undefined for unreadable names. */
export function vcpusFromName(cloud: Cloud, instanceType: string): number | undefined {
  const type = instanceType.trim().toLowerCase();
  if (cloud === "aws") return awsVcpus(type);
  if (cloud === "azure") return azureVcpus(type);
  return gcpVcpus(type);
}

/** The vCPU count of an instance type on a cloud, or undefined when it cannot be told. */
export function vcpusOf(cloud: Cloud, instanceType: string): number | undefined {
  const known = catalogVcpus().get(`${cloud}:${instanceType.trim().toLowerCase()}`);
  return known !== undefined ? known : vcpusFromName(cloud, instanceType);
}
