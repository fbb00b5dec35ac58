// Turns the policy runtime's stack resources into the cost model's plain resources, and holds the
// configuration schema of the pricing settings both cost policies accept.

import type { PolicyConfigSchema, PolicyResource } from "@pulumi/policy";
import type { PricingResource } from "./types";

/** The cost model's view of a stack resource: URNs in place of linked resource objects. */
export function toPricingResource(r: PolicyResource): PricingResource {
  const deps: Record<string, string[]> = {};
  for (const key of Object.keys(r.propertyDependencies ?? {})) {
    deps[key] = (r.propertyDependencies[key] ?? []).map((d) => d.urn);
  }
  return {
    urn: r.urn,
    name: r.name,
    type: r.type,
    props: r.props,
    provider: r.provider ? { type: r.provider.type, props: r.provider.props } : undefined,
    propertyDependencies: deps,
  };
}

const regionSetting = (cloud: string) => ({
  type: "string" as const,
  minLength: 1,
  description: `Region assumed for ${cloud} resources whose region neither they nor their provider declare.`,
});

/** Schema of the pricing settings shared by cost-monthly-budget and cost-unpriced-resources. */
export const pricingSettingsSchema: PolicyConfigSchema["properties"] = {
  usage: {
    type: "object",
    description:
      "Usage quantities inline, in the usage file's shape: resourceTypeDefaults (by type token), resources (by name or URN), traffic.",
  },
  usageFile: {
    type: "string",
    minLength: 1,
    description: "Path of a usage file (YAML), absolute or relative to the directory the pack runs in.",
  },
  traffic: {
    type: "object",
    description:
      "Traffic between workloads and internet egress, as `cloudfit` writes it: { pricesOf, items: [{ workload, cloud, monthlyUSD, detail }] }.",
    properties: {
      pricesOf: { type: "string" },
      items: {
        type: "array",
        items: {
          type: "object",
          properties: {
            workload: { type: "string", minLength: 1 },
            cloud: { type: "string", enum: ["aws", "azure", "gcp"] },
            monthlyUSD: { type: "number", minimum: 0 },
            detail: { type: "string" },
          },
          required: ["workload", "cloud", "monthlyUSD"],
        },
      },
    },
    required: ["items"],
  },
  storageGiBDefault: {
    type: "number",
    minimum: 0,
    description:
      "Stored GiB assumed for a bucket or storage account without a cloudfit-storage-gib tag or label; unset leaves such buckets unpriced.",
  },
  defaultRegions: {
    type: "object",
    description:
      "Region per cloud for resources whose region neither they nor their provider declare.",
    properties: {
      aws: regionSetting("AWS"),
      azure: regionSetting("Azure"),
      gcp: regionSetting("Google Cloud"),
    },
    additionalProperties: false,
  },
};
