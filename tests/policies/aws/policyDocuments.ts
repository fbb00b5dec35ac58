// Policy documents shared by the resource-policy tests: a statement granting to anyone, and the
// same statement limited to a source account.

/** A policy document with the given statements, as JSON text (how programs usually pass it). */
export function policyJson(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** A statement allowing `actions` to Principal "*". */
export function publicStatement(actions: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Sid: "Public", Effect: "Allow", Principal: "*", Action: actions, Resource: "*", ...extra };
}

/** A statement allowing `actions` to one account. */
export function accountStatement(actions: string[]): Record<string, unknown> {
  return { Sid: "Account", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: actions, Resource: "*" };
}
