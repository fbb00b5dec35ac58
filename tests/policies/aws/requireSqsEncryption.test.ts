import { requireSqsEncryption } from "../../../policies/aws/requireSqsEncryption";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/requireSqsEncryption",
  requireSqsEncryption,
  { type: "aws:sqs/queue:Queue", name: "jobs", props: {} },
  [
    {
      it: "reports a queue that turns SQS-managed encryption off without a KMS key",
      props: () => ({ sqsManagedSseEnabled: false }),
      violations: ["SQS queue 'jobs' should encrypt messages at rest: sqsManagedSseEnabled is false and no kmsMasterKeyId is set; remove sqsManagedSseEnabled (true by default) or set a KMS key."],
    },
    { it: "passes a queue with a KMS key", props: () => ({ sqsManagedSseEnabled: false, kmsMasterKeyId: "alias/jobs" }) },
  ],
);
