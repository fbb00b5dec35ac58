// S3 buckets must have a public access block with all four flags set. A stack rule, because the
// block is a separate resource linked to its bucket through the engine's property dependencies;
// an account-wide block with all four flags covers every bucket.

import type { PolicyResource } from "@pulumi/policy";
import type { BucketPublicAccessBlockArgs } from "@pulumi/aws/s3/bucketPublicAccessBlock";
import { append, linkedThrough, resourcesOfType } from "../lib/links";
import { describeResource, joinAnd } from "../lib/messages";
import { asBool, field } from "../lib/read";
import { stackRule } from "../lib/rule";
import {
  S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE,
  S3_BUCKET_ID_PROPS,
  S3_BUCKET_TYPES,
  S3_PUBLIC_ACCESS_BLOCK_TYPE,
} from "../lib/s3";
import { UNKNOWN } from "../lib/unknown";

/** The four flags, in the order AWS documents them. */
const FLAGS: readonly (keyof BucketPublicAccessBlockArgs & string)[] = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
];

/** The flags of a block that are not true; UNKNOWN when any of them is not known yet. */
function flagsNotSet(block: PolicyResource): string[] | typeof UNKNOWN {
  const missing: string[] = [];
  let unknown = false;
  for (const flag of FLAGS) {
    const v = asBool(field<BucketPublicAccessBlockArgs>(block.props, flag));
    if (v === UNKNOWN) unknown = true;
    else if (v !== true) missing.push(flag);
  }
  return missing.length === 0 && unknown ? UNKNOWN : missing;
}

/** Every S3 bucket has a BucketPublicAccessBlock with all four flags true. */
export const requireS3PublicAccessBlock = stackRule({
  name: "aws-s3-bucket-public-access-blocked",
  description:
    "S3 buckets must have a BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS AWS 2.1.4", "CKV2_AWS_6"],
  check: (ctx) => {
    const buckets = resourcesOfType(ctx.resources, S3_BUCKET_TYPES);
    if (buckets.length === 0) return;
    const accountBlocks = resourcesOfType(ctx.resources, [S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE]);
    const fullyBlocked = (b: PolicyResource) => {
      const missing = flagsNotSet(b);
      return missing !== UNKNOWN && missing.length === 0;
    };
    if (accountBlocks.some(fullyBlocked)) return;
    const blocksByBucket = new Map<string, PolicyResource[]>();
    let unlinked = 0;
    for (const block of resourcesOfType(ctx.resources, [S3_PUBLIC_ACCESS_BLOCK_TYPE])) {
      const linked = linkedThrough(block, "bucket", buckets, S3_BUCKET_ID_PROPS);
      if (linked === UNKNOWN) unlinked++;
      else for (const b of linked) append(blocksByBucket, b.urn, block);
    }
    for (const bucket of buckets) {
      const label = describeResource(bucket.type, bucket.name);
      const blocks = blocksByBucket.get(bucket.urn) ?? [];
      if (blocks.length === 0) {
        if (unlinked > 0) {
          ctx.undecided(`${label}: the bucket of a public access block is not known yet`);
        } else {
          ctx.report(
            `${label} should block public access: add a BucketPublicAccessBlock for it with ` +
              `all four flags set to true.`,
            bucket.urn,
          );
        }
        continue;
      }
      if (blocks.some(fullyBlocked)) continue;
      const results = blocks.map(flagsNotSet);
      const known = results.find((m): m is string[] => m !== UNKNOWN);
      if (!known) {
        ctx.undecided(`${label}: its public access block flags are not known yet`);
        continue;
      }
      ctx.report(
        `${label} should block public access: set all four flags of its BucketPublicAccessBlock ` +
          `to true (${joinAnd(known)} ${known.length === 1 ? "is" : "are"} not).`,
        bucket.urn,
      );
    }
  },
});
