// The usage file: YAML by type token and by resource, traffic overrides, and errors that name the
// key and say how to fix it.

import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseUsageFile, readUsageFile, usageFromDocument, usageOf, USAGE_KEYS } from "../../../optimizer/pricing";

describe("usage file", () => {
  const text = [
    "version: 1",
    "resourceTypeDefaults:",
    '  "aws:lambda/function:Function": { monthlyRequests: 1000000, averageDurationMs: 200 }',
    "resources:",
    "  checkout-fn: { monthlyRequests: 9000000 }",
    '  "urn:pulumi:dev::shop::aws:lambda/function:Function::checkout-fn": { averageDurationMs: 50 }',
    "traffic:",
    '  links: { "api->cache": 800 }',
    "  buckets: { assets: { internetEgressGiB: 50 } }",
  ].join("\n");

  it("reads defaults per type token, values per resource name and URN, and traffic", () => {
    const u = parseUsageFile(text, "usage.yml");
    const r = { urn: "urn:pulumi:dev::shop::aws:lambda/function:Function::checkout-fn", name: "checkout-fn", type: "aws:lambda/function:Function" };
    // URN beats name beats type default.
    assert.deepStrictEqual(usageOf(u, r), { monthlyRequests: 9000000, averageDurationMs: 50 });
    assert.deepStrictEqual(usageOf(u, { ...r, name: "other", urn: "x" }), { monthlyRequests: 1000000, averageDurationMs: 200 });
    assert.deepStrictEqual(u.traffic, { links: { "api->cache": 800 }, bucketEgressGiB: { assets: 50 } });
  });

  it("treats an empty file as no usage, and reads a file from disk", () => {
    assert.deepStrictEqual(parseUsageFile(""), { resourceTypeDefaults: {}, resources: {} });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-usage-"));
    try {
      const file = path.join(dir, "usage.yml");
      fs.writeFileSync(file, text);
      assert.strictEqual(readUsageFile(file).resources["checkout-fn"].monthlyRequests, 9000000);
      assert.throws(() => readUsageFile(path.join(dir, "missing.yml")), /Cannot read the usage file .*missing\.yml: ENOENT\. To fix: check the path\./);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects unknown keys, bad numbers, bad link names and bad YAML with a fix", () => {
    assert.throws(() => parseUsageFile("resources:\n  f: { monthlyRequest: 5 }\n", "u.yml"), /u\.yml: resources\["f"\]\.monthlyRequest is not a usage key\. To fix: use one of storageGiB, monthlyRequests/);
    assert.throws(() => parseUsageFile("resources:\n  f: { monthlyRequests: -1 }\n", "u.yml"), /must be a number of at least 0, got -1/);
    assert.throws(() => parseUsageFile('traffic:\n  links: { "api to cache": 5 }\n', "u.yml"), /traffic\.links key "api to cache" must be "from->to"/);
    assert.throws(() => parseUsageFile("version: 2\n", "u.yml"), /version 2 is not supported\. To fix: write version: 1\./);
    assert.throws(() => parseUsageFile("resources: [\n", "u.yml"), /u\.yml is not valid YAML/);
    assert.throws(() => parseUsageFile("usage: {}\n", "u.yml"), /top-level key usage is not known/);
    assert.throws(() => usageFromDocument({ resources: { f: { storageGiB: "10" } } }, "policy config"), /policy config: resources\["f"\]\.storageGiB must be a number/);
  });

  it("documents every usage key", () => {
    for (const [k, v] of Object.entries(USAGE_KEYS)) assert.ok(/^[a-z][A-Za-z]+$/.test(k) && v.length > 10, k);
    const readme = fs.readFileSync(path.resolve(__dirname, "../../../README.md"), "utf8");
    for (const k of Object.keys(USAGE_KEYS)) assert.ok(readme.includes(`\`${k}\``), `README does not list usage key ${k}`);
  });
});
