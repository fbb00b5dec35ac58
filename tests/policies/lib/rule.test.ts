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
  configSchema: { properties: { prefix: { type: "string", description: "Message prefix." } } },
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
      "configSchema",
      "description",
      "enforcementLevel",
      "name",
      "severity",
      "validateResource",
    ]);
    assert.strictEqual(appliesTo(sample, "aws:ebs/volume:Volume"), true);
    assert.strictEqual(appliesTo(sample, "aws:s3/bucket:Bucket"), false);
  });

  it("tells the runtime the one type it checks, so other types are skipped before deserializing", () => {
    assert.strictEqual((sample.validateResource as { __pulumiType?: string }).__pulumiType, "aws:ebs/volume:Volume");
  });

  it("refuses a setting its schema does not declare, suggesting the one meant", async () => {
    await assert.rejects(
      () => run({ a: true, b: true }, { prefx: "p" }),
      (e: Error) =>
        e.name === "UnknownSettingError" &&
        e.message ===
          "Policy test-sample has no setting 'prefx' (did you mean 'prefix'?); it takes prefix. To fix: correct or remove that setting in the policy pack configuration.",
    );
  });

  it("serves its benchmark items as tags and its first CIS item as the compliance framework", () => {
    const rule = resourceRule({
      name: "test-cis",
      description: "Requires nothing.",
      enforcementLevel: "advisory",
      severity: "low",
      benchmarks: ["CKV_AWS_24", "CIS AWS 5.2"],
      types: ["aws:ec2/securityGroup:SecurityGroup"],
      check: () => undefined,
    });
    assert.deepStrictEqual(rule.tags, ["CKV_AWS_24", "CIS AWS 5.2"]);
    assert.deepStrictEqual(rule.framework, {
      name: "CIS Amazon Web Services Foundations Benchmark",
      version: "3.0.0",
      reference: "5.2",
      specification: "Requires nothing.",
    });
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
