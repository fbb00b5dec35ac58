// The address plan: one private /16 per cloud-region, fixed so that networks in different clouds
// never overlap and a region keeps its range whatever else the plan uses, and the layout of the
// subnets, balancer addresses, BGP ASNs and tunnel link ranges inside it. Pure.

import type { Cloud } from "../spec";

/**
 * Cloud-regions in address order. Entry i gets 10.(16 + i).0.0/16. Append new regions at the end
 * and never reorder: a region's range must not change once networks exist.
 */
const REGIONS: readonly string[] = [
  "aws:us-east-1",
  "aws:us-west-2",
  "aws:eu-central-1",
  "aws:eu-west-1",
  "aws:ap-northeast-1",
  "aws:ap-southeast-1",
  "azure:eastus",
  "azure:westus2",
  "azure:westeurope",
  "azure:northeurope",
  "azure:germanywestcentral",
  "azure:japaneast",
  "azure:southeastasia",
  "gcp:us-central1",
  "gcp:us-east4",
  "gcp:us-west1",
  "gcp:europe-west3",
  "gcp:europe-west4",
  "gcp:asia-northeast1",
  "gcp:asia-southeast1",
  // Regions the price catalog added later, in its order (cloud, then region id).
  "aws:af-south-1",
  "aws:ap-east-1",
  "aws:ap-northeast-2",
  "aws:ap-northeast-3",
  "aws:ap-south-1",
  "aws:ap-southeast-2",
  "aws:ap-southeast-3",
  "aws:ap-southeast-4",
  "aws:ca-central-1",
  "aws:eu-north-1",
  "aws:eu-south-1",
  "aws:eu-south-2",
  "aws:eu-west-2",
  "aws:eu-west-3",
  "aws:me-central-1",
  "aws:us-east-2",
  "aws:us-west-1",
  "azure:australiacentral",
  "azure:australiacentral2",
  "azure:australiaeast",
  "azure:australiasoutheast",
  "azure:austriaeast",
  "azure:belgiumcentral",
  "azure:brazilsouth",
  "azure:brazilsoutheast",
  "azure:canadacentral",
  "azure:canadaeast",
  "azure:centralindia",
  "azure:centralus",
  "azure:chilecentral",
  "azure:denmarkeast",
  "azure:eastasia",
  "azure:eastus2",
  "azure:francecentral",
  "azure:francesouth",
  "azure:germanynorth",
  "azure:indonesiacentral",
  "azure:israelcentral",
  "azure:italynorth",
  "azure:japanwest",
  "azure:jioindiacentral",
  "azure:jioindiawest",
  "azure:koreacentral",
  "azure:koreasouth",
  "azure:malaysiawest",
  "azure:mexicocentral",
  "azure:newzealandnorth",
  "azure:northcentralus",
  "azure:norwayeast",
  "azure:norwaywest",
  "azure:polandcentral",
  "azure:qatarcentral",
  "azure:southafricanorth",
  "azure:southafricawest",
  "azure:southcentralus",
  "azure:southindia",
  "azure:spaincentral",
  "azure:swedencentral",
  "azure:switzerlandnorth",
  "azure:switzerlandwest",
  "azure:uaecentral",
  "azure:uaenorth",
  "azure:uksouth",
  "azure:ukwest",
  "azure:westcentralus",
  "azure:westindia",
  "azure:westus",
  "azure:westus3",
  "gcp:africa-south1",
  "gcp:asia-east1",
  "gcp:asia-east2",
  "gcp:asia-northeast2",
  "gcp:asia-northeast3",
  "gcp:asia-south1",
  "gcp:asia-south2",
  "gcp:asia-southeast2",
  "gcp:asia-southeast3",
  "gcp:australia-southeast1",
  "gcp:australia-southeast2",
  "gcp:europe-central2",
  "gcp:europe-north1",
  "gcp:europe-north2",
  "gcp:europe-southwest1",
  "gcp:europe-west1",
  "gcp:europe-west10",
  "gcp:europe-west12",
  "gcp:europe-west2",
  "gcp:europe-west6",
  "gcp:europe-west8",
  "gcp:europe-west9",
  "gcp:me-central1",
  "gcp:me-west1",
  "gcp:northamerica-northeast1",
  "gcp:northamerica-northeast2",
  "gcp:northamerica-south1",
  "gcp:southamerica-east1",
  "gcp:southamerica-west1",
  "gcp:us-central2",
  "gcp:us-east1",
  "gcp:us-east5",
  "gcp:us-south1",
  "gcp:us-west2",
  "gcp:us-west3",
  "gcp:us-west4",
];

const FIRST_OCTET = 16;

/** The private address space every cloudfit network lies in. */
export const ADDRESS_SPACE = "10.0.0.0/8";

/** The slot of a cloud-region in the address plan (0 for the first), or undefined outside it. */
export function regionSlot(cloud: Cloud, region: string): number | undefined {
  const i = REGIONS.indexOf(`${cloud}:${region}`);
  return i < 0 ? undefined : i;
}

/** The /16 of a cloud-region in the address plan, or undefined for a region outside it. */
export function regionCidr(cloud: Cloud, region: string): string | undefined {
  const i = regionSlot(cloud, region);
  return i === undefined ? undefined : `10.${FIRST_OCTET + i}.0.0/16`;
}

/** Whether a string is an IPv4 CIDR block such as "10.16.0.0/16". */
export function isCidr(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s);
  return m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

/**
 * Splits a /16 into its first `n` /20 subnets, e.g. 10.16.0.0/16 -> 10.16.0.0/20, 10.16.16.0/20.
 * Only /16 blocks are split; other sizes are returned whole, once.
 */
export function subnetCidrs(cidr: string, n: number): string[] {
  const m = /^(\d+)\.(\d+)\.0\.0\/16$/.exec(cidr);
  if (!m) return [cidr];
  return Array.from({ length: n }, (_, i) => `${m[1]}.${m[2]}.${i * 16}.0/20`);
}

/**
 * The slot of a CIDR in the address plan (0 for the first region), used where a cloud needs a
 * stable number per source, such as Azure rule priorities; undefined outside the plan.
 */
export function cidrSlot(cidr: string): number | undefined {
  const m = /^10\.(\d+)\.0\.0\/16$/.exec(cidr);
  if (!m) return undefined;
  const slot = Number(m[1]) - FIRST_OCTET;
  return slot >= 0 && slot < 256 - FIRST_OCTET ? slot : undefined;
}

/** A name part for a CIDR, e.g. "10.16.0.0/16" -> "10-16-0-0-16". */
export function cidrSlug(cidr: string): string {
  return cidr.replace(/[./]/g, "-");
}

/**
 * The subnets of a network's /16 (10.N.0.0/16), by role. Workloads use the private subnets only;
 * nothing else is ever placed in the others, so balancer addresses chosen here never collide
 * with a VM's.
 */
export interface SubnetLayout {
  /** Workload subnets: two on AWS (one per zone), the first on Azure and GCP. */
  readonly private: readonly [string, string];
  /** AWS only: public subnets of the internet-facing balancer and the NAT gateways. */
  readonly public: readonly [string, string];
  /** Internal balancers' fixed addresses (two on AWS, one per zone; the first elsewhere). */
  readonly balancers: readonly [string, string];
  /** Azure only: the Application Gateway's dedicated subnet. */
  readonly appGateway: string;
  /** GCP only: the proxy-only subnet of the regional external Application Load Balancer. */
  readonly proxy: string;
  /** Azure only: GatewaySubnet of the VPN gateway (Azure requires that name and at least a /27). */
  readonly gateway: string;
}

/** The subnet layout of a /16 network range such as 10.16.0.0/16; undefined for other sizes. */
export function subnetLayout(cidr: string): SubnetLayout | undefined {
  const m = /^(\d+)\.(\d+)\.0\.0\/16$/.exec(cidr);
  if (!m) return undefined;
  const p = `${m[1]}.${m[2]}`;
  return {
    private: [`${p}.0.0/20`, `${p}.16.0/20`],
    public: [`${p}.32.0/24`, `${p}.33.0/24`],
    balancers: [`${p}.64.0/24`, `${p}.65.0/24`],
    appGateway: `${p}.34.0/24`,
    // A /23 is the size Google recommends for proxy-only subnets (cloud.google.com, "Proxy-only subnets").
    proxy: `${p}.40.0/23`,
    gateway: `${p}.255.0/27`,
  };
}

/** The host address at `offset` in a /24 such as 10.16.64.0/24, e.g. offset 9 -> 10.16.64.9. */
export function hostIn(cidr24: string, offset: number): string {
  return `${cidr24.split(".").slice(0, 3).join(".")}.${offset}`;
}

/**
 * Private BGP ASN of a network: 64512 + its slot. Stays clear of the ASNs Azure reserves
 * (65515-65520) and inside the 16-bit private range AWS and GCP accept (64512-65534).
 */
export function networkAsn(slot: number): number {
  return 64512 + slot;
}

/**
 * The /30 link ranges (BGP inside addresses) of the tunnels between two networks. Each cloud pair
 * draws from its own block, and the block index (slotA + slotB) mod size is different for every
 * peer of one gateway, so no gateway ever sees the same range twice:
 * AWS-Azure in 169.254.21.0/24 and Azure-GCP in 169.254.22.0/24 (the APIPA range Azure VPN
 * gateways accept, 169.254.21.0-169.254.22.255), AWS-GCP in 169.254.100.0-169.254.163.255 (clear
 * of the /30s AWS reserves in 169.254.0.0-169.254.5.255 and 169.254.169.252/30).
 */
export function tunnelRanges(
  clouds: readonly [Cloud, Cloud],
  slots: readonly [number, number],
  tunnels: number,
): string[] {
  const sum = slots[0] + slots[1];
  const pair = [...clouds].sort().join("-");
  return Array.from({ length: tunnels }, (_, t) => {
    if (pair === "aws-azure") return `169.254.21.${16 * (sum % 16) + 4 * t}/30`;
    if (pair === "azure-gcp") return `169.254.22.${8 * (sum % 32) + 4 * t}/30`;
    return `169.254.${100 + (sum % 64)}.${4 * t}/30`;
  });
}

/** The two usable addresses of a /30: [first, second], e.g. 169.254.21.0/30 -> .1 and .2. */
export function linkAddresses(range30: string): [string, string] {
  const [ip] = range30.split("/");
  const o = ip.split(".").map(Number);
  const at = (d: number) => `${o[0]}.${o[1]}.${o[2]}.${o[3] + d}`;
  return [at(1), at(2)];
}
