// The runner behaves like the Pulumi Node.js host for what needs no cloud: the program's folder as
// working directory, its node_modules before cloudfit's, one Pulumi runtime, ES modules with .js
// suffixes, fresh module graphs on every run, and nothing left patched after a run.

import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runProgramDir } from "../../../cli/program/run";
import { projectFile, scratchProgram } from "./scratch";

const Module = require("module") as { _resolveFilename: unknown; _extensions: Record<string, unknown> };
const off = { typeCheck: false } as const;
const names = (r: { resources: { type: string; name: string }[] }, type: string) => r.resources.filter((x) => x.type === type).map((x) => x.name).sort();

describe("running a program like the Pulumi Node.js host", function () {
  this.timeout(300000);

  it("runs in the program's folder, so relative files and assets resolve there, and restores the caller's", async () => {
    const dir = scratchProgram({
      "Pulumi.yaml": projectFile("files"),
      "package.json": '{ "name": "files", "main": "index.ts" }',
      "site/index.html": "<h1>hi</h1>",
      "motd.txt": "welcome",
      "index.ts": [
        'import * as fs from "fs";',
        'import * as aws from "@pulumi/aws";',
        'import * as pulumi from "@pulumi/pulumi";',
        'const bucket = new aws.s3.Bucket("site", { tags: { motd: fs.readFileSync("motd.txt", "utf8"), cwd: process.cwd() } });',
        'new aws.s3.BucketObject("index", { bucket: bucket.id, source: new pulumi.asset.FileAsset("site/index.html") });',
      ].join("\n"),
    });
    const before = process.cwd();
    const r = await runProgramDir(dir, "dev", off);
    assert.equal(process.cwd(), before);
    const bucket = r.resources.find((x) => x.name === "site")!;
    assert.deepEqual(bucket.props.tags, { motd: "welcome", cwd: fs.realpathSync(dir) === dir ? dir : fs.realpathSync(dir) });
    const object = r.resources.find((x) => x.name === "index")!;
    assert.equal((object.props.source as { path: string }).path, "site/index.html");
    assert.deepEqual(r.notes, [`There is no Pulumi.dev.yaml in ${dir}: the program runs with empty configuration.`]);
  });

  it("fails, naming the resource and property, when a file asset does not exist in the program's folder", async () => {
    const dir = scratchProgram({
      "Pulumi.yaml": projectFile("assets"),
      "package.json": '{ "name": "assets", "main": "index.js" }',
      "index.js": [
        'const aws = require("@pulumi/aws");',
        'const pulumi = require("@pulumi/pulumi");',
        'new aws.lambda.Function("fn", { role: "r", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.FileArchive("./app") });',
      ].join("\n"),
    });
    await assert.rejects(runProgramDir(dir, "dev", off), (e: Error & { kind?: string }) => {
      assert.equal(e.kind, "missing-file");
      assert.equal(
        e.message,
        `The program in ${dir} (stack dev) refers to a file that does not exist: fn (aws:lambda/function:Function) .code is FileArchive ./app, which is not in ${dir}. ` +
          "To fix: correct the path; a relative path is taken from the program's folder, as `pulumi preview` takes it.",
      );
      return true;
    });
  });

  it("loads the program's own packages before cloudfit's, and one Pulumi runtime for all of them", async () => {
    const dir = scratchProgram({
      "Pulumi.yaml": projectFile("shadow"),
      "package.json": '{ "name": "shadow", "main": "index.ts" }',
      // A package cloudfit also has (js-yaml 4.3.2): the program's own copy must win.
      "node_modules/js-yaml/package.json": '{ "name": "js-yaml", "version": "0.0.1-program", "main": "index.js" }',
      "node_modules/js-yaml/index.js": 'exports.load = () => ({ from: "program" });',
      // A package only the program has, which itself needs @pulumi/pulumi from cloudfit.
      "node_modules/acme-naming/package.json": '{ "name": "acme-naming", "version": "1.0.0", "main": "index.js" }',
      "node_modules/acme-naming/index.js": 'const pulumi = require("@pulumi/pulumi");\nexports.named = (n) => `${pulumi.getProject()}-${pulumi.getStack()}-${n}`;',
      // A stale SDK copy in the program's folder is never loaded: two runtimes would not share the mocks.
      "node_modules/@pulumi/pulumi/package.json": '{ "name": "@pulumi/pulumi", "version": "3.0.0", "main": "index.js" }',
      "node_modules/@pulumi/pulumi/index.js": 'throw new Error("the program\'s own @pulumi/pulumi was loaded");',
      "index.ts": [
        'import * as aws from "@pulumi/aws";',
        'import * as yaml from "js-yaml";',
        'import { named } from "acme-naming";',
        'new aws.s3.Bucket((yaml.load("") as { from: string }).from);',
        'new aws.s3.Bucket(named("logs"));',
      ].join("\n"),
    });
    const r = await runProgramDir(dir, "qa", off);
    assert.deepEqual(names(r, "aws:s3/bucket:Bucket"), ["program", "shadow-qa-logs"]);
    const yaml = require("js-yaml") as { load(s: string): unknown };
    assert.equal(yaml.load("a: 1") && (yaml.load("a: 1") as { a: number }).a, 1, "cloudfit's own js-yaml is untouched");
  });

  it("leaves module resolution and compilation as it found them, and runs a program's modules anew each time", async () => {
    const resolve = Module._resolveFilename;
    const ts = Module._extensions[".ts"];
    const dir = scratchProgram({
      "Pulumi.yaml": projectFile("again"),
      "package.json": '{ "name": "again", "main": "index.ts" }',
      "buckets.ts": 'import * as aws from "@pulumi/aws";\nexport const make = (n: number) => Array.from({ length: n }, (_, i) => new aws.s3.Bucket(`b${i}`));\n',
      "index.ts": 'import * as pulumi from "@pulumi/pulumi";\nimport { make } from "./buckets";\nmake(new pulumi.Config().getNumber("count") ?? 1);\n',
    });
    const one = await runProgramDir(dir, "dev", off);
    const two = await runProgramDir(dir, "dev", { ...off, extraConfig: { "again:count": "2" } });
    assert.deepEqual(names(one, "aws:s3/bucket:Bucket"), ["b0"]);
    assert.deepEqual(names(two, "aws:s3/bucket:Bucket"), ["b0", "b1"]);
    assert.equal(Module._resolveFilename, resolve);
    assert.equal(Module._extensions[".ts"], ts);
    assert.ok(!Object.keys(require.cache).some((k) => k.startsWith(dir)), "program modules stay in require's cache");
  });

  it("runs ES module programs with .js suffixes, top-level await and a default export, again on a second run", async () => {
    const dir = scratchProgram({
      "Pulumi.yaml": projectFile("esm"),
      "package.json": '{ "name": "esm", "type": "module" }',
      "tsconfig.json": '{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext", "target": "ES2022", "strict": true } }',
      "lib/queue.ts": 'import * as aws from "@pulumi/aws";\nexport function queue(name: string) { return new aws.sqs.Queue(name); }\n',
      "index.ts": [
        'import * as aws from "@pulumi/aws";',
        'import { queue } from "./lib/queue.js";',
        "const zones = await aws.getAvailabilityZones();",
        "export default async () => {",
        "  const q = zones.names.map((z) => queue(`work-${z}`));",
        "  return { queues: q.length, file: import.meta.url.startsWith(\"file:\") };",
        "};",
      ].join("\n"),
      "Pulumi.dev.yaml": "config:\n  aws:region: eu-north-1\n",
    });
    for (let i = 0; i < 2; i++) {
      const r = await runProgramDir(dir, "dev", off);
      assert.deepEqual(names(r, "aws:sqs/queue:Queue"), ["work-eu-north-1a", "work-eu-north-1b", "work-eu-north-1c"]);
      assert.deepEqual(r.outputs, { queues: 3, file: true });
      assert.deepEqual(r.lookups, [{ token: "aws:index/getAvailabilityZones:getAvailabilityZones", calls: 1, regions: ["eu-north-1"] }]);
    }
  });

  it("runs plain JavaScript programs, CommonJS and ES modules", async () => {
    const cjs = scratchProgram({
      "Pulumi.yaml": projectFile("cjs"),
      "package.json": '{ "name": "cjs", "main": "index.js" }',
      "index.js": 'const gcp = require("@pulumi/gcp");\nexports.bucket = new gcp.storage.Bucket("b", { location: "EU" }).name;\n',
    });
    const mjs = scratchProgram({
      "Pulumi.yaml": projectFile("mjs"),
      "package.json": '{ "name": "mjs", "type": "module", "main": "index.js" }',
      "index.js": 'import * as gcp from "@pulumi/gcp";\nimport { name } from "./name.js";\nnew gcp.storage.Bucket(name, { location: "EU" });\n',
      "name.js": 'export const name = "from-esm";\n',
    });
    assert.deepEqual(names(await runProgramDir(cjs, "dev"), "gcp:storage/bucket:Bucket"), ["b"]);
    const r = await runProgramDir(mjs, "dev");
    assert.deepEqual(names(r, "gcp:storage/bucket:Bucket"), ["from-esm"]);
    assert.deepEqual(await r.typeCheck, { status: "skipped", reason: "the program is JavaScript", cached: false, seconds: 0, diagnostics: [] });
  });

  it("answers getOrganization, gives StackReferences unknown outputs, and notes invokes it cannot answer", async () => {
    const dir = scratchProgram({
      "Pulumi.yaml": projectFile("refs"),
      "package.json": '{ "name": "refs", "main": "index.ts" }',
      "index.ts": [
        'import * as aws from "@pulumi/aws";',
        'import * as pulumi from "@pulumi/pulumi";',
        "const net = new pulumi.StackReference(`${pulumi.getOrganization()}/network/${pulumi.getStack()}`);",
        'new aws.s3.Bucket("b", { tags: { vpc: net.requireOutput("vpcId").apply(String), org: pulumi.getOrganization() } });',
        'aws.ec2.getInstanceTypeOutput({ instanceType: "m7i.large" });',
      ].join("\n"),
    });
    const r = await runProgramDir(dir, "prod", off);
    const bucket = r.resources.find((x) => x.name === "b")!;
    assert.deepEqual(bucket.props.tags, { vpc: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", org: "organization" });
    const ref = r.resources.find((x) => x.type === "pulumi:pulumi:StackReference")!;
    assert.equal(ref.read, true);
    assert.deepEqual(r.stackReferences, ["organization/network/prod"]);
    assert.deepEqual(r.notes.slice(1), [
      "StackReference outputs are unknown offline, as for stacks not deployed yet: organization/network/prod.",
      "Not answered offline, so each returned its own inputs: aws:ec2/getInstanceType:getInstanceType.",
    ]);
  });

  it("lends cloudfit's SDKs to a program without node_modules, saying so when it pins another version", async () => {
    const shipped = JSON.parse(fs.readFileSync(require.resolve("@pulumi/azure-native/package.json"), "utf8")).version;
    const files = (range: string) => ({
      "Pulumi.yaml": projectFile("pinned"),
      "package.json": `{ "name": "pinned", "main": "index.js", "dependencies": { "@pulumi/azure-native": "${range}", "@pulumi/pulumi": "^3.0.0" } }`,
      "index.js": 'const resources = require("@pulumi/azure-native/resources");\nnew resources.ResourceGroup("rg");\n',
    });
    const old = scratchProgram(files("2.92.3"));
    const r = await runProgramDir(old, "dev", off);
    assert.deepEqual(names(r, "azure-native:resources:ResourceGroup"), ["rg"]);
    assert.deepEqual(r.lent, [{ name: "@pulumi/azure-native", wanted: "2.92.3", lent: shipped }]);
    assert.equal(
      r.notes[1],
      `The program's node_modules lacks @pulumi/azure-native, so cloudfit lent its @pulumi/azure-native ${shipped} (package.json asks for 2.92.3): run \`npm install\` in ${old} to use the versions it pins.`,
    );
    const current = await runProgramDir(scratchProgram(files(`^${shipped.split(".")[0]}.0.0`)), "dev", off);
    assert.deepEqual(current.lent, []);
  });

  it("resolves a program folder given through a symbolic link", async () => {
    const dir = scratchProgram({ "Pulumi.yaml": projectFile("linked"), "package.json": '{ "name": "linked", "main": "index.js" }', "index.js": 'new (require("@pulumi/aws").sqs.Queue)("q");\n' });
    const link = path.join(os.tmpdir(), `cloudfit-link-${process.pid}`);
    fs.symlinkSync(dir, link);
    try {
      assert.deepEqual(names(await runProgramDir(link, "dev"), "aws:sqs/queue:Queue"), ["q"]);
    } finally {
      fs.unlinkSync(link);
    }
  });
});
