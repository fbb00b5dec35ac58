// Policy pack configuration as `cloudfit preview --policy-config` and the served pack see it:
// unknown policy names and settings are errors naming the one meant, values of the wrong type
// are reported before the program runs, and a file configuring other policies keeps the
// stack's budget and says which budget applies.

import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  PolicyConfigError,
  packPolicyMetadata,
  parsePolicyConfig,
  previewPolicyConfig,
  reconcilePolicyConfig,
} from "../../cli/policyConfig";
import { run } from "../cli/harness";

const STACK = { budgetUSD: 1500, source: "the stack's global.budgetUSD" };
const metadata = packPolicyMetadata();

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-policy-config-"));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes a config file in the temporary directory and returns its path. */
function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
}

function rejects(fn: () => unknown, ...parts: string[]): void {
  assert.throws(fn, (e: Error) => {
    for (const part of parts) assert.ok(e.message.includes(part), `"${part}" not in: ${e.message}`);
    return true;
  });
}

describe("policy pack configuration", () => {
  it("rejects a policy name the pack does not have, naming the closest one", () => {
    rejects(
      () => reconcilePolicyConfig(metadata, {}, parsePolicyConfig({ "aws-s3-bucket-versioning": "mandatory" }), "p.json"),
      "The policy pack configuration in p.json is invalid: 'aws-s3-bucket-versioning' (did you mean 'aws-s3-bucket-versioning-enabled'?) is not a policy of the pack.",
      "To fix:",
    );
  });

  it("rejects a setting a policy does not declare, naming the closest one and the settings it takes", () => {
    rejects(
      () => reconcilePolicyConfig(metadata, {}, parsePolicyConfig({ "aws-security-group-no-public-admin-ports": { adminPort: [22] } })),
      "aws-security-group-no-public-admin-ports: 'adminPort' (did you mean 'adminPorts'?) is not a setting of this policy (it takes adminPorts)",
    );
  });

  it("accepts 'all' and every policy's declared settings, as in config.example.json", () => {
    const example = JSON.parse(fs.readFileSync(path.join(__dirname, "../../policies/config.example.json"), "utf8"));
    const result = reconcilePolicyConfig(metadata, {}, parsePolicyConfig({ ...example, all: "advisory" }));
    assert.equal(result["aws-ebs-volume-encrypted"].enforcementLevel, "advisory");
    assert.equal(result["cost-monthly-budget"].enforcementLevel, "mandatory", "a policy's own level overrides 'all'");
  });

  it("keeps the stack's budget when the file configures other policies, and says so", () => {
    const p = file("other.json", { "compliance-required-tags": { keys: ["team"] } });
    const out = previewPolicyConfig(p, STACK, metadata);
    assert.deepEqual(out.config, { "compliance-required-tags": { keys: ["team"] }, "cost-monthly-budget": { budgetUSD: 1500 } });
    assert.equal(out.budget.budgetUSD, 1500);
    assert.equal(out.budget.note, "$1,500.00 a month from the stack's global.budgetUSD (other.json sets no budget)");
  });

  it("keeps the stack's budget when the file sets only the budget policy's level", () => {
    const out = previewPolicyConfig(file("level.json", { "cost-monthly-budget": "advisory" }), STACK, metadata);
    assert.deepEqual(out.config, { "cost-monthly-budget": { enforcementLevel: "advisory", budgetUSD: 1500 } });
  });

  it("lets the file's budget replace the stack's, and says it does", () => {
    const out = previewPolicyConfig(file("budget.json", { "cost-monthly-budget": { budgetUSD: 2000 } }), STACK, metadata);
    assert.equal(out.budget.budgetUSD, 2000);
    assert.equal(out.budget.note, "$2,000.00 a month from budget.json; it replaces $1,500.00 from the stack's global.budgetUSD");
  });

  it("says when no budget applies", () => {
    const out = previewPolicyConfig(undefined, { source: "the program's stack settings" }, metadata);
    assert.deepEqual(out, { config: {}, source: "the program's stack settings", budget: { budgetUSD: undefined, note: "none: the program's stack settings sets none" } });
  });

  it("reports a value of the wrong type without starting the pack", () => {
    rejects(
      () => previewPolicyConfig(file("type.json", { "cost-monthly-budget": { budgetUSD: "lots" } }), STACK, metadata),
      "cost-monthly-budget: .budgetUSD: expected number, got string",
    );
    assert.throws(() => previewPolicyConfig(file("level2.json", { "aws-ebs-volume-encrypted": "sometimes" }), STACK, metadata), PolicyConfigError);
  });

  it("explains files that are not a JSON object", () => {
    rejects(() => previewPolicyConfig(file("bad.json", "{not json"), STACK, metadata), "bad.json is not valid JSON", "To fix: correct the file.");
    rejects(() => previewPolicyConfig(path.join(dir, "missing.json"), STACK, metadata), "Cannot read the policy configuration", "To fix: pass an existing JSON file.");
  });

  it("stops `cloudfit preview` before the program runs when the configuration is wrong", async function () {
    this.timeout(60_000);
    const program = path.join(dir, "program");
    const marker = path.join(dir, "program-ran");
    fs.mkdirSync(program);
    fs.writeFileSync(path.join(program, "Pulumi.yaml"), "name: marker\nruntime: nodejs\n");
    fs.writeFileSync(path.join(program, "Pulumi.dev.yaml"), "config: {}\n");
    fs.writeFileSync(path.join(program, "index.ts"), `require("fs").writeFileSync(${JSON.stringify(marker)}, "ran");\n`);
    const config = file("typo.json", { "gcp-compute-ip-forwarding-disabled": { allowedInstance: ["nat"] } });
    const r = await run(["preview", "--program", program, "--stack", "dev", "--policy-config", config]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /'allowedInstance' \(did you mean 'allowedInstances'\?\) is not a setting of this policy/);
    assert.equal(fs.existsSync(marker), false, "the program ran before the configuration was checked");
  });
});
