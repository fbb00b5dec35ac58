// S3 buckets should log requests to another bucket (server access logging). Logging is off by
// default, so this rule is advisory unless configured mandatory. Buckets that receive another
// bucket's logs are exempt (logging a log bucket to itself would loop). A stack rule: logging
// is a separate BucketLogging resource.

import { describeResource } from "../lib/messages";
import { isPresent, pathOf } from "../lib/read";
import { stackRule } from "../lib/rule";
import { S3_BUCKET_ID_PROPS, S3_LOGGING_TYPES, bucketConfigs } from "../lib/s3";
import { linkConfigs } from "../lib/links";

/** Every S3 bucket that is not itself a log target has access logging. */
export const requireS3AccessLogging = stackRule({
  name: "aws-s3-bucket-access-logging",
  description:
    "S3 buckets must log requests through a BucketLogging resource, except buckets that receive other buckets' logs.",
  enforcementLevel: "advisory",
  severity: "low",
  benchmarks: ["CKV_AWS_18"],
  check: (ctx) => {
    const { buckets, byCandidate, unlinked } = bucketConfigs(ctx.resources, S3_LOGGING_TYPES);
    if (buckets.length === 0) return;
    const targets = linkConfigs(ctx.resources, buckets, S3_BUCKET_ID_PROPS, S3_LOGGING_TYPES, "targetBucket");
    for (const bucket of buckets) {
      if ((byCandidate.get(bucket.urn) ?? []).length > 0) continue;
      if ((targets.byCandidate.get(bucket.urn) ?? []).length > 0) continue;
      if (isPresent(pathOf(bucket.props, "logging", "targetBucket"))) continue;
      const label = describeResource(bucket.type, bucket.name);
      if (unlinked + targets.unlinked > 0) {
        ctx.undecided(`${label}: the bucket of a logging configuration is not known yet`);
        continue;
      }
      ctx.report(
        `${label} should log requests: add a BucketLogging for it that sends its access logs ` +
          `to a log bucket.`,
        bucket.urn,
      );
    }
  },
});
