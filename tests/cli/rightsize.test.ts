import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { read, run, tempRoot, ROOT } from "./harness";
import { loadCatalog, optimize, validateSpec, type WorkloadSpec } from "../../optimizer";
import { parseStackFile, workloadFromStackConfig } from "../../optimizer/config";

const SHARED = path.resolve(ROOT, "../shared/data/usage");

/** A usage directory mapping the shared series onto the dev stack's services. */
function usageDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-usage-"));
  fs.writeFileSync(
    path.join(dir, "mapping.yaml"),
    [
      "# The shared real series as the dev stack's usage.",
      "services:",
      `  api: { cpu: { file: ${path.join(SHARED, "nab_ec2_cpu_utilization_825cc2.csv")}, unit: percent } }`,
      `  web: { cpu: { file: ${path.join(SHARED, "nab_ec2_cpu_utilization_fe7f93.csv")}, unit: percent } }`,
      "  cache:",
      `    memory: { file: ${path.join(SHARED, "google2019_cell_usage_5min.csv")}, series: avg_mem, unit: ratio, interval: 5m }`,
      "",
    ].join("\n"),
  );
  return dir;
}

function workload(root: string): WorkloadSpec {
  const rel = "stacks/Pulumi.dev.yaml";
  return workloadFromStackConfig(parseStackFile(read(root, rel), rel), rel) as WorkloadSpec;
}

describe("cloudfit rightsize", function () {
  this.timeout(300_000);
  const cleanup: string[] = [];
  after(() => cleanup.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("recommends sizes from the shared series and prices the spec before and after", async () => {
    const usage = usageDir();
    cleanup.push(usage);
    const r = await run(["rightsize", "--stack", "dev", "--usage", usage, "--json"]);
    assert.strictEqual(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepStrictEqual(Object.keys(doc.services).sort(), ["api", "cache", "web"]);
    // api runs hot (about 92% of 4 x 2 vCPU): it grows; web idles at a few percent with bursts to
    // 100%: its bursts (P99.5, 2.7 cores) keep it at 2 x 2 vCPU.
    assert.deepStrictEqual(doc.services.api.current, { replicas: 4, vcpu: 2, memoryGiB: 8 });
    assert.ok(doc.services.api.recommended.vcpu * doc.services.api.recommended.replicas > 8);
    assert.deepStrictEqual(doc.services.web.recommended, { replicas: 2, vcpu: 2, memoryGiB: 4 });
    assert.ok(doc.services.web.cpu.capacity < 4 && doc.services.web.cpu.capacity > 2.5, String(doc.services.web.cpu.capacity));
    assert.strictEqual(doc.services.web.cpu.rule, "spiky");
    // cache uses about a third of 16 GiB.
    assert.ok(doc.services.cache.recommended.memoryGiB < 16 && doc.services.cache.recommended.memoryGiB >= 5);
    for (const s of Object.values(doc.services) as { cpu?: { riskRecommended: number } }[]) assert.ok(!s.cpu || s.cpu.riskRecommended <= 0.01);
    assert.ok(doc.cost.before > 0 && doc.cost.after > 0);
    assert.strictEqual(doc.stackFile.written, false);
  });

  it("writes the sizes in place, then plan places them and preview runs the program", async () => {
    const root = tempRoot();
    const usage = usageDir();
    cleanup.push(root, usage);
    const before = read(root, "stacks/Pulumi.dev.yaml");
    const r = await run(["rightsize", "--stack", "dev", "--usage", usage, "--write"], root);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /Wrote the recommended sizes to stacks\/Pulumi\.dev\.yaml\. Run `cloudfit plan --stack dev --write`/);
    const after = read(root, "stacks/Pulumi.dev.yaml");
    const a = before.split("\n");
    const b = after.split("\n");
    assert.strictEqual(a.length, b.length);
    const changed = b.map((l, i) => [a[i], l]).filter(([x, y]) => x !== y);
    assert.ok(changed.length > 0 && changed.every(([x, y]) => x.replace(/\d+(\.\d+)?$/, "") === y.replace(/\d+(\.\d+)?$/, "")), JSON.stringify(changed));
    assert.ok(after.includes("# Served through the CDN the storefront already runs on AWS."));

    // Plan, at the optimizer's API: the recommended spec is placed on offers that fit it.
    const catalog = loadCatalog();
    const spec = validateSpec(workload(root), catalog);
    const placed = await optimize(spec, catalog, { explain: false });
    for (const s of spec.services) {
      for (const g of placed.plan.services[s.name].groups) {
        const offer = catalog.offers.find((o) => o.cloud === g.cloud && o.region === g.region && o.instanceType === g.instanceType)!;
        assert.ok(offer.vcpus >= s.vcpu && offer.memoryGiB >= s.memoryGiB, `${s.name} on ${g.instanceType}`);
      }
      assert.strictEqual(placed.plan.services[s.name].groups.reduce((n, g) => n + g.count, 0), s.replicas);
    }

    const plan = await run(["plan", "--stack", "dev", "--write"], root);
    assert.strictEqual(plan.code, 0, plan.stderr);
    const preview = await run(["preview", "--stack", "dev", "--json"], root);
    assert.ok(preview.code === 0 || preview.code === 1, preview.stderr);
    const p = JSON.parse(preview.stdout);
    assert.ok(!("error" in p), preview.stdout.slice(0, 500));
  });

  it("leaves the stack file byte for byte unchanged when it cannot be edited in place", async () => {
    const root = tempRoot();
    const usage = usageDir();
    cleanup.push(root, usage);
    const file = path.join(root, "stacks/Pulumi.dev.yaml");
    const jsonForm = read(root, "stacks/Pulumi.dev.yaml").replace(/ {2}cloudfit:workload:\n[\s\S]*$/, `  cloudfit:workload: '${JSON.stringify(workload(root))}'\n`);
    fs.writeFileSync(file, jsonForm);
    const r = await run(["rightsize", "--stack", "dev", "--usage", usage, "--write"], root);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /config\.cloudfit:workload is not a YAML mapping .* To fix: /);
    assert.strictEqual(fs.readFileSync(file, "utf8"), jsonForm);
    assert.deepStrictEqual(fs.readdirSync(path.join(root, "stacks")).filter((f) => f.endsWith(".tmp")), []);
  });

  it("maps files by name and explains usage errors", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-usage-"));
    cleanup.push(dir);
    const none = await run(["rightsize", "--usage", dir]);
    assert.strictEqual(none.code, 2);
    assert.match(none.stderr, /No usage file in .* belongs to a service of the stack \(api, cache, web, worker\)\. To fix: name files <service>\.cpu\.csv/);
    fs.copyFileSync(path.join(SHARED, "nab_ec2_cpu_utilization_24ae8d.csv"), path.join(dir, "worker.cpu.csv"));
    fs.writeFileSync(path.join(dir, "db.cpu.csv"), "timestamp,value\n");
    const r = await run(["rightsize", "--usage", dir]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Right-sizing stack dev for the next 1w/);
    assert.match(r.stdout, /worker +2 x 4 vCPU \/ 8 GiB +2 x 1 vCPU \/ 8 GiB/);
    assert.match(r.stdout, /Note: worker cpu: .* gives no unit; its values lie within 0-100, so they are read as CPU percent/);
    assert.match(r.stdout, /Files matching no service \(ignored\): db\.cpu\.csv\./);
    for (const [argv, re] of [
      [["rightsize"], /needs --usage DIR/],
      [["rightsize", "--usage", dir, "--quantile", "p80"], /--quantile must be p90, p95 or p99/],
      [["rightsize", "--usage", dir, "--stack", "qa"], /Unknown stack "qa"/],
      [["rightsize", "--usage", "/nonexistent"], /is not a readable directory/],
    ] as [string[], RegExp][]) {
      const e = await run(argv);
      assert.strictEqual(e.code, 2, argv.join(" "));
      assert.match(e.stderr, re);
    }
  });
});
