// CloudTrail logs must be encrypted with a KMS key, so that reading them needs both S3 and KMS
// permissions. By default they are encrypted only with S3-managed keys.

import type { TrailArgs } from "@pulumi/aws/cloudtrail/trail";
import { field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";

/** kmsKeyId is set. */
export const requireCloudTrailKms = resourceRule({
  name: "aws-cloudtrail-kms-encrypted",
  description: "CloudTrail trails must encrypt their logs with a KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS AWS 3.5", "CKV_AWS_35"],
  types: ["aws:cloudtrail/trail:Trail"],
  check: (ctx) => {
    if (isPresent(field<TrailArgs>(ctx.props, "kmsKeyId"))) return;
    ctx.report(
      `${ctx.label} should encrypt its logs with KMS: set kmsKeyId to a KMS key whose policy ` +
        `lets CloudTrail use it (logs are otherwise encrypted only with S3-managed keys).`,
    );
  },
});
