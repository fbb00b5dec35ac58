// The account password policy must require long passwords and prevent their reuse.

import type { AccountPasswordPolicyArgs } from "@pulumi/aws/iam/accountPasswordPolicy";
import { positiveIntSetting } from "../lib/config";
import { joinAnd } from "../lib/messages";
import { asNumber, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

interface Config {
  readonly minimumLength: number;
  readonly reusePrevention: number;
}

/** The password policy sets a minimum length of 14 and remembers 24 previous passwords. */
export const requireIamPasswordPolicy = resourceRule<Config>({
  name: "aws-iam-password-policy-strong",
  description:
    "The IAM account password policy must require at least 14 characters and prevent reuse of the last 24 passwords.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS AWS 1.8", "CIS AWS 1.9", "CKV_AWS_10", "CKV_AWS_13"],
  configSchema: {
    properties: {
      minimumLength: { type: "integer", minimum: 8, maximum: 128, default: 14, description: "Shortest password allowed." },
      reusePrevention: { type: "integer", minimum: 1, maximum: 24, default: 24, description: "Previous passwords that may not be reused." },
    },
  },
  types: ["aws:iam/accountPasswordPolicy:AccountPasswordPolicy"],
  config: (raw) => ({
    minimumLength: positiveIntSetting(raw.minimumLength) ?? 14,
    reusePrevention: positiveIntSetting(raw.reusePrevention) ?? 24,
  }),
  check: (ctx) => {
    const length = asNumber(field<AccountPasswordPolicyArgs>(ctx.props, "minimumPasswordLength"));
    const reuse = asNumber(field<AccountPasswordPolicyArgs>(ctx.props, "passwordReusePrevention"));
    if (length === UNKNOWN) ctx.undecided("minimumPasswordLength");
    if (reuse === UNKNOWN) ctx.undecided("passwordReusePrevention");
    const fixes: string[] = [];
    // Unset, AWS requires 6 characters and allows reuse (iam.AccountPasswordPolicy docs).
    if (length !== UNKNOWN && (length ?? 6) < ctx.config.minimumLength) {
      fixes.push(`minimumPasswordLength to ${ctx.config.minimumLength} (it is ${length ?? "unset, meaning 6"})`);
    }
    if (reuse !== UNKNOWN && (reuse ?? 0) < ctx.config.reusePrevention) {
      fixes.push(`passwordReusePrevention to ${ctx.config.reusePrevention} (it is ${reuse ?? "unset"})`);
    }
    if (fixes.length > 0) ctx.report(`${ctx.label} should require strong passwords: set ${joinAnd(fixes)}.`);
  },
});
