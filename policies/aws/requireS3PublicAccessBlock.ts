// S3 buckets with an explicit public access block. AWS blocks public access on every new bucket
// by default since April 2023, but a bucket without its own BucketPublicAccessBlock (or an
// account-wide one) keeps that only until someone turns it off; this rule asks for the explicit
// block and is advisory unless configured mandatory. A block that turns a flag off is a real
// exposure, reported by aws-s3-public-access-block-not-weakened instead.

import type { PolicyResource } from "@pulumi/policy";
import type { BucketPublicAccessBlockArgs } from "@pulumi/aws/s3/bucketPublicAccessBlock";
import { resourcesOfType } from "../lib/links";
import { describeResource } from "../lib/messages";
import { asBool, field } from "../lib/read";
import { stackRule } from "../lib/rule";
import {
  S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE,
  S3_PUBLIC_ACCESS_BLOCK_TYPE,
  bucketConfigs,
} from "../lib/s3";
import { UNKNOWN } from "../lib/unknown";

/** The four flags, in the order AWS documents them. */
export const PUBLIC_ACCESS_FLAGS: readonly (keyof BucketPublicAccessBlockArgs & string)[] = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
];

/** True when every flag of a block is known to be true. */
function fullyBlocked(block: PolicyResource): boolean {
  return PUBLIC_ACCESS_FLAGS.every(
    (flag) => asBool(field<BucketPublicAccessBlockArgs>(block.props, flag)) === true,
  );
}

/** Every S3 bucket has an explicit BucketPublicAccessBlock (or an account-wide one). */
export const requireS3PublicAccessBlock = stackRule({
  name: "aws-s3-bucket-public-access-blocked",
  description:
    "S3 buckets must have an explicit BucketPublicAccessBlock (or an account-wide block), not only the AWS default for new buckets.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CIS AWS 2.1.4", "CKV2_AWS_6"],
  check: (ctx) => {
    const accountBlocks = resourcesOfType(ctx.resources, [S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE]);
    if (accountBlocks.some(fullyBlocked)) return;
    const { buckets, byCandidate, unlinked } = bucketConfigs(ctx.resources, [S3_PUBLIC_ACCESS_BLOCK_TYPE]);
    for (const bucket of buckets) {
      if ((byCandidate.get(bucket.urn) ?? []).length > 0) continue;
      const label = describeResource(bucket.type, bucket.name);
      if (unlinked > 0) {
        ctx.undecided(`${label}: the bucket of a public access block is not known yet`);
        continue;
      }
      ctx.report(
        `${label} blocks public access only through the AWS default for new buckets: add a ` +
          `BucketPublicAccessBlock for it with all four flags set to true, so that the block ` +
          `is kept in code.`,
        bucket.urn,
      );
    }
  },
});
