// IAM policies must not let a principal raise its own privileges: IAM actions that create or
// attach policies, pass any role, or mint credentials for other users, granted on every resource.

import {
  POLICY_TYPES,
  ROLE_TYPE,
  allowsAction,
  identityPolicies,
  isAdminStatement,
  onEveryResource,
} from "../lib/iamIdentity";
import { Statement, isAllow } from "../lib/iamPolicy";
import { joinAnd } from "../lib/messages";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/**
 * IAM actions that let a principal grant itself more than it has (after Rhino Security Labs'
 * list of AWS privilege-escalation methods).
 */
const ESCALATION_ACTIONS: readonly string[] = [
  "iam:AddUserToGroup",
  "iam:AttachGroupPolicy",
  "iam:AttachRolePolicy",
  "iam:AttachUserPolicy",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:CreatePolicyVersion",
  "iam:PassRole",
  "iam:PutGroupPolicy",
  "iam:PutRolePolicy",
  "iam:PutUserPolicy",
  "iam:SetDefaultPolicyVersion",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateLoginProfile",
];

/** The escalation actions an Allow statement grants on every resource. */
function escalations(s: Statement): string[] {
  if (!isAllow(s) || isAdminStatement(s) || !onEveryResource(s)) return [];
  return ESCALATION_ACTIONS.filter((a) => allowsAction(s, a));
}

/** No identity policy grants privilege-escalation actions on Resource "*". */
export const blockIamPrivilegeEscalation = resourceRule({
  name: "aws-iam-no-privilege-escalation",
  description:
    "IAM policies must not allow actions that escalate privileges (creating or attaching policies, passing any role, creating other users' credentials) on every resource.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AWS_286", "CKV_AWS_110"],
  types: [...POLICY_TYPES, ROLE_TYPE],
  check: (ctx) => {
    const sites = identityPolicies(ctx.type, ctx.props);
    if (sites === UNKNOWN) return ctx.undecided("inlinePolicies");
    for (const site of sites) {
      if (site.doc.kind === "unknown") ctx.undecided(site.path);
      if (site.doc.kind !== "statements") continue;
      for (const s of site.doc.statements) {
        if (s.effect === UNKNOWN || s.actions === UNKNOWN || s.resources === UNKNOWN) {
          ctx.undecided(`${site.path} (${s.label})`);
          continue;
        }
        const found = escalations(s);
        if (found.length === 0) continue;
        ctx.report(
          `${ctx.label} should not allow privilege escalation: ${site.path} ${s.label} allows ` +
            `${joinAnd(found)} on every resource; scope Resource to the roles, users and policies ` +
            `it must manage.`,
        );
      }
    }
  },
});
