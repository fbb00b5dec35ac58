import { requireCloudTrailLogValidation } from "../../../policies/aws/requireCloudTrailLogValidation";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/requireCloudTrailLogValidation",
  requireCloudTrailLogValidation,
  { type: "aws:cloudtrail/trail:Trail", name: "org", props: { s3BucketName: "trail-logs", enableLogFileValidation: true } },
  [
    {
      it: "reports a trail without log file validation",
      props: (b) => ({ ...b, enableLogFileValidation: false }),
      violations: ["CloudTrail trail 'org' should sign its log files: set enableLogFileValidation to true."],
    },
  ],
);
