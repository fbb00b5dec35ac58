// A public access block (per bucket or account-wide) must not turn any of its four protections
// off: an unset flag in the resource means false, which lifts the AWS default block.

import type { BucketPublicAccessBlockArgs } from "@pulumi/aws/s3/bucketPublicAccessBlock";
import { joinAnd } from "../lib/messages";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE, S3_PUBLIC_ACCESS_BLOCK_TYPE } from "../lib/s3";
import { UNKNOWN } from "../lib/unknown";
import { PUBLIC_ACCESS_FLAGS } from "./requireS3PublicAccessBlock";

/** Every public access block sets all four flags to true. */
export const blockS3PublicAccessBlockWeakened = resourceRule({
  name: "aws-s3-public-access-block-not-weakened",
  description:
    "S3 public access blocks, per bucket or account-wide, must keep blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS AWS 2.1.4", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"],
  types: [S3_PUBLIC_ACCESS_BLOCK_TYPE, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE],
  check: (ctx) => {
    const off: string[] = [];
    for (const flag of PUBLIC_ACCESS_FLAGS) {
      const v = asBool(field<BucketPublicAccessBlockArgs>(ctx.props, flag));
      if (v === UNKNOWN) ctx.undecided(flag);
      else if (v !== true) off.push(flag);
    }
    if (off.length === 0) return;
    ctx.report(
      `${ctx.label} should not lift the public access block: set ${joinAnd(off)} to true ` +
        `(unset means false).`,
    );
  },
});
