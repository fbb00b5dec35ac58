// SQS queue policies must not let anyone send, receive or delete messages.

import { publicPolicyRule } from "../lib/publicPolicy";

/** No statement of a queue policy allows Principal "*" without a limiting condition. */
export const blockSqsQueuePolicyPublic = publicPolicyRule({
  name: "aws-sqs-queue-policy-not-public",
  description:
    "SQS queue policies must not allow any action to Principal \"*\" without a condition limiting the caller.",
  severity: "high",
  benchmarks: ["CKV_AWS_168", "CKV_AWS_387"],
  policyProperty: { "aws:sqs/queuePolicy:QueuePolicy": "policy", "aws:sqs/queue:Queue": "policy" },
});
