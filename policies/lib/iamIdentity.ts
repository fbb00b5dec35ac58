// Where AWS identity policies live in a stack (managed policies, inline policies of roles,
// users and groups, a role's inlinePolicies) and which attachments grant the AWS-managed
// AdministratorAccess policy. Shared by the administrator and privilege-escalation rules.

import type { RoleArgs } from "@pulumi/aws/iam/role";
import type * as awsInput from "@pulumi/aws/types/input";
import { PolicyDocument, Statement, actionMatches, isAllow, parsePolicy } from "./iamPolicy";
import { Read, asList, field } from "./read";
import { UNKNOWN } from "./unknown";

/** Resource types holding one identity policy document in their `policy` property. */
export const POLICY_TYPES: readonly string[] = [
  "aws:iam/policy:Policy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/groupPolicy:GroupPolicy",
];

/** Roles, whose inlinePolicies hold documents and managedPolicyArns attachments. */
export const ROLE_TYPE = "aws:iam/role:Role";

/** Attachments of a managed policy by ARN to a role, user or group. */
export const ATTACHMENT_TYPES: readonly string[] = [
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  "aws:iam/policyAttachment:PolicyAttachment",
];

type InlinePolicy = awsInput.iam.RoleInlinePolicy;

/** A policy document of a resource and the property path that holds it. */
export interface PolicySite {
  readonly path: string;
  readonly doc: PolicyDocument;
}

/** The identity policy documents a resource holds; UNKNOWN when the list is not known yet. */
export function identityPolicies(type: string, props: Read): PolicySite[] | typeof UNKNOWN {
  if (POLICY_TYPES.includes(type)) return [{ path: "policy", doc: parsePolicy(field<Record<string, unknown>>(props, "policy")) }];
  if (type !== ROLE_TYPE) return [];
  const inline = asList(field<RoleArgs>(props, "inlinePolicies"));
  if (inline === UNKNOWN) return UNKNOWN;
  return inline.map((p, i) => ({
    path: `inlinePolicies[${i}].policy`,
    doc: parsePolicy(field<InlinePolicy>(p, "policy")),
  }));
}

/** The AWS-managed policy that grants every action on every resource. */
export const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

/** The managed policy ARNs a resource attaches, with the property naming each. */
export function attachedArns(type: string, props: Read): { path: string; arn: Read }[] | typeof UNKNOWN {
  if (ATTACHMENT_TYPES.includes(type)) return [{ path: "policyArn", arn: field<Record<string, unknown>>(props, "policyArn") }];
  if (type !== ROLE_TYPE) return [];
  const arns = asList(field<RoleArgs>(props, "managedPolicyArns"));
  if (arns === UNKNOWN) return UNKNOWN;
  return arns.map((arn, i) => ({ path: `managedPolicyArns[${i}]`, arn }));
}

/** True when a statement's actions allow the given action (honouring NotAction). */
export function allowsAction(s: Statement, action: string): boolean {
  if (s.actions === UNKNOWN) return false;
  const hit = s.actions.some((pattern) => actionMatches(pattern, action));
  return s.notAction ? !hit : hit;
}

/** True when a statement applies to every resource: Resource "*" or any NotResource. */
export function onEveryResource(s: Statement): boolean {
  if (s.resources === UNKNOWN) return false;
  return s.notResource || s.resources.some((r) => r.trim() === "*");
}

/** True for an Allow statement with Action "*" (or "*:*") on every resource. */
export function isAdminStatement(s: Statement): boolean {
  if (!isAllow(s) || s.notAction || s.actions === UNKNOWN) return false;
  return s.actions.some((a) => a.trim() === "*" || a.trim() === "*:*") && onEveryResource(s);
}
