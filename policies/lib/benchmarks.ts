// Benchmark items the rules implement, and the editions they are numbered in. A rule names its
// items as "CIS AWS 5.2" (a CIS Foundations Benchmark recommendation) or "CKV_AWS_24" (a Checkov
// check id); the first CIS item becomes the policy's compliance framework, which the Analyzer
// service reports to the Pulumi CLI and Pulumi Cloud.

import type { PolicyComplianceFramework } from "@pulumi/policy";

/** The CIS benchmark editions whose recommendation numbers the rules cite, by cloud word. */
export const CIS_EDITIONS: Readonly<Record<string, { name: string; version: string }>> = {
  AWS: { name: "CIS Amazon Web Services Foundations Benchmark", version: "3.0.0" },
  Azure: { name: "CIS Microsoft Azure Foundations Benchmark", version: "2.0.0" },
  GCP: { name: "CIS Google Cloud Platform Foundation Benchmark", version: "2.0.0" },
};

/** How a benchmark item is written: a CIS recommendation or a Checkov check id. */
export const BENCHMARK_ITEM = /^(CIS (AWS|Azure|GCP) \d+(\.\d+)*|CKV2?_(AWS|AZURE|GCP)_\d+)$/;

/**
 * The compliance framework of the first CIS item, with the rule's own sentence as what it
 * specifies, or undefined when a rule cites none.
 */
export function frameworkOf(
  items: readonly string[],
  specification: string,
): PolicyComplianceFramework | undefined {
  for (const item of items) {
    const m = /^CIS (AWS|Azure|GCP) (\d+(?:\.\d+)*)$/.exec(item);
    if (!m) continue;
    const edition = CIS_EDITIONS[m[1]];
    return { name: edition.name, version: edition.version, reference: m[2], specification };
  }
  return undefined;
}
