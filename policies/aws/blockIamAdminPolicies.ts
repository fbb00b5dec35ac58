// IAM policies must not grant full administrative privileges: no statement allowing every action
// on every resource, and no attachment of the AWS-managed AdministratorAccess policy.

import {
  ADMINISTRATOR_ACCESS,
  ATTACHMENT_TYPES,
  POLICY_TYPES,
  ROLE_TYPE,
  attachedArns,
  identityPolicies,
  isAdminStatement,
} from "../lib/iamIdentity";
import { asString } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** No identity policy allows "*" on "*", and nothing attaches AdministratorAccess. */
export const blockIamAdminPolicies = resourceRule({
  name: "aws-iam-no-admin-policies",
  description:
    "IAM policies must not allow every action on every resource, and no role, user or group may be given the AdministratorAccess policy.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS AWS 1.16", "CKV_AWS_62", "CKV_AWS_274", "CKV_AWS_275"],
  types: [...POLICY_TYPES, ROLE_TYPE, ...ATTACHMENT_TYPES],
  check: (ctx) => {
    const sites = identityPolicies(ctx.type, ctx.props);
    if (sites === UNKNOWN) ctx.undecided("inlinePolicies");
    else {
      for (const site of sites) {
        if (site.doc.kind === "unknown") ctx.undecided(site.path);
        if (site.doc.kind !== "statements") continue;
        for (const s of site.doc.statements) {
          if (s.effect === UNKNOWN || s.actions === UNKNOWN || s.resources === UNKNOWN) {
            ctx.undecided(`${site.path} (${s.label})`);
          } else if (isAdminStatement(s)) {
            ctx.report(
              `${ctx.label} should not grant full administrative privileges: ${site.path} ${s.label} ` +
                `allows Action "*" on Resource "*"; list the actions and resources the workload needs.`,
            );
          }
        }
      }
    }
    const arns = attachedArns(ctx.type, ctx.props);
    if (arns === UNKNOWN) return ctx.undecided("managedPolicyArns");
    for (const { path, arn } of arns) {
      const value = asString(arn);
      if (value === UNKNOWN) ctx.undecided(path);
      else if (typeof value === "string" && ADMINISTRATOR_ACCESS.test(value.trim())) {
        ctx.report(
          `${ctx.label} should not grant full administrative privileges: ${path} attaches ` +
            `AdministratorAccess; attach a policy limited to the actions the workload needs.`,
        );
      }
    }
  },
});
