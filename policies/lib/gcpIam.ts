// Google Cloud IAM grants as the IAM resources of every service write them: one member
// (`...IAMMember`), a role's member list (`...IAMBinding`), or a whole policy as JSON
// (`...IAMPolicy`'s policyData), plus the legacy ACL entities of Cloud Storage. Used by the rules
// that forbid public members and risky roles.

import type { IAMPolicyArgs } from "@pulumi/gcp/projects/iampolicy";
import { Read, asList, asString, field, pathOf } from "./read";
import { UNKNOWN, Unknown, isSentinel } from "./unknown";

/** The members that mean everyone, and everyone with a Google account. */
export const PUBLIC_MEMBERS: ReadonlySet<string> = new Set(["allusers", "allauthenticatedusers"]);

/** One grant of a role to a member, and where it is written. */
export interface Grant {
  readonly member: string;
  readonly role: string | undefined;
  readonly where: string;
}

/** The kind of IAM resource a type token names, from its class name. */
function kindOf(type: string): "member" | "binding" | "policy" | "acl" | undefined {
  const cls = type.slice(type.lastIndexOf(":") + 1);
  if (/AccessControl$/.test(cls)) return "acl";
  if (/Member$/i.test(cls)) return "member";
  if (/Binding$/i.test(cls)) return "binding";
  if (/Policy$/i.test(cls)) return "policy";
  return undefined;
}

/** The grants a policyData JSON document holds; UNKNOWN when it is not known. */
function policyGrants(value: Read): Grant[] | Unknown {
  if (value === UNKNOWN || isSentinel(value)) return UNKNOWN;
  if (typeof value !== "string") return [];
  let doc: unknown;
  try {
    doc = JSON.parse(value);
  } catch {
    return [];
  }
  const bindings = asList(pathOf(doc, "bindings"));
  if (bindings === UNKNOWN) return UNKNOWN;
  const out: Grant[] = [];
  bindings.forEach((b, i) => {
    const role = asString(pathOf(b, "role"));
    const members = asList(pathOf(b, "members"));
    if (members === UNKNOWN) return;
    for (const m of members) {
      const member = asString(m);
      if (typeof member === "string") {
        out.push({ member, role: typeof role === "string" ? role : undefined, where: `policyData bindings[${i}]` });
      }
    }
  });
  return out;
}

/** The grants an IAM resource makes; UNKNOWN when its members are not known yet. */
export function grantsOf(type: string, props: Read): Grant[] | Unknown {
  const kind = kindOf(type);
  const role = asString(pathOf(props, "role"));
  const roleName = typeof role === "string" ? role : undefined;
  if (kind === "acl") {
    const entity = asString(pathOf(props, "entity"));
    if (entity === UNKNOWN) return UNKNOWN;
    return typeof entity === "string" ? [{ member: entity, role: roleName, where: "entity" }] : [];
  }
  if (kind === "member") {
    const member = asString(pathOf(props, "member"));
    if (member === UNKNOWN) return UNKNOWN;
    return typeof member === "string" ? [{ member, role: roleName, where: "member" }] : [];
  }
  if (kind === "binding") {
    const members = asList(pathOf(props, "members"));
    if (members === UNKNOWN) return UNKNOWN;
    const out: Grant[] = [];
    for (const [i, m] of members.entries()) {
      const member = asString(m);
      if (member === UNKNOWN) return UNKNOWN;
      if (typeof member === "string") out.push({ member, role: roleName, where: `members[${i}]` });
    }
    return out;
  }
  if (kind === "policy") return policyGrants(field<IAMPolicyArgs>(props, "policyData"));
  return [];
}

/** True for allUsers or allAuthenticatedUsers. */
export function isPublicMember(member: string): boolean {
  return PUBLIC_MEMBERS.has(member.trim().toLowerCase());
}
