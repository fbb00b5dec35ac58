// AWS policy documents (IAM identity policies and the resource policies of S3, KMS, ECR, SNS,
// SQS): reading them from JSON text or from the SDK's PolicyDocument object, and the questions
// the rules ask of their statements: who is allowed (anyone?), to do what, on which resources,
// under which conditions. Values not known during preview are reported, never guessed.

import { Read, asList, asString, field, keysOf } from "./read";
import { UNKNOWN, Unknown, isSentinel } from "./unknown";

/** One statement, normalised: lists for the list-or-string fields, UNKNOWN where not known. */
export interface Statement {
  /** Its Sid or its position ("statement 2"), for messages. */
  readonly label: string;
  readonly effect: string | Unknown | undefined;
  readonly principal: Read;
  readonly actions: string[] | Unknown;
  /** True when the statement uses NotAction (allowing everything except some actions). */
  readonly notAction: boolean;
  readonly resources: string[] | Unknown;
  readonly notResource: boolean;
  /** Condition keys, lower-cased ("aws:sourcearn"). */
  readonly conditionKeys: string[] | Unknown;
}

/** A parsed policy document: its statements, or why it could not be read. */
export type PolicyDocument =
  | { readonly kind: "statements"; readonly statements: readonly Statement[] }
  | { readonly kind: "unknown" }
  | { readonly kind: "invalid"; readonly reason: string }
  | { readonly kind: "absent" };

/** A list-or-string field as strings; UNKNOWN when any entry is not known yet. */
function stringList(value: Read): string[] | Unknown {
  const items = asList(value);
  if (items === UNKNOWN) return UNKNOWN;
  const out: string[] = [];
  for (const item of items) {
    const s = asString(item);
    if (s === UNKNOWN) return UNKNOWN;
    if (typeof s === "string") out.push(s);
  }
  return out;
}

/** The condition keys of a Condition block ({ operator: { key: value } }), lower-cased. */
function conditionKeysOf(condition: Read): string[] | Unknown {
  if (condition === UNKNOWN) return UNKNOWN;
  const keys: string[] = [];
  for (const operator of keysOf(condition)) {
    const block = field<Record<string, unknown>>(condition, operator);
    if (block === UNKNOWN) return UNKNOWN;
    for (const key of keysOf(block)) keys.push(key.toLowerCase());
  }
  return keys;
}

function statementOf(raw: Read, index: number): Statement {
  const f = (k: string) => field<Record<string, unknown>>(raw, k);
  const sid = asString(f("Sid"));
  const notAction = f("NotAction") !== undefined;
  const notResource = f("NotResource") !== undefined;
  const effect = asString(f("Effect"));
  return {
    label: typeof sid === "string" && sid.trim() !== "" ? `statement '${sid}'` : `statement ${index + 1}`,
    effect,
    principal: f("Principal"),
    actions: stringList(notAction ? f("NotAction") : f("Action")),
    notAction,
    resources: stringList(notResource ? f("NotResource") : f("Resource")),
    notResource,
    conditionKeys: conditionKeysOf(f("Condition")),
  };
}

/** Reads a policy document given as JSON text or as a PolicyDocument object. */
export function parsePolicy(value: Read): PolicyDocument {
  if (value === UNKNOWN || isSentinel(value)) return { kind: "unknown" };
  if (value === undefined || value === null || value === "") return { kind: "absent" };
  let doc: unknown = value;
  if (typeof value === "string") {
    try {
      doc = JSON.parse(value);
    } catch {
      return { kind: "invalid", reason: "it is not valid JSON" };
    }
  }
  const statements = field<Record<string, unknown>>(doc, "Statement");
  if (statements === UNKNOWN) return { kind: "unknown" };
  const list = asList(statements);
  if (list === UNKNOWN) return { kind: "unknown" };
  return { kind: "statements", statements: list.map(statementOf) };
}

/** True when an Allow statement. */
export function isAllow(s: Statement): boolean {
  return typeof s.effect === "string" && s.effect.trim().toLowerCase() === "allow";
}

/**
 * Whether a principal means anyone: "*", or { AWS: "*" } (or a list holding "*"). UNKNOWN when
 * the principal is not known yet.
 */
export function isPublicPrincipal(principal: Read): boolean | Unknown {
  if (principal === UNKNOWN) return UNKNOWN;
  const direct = asString(principal);
  if (typeof direct === "string") return direct.trim() === "*";
  for (const kind of keysOf(principal)) {
    const values = stringList(field<Record<string, unknown>>(principal, kind));
    if (values === UNKNOWN) return UNKNOWN;
    if (values.some((v) => v.trim() === "*")) return true;
  }
  return false;
}

/**
 * Condition keys that limit who can use a grant to a known account, organisation, network or
 * calling resource; a public principal with one of them is not public.
 */
const LIMITING_KEYS = new Set([
  "aws:sourcearn",
  "aws:sourceaccount",
  "aws:sourceowner",
  "aws:sourceorgid",
  "aws:sourceorgpaths",
  "aws:principalarn",
  "aws:principalaccount",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:sourceip",
  "aws:userid",
  "aws:username",
  "aws:resourceaccount",
  "kms:calleraccount",
]);

/** Whether a statement's conditions limit it to known callers; UNKNOWN when not known yet. */
export function isLimited(s: Statement): boolean | Unknown {
  if (s.conditionKeys === UNKNOWN) return UNKNOWN;
  return s.conditionKeys.some((k) => LIMITING_KEYS.has(k));
}

/** A statement that lets anyone act, with the actions it allows. */
export interface PublicGrant {
  readonly statement: string;
  readonly actions: readonly string[];
}

/** The result of looking for grants to anyone in a document. */
export interface PublicGrants {
  readonly grants: readonly PublicGrant[];
  /** Statements that could not be judged because part of them is not known yet. */
  readonly undecided: readonly string[];
}

/** The Allow statements of a document that grant to anyone without a limiting condition. */
export function publicGrants(statements: readonly Statement[]): PublicGrants {
  const grants: PublicGrant[] = [];
  const undecided: string[] = [];
  for (const s of statements) {
    if (s.effect === UNKNOWN) {
      undecided.push(s.label);
      continue;
    }
    if (!isAllow(s)) continue;
    const open = isPublicPrincipal(s.principal);
    const limited = isLimited(s);
    if (open === UNKNOWN || (open && limited === UNKNOWN)) {
      undecided.push(s.label);
      continue;
    }
    if (!open || limited) continue;
    const actions = s.actions === UNKNOWN ? ["actions not known yet"] : s.actions;
    grants.push({ statement: s.label, actions: s.notAction ? ["all but " + actions.join(", ")] : actions });
  }
  return { grants, undecided };
}

/** True when an action pattern (with * and ? wildcards) matches an action, ignoring case. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(
    "^" +
      pattern
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("") +
      "$",
    "i",
  );
  return re.test(action);
}
