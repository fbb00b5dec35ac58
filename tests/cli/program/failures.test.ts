// Every way a program can fail ends `cloudfit preview` with exit code 2 and one paragraph: what
// failed, the program's own message, where in the program, and the fix; with --json, an error
// document on stdout; the stack trace only with --debug. One test per class of failure.

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { run } from "../harness";
import { projectFile, scratchProgram } from "./scratch";

const PKG = '{ "name": "failing", "main": "index.ts" }\n';

/** A scratch TypeScript program whose index.ts is `source`. */
function program(source: string, extra: Record<string, string> = {}): string {
  return scratchProgram({ "Pulumi.yaml": projectFile("failing"), "package.json": PKG, "Pulumi.dev.yaml": "config:\n  aws:region: eu-west-1\n", "index.ts": source, ...extra });
}

/** Runs the preview of a program and checks it failed with exactly `message`, with and without --json. */
async function failsWith(dir: string, message: string, kind: string): Promise<void> {
  const human = await run(["preview", "--program", dir]);
  assert.equal(human.code, 2, human.stderr);
  assert.equal(human.stdout, "");
  assert.equal(human.stderr, `Error: ${message}\n`);
  const json = await run(["preview", "--program", dir, "--json"]);
  assert.equal(json.code, 2);
  const doc = JSON.parse(json.stdout);
  assert.equal(doc.error.type, "ProgramError");
  assert.equal(doc.error.kind, kind);
  assert.equal(doc.error.message, message);
}

describe("program failures in cloudfit preview", function () {
  this.timeout(600000);

  it("reports a throw at the top level with its place in the TypeScript source, the stack only with --debug", async () => {
    const dir = program(
      [
        'import * as aws from "@pulumi/aws";',
        "",
        "function bucketName(env: string): string {",
        '  if (env !== "prod") throw new Error(`no bucket naming rule for ${env}`);',
        '  return "data";',
        "}",
        'new aws.s3.Bucket(bucketName("dev"));',
        "",
      ].join("\n"),
    );
    await failsWith(
      dir,
      `The program in ${dir} (stack dev) threw an error at index.ts:4:29: no bucket naming rule for dev. To fix: correct the program at index.ts line 4 (run with --debug for the stack trace).`,
      "threw",
    );
    const debug = await run(["preview", "--program", dir, "--debug"]);
    assert.equal(debug.code, 2);
    assert.match(debug.stderr, new RegExp(`\\n {4}at bucketName \\(${dir}/index\\.ts:4:29\\)\\n {4}at Object\\.<anonymous> \\(${dir}/index\\.ts:7:19\\)`));
  });

  it("reports a rejection inside an apply, which used to end the run silently", async () => {
    const dir = program(
      [
        'import * as aws from "@pulumi/aws";',
        "",
        "const zones = aws.getAvailabilityZonesOutput();",
        "const bucket = new aws.s3.Bucket(\"logs\", {",
        "  tags: { zone: zones.names.apply((names) => names.find((n) => n.endsWith(\"z\"))!.toUpperCase()) },",
        "});",
        "export const id = bucket.id;",
        "",
      ].join("\n"),
    );
    await failsWith(
      dir,
      `The program in ${dir} (stack dev) failed inside an apply callback at index.ts:5:81: error serializing property "tags": Cannot read properties of undefined (reading 'toUpperCase'). ` +
        "To fix: correct the callback at index.ts line 5; it runs once its inputs are known and must handle every value they can take (run with --debug for the stack trace).",
      "apply",
    );
  });

  it("reports a syntax error as ts-node does, before anything runs", async () => {
    const dir = program('import * as aws from "@pulumi/aws";\n\nconst b = new aws.s3.Bucket("b" { forceDestroy: true });\n');
    await failsWith(
      dir,
      `The program in ${dir} (stack dev) does not compile:\n  index.ts(3,33): error TS1005: ',' expected.\nTo fix: correct the syntax at index.ts line 3; \`pulumi preview\` rejects it as well.`,
      "compile",
    );
  });

  it("reports TypeScript type errors as `pulumi preview` does, even when the program would run", async () => {
    const dir = program(
      ['import * as aws from "@pulumi/aws";', "", 'const port: number = "443";', 'new aws.s3.Bucket("b", { forceDestroy: "yes" });', "export const p = port;", ""].join("\n"),
    );
    await failsWith(
      dir,
      `The program in ${dir} (stack dev) has 2 TypeScript errors:\n` +
        "  index.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\n" +
        "  index.ts(4,26): error TS2322: Type 'string' is not assignable to type 'Input<boolean>'.\n" +
        "To fix: correct them; `pulumi preview` type-checks the program and rejects it for them too (PULUMI_NODEJS_TRANSPILE_ONLY=true skips the check, as under the Pulumi CLI).",
      "typecheck",
    );
  });

  it("names a missing package and the npm install that fixes it", async () => {
    const dir = program('import * as aws from "@pulumi/aws";\nimport * as docker from "@pulumi/docker";\n\nnew docker.Image("api", { imageName: "api", build: {} });\n');
    await failsWith(
      dir,
      `The program in ${dir} (stack dev) cannot load the package @pulumi/docker at index.ts:2:25: neither the program's node_modules nor cloudfit's has it. To fix: run \`npm install @pulumi/docker\` in ${dir}.`,
      "missing-module",
    );
    const declared = program('import * as docker from "@pulumi/docker";\nexport const d = docker;\n', {
      "package.json": '{ "name": "failing", "main": "index.ts", "dependencies": { "@pulumi/docker": "^4.0.0" } }\n',
    });
    await failsWith(
      declared,
      `The program in ${declared} (stack dev) cannot load the package @pulumi/docker at index.ts:1:25: package.json lists @pulumi/docker, but it is not installed in ${declared}/node_modules, and cloudfit does not ship it. To fix: run \`npm install\` in ${declared}.`,
      "missing-module",
    );
  });

  it("never lends a program a package cloudfit only has as a dependency of a dependency", async () => {
    // cloudfit's node_modules holds some version of mime for a tool of its own; a program that
    // needs mime must install the version it was written for.
    assert.ok(fs.existsSync(path.join(__dirname, "../../../node_modules/mime")));
    const dir = program('import * as mime from "mime";\nexport const type = mime.getType("a.html");\n');
    await failsWith(
      dir,
      `The program in ${dir} (stack dev) cannot load the package mime at index.ts:1:23: neither the program's node_modules nor cloudfit's has it. To fix: run \`npm install mime\` in ${dir}.`,
      "missing-module",
    );
  });

  it("says when cloudfit's copy of a package is another major version than the program's", async () => {
    const dir = program('import * as insights from "@pulumi/azure-native/insights";\nexport const x = insights;\n', {
      "package.json": '{ "name": "failing", "main": "index.ts", "dependencies": { "@pulumi/azure-native": "2.92.3" } }\n',
    });
    const shipped = JSON.parse(fs.readFileSync(require.resolve("@pulumi/azure-native/package.json"), "utf8")).version;
    await failsWith(
      dir,
      `The program in ${dir} (stack dev) cannot load @pulumi/azure-native/insights at index.ts:1:27: cloudfit ships @pulumi/azure-native ${shipped}, which has no such module, package.json asks for 2.92.3, and the program's node_modules has no @pulumi/azure-native. ` +
        `To fix: run \`npm install\` in ${dir} to install the version package.json asks for.`,
      "missing-module",
    );
  });

  it("names a missing configuration value and the stack file to set it in", async () => {
    const dir = program('import * as pulumi from "@pulumi/pulumi";\n\nconst config = new pulumi.Config();\nexport const domain = config.require("domain");\n');
    await failsWith(
      dir,
      `The program in ${dir} (stack dev) needs configuration value 'failing:domain' at index.ts:4:30: Pulumi.dev.yaml does not set it. ` +
        `To fix: add \`failing:domain: <value>\` under \`config:\` in ${dir}/Pulumi.dev.yaml (or run \`pulumi config set domain <value> --stack dev\`).`,
      "config",
    );
  });

  it("reports a JavaScript program's syntax error with its line", async () => {
    const dir = scratchProgram({
      "Pulumi.yaml": projectFile("failing-js"),
      "package.json": '{ "name": "failing-js", "main": "index.js" }\n',
      "index.js": '"use strict";\nconst aws = require("@pulumi/aws");\nnew aws.s3.Bucket("b", { forceDestroy: true );\n',
    });
    await failsWith(
      dir,
      `The program in ${dir} (stack dev) does not compile at index.js:3:45: SyntaxError: Unexpected token ')'. To fix: correct the syntax at index.js line 3; \`pulumi preview\` rejects it as well.`,
      "compile",
    );
  });

  it("names the folder and the fix when --program is not a Pulumi project", async () => {
    const dir = scratchProgram({ "index.ts": "" });
    const r = await run(["preview", "--program", dir, "--json"]);
    assert.equal(r.code, 2);
    assert.equal(JSON.parse(r.stdout).error.kind, "project");
    assert.equal(
      r.stderr,
      `Error: ${dir} is not a Pulumi project: it has no Pulumi.yaml. To fix: pass --program a Pulumi project directory (one holding Pulumi.yaml), or create one with \`name:\` and \`runtime: nodejs\`.\n`,
    );
    assert.equal(path.isAbsolute(dir), true);
  });
});
