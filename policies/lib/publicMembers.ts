// Builder of the rules that forbid granting a Google Cloud resource to allUsers or
// allAuthenticatedUsers through its IAM resources (or ACLs), optionally letting a configured
// list of resources stay public on purpose.

import type { ResourceValidationPolicy, Severity } from "@pulumi/policy";
import { allowListSchema, isAllowed, readAllowList } from "./allowList";
import { grantsOf, isPublicMember } from "./gcpIam";
import { asString, pathOf } from "./read";
import { resourceRule } from "./rule";
import { UNKNOWN } from "./unknown";

/** What a public-member rule needs: metadata, the IAM types, and its optional allow-list. */
export interface PublicMemberRuleSpec {
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly benchmarks: readonly string[];
  readonly types: readonly string[];
  /** What is made public, for messages ("the bucket", "the function"). */
  readonly subject: string;
  /** Properties naming the target resource, matched by the allow-list ("cloudFunction"). */
  readonly targetProps?: readonly string[];
  /** The allow-list setting's name and what it lists, when public access may be allowed. */
  readonly allowList?: { readonly setting: string; readonly what: string };
}

/** Builds a rule reporting grants to allUsers or allAuthenticatedUsers. */
export function publicMemberRule(spec: PublicMemberRuleSpec): ResourceValidationPolicy {
  const allow = spec.allowList;
  return resourceRule<{ allowed: readonly RegExp[] }>({
    name: spec.name,
    description: spec.description,
    enforcementLevel: "mandatory",
    severity: spec.severity,
    benchmarks: spec.benchmarks,
    ...(allow ? { configSchema: { properties: { [allow.setting]: allowListSchema(allow.what) } } } : {}),
    types: spec.types,
    config: (raw) => ({ allowed: allow ? readAllowList(raw[allow.setting]) : [] }),
    check: (ctx) => {
      if (allow) {
        const targets = (spec.targetProps ?? []).map((p) => asString(pathOf(ctx.props, p)));
        const names = [ctx.name, ...targets.map((t) => (typeof t === "string" ? t : undefined))];
        if (isAllowed(ctx.config.allowed, names)) return;
      }
      const grants = grantsOf(ctx.type, ctx.props);
      if (grants === UNKNOWN) return ctx.undecided("its members");
      for (const g of grants.filter((x) => isPublicMember(x.member))) {
        const role = g.role ? ` ${g.role}` : "";
        const exempt = allow ? `, or list it under ${allow.setting} if it is public on purpose` : "";
        ctx.report(
          `${ctx.label} should not make ${spec.subject} public: ${g.where} grants${role} to ` +
            `${g.member}; grant the role to named users, groups or service accounts instead${exempt}.`,
        );
      }
    },
  });
}
