// The pull-request comments of the reference stacks, as exact text. The preview comments are made
// by the command the README's GitHub Actions workflow runs, read from the README itself. After a
// deliberate change of prices or layout, rewrite the expected files with
// `CLOUDFIT_UPDATE_EXPECTED=1 TS_NODE_TRANSPILE_ONLY=true npx mocha tests/cli/markdownStacks.test.ts`
// and review their diff.

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { editWorkload, ROOT, run, RunResult, tempRoot } from "./harness";

const EXPECTED = path.join(__dirname, "fixtures", "markdown");
const NONCOMPLIANT = path.join(__dirname, "fixtures", "noncompliant-program");

/** Compares text with an expected file, or rewrites the file when asked to. */
function expectText(name: string, actual: string): void {
  const file = path.join(EXPECTED, name);
  if (process.env.CLOUDFIT_UPDATE_EXPECTED === "1") {
    fs.mkdirSync(EXPECTED, { recursive: true });
    fs.writeFileSync(file, actual);
  }
  assert.equal(actual, fs.readFileSync(file, "utf8"), `${name} differs from the expected comment`);
}

interface Step {
  id?: string;
  run?: string;
}

/** The README's workflow: its matrix of stacks and the cloudfit command its report step runs. */
function readmeWorkflow(): { doc: Record<string, any>; stacks: string[]; command: string } {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  const block = blocks.find((b) => b.includes("npx cloudfit preview"));
  assert.ok(block, "the README has no workflow running npx cloudfit preview");
  const doc = yaml.load(block) as Record<string, any>;
  const job = Object.values(doc.jobs as Record<string, any>)[0];
  const step = (job.steps as Step[]).find((s) => s.id === "report");
  assert.ok(step?.run, "the workflow has no step with id report");
  const line = step.run.split("\n").find((l) => l.trim().startsWith("npx cloudfit "));
  assert.ok(line, "the report step runs no npx cloudfit command");
  return { doc, stacks: job.strategy.matrix.stack, command: line.trim() };
}

/** The cloudfit arguments of a workflow command line for one stack, output redirection removed. */
function argsOf(command: string, stack: string): string[] {
  const words = command.replace(/\$\{\{\s*matrix\.stack\s*\}\}/g, stack).split(/\s+/);
  const redirect = words.indexOf(">");
  return words.slice(2, redirect < 0 ? undefined : redirect);
}

describe("markdown comments of the reference stacks", function () {
  this.timeout(300000);

  it("is the workflow the README documents: pull requests, comment permission, a stack matrix", () => {
    const { doc, stacks, command } = readmeWorkflow();
    assert.ok("pull_request" in doc.on);
    assert.equal(doc.permissions["pull-requests"], "write");
    assert.deepEqual(stacks, ["dev", "prod"]);
    assert.deepEqual(argsOf(command, "dev"), ["preview", "--stack", "dev", "--format", "markdown"]);
  });

  for (const stack of ["dev", "prod"]) {
    it(`prints the ${stack} comment the workflow posts: no cost change against the lock, no finding`, async () => {
      const { command } = readmeWorkflow();
      const r = await run(argsOf(command, stack));
      assert.equal(r.code, 0, r.stderr);
      expectText(`preview-${stack}.md`, r.stdout);
      assert.match(r.stdout, /^<!-- cloudfit preview: stack \w+ -->\n/);
      assert.match(r.stdout, /\nMonthly cost unchanged at \*\*\$[\d,.]+\*\*\.\n/);
    });

    it(`prints the ${stack} plan comment: the lock holds every workload`, async () => {
      const r = await run(["plan", "--stack", stack, "--format", "markdown"]);
      assert.equal(r.code, 0, r.stderr);
      expectText(`plan-${stack}.md`, r.stdout);
    });
  }

  describe("with a service added to the dev spec", () => {
    let root: string;
    let preview: RunResult;
    before(async () => {
      root = tempRoot();
      editWorkload(root, "dev", (w) => {
        w.services.reports = { replicas: 2, vcpu: 2, memoryGiB: 4, residency: ["EU"] };
      });
      preview = await run(["preview", "--stack", "dev", "--format", "markdown", "--skip-unchanged"], root);
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it("shows the added resources, the increase and the program's placement summary", () => {
      assert.equal(preview.code, 0, preview.stderr);
      expectText("preview-dev-added.md", preview.stdout);
      assert.match(preview.stdout, /\nMonthly cost increases by \*\*\$[\d,.]+\*\* \(\+[\d.]+%\)/);
      assert.match(preview.stdout, /\| \+ \| `storefront-reports-/);
    });

    it("shows the added workload in the plan comment", async () => {
      const r = await run(["plan", "--stack", "dev", "--format", "markdown", "--skip-unchanged"], root);
      assert.equal(r.code, 0, r.stderr);
      expectText("plan-dev-added.md", r.stdout);
    });
  });

  it("prints nothing for the unchanged dev stack with --skip-unchanged", async () => {
    const r = await run(["plan", "--stack", "dev", "--format", "markdown", "--skip-unchanged"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "");
  });

  it("lists a mandatory violation of a hand-written program and exits 1", async () => {
    const r = await run(["preview", "--program", NONCOMPLIANT, "--stack", "dev", "--format", "markdown", "--skip-unchanged"]);
    assert.equal(r.code, 1, r.stderr);
    expectText("preview-noncompliant.md", r.stdout.replace(NONCOMPLIANT, "<program>"));
  });

  it("rejects a bad format, and formats that cannot go together, before running anything", async () => {
    const bad = await run(["preview", "--format", "html"]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'Error: Unknown format "html". Valid formats: text, markdown. To fix: write --format markdown.\n');
    const both = await run(["plan", "--json", "--format", "markdown"]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--json and --format markdown both choose the output\. To fix: pass only one of them\./);
    const skip = await run(["plan", "--skip-unchanged"]);
    assert.equal(skip.code, 2);
    assert.match(skip.stderr, /--skip-unchanged applies to --format markdown only\./);
  });
});
