// Service accounts must not hold basic or administrator roles on projects, folders or
// organizations: a leaked key or a compromised workload would then control everything in them.

import { grantsOf } from "../lib/gcpIam";
import { HIERARCHY_IAM_TYPES } from "../lib/gcpResourceIam";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** roles/owner, roles/editor and any role whose name ends in "admin". */
function isAdminRole(role: string): boolean {
  const r = role.trim();
  return r === "roles/owner" || r === "roles/editor" || /admin$/i.test(r);
}

/** No serviceAccount: member is granted owner, editor or an admin role at these levels. */
export const restrictServiceAccountAdminRoles = resourceRule({
  name: "gcp-iam-service-account-no-admin-roles",
  description:
    "Google Cloud service accounts must not be granted owner, editor or administrator roles on projects, folders or organizations.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS GCP 1.5", "CKV_GCP_42", "CKV_GCP_117"],
  types: HIERARCHY_IAM_TYPES,
  check: (ctx) => {
    const grants = grantsOf(ctx.type, ctx.props);
    if (grants === UNKNOWN) return ctx.undecided("its members");
    for (const g of grants) {
      if (!g.member.trim().startsWith("serviceAccount:") || g.role === undefined || !isAdminRole(g.role)) continue;
      ctx.report(
        `${ctx.label} should not give a service account administrator rights: ${g.where} grants ` +
          `${g.role} to ${g.member}; grant the predefined roles for the services it uses instead.`,
      );
    }
  },
});
