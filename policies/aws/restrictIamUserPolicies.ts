// IAM users should receive permissions only through groups (or use roles instead): no inline
// user policies and no managed policies attached to users directly.

import type { PolicyAttachmentArgs } from "@pulumi/aws/iam/policyAttachment";
import { asList, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const USER_POLICY = "aws:iam/userPolicy:UserPolicy";
const USER_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
const ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";

/** No inline policy on a user and no policy attached to a user directly. */
export const restrictIamUserPolicies = resourceRule({
  name: "aws-iam-user-no-direct-policies",
  description:
    "IAM users must receive permissions through groups, not through inline user policies or policies attached to the user.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CIS AWS 1.15", "CKV_AWS_40"],
  types: [USER_POLICY, USER_ATTACHMENT, ATTACHMENT],
  check: (ctx) => {
    if (ctx.type === USER_POLICY) {
      ctx.report(
        `${ctx.label} should not give a user its own inline policy: put the permissions in a ` +
          `group policy and add the user to that group, or use a role.`,
      );
      return;
    }
    if (ctx.type === ATTACHMENT) {
      const users = asList(field<PolicyAttachmentArgs>(ctx.props, "users"));
      if (users === UNKNOWN) return ctx.undecided("users");
      if (users.length === 0) return;
    }
    ctx.report(
      `${ctx.label} should not attach a policy to a user directly: attach it to a group and ` +
        `add the user to that group, or use a role.`,
    );
  },
});
