import { requireCloudTrailKms } from "../../../policies/aws/requireCloudTrailKms";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/requireCloudTrailKms",
  requireCloudTrailKms,
  { type: "aws:cloudtrail/trail:Trail", name: "org", props: { s3BucketName: "trail-logs", kmsKeyId: "arn:aws:kms:us-east-1:1:key/k" } },
  [
    {
      it: "reports a trail without a KMS key",
      props: () => ({ s3BucketName: "trail-logs" }),
      violations: ["CloudTrail trail 'org' should encrypt its logs with KMS: set kmsKeyId to a KMS key whose policy lets CloudTrail use it (logs are otherwise encrypted only with S3-managed keys)."],
    },
  ],
);
