import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { editWorkload, read, ROOT, run, tempRoot } from "./harness";
import { parseLock } from "../../optimizer/lock";

const ANSI = /\x1b\[/;

describe("cloudfit plan", function () {
  this.timeout(180000);

  for (const stack of ["dev", "prod"]) {
    it(`reproduces the committed ${stack} lock with no change, as JSON`, async () => {
      const r = await run(["plan", "--stack", stack, "--json"]);
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout);
      const lock = parseLock(read(ROOT, `stacks/placement.${stack}.json`), "lock", stack);
      assert.deepEqual(doc.plan, lock.plan);
      assert.equal(doc.lock.upToDate, true);
      assert.equal(doc.lock.written, false);
      assert.equal(doc.diff.deltaUSD, 0);
      assert.ok(doc.diff.changes.every((c: { change: string }) => c.change === "unchanged"));
      assert.equal(doc.cost.total, lock.costs.totalUSD);
      assert.equal(doc.status.status, "optimal");
      assert.ok(doc.budget.excessUSD === 0 && doc.budget.budgetUSD > 0);
      for (const name of Object.keys(lock.plan.services)) {
        assert.ok(doc.explanations[name], `no explanation for ${name}`);
      }
    });
  }

  it("prints the placement, totals per cloud and the unchanged diff as aligned tables without colour off a terminal", async () => {
    const r = await run(["plan", "--stack", "dev"]);
    assert.equal(r.code, 0, r.stderr);
    const lock = parseLock(read(ROOT, "stacks/placement.dev.json"), "lock", "dev");
    assert.match(r.stdout, /^Placement for stack dev {2}\(nothing to solve: every workload is held by the lock\)\n/);
    assert.match(r.stdout, /WORKLOAD +KIND +CLOUD +REGION +TYPE +COUNT +SPOT +MONTHLY/);
    const total = `$${lock.costs.totalUSD!.toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
    assert.match(r.stdout, new RegExp(`total +\\${total}`));
    assert.match(r.stdout, /No change: the plan equals the lock\./);
    assert.match(r.stdout, /why not (aws|azure|gcp): \+\$/);
    assert.doesNotMatch(r.stdout, ANSI);
  });

  it("colours output on a terminal and honours NO_COLOR", async () => {
    const coloured = await run(["plan", "--stack", "dev"], ROOT, { tty: true });
    assert.match(coloured.stdout, ANSI);
    const plain = await run(["plan", "--stack", "dev"], ROOT, { tty: true, env: { NO_COLOR: "1" } });
    assert.doesNotMatch(plain.stdout, ANSI);
  });

  it("shows exactly an added service, writes it with --write, and then shows no change", async () => {
    const root = tempRoot();
    editWorkload(root, "dev", (w) => {
      w.services.reports = { replicas: 2, vcpu: 2, memoryGiB: 4, residency: ["EU"] };
    });
    const before = await run(["plan", "--stack", "dev", "--json"], root);
    assert.equal(before.code, 0, before.stderr);
    const doc = JSON.parse(before.stdout);
    const changed = doc.diff.changes.filter((c: { change: string }) => c.change !== "unchanged");
    assert.deepEqual(changed.map((c: { workload: string; change: string }) => [c.workload, c.change]), [["reports", "added"]]);
    assert.equal(doc.diff.deltaUSD, Math.round(doc.cost.services.reports.total * 100) / 100);
    assert.equal(doc.lock.upToDate, false);

    const human = await run(["plan", "--stack", "dev", "--write"], root);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /reports +added +- +2 x /);
    assert.match(human.stdout, /Wrote stacks\/placement\.dev\.json\./);
    const lock = parseLock(read(root, "stacks/placement.dev.json"), "lock", "dev");
    assert.deepEqual(lock.plan.services.reports, doc.plan.services.reports);

    const after = await run(["plan", "--stack", "dev"], root);
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stdout, /No change: the plan equals the lock\./);
    assert.match(after.stdout, /Monthly cost: (\$[\d,.]+) -> \1 \(\+\$0\.00, \+0\.0%\)/);
  });

  it("leaves the lock byte for byte unchanged and exits 1 when no placement exists", async () => {
    const root = tempRoot();
    const lockBefore = read(root, "stacks/placement.dev.json");
    editWorkload(root, "dev", (w) => {
      w.services.db = { replicas: 1, vcpu: 200, memoryGiB: 64, residency: ["IE"] };
    });
    const r = await run(["plan", "--stack", "dev", "--write"], root);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /No placement satisfies stack dev; the lock is left unchanged\./);
    assert.match(r.stderr, /services\.db needs residency IE and 200 vCPU per replica/);
    assert.equal(read(root, "stacks/placement.dev.json"), lockBefore);
  });

  it("refuses to write a plan over budget, saying by how much, and exits 1", async () => {
    const root = tempRoot();
    const lockBefore = read(root, "stacks/placement.dev.json");
    editWorkload(root, "dev", (w) => {
      w.services.reports = { replicas: 2, vcpu: 2, memoryGiB: 4 };
      w.global.budgetUSD = 100;
    });
    const r = await run(["plan", "--stack", "dev", "--write", "--json"], root);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.lock.written, false);
    assert.equal(doc.budget.budgetUSD, 100);
    assert.equal(doc.budget.excessUSD, Math.round((doc.cost.total - 100) * 100) / 100);
    assert.match(r.stderr, /over the budget of \$100\.00; the lock is left unchanged/);
    assert.equal(read(root, "stacks/placement.dev.json"), lockBefore);
  });

  it("keeps every locked workload in place when re-optimizing an optimal lock", async () => {
    const r = await run(["plan", "--stack", "dev", "--reoptimize", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(doc.moves, []);
    assert.equal(doc.lock.upToDate, true);
    const human = await run(["plan", "--stack", "dev", "--reoptimize"]);
    assert.match(human.stdout, /^Placement for stack dev {2}\(highs: optimal, proven gap 0\.\d{3}%, \d+ variables, \d+ constraints/);
  });

  it("rejects an unknown stack, listing the valid ones", async () => {
    const r = await run(["plan", "--stack", "staging"]);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'Error: Unknown stack "staging": there is no stacks/Pulumi.staging.yaml. Valid stacks: dev, prod. ' +
        "To fix: pass --stack with one of them, or create stacks/Pulumi.staging.yaml.\n",
    );
  });

  it("rejects an unknown flag, listing the valid ones", async () => {
    const r = await run(["plan", "--stak", "dev"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^Error: Unknown flag "--stak" for "cloudfit plan"\. Valid flags: --stack, --reoptimize, --write, --solver, --time-limit, --move-cost, --json, --debug, --help\.\n$/);
  });

  it("rejects an unknown command and a bad solver name", async () => {
    const cmd = await run(["deploy"]);
    assert.equal(cmd.code, 2);
    assert.match(cmd.stderr, /Unknown command "deploy"\. Valid commands: plan, preview, catalog\./);
    const solver = await run(["plan", "--solver", "cplex"]);
    assert.equal(solver.code, 2);
    assert.match(solver.stderr, /Unknown solver "cplex"\. Valid solvers: highs, jslp\./);
  });

  it("prints help for the tool and for each command", async () => {
    const tool = await run(["--help"]);
    assert.equal(tool.code, 0);
    assert.match(tool.stdout, /Commands:\n {2}plan +Solve a stack's placement/);
    assert.match(tool.stdout, /\n {2}preview +Run a stack's program offline/);
    for (const cmd of ["plan", "preview"]) {
      const r = await run([cmd, "--help"]);
      assert.equal(r.code, 0);
      assert.match(r.stdout, new RegExp(`Usage: cloudfit ${cmd} `));
      assert.match(r.stdout, /--json +Print one JSON document on stdout and nothing else\./);
    }
  });

  it("reports errors as JSON on stdout with --json", async () => {
    const r = await run(["plan", "--stack", "nope", "--json"]);
    assert.equal(r.code, 2);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.error.type, "UsageError");
    assert.match(doc.error.message, /Valid stacks: dev, prod/);
  });

  it("has no stray lock or temporary files after writing", async () => {
    const root = tempRoot();
    editWorkload(root, "prod", (w) => {
      w.services.reports = { replicas: 1, vcpu: 2, memoryGiB: 4 };
    });
    const r = await run(["plan", "--stack", "prod", "--write"], root);
    assert.equal(r.code, 0, r.stderr);
    const files = fs.readdirSync(path.join(root, "stacks")).filter((f) => f.startsWith("."));
    assert.deepEqual(files, []);
  });

  it("reads and writes the lock named by cloudfit:lockFile, as the program does", async () => {
    const root = tempRoot();
    fs.renameSync(path.join(root, "stacks", "placement.dev.json"), path.join(root, "stacks", "dev-lock.json"));
    const file = path.join(root, "stacks", "Pulumi.dev.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("config:\n", "config:\n  cloudfit:lockFile: dev-lock.json\n"));
    const r = await run(["plan", "--stack", "dev", "--json"], root);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.lock.file, "stacks/dev-lock.json");
    assert.equal(doc.lock.upToDate, true);
  });

  it("re-places only a workload whose locked entry no longer fits the spec", async () => {
    const root = tempRoot();
    editWorkload(root, "dev", (w) => {
      w.services.web.replicas = 3;
    });
    const r = await run(["plan", "--stack", "dev", "--json"], root);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    const changed = doc.diff.changes.filter((c: { change: string }) => c.change !== "unchanged");
    assert.deepEqual(changed.map((c: { workload: string; change: string }) => [c.workload, c.change]), [["web", "changed"]]);
    const count = doc.plan.services.web.groups.reduce((n: number, g: { count: number }) => n + g.count, 0);
    assert.equal(count, 3);
  });
});
