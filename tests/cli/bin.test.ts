import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { COMMANDS } from "../../cli/main";
import { CACHE_DIR } from "./harness";
import { projectFile, scratchProgram } from "./program/scratch";

const BIN = path.resolve(__dirname, "../../cli/bin.js");
const ROOT = path.resolve(__dirname, "../..");
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;

/** Runs the command as a user would, without the npm variables of this test run. */
function cloudfit(args: string[], cwd = os.tmpdir()) {
  const env: NodeJS.ProcessEnv = { NO_COLOR: "1", CLOUDFIT_CACHE_DIR: CACHE_DIR };
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|INIT_CWD$)/.test(k)) env[k] ??= v;
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env, timeout: 600000 });
}

describe("the installed cloudfit command", function () {
  this.timeout(600000);

  it("works on the Pulumi project above the directory it runs in, and lists its stacks", () => {
    const r = cloudfit(["plan", "--stack", "nope"], path.join(ROOT, "stacks"));
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^Error: Unknown stack "nope": there is no stacks\/Pulumi\.nope\.yaml\. Valid stacks: dev, prod\./);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it("says there is no Pulumi project outside one, and how to make one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-bin-"));
    try {
      const r = cloudfit(["plan"], dir);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /^Error: No Pulumi project in .*cloudfit-bin-\w+: it has no Pulumi\.yaml, and neither has any folder above it\. To fix: .*`cloudfit init`\.\n$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("prints its version", () => {
    const v = cloudfit(["--version"]);
    assert.equal(v.status, 0, v.stderr);
    assert.equal(v.stdout, `cloudfit ${VERSION}\n`);
    const json = cloudfit(["--version", "--json"]);
    assert.deepEqual(JSON.parse(json.stdout), { name: "cloudfit", version: VERSION });
  });

  it("prints the tool's help with every command and its own summary", async () => {
    const r = cloudfit(["--help"], os.tmpdir());
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^cloudfit: cost-optimal, compliant placement/);
    const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
    for (const c of COMMANDS) {
      const { spec } = await c.load();
      assert.equal(c.summary, spec.summary, `the help's summary of ${c.name} differs from the command's`);
      assert.ok(r.stdout.includes(`  ${c.name.padEnd(width)}${spec.summary}\n`), c.name);
    }
  });

  it("suggests the flag or command meant by a misspelt one", () => {
    const flag = cloudfit(["preview", "--stak", "dev"]);
    assert.equal(flag.status, 2);
    assert.match(flag.stderr, /^Error: Unknown flag "--stak" for "cloudfit preview"\. Did you mean --stack\? Valid flags: --stack, --program, --policy-config, --json, --debug, --help, --format, --skip-unchanged\. To fix: write --stack, or run `cloudfit preview --help`\.\n$/);
    const command = cloudfit(["previw"]);
    assert.equal(command.status, 2);
    assert.match(command.stderr, /^Error: Unknown command "previw"\. Did you mean preview\? Valid commands: plan, preview, init, forecast, rightsize, catalog\. To fix: run `cloudfit --help`\.\n$/);
  });

  it("ends a program that waits forever on a promise with one paragraph and exit 2, and --json with an error document", () => {
    const dir = scratchProgram({
      "Pulumi.yaml": projectFile("waits"),
      "package.json": '{ "name": "waits", "main": "index.js" }\n',
      "index.js": '"use strict";\nconst aws = require("@pulumi/aws");\nmodule.exports = async () => {\n  new aws.s3.Bucket("b");\n  await new Promise(() => {});\n};\n',
    });
    const r = cloudfit(["preview", "--program", dir, "--json"]);
    assert.equal(r.status, 2, r.stderr);
    const message =
      `The program in ${dir} (stack dev) never finished: it is still waiting, and nothing is left that could settle what it waits on; \`pulumi preview\` would end it the same way. ` +
      "To fix: await every promise the program creates (or return it from the exported function), and never create resources inside an apply callback.";
    assert.equal(r.stderr, `Error: ${message}\n`);
    assert.deepEqual(JSON.parse(r.stdout).error, { type: "ProgramError", kind: "unsettled", message, detail: message.slice(message.indexOf(": ") + 2, message.indexOf(". To fix")), fix: message.slice(message.indexOf("To fix: ") + 8), location: null });
  });
});
