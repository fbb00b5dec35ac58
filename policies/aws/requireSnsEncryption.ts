// SNS topics should encrypt messages at rest with KMS. Not the default, so advisory.

import type { TopicArgs } from "@pulumi/aws/sns/topic";
import { field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";

/** Every topic names a KMS key. */
export const requireSnsEncryption = resourceRule({
  name: "aws-sns-topic-encrypted",
  description: "SNS topics must encrypt messages at rest with a KMS key.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CKV_AWS_26"],
  types: ["aws:sns/topic:Topic"],
  check: (ctx) => {
    // A key not known yet (created in the same update) counts as set.
    if (isPresent(field<TopicArgs>(ctx.props, "kmsMasterKeyId"))) return;
    ctx.report(
      `${ctx.label} should encrypt messages at rest: set kmsMasterKeyId to a KMS key ` +
        `(alias/aws/sns for the AWS-managed key).`,
    );
  },
});
