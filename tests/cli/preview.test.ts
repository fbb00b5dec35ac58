import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { editWorkload, ROOT, run as runCli, RunOptions, sharedPolicyHosts, tempRoot } from "./harness";

const NONCOMPLIANT = path.join(__dirname, "fixtures", "noncompliant-program");

interface Change {
  change: string;
  urn: string;
  afterUSD: number;
  beforeUSD: number;
}

// Commands with the same pack configuration share one started pack (harness.ts).
const packs = sharedPolicyHosts();
const run = (argv: string[], root = ROOT, opts: RunOptions = {}) => runCli(argv, root, { startPolicyHost: packs.start, ...opts });

describe("cloudfit preview", function () {
  this.timeout(300000);
  after(() => packs.close());

  it("runs the dev stack's program offline: no cost change against its lock and no mandatory violation", async () => {
    const r = await run(["preview", "--stack", "dev", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.stack, "dev");
    assert.equal(doc.program, ".");
    assert.ok(doc.resources.length > 20, `only ${doc.resources.length} resources recorded`);
    // Every recorded resource is listed, with its billing class; what the lock prices is priced.
    const priced = doc.resources.filter((r: { billing: string }) => r.billing === "priced");
    assert.equal(priced.length, doc.costDiff.unchanged);
    assert.equal(
      Math.round(priced.reduce((n: number, r: { monthlyUSD: number }) => n + r.monthlyUSD, 0) * 100) / 100,
      doc.costDiff.afterUSD,
    );
    assert.deepEqual(doc.resources.filter((r: { billing: string }) => r.billing === "unpriced"), []);
    const components = doc.resources.filter((r: { type: string }) => r.type.startsWith("cloudfit:"));
    assert.ok(components.length > 0);
    for (const c of components) assert.deepEqual([c.billing, c.monthlyUSD, c.note], ["free", 0, "component resource: its children are listed and priced on their own"]);
    assert.deepEqual(doc.costDiff.resources, []);
    assert.equal(doc.costDiff.deltaUSD, 0);
    assert.ok(doc.costDiff.afterUSD > 0 && doc.costDiff.unchanged > 0);
    assert.deepEqual(doc.costDiff.unpriced, []);
    assert.equal(doc.policyPack.name, "cloudfit");
    assert.equal(doc.mandatoryViolations, 0);
    assert.deepEqual(
      doc.violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory"),
      [],
    );
  });

  it("prices exactly the resources of a service added to the spec as added", async () => {
    const root = tempRoot();
    editWorkload(root, "dev", (w) => {
      w.services.reports = { replicas: 2, vcpu: 2, memoryGiB: 4, residency: ["EU"] };
    });
    const r = await run(["preview", "--stack", "dev", "--json"], root);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    const changes: Change[] = doc.costDiff.resources;
    assert.ok(changes.length > 0);
    assert.ok(changes.every((c) => c.change === "added" && c.urn.includes("reports")), JSON.stringify(changes, null, 1));
    const added = changes.reduce((n, c) => n + c.afterUSD, 0);
    assert.equal(doc.costDiff.deltaUSD, Math.round(added * 100) / 100);
    assert.ok(doc.costDiff.deltaPct > 0);
    assert.equal(doc.messages.length, 1);
    assert.match(doc.messages[0].text, /^cloudfit: the plan differs from stacks\/placement\.dev\.json\.\n/);

    const human = await run(["preview", "--stack", "dev"], root);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /\+ storefront-reports-/);
    assert.match(human.stdout, /Program messages:\n {2}cloudfit: the plan differs from stacks\/placement\.dev\.json\.\n/);
    assert.match(human.stdout, /\n {4}\+ reports: 2 x /);
    assert.match(human.stdout, /Monthly cost change: \+\$[\d,.]+ \(\$[\d,.]+ -> \$[\d,.]+, \+\d+\.\d%\)/);
  });

  it("fails the budget policy and exits 1 when the stack is over its budget", async () => {
    const root = tempRoot();
    editWorkload(root, "dev", (w) => {
      w.global.budgetUSD = 100;
    });
    const r = await run(["preview", "--stack", "dev", "--json"], root);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout);
    const budget = doc.violations.filter((v: { policyName: string }) => v.policyName === "cost-monthly-budget");
    assert.equal(budget.length, 1);
    assert.equal(budget[0].enforcementLevel, "mandatory");
    assert.match(budget[0].message, /\$100\.00/);
  });

  it("reports a non-compliant hand-written resource as pulumi preview does and exits 1", async () => {
    const r = await run(["preview", "--program", NONCOMPLIANT, "--stack", "dev"]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /Policies:\n {4}FAIL cloudfit@v[\d.]+ \(local: policies\)\n/);
    assert.match(
      r.stdout,
      / {8}- \[mandatory\] {2}aws-security-group-no-public-admin-ports {2}\(aws:ec2\/securityGroup:SecurityGroup: bastion\)\n/,
    );
    assert.match(r.stdout, /Security group 'bastion' should not open admin ports to the internet: ingress\[0\] allows port 22 from 0\.0\.0\.0\/0/);
    assert.match(r.stdout, /\+ app +aws:ec2\/instance:Instance/);
    assert.match(r.stdout, /1 mandatory policy violation: `pulumi up` would be blocked\./);

    const json = await run(["preview", "--program", NONCOMPLIANT, "--stack", "dev", "--json"]);
    assert.equal(json.code, 1);
    const doc = JSON.parse(json.stdout);
    assert.deepEqual(
      doc.violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory").map((v: { policyName: string; urn: string }) => [v.policyName, v.urn.split("::").pop()]),
      [["aws-security-group-no-public-admin-ports", "bastion"]],
    );
    assert.equal(doc.costDiff.beforeUSD, 0);
  });

  it("runs a program whose stack has no settings file with empty configuration, said once as a note", async () => {
    const r = await run(["preview", "--program", NONCOMPLIANT, "--stack", "prod", "--json"]);
    assert.equal(r.code, 1, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(doc.notes.filter((n: string) => n.startsWith("There is no")), [
      `There is no Pulumi.prod.yaml in ${NONCOMPLIANT}: the program runs with empty configuration (stacks with settings: dev).`,
    ]);
  });

  it("rejects a policy configuration that is not a JSON object before running anything", async () => {
    const root = tempRoot();
    fs.writeFileSync(path.join(root, "null.json"), "null\n");
    const r = await run(["preview", "--policy-config", "null.json"], root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /null\.json must hold a JSON object keyed by policy name, got null\. To fix: write e\.g\. \{"cost-monthly-budget"/);
  });

  it("resolves a relative --program against the directory it is run from", async () => {
    const r = await run(["preview", "--program", "noncompliant-program", "--stack", "dev", "--json"], ROOT, { cwd: path.dirname(NONCOMPLIANT) });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).program, path.relative(ROOT, NONCOMPLIANT));
  });

  it("stops on a lock that no longer matches the spec with the lock's own message and fix, no stack trace", async () => {
    const root = tempRoot();
    editWorkload(root, "dev", (w) => {
      const [name] = Object.keys(w.services);
      w.services[name].replicas += 5;
    });
    const r = await run(["preview", "--stack", "dev"], root);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^Error: The program in .* \(stack dev\) stopped:\nstacks\/placement\.dev\.json no longer matches the workload spec of stack dev; 1 entry differs:\n {2}services\.\w+: has \d+ replicas, not the \d+ required\.\n/);
    assert.match(r.stderr, /To fix: run `[^`]*plan --stack dev --write`/);
    assert.doesNotMatch(r.stderr, /pulumi preview|\n\s+at /);
    assert.equal((r.stderr.match(/To fix:/g) ?? []).length, 1);
  });
});
