// Long-lived IAM user access keys must not be created by infrastructure code: they end up in
// the stack's state and never expire. Workloads should use roles and short-lived credentials.

import { resourceRule } from "../lib/rule";

/** No iam.AccessKey resource. */
export const blockIamUserAccessKeys = resourceRule({
  name: "aws-iam-no-user-access-keys",
  description:
    "IAM user access keys must not be created; workloads should use roles with short-lived credentials instead.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AWS_273"],
  types: ["aws:iam/accessKey:AccessKey"],
  check: (ctx) => {
    ctx.report(
      `${ctx.label} should not create a long-lived access key: give the workload a role (an ` +
        `instance profile, IRSA, or OIDC federation for CI) instead of a user's keys.`,
    );
  },
});
