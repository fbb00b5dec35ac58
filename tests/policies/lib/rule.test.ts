import * as assert from "assert";
import { appliesTo, resourceRule, stackRule } from "../../../policies/lib/rule";
import { asBool, pathOf } from "../../../policies/lib/read";
import { UNKNOWN } from "../../../policies/lib/unknown";
import { UNKNOWN_VALUE, runResource, runStack } from "../harness";

/** A rule that wants `a` and `b` true, with a configurable message prefix. */
const sample = resourceRule<{ prefix: string }>({
  name: "test-sample",
  description: "Requires a and b.",
  enforcementLevel: "advisory",
  severity: "low",
  benchmarks: [],
  types: ["aws:ebs/volume:Volume"],
  config: (raw) => ({ prefix: typeof raw.prefix === "string" ? raw.prefix : "default" }),
  check: (ctx) => {
    for (const key of ["a", "b"]) {
      const v = asBool(pathOf(ctx.props, key));
      if (v === UNKNOWN) ctx.undecided(key);
      else if (v !== true) ctx.report(`${ctx.config.prefix}: ${ctx.label} lacks ${key}.`);
    }
  },
});

function run(props: Record<string, unknown>, config?: Record<string, unknown>) {
  return runResource(sample, { type: "aws:ebs/volume:Volume", name: "v", props, config });
}

describe("policies/lib/rule", () => {
  it("reports through the runtime's callback with the config it was given", async () => {
    assert.deepStrictEqual(await run({ a: true, b: false }, { prefix: "p" }), {
      violations: ["p: EBS volume 'v' lacks b."],
    });
  });

  it("falls back to the config defaults when the policy has no config", async () => {
    assert.deepStrictEqual(await run({ a: false, b: true }), { violations: ["default: EBS volume 'v' lacks a."] });
  });

  it("reports known violations and stays silent about unknown siblings", async () => {
    assert.deepStrictEqual(await run({ a: UNKNOWN_VALUE, b: false }), {
      violations: ["default: EBS volume 'v' lacks b."],
    });
  });

  it("names every undecided property when nothing else was found", async () => {
    assert.deepStrictEqual(await run({ a: UNKNOWN_VALUE, b: UNKNOWN_VALUE }), {
      violations: [],
      notApplicable:
        "EBS volume 'v' could not be checked during preview because a and b are not known yet; it is checked again when the update runs.",
    });
  });

  it("keeps its type filter off the policy object but answers appliesTo", () => {
    assert.deepStrictEqual(Object.keys(sample).sort(), [
      "description",
      "enforcementLevel",
      "name",
      "severity",
      "validateResource",
    ]);
    assert.strictEqual(appliesTo(sample, "aws:ebs/volume:Volume"), true);
    assert.strictEqual(appliesTo(sample, "aws:s3/bucket:Bucket"), false);
  });

  it("turns a failing stack check into a not-applicable reason instead of an error", async () => {
    const broken = stackRule({
      name: "test-broken-stack",
      description: "Throws on purpose.",
      enforcementLevel: "advisory",
      severity: "low",
      benchmarks: [],
      check: () => {
        throw new RangeError("bad index");
      },
    });
    assert.deepStrictEqual(await runStack(broken, []), {
      violations: [],
      notApplicable: "The stack could not be checked: the rule failed (bad index).",
    });
  });
});
