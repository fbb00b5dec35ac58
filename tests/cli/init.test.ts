import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { ROOT, run } from "./harness";
import { applyTemplate, mergePackageJson, readTemplate, templateDir, templatePrompts } from "../../cli/template";

const TEMPLATE_FILES = [".gitignore", "Pulumi.dev.yaml", "Pulumi.yaml", "cloudfit-usage.yml", "index.ts", "package.json", "tsconfig.json"];

/** The files of a folder (relative path → text), node_modules left out. */
function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules") continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

/**
 * Makes `import ... from "cloudfit"` and "@pulumi/pulumi" resolve in a project folder to this
 * clone's sources and its Pulumi SDK (the one the command records programs with).
 */
function linkClone(project: string): void {
  const nm = path.join(project, "node_modules");
  fs.mkdirSync(path.join(nm, "cloudfit"), { recursive: true });
  fs.writeFileSync(path.join(nm, "cloudfit", "package.json"), JSON.stringify({ name: "cloudfit", main: path.join(ROOT, "index.ts") }));
  fs.symlinkSync(path.join(ROOT, "node_modules", "@pulumi"), path.join(nm, "@pulumi"));
}

describe("cloudfit init and the project template", function () {
  this.timeout(300000);
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-init-"));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("writes the template's files as pulumi new applies them: names filled in, prompts answered", async () => {
    const dir = path.join(tmp, "shop");
    const r = await run(["init", dir, "--owner", "web-team", "--gcp-project", "shop-dev"], ROOT, { cwd: tmp });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Created project shop in shop:\n {2}\.gitignore\n/);
    assert.match(r.stdout, /\nNext steps:\n {2}cd shop\n {2}npm install\n {2}npx cloudfit plan --stack dev --write/);
    const files = filesOf(dir);
    assert.deepEqual([...files.keys()].sort(), TEMPLATE_FILES);
    for (const [name, text] of files) assert.doesNotMatch(text, /\$\{(PROJECT|DESCRIPTION)\}/, name);

    const project = yaml.load(files.get("Pulumi.yaml")!) as Record<string, unknown>;
    assert.deepEqual(project, {
      name: "shop",
      description: "A cloudfit project",
      runtime: { name: "nodejs", options: { typescript: true, packagemanager: "npm" } },
    });
    const stack = yaml.load(files.get("Pulumi.dev.yaml")!) as { config: Record<string, unknown> };
    assert.equal(stack.config["cloudfit:owner"], "web-team");
    assert.equal(stack.config["gcp:project"], "shop-dev");
    const defaults = Object.fromEntries(templatePrompts(fs.readFileSync(path.join(templateDir(), "Pulumi.yaml"), "utf8")).map((p) => [p.key, p.default]));
    assert.equal(stack.config["cloudfit:costCenter"], defaults["cloudfit:costCenter"]);
    assert.ok(stack.config["cloudfit:workload"], "the stack file carries the workload spec");
    assert.match(files.get("index.ts")!, /new Application\("shop", \{ spec, plan: placed\.plan, network, application: "shop" \}\)/);
    assert.equal(JSON.parse(files.get("package.json")!).name, "shop");

    // The same files as applying the template directly, which is what `pulumi new` does.
    const expected = applyTemplate(readTemplate(templateDir()), {
      project: "shop",
      description: "A cloudfit project",
      stack: "dev",
      config: { "cloudfit:owner": "web-team", "gcp:project": "shop-dev" },
    });
    assert.deepEqual(files, expected);
  });

  it("names the stack file after --stack and prints one JSON document with --json", async () => {
    const r = await run(["init", "app", "--stack", "staging", "--name", "billing", "--json"], ROOT, { cwd: tmp });
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(doc, { dir: path.join(tmp, "app"), project: "billing", stack: "staging", files: [...TEMPLATE_FILES].sort((a, b) => a.localeCompare(b)).map((f) => (f === "Pulumi.dev.yaml" ? "Pulumi.staging.yaml" : f)) });
    assert.ok(fs.existsSync(path.join(tmp, "app", "Pulumi.staging.yaml")));
    assert.ok(!fs.existsSync(path.join(tmp, "app", "Pulumi.dev.yaml")));
  });

  it("writes nothing over existing files unless --force, and merges an existing package.json", async () => {
    const dir = path.join(tmp, "existing");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "index.ts"), "// mine\n");
    const pkg = { name: "mine", version: "2.0.0", main: "index.js", dependencies: { cloudfit: "file:../cloudfit.tgz", lodash: "4.17.21" } };
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg));
    const refused = await run(["init", dir], ROOT, { cwd: tmp });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /already holds index\.ts, which the project would replace; nothing was written\. To fix: choose an empty or new folder, or pass --force/);
    assert.deepEqual([...filesOf(dir).keys()].sort(), ["index.ts", "package.json"]);
    assert.equal(fs.readFileSync(path.join(dir, "index.ts"), "utf8"), "// mine\n");

    const forced = await run(["init", dir, "--force"], ROOT, { cwd: tmp });
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(fs.readFileSync(path.join(dir, "index.ts"), "utf8"), /new Application\("existing"/);
    const merged = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    assert.equal(merged.name, "mine");
    assert.equal(merged.version, "2.0.0");
    assert.equal(merged.main, "index.ts");
    assert.equal(merged.dependencies.cloudfit, "file:../cloudfit.tgz");
    assert.equal(merged.dependencies.lodash, "4.17.21");
    assert.ok(merged.dependencies["@pulumi/pulumi"]);
    assert.ok(merged.devDependencies.typescript);
  });

  it("does not repeat a dependency the existing package.json has in the other section", () => {
    const merged = JSON.parse(
      mergePackageJson(
        JSON.stringify({ dependencies: { typescript: "5.9.3" } }),
        JSON.stringify({ dependencies: { a: "1" }, devDependencies: { typescript: "^5.0.0", b: "2" } }),
      ),
    );
    assert.deepEqual(merged.dependencies, { a: "1", typescript: "5.9.3" });
    assert.deepEqual(merged.devDependencies, { b: "2" });
  });

  it("rejects a folder name that cannot name the resources, and a file in place of the folder", async () => {
    const bad = await run(["init", "9lives"], ROOT, { cwd: tmp });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /the folder's name \(read as "9lives"\) cannot name the project: .* To fix: pass --name, e\.g\. --name shop\./);
    const badName = await run(["init", "x", "--name", "Shop_App"], ROOT, { cwd: tmp });
    assert.equal(badName.code, 2);
    assert.match(badName.stderr, /--name "Shop_App" cannot name the project/);
    fs.writeFileSync(path.join(tmp, "afile"), "");
    const file = await run(["init", "afile", "--name", "ok"], ROOT, { cwd: tmp });
    assert.equal(file.code, 2);
    assert.match(file.stderr, /afile is a file, not a folder\./);
    assert.deepEqual(fs.readdirSync(tmp).sort(), ["afile"]);
  });

  it("creates a project whose plan and preview run cleanly against this clone", async () => {
    const dir = path.join(tmp, "shop");
    assert.equal((await run(["init", dir], ROOT, { cwd: tmp })).code, 0);
    linkClone(dir);
    const plan = await run(["plan", "--stack", "dev", "--write", "--json"], dir);
    assert.equal(plan.code, 0, plan.stderr);
    const planned = JSON.parse(plan.stdout);
    assert.equal(planned.lock.written, true);
    assert.ok(fs.existsSync(path.join(dir, "placement.dev.json")));
    assert.ok(new Set(planned.plan.services.api.groups.map((g: { cloud: string }) => g.cloud)).size >= 2, "api spans two clouds");

    const preview = await run(["preview", "--stack", "dev", "--json"], dir);
    assert.equal(preview.code, 0, preview.stderr);
    const doc = JSON.parse(preview.stdout);
    assert.equal(doc.program, ".");
    assert.ok(doc.resources.length > 10, `only ${doc.resources.length} resources`);
    assert.deepEqual(doc.costDiff.resources, [], "the program deploys exactly the lock");
    assert.ok(doc.costDiff.afterUSD > 0);
    assert.deepEqual(doc.costDiff.unpriced, []);
    // No mandatory finding; the advisories are the ones the components leave to the team (flow
    // logs need a log destination; an Azure account's network rules and keys depend on who reads it).
    assert.deepEqual(doc.violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel !== "advisory"), []);
    const advisories = new Set(doc.violations.map((v: { policyName: string }) => v.policyName));
    const known = ["aws-vpc-flow-logs-enabled", "gcp-subnetwork-flow-logs", "aws-s3-bucket-access-logging", "gcp-storage-bucket-logging", "azure-storage-network-default-deny", "azure-storage-shared-key-disabled"];
    assert.deepEqual([...advisories].filter((p) => !known.includes(p as string)), []);
    assert.deepEqual(doc.messages, []);
  });
});
