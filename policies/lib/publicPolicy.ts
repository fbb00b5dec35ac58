// Builder of the "resource policy grants nothing to anyone" rules of S3, KMS, ECR, SNS and SQS:
// each checks the policy document its resources hold, and reports every Allow statement whose
// principal is "*" (or { AWS: "*" }) with no condition limiting the caller to known accounts,
// organisations, networks or source resources.

import type { ResourceValidationPolicy, Severity } from "@pulumi/policy";
import { publicGrants, parsePolicy } from "./iamPolicy";
import { joinAnd } from "./messages";
import { field } from "./read";
import { resourceRule } from "./rule";

/** What a public-policy rule needs: its metadata and where each type keeps its policy. */
export interface PublicPolicyRuleSpec {
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly benchmarks: readonly string[];
  /** For each type token, the property holding the policy document. */
  readonly policyProperty: Readonly<Record<string, string>>;
}

/** Builds a rule that reports statements of a resource policy granting access to anyone. */
export function publicPolicyRule(spec: PublicPolicyRuleSpec): ResourceValidationPolicy {
  return resourceRule({
    name: spec.name,
    description: spec.description,
    enforcementLevel: "mandatory",
    severity: spec.severity,
    benchmarks: spec.benchmarks,
    types: Object.keys(spec.policyProperty),
    check: (ctx) => {
      const property = spec.policyProperty[ctx.type];
      const doc = parsePolicy(field<Record<string, unknown>>(ctx.props, property));
      if (doc.kind === "unknown") return ctx.undecided(property);
      if (doc.kind !== "statements") return;
      const found = publicGrants(doc.statements);
      found.undecided.forEach((s) => ctx.undecided(`${property} (${s})`));
      for (const grant of found.grants) {
        ctx.report(
          `${ctx.label} should not grant access to anyone: ${property} ${grant.statement} allows ` +
            `${joinAnd([...grant.actions])} to Principal "*" with no condition limiting the caller; ` +
            `name the accounts or services allowed as principals, or add an aws:SourceArn, ` +
            `aws:SourceAccount or aws:PrincipalOrgID condition.`,
        );
      }
    },
  });
}
