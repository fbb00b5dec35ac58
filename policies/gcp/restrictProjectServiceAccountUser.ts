// The Service Account User and Token Creator roles must not be granted on a whole project: they
// let the member act as every service account in it, including the most privileged one. Grant
// them on the individual service account instead.

import { grantsOf } from "../lib/gcpIam";
import { PROJECT_IAM_TYPES } from "../lib/gcpResourceIam";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const IMPERSONATION_ROLES = new Set(["roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"]);

/** No project-level grant of serviceAccountUser or serviceAccountTokenCreator. */
export const restrictProjectServiceAccountUser = resourceRule({
  name: "gcp-iam-no-project-service-account-user",
  description:
    "Google Cloud projects must not grant the Service Account User or Token Creator role at project level.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS GCP 1.6", "CKV_GCP_41", "CKV_GCP_49"],
  types: PROJECT_IAM_TYPES,
  check: (ctx) => {
    const grants = grantsOf(ctx.type, ctx.props);
    if (grants === UNKNOWN) return ctx.undecided("its members");
    for (const g of grants) {
      if (g.role === undefined || !IMPERSONATION_ROLES.has(g.role.trim())) continue;
      ctx.report(
        `${ctx.label} should not let ${g.member} impersonate every service account of the project: ` +
          `${g.where} grants ${g.role} at project level; grant it on the one service account it ` +
          `needs (serviceaccount.IAMMember) instead.`,
      );
    }
  },
});
