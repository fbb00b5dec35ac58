// User-managed service account keys must not be created by infrastructure code: they are
// long-lived credentials stored in the stack's state. Workloads should use attached service
// accounts or workload identity federation instead.

import { resourceRule } from "../lib/rule";

/** No serviceaccount.Key resource. */
export const blockServiceAccountKeys = resourceRule({
  name: "gcp-iam-no-service-account-keys",
  description:
    "Google Cloud service account keys must not be created; workloads should use attached service accounts or workload identity federation.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS GCP 1.4", "CKV2_GCP_3"],
  types: ["gcp:serviceaccount/key:Key"],
  check: (ctx) => {
    ctx.report(
      `${ctx.label} should not create a long-lived service account key: attach the service ` +
        `account to the workload, or use workload identity federation for CI and other clouds.`,
    );
  },
});
