// The address plan: one private /16 per cloud-region, fixed so that networks in different clouds
// never overlap and a region keeps its range whatever else the plan uses. Pure.

import type { Cloud } from "../optimizer/spec";

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

/** The /16 of a cloud-region in the address plan, or undefined for a region outside it. */
export function regionCidr(cloud: Cloud, region: string): string | undefined {
  const i = REGIONS.indexOf(`${cloud}:${region}`);
  return i < 0 ? undefined : `10.${FIRST_OCTET + i}.0.0/16`;
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
