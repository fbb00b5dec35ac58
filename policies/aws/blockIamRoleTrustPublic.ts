// IAM role trust policies must not let anyone assume the role.

import { publicPolicyRule } from "../lib/publicPolicy";

/** No statement of a role's assumeRolePolicy trusts Principal "*" without a limiting condition. */
export const blockIamRoleTrustPublic = publicPolicyRule({
  name: "aws-iam-role-trust-not-public",
  description:
    "IAM role trust policies must not let Principal \"*\" assume the role without a condition limiting the caller.",
  severity: "critical",
  benchmarks: ["CKV_AWS_60"],
  policyProperty: { "aws:iam/role:Role": "assumeRolePolicy" },
});
