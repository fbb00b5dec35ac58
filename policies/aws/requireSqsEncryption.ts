// SQS queues must encrypt messages at rest. New queues use SQS-managed encryption (SSE-SQS) by
// default, so only a queue that turns it off without naming a KMS key is reported.

import type { QueueArgs } from "@pulumi/aws/sqs/queue";
import { asBool, field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** No queue disables sqsManagedSseEnabled without a KMS key. */
export const requireSqsEncryption = resourceRule({
  name: "aws-sqs-queue-encrypted",
  description: "SQS queues must encrypt messages at rest with SQS-managed keys (the default) or a KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CKV_AWS_27"],
  types: ["aws:sqs/queue:Queue"],
  check: (ctx) => {
    if (isPresent(field<QueueArgs>(ctx.props, "kmsMasterKeyId"))) return;
    const managed = asBool(field<QueueArgs>(ctx.props, "sqsManagedSseEnabled"));
    if (managed === UNKNOWN) ctx.undecided("sqsManagedSseEnabled");
    else if (managed === false) {
      ctx.report(
        `${ctx.label} should encrypt messages at rest: sqsManagedSseEnabled is false and no ` +
          `kmsMasterKeyId is set; remove sqsManagedSseEnabled (true by default) or set a KMS key.`,
      );
    }
  },
});
