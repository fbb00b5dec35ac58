import { requireSnsEncryption } from "../../../policies/aws/requireSnsEncryption";
import { UNKNOWN_VALUE } from "../harness";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/requireSnsEncryption",
  requireSnsEncryption,
  { type: "aws:sns/topic:Topic", name: "alerts", props: { kmsMasterKeyId: "alias/aws/sns" } },
  [
    {
      it: "reports a topic without a KMS key",
      props: () => ({}),
      violations: ["SNS topic 'alerts' should encrypt messages at rest: set kmsMasterKeyId to a KMS key (alias/aws/sns for the AWS-managed key)."],
    },
    { it: "counts a key created in the same update as set", props: () => ({ kmsMasterKeyId: UNKNOWN_VALUE }) },
  ],
);
