import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadCatalog } from "../../optimizer/catalog";
import {
  StackConfigError,
  existingStacks,
  loadStackSpec,
  parseStackFile,
  readStackFile,
  specFromStackConfig,
  stackFilePath,
  workloadFromStackConfig,
} from "../../optimizer/config";
import { SpecValidationError } from "../../optimizer/errors";

const catalog = loadCatalog();

const STACK_YAML = `config:
  cloudfit:owner: platform
  cloudfit:workload:
    services:
      api:
        replicas: 2
        vcpu: 2
        memoryGiB: 4
        residency: [eu]
    buckets:
      assets:
        storageGiB: 50
    links:
      - from: api
        to: assets
        monthlyGiB: 10
    global:
      budgetUSD: 800
`;

/** The StackConfigError message a call throws. */
function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof StackConfigError, `expected a StackConfigError, got ${e}`);
    assert.strictEqual(e.name, "StackConfigError");
    return e.message;
  }
  return assert.fail("expected a StackConfigError");
}

describe("stack config", () => {
  it("reads and validates the workload spec under cloudfit:workload", () => {
    const config = parseStackFile(STACK_YAML, "stacks/Pulumi.dev.yaml");
    assert.strictEqual(config["cloudfit:owner"], "platform");
    const spec = specFromStackConfig(config, catalog);
    assert.deepStrictEqual(
      spec.services.map((s) => [s.name, s.replicas, s.residency]),
      [["api", 2, ["EU"]]],
    );
    assert.deepStrictEqual(spec.links, [
      { from: "api", to: "assets", toKind: "bucket", monthlyGiB: 10, port: 443, latency: { kind: "continent" } },
    ]);
    assert.strictEqual(spec.budgetUSD, 800);
  });

  it("accepts the workload spec as a JSON string, as `pulumi config set` stores it", () => {
    const raw = { services: { api: { replicas: 1, vcpu: 1, memoryGiB: 2 } } };
    const spec = specFromStackConfig({ "cloudfit:workload": JSON.stringify(raw) }, catalog);
    assert.deepStrictEqual(spec.services.map((s) => s.name), ["api"]);
  });

  it("passes validation problems through as a SpecValidationError", () => {
    const config = {
      "cloudfit:workload": { services: { api: { replicas: 1, vcpu: 1, memoryGiB: "2 GiB" } } },
    };
    assert.throws(
      () => specFromStackConfig(config, catalog),
      (e: unknown) =>
        e instanceof SpecValidationError &&
        e.problems.length === 1 &&
        e.message.endsWith(
          'services.api.memoryGiB: must be a positive number, got "2 GiB". To fix: write 2.',
        ),
    );
  });

  it("reports a YAML syntax error with its line", () => {
    const text = "config:\n  cloudfit:workload:\n    services: {api: [1, 2}\n";
    assert.strictEqual(
      message(() => parseStackFile(text, "stacks/Pulumi.dev.yaml")),
      "stacks/Pulumi.dev.yaml is not valid YAML: missed comma between flow collection entries at line 3, column 26. " +
        "To fix: correct the YAML at line 3 (indentation, a missing colon or an unclosed quote are the usual causes).",
    );
  });

  it("reports a file without a config section", () => {
    assert.strictEqual(
      message(() => parseStackFile("secretsprovider: passphrase\n", "stacks/Pulumi.dev.yaml")),
      "stacks/Pulumi.dev.yaml has no config: section. To fix: add config: with a cloudfit:workload key holding the workload spec.",
    );
  });

  it("suggests renaming a workload key under the wrong name", () => {
    assert.strictEqual(
      message(() => workloadFromStackConfig({ "myapp:workload": {} }, "stacks/Pulumi.dev.yaml")),
      "stacks/Pulumi.dev.yaml has no cloudfit:workload key. To fix: rename myapp:workload to cloudfit:workload.",
    );
  });

  it("explains a missing workload key when nothing resembles it", () => {
    assert.strictEqual(
      message(() => workloadFromStackConfig({ "aws:region": "eu-west-1" })),
      "the stack config has no cloudfit:workload key. " +
        "To fix: add cloudfit:workload under config: with the services, buckets, links and global settings.",
    );
  });

  it("reports a JSON string that does not parse", () => {
    const msg = message(() =>
      workloadFromStackConfig({ "cloudfit:workload": "{services:" }, "stacks/Pulumi.dev.yaml"),
    );
    assert.match(
      msg,
      /^cloudfit:workload in stacks\/Pulumi\.dev\.yaml is a string but not valid JSON \(.+\)\. /,
    );
    assert.ok(msg.endsWith("To fix: write it as a YAML mapping, or correct the JSON."));
  });

  it("refuses a workload stored as a secret", () => {
    assert.strictEqual(
      message(() =>
        workloadFromStackConfig(
          { "cloudfit:workload": { secure: "v1:abc" } },
          "stacks/Pulumi.prod.yaml",
        ),
      ),
      "cloudfit:workload in stacks/Pulumi.prod.yaml is a secret, but the workload spec is read as plain config. " +
        "To fix: set it again without --secret; it holds sizes and placement rules, not credentials.",
    );
  });

  describe("on disk", () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-config-"));
      fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), STACK_YAML);
      fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), STACK_YAML);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("names the stack file of a stack", () => {
      assert.strictEqual(stackFilePath("dev", dir), path.join(dir, "Pulumi.dev.yaml"));
    });

    it("loads and validates a stack file", () => {
      const spec = loadStackSpec(stackFilePath("dev", dir), catalog);
      assert.deepStrictEqual(spec.buckets.map((b) => [b.name, b.storageGiB]), [["assets", 50]]);
      assert.deepStrictEqual(existingStacks(dir), ["dev", "prod"]);
    });

    it("lists the existing stacks when a stack file is missing", () => {
      const file = stackFilePath("qa", dir);
      assert.strictEqual(
        message(() => readStackFile(file)),
        `${file} does not exist. To fix: create it with a config: section holding cloudfit:workload, ` +
          "or use one of the existing stacks: dev, prod.",
      );
    });
  });
});
