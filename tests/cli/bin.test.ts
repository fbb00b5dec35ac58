import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CACHE_DIR } from "./harness";
import { projectFile, scratchProgram } from "./program/scratch";

const BIN = path.resolve(__dirname, "../../cli/bin.js");
const VERSION = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")).version;

function cloudfit(args: string[], cwd = os.tmpdir()) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", CLOUDFIT_CACHE_DIR: CACHE_DIR }, timeout: 600000 });
}

describe("the installed cloudfit command", function () {
  this.timeout(600000);

  it("runs from any directory and exits 2 with one paragraph for an unknown stack", () => {
    const r = cloudfit(["plan", "--stack", "nope"]);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^Error: Unknown stack "nope": there is no stacks\/Pulumi\.nope\.yaml\. Valid stacks: dev, prod\./);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it("prints the tool's help and its version", () => {
    const r = cloudfit(["--help"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^cloudfit: cost-optimal, compliant placement/);
    const v = cloudfit(["--version"]);
    assert.equal(v.status, 0, v.stderr);
    assert.equal(v.stdout, `cloudfit ${VERSION}\n`);
    const json = cloudfit(["--version", "--json"]);
    assert.deepEqual(JSON.parse(json.stdout), { name: "cloudfit", version: VERSION });
  });

  it("suggests the flag or command meant by a misspelt one", () => {
    const flag = cloudfit(["preview", "--stak", "dev"]);
    assert.equal(flag.status, 2);
    assert.match(flag.stderr, /^Error: Unknown flag "--stak" for "cloudfit preview"\. Did you mean --stack\? Valid flags: --stack, --program, --policy-config, --json, --debug, --help\. To fix: write --stack, or run `cloudfit preview --help`\.\n$/);
    const command = cloudfit(["previw"]);
    assert.equal(command.status, 2);
    assert.match(command.stderr, /^Error: Unknown command "previw"\. Did you mean preview\? Valid commands: plan, preview\. To fix: run `cloudfit --help`\.\n$/);
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
