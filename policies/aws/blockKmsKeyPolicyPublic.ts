// KMS key policies must not let anyone use or manage a key.

import { publicPolicyRule } from "../lib/publicPolicy";

/** No statement of a key policy allows Principal "*" without a limiting condition. */
export const blockKmsKeyPolicyPublic = publicPolicyRule({
  name: "aws-kms-key-policy-not-public",
  description:
    "KMS key policies must not allow any action to Principal \"*\" without a condition limiting the caller.",
  severity: "critical",
  benchmarks: ["CKV_AWS_33"],
  policyProperty: { "aws:kms/key:Key": "policy", "aws:kms/keyPolicy:KeyPolicy": "policy" },
});
