import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { COMMANDS } from "../../cli/main";

const BIN = path.resolve(__dirname, "../../cli/bin.js");
const ROOT = path.resolve(__dirname, "../..");

/** Runs the command as a user would, without the npm variables of this test run. */
function cloudfit(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { NO_COLOR: "1" };
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|INIT_CWD$)/.test(k)) env[k] = v;
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env });
}

describe("the installed cloudfit command", function () {
  this.timeout(60000);

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
    const r = cloudfit(["--version"], os.tmpdir());
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version}\n`);
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
});
