// Tags and labels: which resource types carry them under which property, and how to read them,
// including the defaults a provider adds (AWS `defaultTags`, Google Cloud `defaultLabels`).

import { Read, asList, asObject, asString, field, keysOf, pathOf } from "./read";
import { UNKNOWN, Unknown, isSentinel } from "./unknown";

/** How a resource type carries its tags. */
export interface TagSite {
  /** The property holding them. */
  readonly property: string;
  /** "map" for { key: value }, "list" for [{ key, value, ... }] (Auto Scaling groups). */
  readonly shape: "map" | "list";
  /** What the cloud calls them in messages. */
  readonly noun: "tags" | "labels";
}

const AWS_TAGS: TagSite = { property: "tags", shape: "map", noun: "tags" };
const AZURE_TAGS: TagSite = { property: "tags", shape: "map", noun: "tags" };
const GCP_LABELS: TagSite = { property: "labels", shape: "map", noun: "labels" };

/**
 * The taggable resource types the required-tags rule checks: the compute, storage, database,
 * key and network resources a workload bills or exposes. Each entry's property is checked
 * against the installed SDKs by the tests.
 */
export const TAG_SITES: Readonly<Record<string, TagSite>> = {
  "aws:s3/bucket:Bucket": AWS_TAGS,
  "aws:s3/bucketV2:BucketV2": AWS_TAGS,
  "aws:ebs/volume:Volume": AWS_TAGS,
  "aws:ec2/instance:Instance": AWS_TAGS,
  "aws:ec2/launchTemplate:LaunchTemplate": AWS_TAGS,
  "aws:ec2/securityGroup:SecurityGroup": AWS_TAGS,
  "aws:ec2/vpc:Vpc": AWS_TAGS,
  "aws:ec2/subnet:Subnet": AWS_TAGS,
  "aws:ec2/natGateway:NatGateway": AWS_TAGS,
  "aws:ec2/eip:Eip": AWS_TAGS,
  "aws:rds/instance:Instance": AWS_TAGS,
  "aws:rds/cluster:Cluster": AWS_TAGS,
  "aws:kms/key:Key": AWS_TAGS,
  "aws:lb/loadBalancer:LoadBalancer": AWS_TAGS,
  "aws:elasticache/replicationGroup:ReplicationGroup": AWS_TAGS,
  "aws:dynamodb/table:Table": AWS_TAGS,
  "aws:efs/fileSystem:FileSystem": AWS_TAGS,
  "aws:autoscaling/group:Group": { property: "tags", shape: "list", noun: "tags" },
  "azure-native:resources:ResourceGroup": AZURE_TAGS,
  "azure-native:storage:StorageAccount": AZURE_TAGS,
  "azure-native:compute:VirtualMachine": AZURE_TAGS,
  "azure-native:compute:VirtualMachineScaleSet": AZURE_TAGS,
  "azure-native:compute:Disk": AZURE_TAGS,
  "azure-native:network:VirtualNetwork": AZURE_TAGS,
  "azure-native:network:NetworkSecurityGroup": AZURE_TAGS,
  "azure-native:network:PublicIPAddress": AZURE_TAGS,
  "azure-native:network:LoadBalancer": AZURE_TAGS,
  "azure-native:keyvault:Vault": AZURE_TAGS,
  "azure-native:redis:Redis": AZURE_TAGS,
  "gcp:storage/bucket:Bucket": GCP_LABELS,
  "gcp:compute/instance:Instance": GCP_LABELS,
  "gcp:compute/instanceTemplate:InstanceTemplate": GCP_LABELS,
  "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate": GCP_LABELS,
  "gcp:compute/disk:Disk": GCP_LABELS,
  "gcp:compute/regionDisk:RegionDisk": GCP_LABELS,
  "gcp:redis/instance:Instance": GCP_LABELS,
  "gcp:kms/cryptoKey:CryptoKey": GCP_LABELS,
  "gcp:pubsub/topic:Topic": GCP_LABELS,
};

/** Tag keys and values as read: UNKNOWN for a value (or a whole map) not known yet. */
export type TagMap = Map<string, string | Unknown>;

/** Reads a { key: value } map; UNKNOWN when the map itself is unknown. */
function readMap(value: Read, into: TagMap): Unknown | undefined {
  const obj = asObject(value);
  if (obj === UNKNOWN) return UNKNOWN;
  for (const key of keysOf(obj)) {
    const v = asString(field<Record<string, unknown>>(obj, key));
    if (v !== undefined) into.set(key, v);
  }
  return undefined;
}

/** Reads a [{ key, value }] list (Auto Scaling group tags). */
function readList(value: Read, into: TagMap): Unknown | undefined {
  const items = asList(value);
  if (items === UNKNOWN) return UNKNOWN;
  for (const item of items) {
    const key = asString(pathOf(item, "key"));
    if (typeof key !== "string") continue;
    const v = asString(pathOf(item, "value"));
    if (v !== undefined) into.set(key, v);
  }
  return undefined;
}

/**
 * Parses a provider setting that may arrive as an object or as JSON text: providers serialise
 * their object-valued inputs (such as AWS `defaultTags`) to JSON strings.
 */
export function objectOrJson(value: Read): Read {
  if (value === UNKNOWN || isSentinel(value)) return UNKNOWN;
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** Tags the provider adds to every resource: AWS `defaultTags.tags`, GCP `defaultLabels`. */
function providerDefaults(type: string, providerProps: Read, into: TagMap): Unknown | undefined {
  if (type.startsWith("aws:")) {
    const dt = objectOrJson(pathOf(providerProps, "defaultTags"));
    return readMap(pathOf(dt, "tags"), into);
  }
  if (type.startsWith("gcp:")) {
    return readMap(objectOrJson(pathOf(providerProps, "defaultLabels")), into);
  }
  return undefined;
}

/** A resource's effective tags, and whether the provider's defaults were known. */
export interface EffectiveTags {
  readonly tags: TagMap;
  /** True when the provider's default tags are not known yet, so a missing key is undecided. */
  readonly defaultsUnknown: boolean;
}

/**
 * The tags a resource ends up with: the provider's defaults overlaid by its own. UNKNOWN when
 * the resource's own tags are not known yet.
 */
export function effectiveTags(
  type: string,
  site: TagSite,
  props: Read,
  providerProps: Read,
): EffectiveTags | Unknown {
  const tags: TagMap = new Map();
  const providerState = providerDefaults(type, providerProps, tags);
  const own = pathOf(props, site.property);
  const ownState = site.shape === "list" ? readList(own, tags) : readMap(own, tags);
  if (ownState === UNKNOWN) return UNKNOWN;
  return { tags, defaultsUnknown: providerState === UNKNOWN };
}

/**
 * The known tags of a resource kept under `property` as a { key: value } map, with the
 * provider's defaults; UNKNOWN when its own tags are not known yet. Values not known yet are
 * left out.
 */
export function knownTags(
  type: string,
  props: Read,
  providerProps: Read,
  property = "tags",
): Map<string, string> | Unknown {
  const found = effectiveTags(type, { property, shape: "map", noun: "tags" }, props, providerProps);
  if (found === UNKNOWN) return UNKNOWN;
  const out = new Map<string, string>();
  for (const [k, v] of found.tags) if (v !== UNKNOWN) out.set(k, v);
  return out;
}
