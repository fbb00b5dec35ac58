// A table form of the per-rule tests: a compliant baseline resource that must pass, then one
// change per case with the exact outcome (violation messages, or the not-applicable reason when
// a deciding value is unknown). Every case runs through the runtime's own deserializer and
// unknown-checking proxy (see harness.ts).

import * as assert from "assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { Outcome, runResource } from "./harness";

/** The resource every case starts from. */
export interface Baseline {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly config?: Record<string, unknown>;
}

/** One change to the baseline and what the rule must say about it. */
export interface RuleCase {
  /** The test's name: a sentence ("reports a public principal"). */
  readonly it: string;
  /** The props to validate: the baseline's, changed. */
  readonly props: (base: Record<string, unknown>) => Record<string, unknown>;
  /** Another type of the rule, when the case is about it. */
  readonly type?: string;
  readonly config?: Record<string, unknown>;
  /** Exact violation messages, in order (none when omitted). */
  readonly violations?: readonly string[];
  /** Exact not-applicable reason, when the rule must defer to the update. */
  readonly notApplicable?: string;
}

/** Registers the baseline test and one test per case under `describe(title)`. */
export function ruleCases(
  title: string,
  policy: ResourceValidationPolicy,
  baseline: Baseline,
  cases: readonly RuleCase[],
): void {
  describe(title, () => {
    it(`passes the compliant ${baseline.type.split(":").pop()}`, async () => {
      const outcome = await runResource(policy, baseline);
      assert.deepStrictEqual(outcome, { violations: [] });
    });
    for (const c of cases) {
      it(c.it, async () => {
        const outcome = await runResource(policy, {
          type: c.type ?? baseline.type,
          name: baseline.name,
          props: c.props({ ...baseline.props }),
          config: c.config ?? baseline.config,
        });
        const expected: Outcome =
          c.notApplicable === undefined
            ? { violations: [...(c.violations ?? [])] }
            : { violations: [...(c.violations ?? [])], notApplicable: c.notApplicable };
        assert.deepStrictEqual(outcome, expected);
      });
    }
  });
}

/** The not-applicable reason the rules give for properties not known during preview. */
export function deferred(label: string, ...properties: string[]): string {
  const verb = properties.length === 1 ? "is" : "are";
  const list =
    properties.length <= 1 ? properties.join("") : `${properties.slice(0, -1).join(", ")} and ${properties[properties.length - 1]}`;
  return `${label} could not be checked during preview because ${list} ${verb} not known yet; it is checked again when the update runs.`;
}
