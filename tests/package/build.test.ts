import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { compilePack, compilePackCached, PackBuildError } from "../../cli/policyPack";
import { copyAssets, missingRuntimeFiles, sourceFolders } from "../../scripts/assets";

const ROOT = path.resolve(__dirname, "../..");

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

describe("the build", function () {
  this.timeout(60000);
  let tmp: string;
  beforeEach(() => {
    // Inside the clone, so that a compiled pack resolves @pulumi/policy from its node_modules.
    tmp = fs.mkdtempSync(path.join(ROOT, "node_modules", ".cache", "build-test-"));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  before(() => fs.mkdirSync(path.join(ROOT, "node_modules", ".cache"), { recursive: true }));

  it("compiles the folders tsconfig.build.json includes, and copies their run-time files by rule", () => {
    assert.deepEqual(sourceFolders(path.join(ROOT, "tsconfig.build.json")), ["cli", "components", "optimizer"]);
    const src = path.join(tmp, "src");
    write(src, {
      "optimizer/catalog/catalog.json": "{}",
      "optimizer/catalog/index.ts": "",
      "optimizer/catalog/sources/prices.csv": "a,b",
      "optimizer/solvers/w-worker.js": "",
      "optimizer/tsconfig.json": "{}",
      "cli/bin.js": "",
      "cli/fixtures/x.json": "{}",
      "cli/notes.yaml": "a: 1",
    });
    const copied = copyAssets(src, path.join(tmp, "out"), ["cli", "optimizer"]);
    assert.deepEqual(copied, ["cli/bin.js", "cli/notes.yaml", "optimizer/catalog/catalog.json", "optimizer/solvers/w-worker.js"]);
    for (const f of copied) assert.ok(fs.existsSync(path.join(tmp, "out", f)));
  });

  it("names every literal relative load of compiled code that points at no file", () => {
    write(tmp, {
      "a/index.js": [
        'const c = require("./catalog.json");',
        'const d = require("../b");',
        'const gone = require("./gone.json");',
        'new Worker(path.join(__dirname, "w-worker.js"));',
        'new Worker(path.join(__dirname, "missing-worker.js"));',
        'const t = (0, path_1.resolve)(__dirname, "..", "b", "data.bin");',
        'const computed = path.join(__dirname, name);',
      ].join("\n"),
      "a/catalog.json": "{}",
      "a/w-worker.js": "",
      "b/index.js": "",
    });
    assert.deepEqual(missingRuntimeFiles(tmp), [
      'a/index.js: require("./gone.json")',
      "a/index.js: missing-worker.js beside the module",
      "a/index.js: ../b/data.bin beside the module",
    ]);
  });

  it("compiles the policy pack into one file that imports only the pack's declared dependencies", () => {
    const files = compilePack(path.join(ROOT, "policies"));
    assert.deepEqual([...files.keys()].sort(), ["PulumiPolicy.yaml", "config.example.json", "index.js", "package.json"]);
    const js = files.get("index.js")!;
    const required = [...js.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(required.filter((r) => !r.startsWith("node:") && !["fs", "path", "crypto"].includes(r)))].sort(), ["@pulumi/policy"]);
    assert.match(js, /"optimizer\/catalog\/catalog\.json"/, "the catalog is inside the bundle");
    assert.equal(JSON.parse(files.get("package.json")!).main, undefined, "Node finds index.js, and index.ts in the sources");
  });

  it("refuses a pack that loads a package it does not declare, or a file beside its module", () => {
    write(tmp, {
      "pack/package.json": JSON.stringify({ name: "p", dependencies: { "@pulumi/policy": "1.21.0" } }),
      "pack/PulumiPolicy.yaml": "runtime: nodejs\n",
      "pack/index.ts": 'import * as aws from "@pulumi/aws";\nexport const b = aws.s3;\n',
    });
    assert.throws(
      () => compilePack(path.join(tmp, "pack")),
      (e: Error) =>
        e instanceof PackBuildError &&
        /imports @pulumi\/aws at run time, but .*package\.json does not declare it.* To fix: import only its types \(`import type`\)/.test(e.message),
    );
    write(tmp, { "pack/index.ts": 'import * as fs from "fs";\nexport const t = fs.readFileSync(__dirname + "/x.csv", "utf8");\n' });
    assert.throws(() => compilePack(path.join(tmp, "pack")), /reads a file relative to its own module \(__dirname\)/);
  });

  it("serves a clone's pack from a folder named by its content, written once", () => {
    const cache = path.join(tmp, "cache");
    fs.mkdirSync(cache);
    const a = compilePackCached(path.join(ROOT, "policies"), cache);
    const stamp = fs.statSync(path.join(a, "index.js")).mtimeMs;
    const b = compilePackCached(path.join(ROOT, "policies"), cache);
    assert.equal(a, b);
    assert.equal(fs.statSync(path.join(b, "index.js")).mtimeMs, stamp);
    assert.match(path.basename(a), /^policy-pack-[0-9a-f]{16}$/);
    assert.deepEqual(fs.readdirSync(cache), [path.basename(a)]);
  });
});
