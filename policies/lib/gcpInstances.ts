// Google Compute Engine instances and instance templates share the settings the compute rules
// read (metadata, service account, network interfaces, IP forwarding); this module names the
// types and reads instance metadata the way Compute Engine does (keys exact, values as text).

import type { InstanceArgs } from "@pulumi/gcp/compute/instance";
import { Read, asObject, asString, field, keysOf } from "./read";
import { UNKNOWN, Unknown } from "./unknown";

/** Instances and both kinds of instance template. */
export const GCE_TYPES: readonly string[] = [
  "gcp:compute/instance:Instance",
  "gcp:compute/instanceTemplate:InstanceTemplate",
  "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate",
];

/** A metadata map's known string values; UNKNOWN when the map is not known yet. */
export function metadataOf(props: Read): Map<string, string | Unknown> | Unknown {
  const obj = asObject(field<InstanceArgs>(props, "metadata"));
  if (obj === UNKNOWN) return UNKNOWN;
  const out = new Map<string, string | Unknown>();
  for (const key of keysOf(obj)) {
    const v = asString(field<Record<string, unknown>>(obj, key));
    if (v !== undefined) out.set(key, v);
  }
  return out;
}

/** True for the metadata spellings of "on": "true", "TRUE", "1", "yes". */
export function isOn(value: string): boolean {
  return ["true", "1", "yes", "y"].includes(value.trim().toLowerCase());
}
