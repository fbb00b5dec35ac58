import { requireBucketLogging } from "../../../policies/gcp/requireBucketLogging";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/requireBucketLogging",
  requireBucketLogging,
  { type: "gcp:storage/bucket:Bucket", name: "data", props: { location: "EU", logging: { logBucket: "logs" } } },
  [{ it: "reports a bucket without usage logs", props: () => ({ location: "EU" }), violations: ["GCS bucket 'data' should record usage logs: set logging.logBucket to a log bucket."] }],
);
