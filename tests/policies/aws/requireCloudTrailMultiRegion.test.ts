import { requireCloudTrailMultiRegion } from "../../../policies/aws/requireCloudTrailMultiRegion";
import { ruleCases } from "../ruleCases";

const trail = { s3BucketName: "trail-logs", isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: "arn:aws:kms:k" };

ruleCases(
  "policies/aws/requireCloudTrailMultiRegion",
  requireCloudTrailMultiRegion,
  { type: "aws:cloudtrail/trail:Trail", name: "org", props: trail },
  [
    {
      it: "reports a single-region trail",
      props: (b) => ({ ...b, isMultiRegionTrail: undefined }),
      violations: ["CloudTrail trail 'org' should record every region: set isMultiRegionTrail to true."],
    },
    {
      it: "reports a trail that drops global service events",
      props: (b) => ({ ...b, includeGlobalServiceEvents: false }),
      violations: ["CloudTrail trail 'org' should record global service events (IAM, STS): set includeGlobalServiceEvents to true (the default)."],
    },
  ],
);
