import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { applySizes, StackEditError } from "../../../../optimizer/forecast";

const DEV = fs.readFileSync(path.resolve(__dirname, "../../../../stacks/Pulumi.dev.yaml"), "utf8");

function changedLines(a: string, b: string): string[] {
  const x = a.split("\n");
  const y = b.split("\n");
  assert.strictEqual(x.length, y.length);
  return y.filter((l, i) => l !== x[i]);
}

describe("writing sizes into a stack file", () => {
  it("changes only the edited numbers, keeping comments, flow style and order", () => {
    const out = applySizes(DEV, "Pulumi.dev.yaml", { api: { replicas: 3, vcpu: 1, memoryGiB: 2.5 }, cache: { replicas: 1, vcpu: 2, memoryGiB: 16 } });
    assert.deepStrictEqual(changedLines(DEV, out), ["        replicas: 3", "        vcpu: 1", "        memoryGiB: 2.5"]);
    assert.ok(out.includes("# Served through the CDN the storefront already runs on AWS."));
    assert.ok(out.includes("- { from: web, to: api, monthlyGiB: 100 }"));
  });

  it("returns the same bytes when the sizes are unchanged", () => {
    assert.strictEqual(applySizes(DEV, "f", { web: { replicas: 2, vcpu: 2, memoryGiB: 4 } }), DEV);
  });

  it("edits flow-style services in place", () => {
    const text = "config:\n  cloudfit:workload:\n    services:\n      api: { replicas: 4, vcpu: 2, memoryGiB: 8 } # sized by hand\n";
    assert.strictEqual(applySizes(text, "f", { api: { replicas: 2, vcpu: 1, memoryGiB: 3 } }), "config:\n  cloudfit:workload:\n    services:\n      api: { replicas: 2, vcpu: 1, memoryGiB: 3 } # sized by hand\n");
  });

  it("refuses a workload written as a JSON string, an unknown service and a non-numeric size", () => {
    assert.throws(() => applySizes('config:\n  cloudfit:workload: \'{"services":{}}\'\n', "f", {}), (e: unknown) => e instanceof StackEditError && /is not a YAML mapping .* To fix: /.test(e.message));
    assert.throws(() => applySizes(DEV, "f", { db: { replicas: 1, vcpu: 1, memoryGiB: 1 } }), /services\.db is not in cloudfit:workload/);
    assert.throws(() => applySizes("config:\n  cloudfit:workload:\n    services:\n      api: { replicas: [1], vcpu: 1, memoryGiB: 1 }\n", "f", { api: { replicas: 2, vcpu: 1, memoryGiB: 1 } }), /services\.api\.replicas is not a plain number/);
  });
});
