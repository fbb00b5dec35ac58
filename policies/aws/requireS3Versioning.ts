// S3 buckets should keep object versions, so that overwritten or deleted objects can be
// recovered. Versioning is off by default, so this rule is advisory unless configured
// mandatory. A stack rule: versioning is a separate BucketVersioning resource.

import type { PolicyResource } from "@pulumi/policy";
import type { BucketVersioningArgs } from "@pulumi/aws/s3/bucketVersioning";
import type * as awsInput from "@pulumi/aws/types/input";
import { describeResource } from "../lib/messages";
import { asBool, asString, field, pathOf } from "../lib/read";
import { stackRule } from "../lib/rule";
import { S3_VERSIONING_TYPES, bucketConfigs } from "../lib/s3";
import { UNKNOWN } from "../lib/unknown";

type Versioning = awsInput.s3.BucketVersioningVersioningConfiguration;

/** "enabled", "off" (with the status seen) or "unknown", over a bucket's configurations. */
function statusOf(configs: readonly PolicyResource[]): { kind: "enabled" | "unknown" } | { kind: "off"; status: string } {
  let unknown = false;
  let seen = "none";
  for (const cfg of configs) {
    const status = asString(field<Versioning>(field<BucketVersioningArgs>(cfg.props, "versioningConfiguration"), "status"));
    if (status === UNKNOWN) unknown = true;
    else if (status === "Enabled") return { kind: "enabled" };
    else if (status !== undefined) seen = status;
  }
  return unknown ? { kind: "unknown" } : { kind: "off", status: seen };
}

/** Every S3 bucket has versioning enabled. */
export const requireS3Versioning = stackRule({
  name: "aws-s3-bucket-versioning-enabled",
  description:
    "S3 buckets must enable versioning through a BucketVersioning resource so that overwritten and deleted objects can be recovered.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CKV_AWS_21"],
  check: (ctx) => {
    const { buckets, byCandidate, unlinked } = bucketConfigs(ctx.resources, S3_VERSIONING_TYPES);
    for (const bucket of buckets) {
      const label = describeResource(bucket.type, bucket.name);
      const configs = byCandidate.get(bucket.urn) ?? [];
      if (configs.length === 0) {
        // The deprecated inline setting still works.
        const inline = asBool(pathOf(bucket.props, "versioning", "enabled"));
        if (inline === true) continue;
        if (unlinked > 0 || inline === UNKNOWN) {
          ctx.undecided(`${label}: its versioning is not known yet`);
          continue;
        }
        ctx.report(
          `${label} should keep object versions: add a BucketVersioning for it with ` +
            `versioningConfiguration.status "Enabled".`,
          bucket.urn,
        );
        continue;
      }
      const status = statusOf(configs);
      if (status.kind === "unknown") ctx.undecided(`${label}: its versioning status is not known yet`);
      else if (status.kind === "off") {
        ctx.report(
          `${label} should keep object versions: its BucketVersioning status is ` +
            `"${status.status}"; set versioningConfiguration.status to "Enabled".`,
          bucket.urn,
        );
      }
    }
  },
});
