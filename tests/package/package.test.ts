// cloudfit as its users get it: `npm pack` (which builds), the tarball's files against an
// allow-list, then a new Pulumi project outside the clone holding only the tarball, the Pulumi SDK
// and TypeScript (installed by npm, from its cache when it has them), made with the installed
// `cloudfit init`. Its program type-checks against the shipped declarations and runs under
// Pulumi's mocks with the compiled components; the installed `cloudfit plan` and `preview` run on
// it; and the shipped policy pack, packed as `pulumi policy publish` packs it and unpacked alone,
// serves the cost policies with nothing but its declared dependencies.

import { strict as assert } from "assert";
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startPolicyHost } from "../../cli/policyHost";
import { cloudfitPolicies } from "../../policies/policies";
import { analyzeProgram } from "../policies/analyzeProgram";
import { overBudgetProgram, STACK_CONFIG } from "../policies/programs";

const ROOT = path.resolve(__dirname, "../..");

/** Every file the tarball may hold; anything else (tests, sources, fixtures, logs) fails the test. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^templates\/typescript\/(\.gitignore|Pulumi\.yaml|Pulumi\.dev\.yaml|cloudfit-usage\.yml|index\.ts|package\.json|tsconfig\.json)$/,
  /^dist\/policy-pack\/(index\.js|PulumiPolicy\.yaml|package\.json|config\.example\.json)$/,
  /^dist\/(index|(cli|components|optimizer|policies)\/[\w/-]+)\.(js|d\.ts)$/,
  /^dist\/optimizer\/catalog\/[\w.-]+\.json(\.gz|\.br)?$/,
  /^dist\/cli\/policy-metadata\.json$/,
  /^dist\/cli\/program\/esm-hooks\.mjs$/,
];

/** Files the package cannot work without. */
const REQUIRED = [
  "package.json",
  "dist/index.js",
  "dist/index.d.ts",
  "dist/cli/bin.js",
  "dist/cli/main.js",
  "dist/components/index.d.ts",
  "dist/optimizer/index.d.ts",
  "dist/optimizer/catalog/index.d.ts",
  "dist/optimizer/solvers/highs-worker.js",
  "dist/optimizer/solvers/jslp-worker.js",
  "dist/policy-pack/index.js",
  "dist/policy-pack/PulumiPolicy.yaml",
  "dist/policy-pack/package.json",
  "templates/typescript/.gitignore",
  "templates/typescript/Pulumi.yaml",
  "templates/typescript/Pulumi.dev.yaml",
  "templates/typescript/index.ts",
];

/** The environment of a command a user types: none of the npm variables of this test run. */
function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(npm_|INIT_CWD$|TS_NODE_)/.test(k)) env[k] = v;
  }
  return { ...env, NO_COLOR: "1", ...extra };
}

function sh(cmd: string, args: string[], cwd: string, env = userEnv()): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

function ok(r: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  assert.equal(r.status, 0, `${what} failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
  return r;
}

function version(pkg: string): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
}

describe("the npm package, installed into a new Pulumi project", function () {
  // npm pack builds (tsc), npm install unpacks the Pulumi SDKs: minutes on a busy machine.
  this.timeout(900000);
  let tmp: string;
  let tarball: string;
  let packed: string[];
  let app: string;
  let bin: string;

  /** Runs the installed `cloudfit` in the project, as `npx cloudfit` would. */
  const cloudfit = (args: string[], extra: NodeJS.ProcessEnv = {}) => sh(process.execPath, [bin, ...args], app, userEnv(extra));

  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-package-")));
    const pack = ok(sh("npm", ["pack", "--json", "--pack-destination", tmp], ROOT), "npm pack");
    const doc = JSON.parse(pack.stdout)[0] as { filename: string; files: { path: string }[] };
    tarball = path.join(tmp, doc.filename);
    packed = doc.files.map((f) => f.path).sort();

    app = path.join(tmp, "app");
    fs.mkdirSync(app);
    const manifest = {
      name: "app",
      private: true,
      dependencies: { cloudfit: `file:${tarball}`, "@pulumi/pulumi": version("@pulumi/pulumi") },
      devDependencies: { typescript: version("typescript"), "@types/node": version("@types/node") },
    };
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify(manifest, null, 2));
    ok(sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], app), "npm install of the tarball");
    bin = path.join(app, "node_modules", ".bin", "cloudfit");
    ok(cloudfit(["init", "--owner", "shop-team", "--cost-center", "CC-1234"]), "cloudfit init");
    // As the quick start says: install what the template's package.json adds.
    ok(sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], app), "npm install after init");
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("packs only what a user needs: compiled code, declarations, the pack, the template", () => {
    const stray = packed.filter((f) => !ALLOWED.some((re) => re.test(f)));
    assert.deepEqual(stray, [], "files outside the allow-list");
    for (const f of REQUIRED) assert.ok(packed.includes(f), `the tarball lacks ${f}`);
    for (const f of packed) {
      if (f.endsWith(".ts") && !f.endsWith(".d.ts")) assert.equal(f, "templates/typescript/index.ts");
    }
  });

  it("installs a package whose entry points are compiled JavaScript with declarations", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(app, "node_modules", "cloudfit", "package.json"), "utf8"));
    assert.equal(pkg.main, "dist/index.js");
    assert.equal(pkg.types, "dist/index.d.ts");
    assert.equal(pkg.bin.cloudfit, "dist/cli/bin.js");
    assert.equal(pkg.scripts.prepare, undefined, "users' installs run no build");
    const probe = [
      'const a = require("cloudfit"), c = require("cloudfit/components"), o = require("cloudfit/optimizer"), k = require("cloudfit/catalog");',
      "const cat = k.loadCatalog();",
      "console.log(JSON.stringify({ main: require.resolve('cloudfit'), app: typeof a.Application, service: typeof c.Service,",
      "  optimize: typeof o.optimize, offers: cat.offers.length, same: a.Application === c.Application }));",
    ].join("\n");
    const r = ok(sh(process.execPath, ["-e", probe], app), "requiring cloudfit");
    const out = JSON.parse(r.stdout);
    assert.equal(out.main, path.join(app, "node_modules", "cloudfit", "dist", "index.js"));
    assert.deepEqual([out.app, out.service, out.optimize, out.same], ["function", "function", "function", true]);
    assert.ok(out.offers > 1000, `${out.offers} offers in the installed catalog`);
  });

  it("type-checks the template's program and the subpath imports against the shipped declarations", () => {
    fs.writeFileSync(
      path.join(app, "subpaths.ts"),
      [
        'import { Application } from "cloudfit/components";',
        'import { validateSpec, type WorkloadSpec } from "cloudfit/optimizer";',
        'import { loadCatalog } from "cloudfit/catalog";',
        "const spec: WorkloadSpec = { services: { a: { replicas: 1, vcpu: 2, memoryGiB: 4 } } };",
        "export const checked: [typeof Application, number] = [Application, validateSpec(spec, loadCatalog()).services.length];",
        "",
      ].join("\n"),
    );
    fs.writeFileSync(path.join(app, "tsconfig.check.json"), JSON.stringify({ extends: "./tsconfig.json", files: ["index.ts", "subpaths.ts"] }));
    const tsc = path.join(app, "node_modules", "typescript", "bin", "tsc");
    ok(sh(process.execPath, [tsc, "--noEmit", "-p", "tsconfig.check.json"], app), "tsc on the project");
    fs.rmSync(path.join(app, "subpaths.ts"));
    fs.rmSync(path.join(app, "tsconfig.check.json"));
  });

  it("runs the project's program under Pulumi's mocks with the compiled components", () => {
    const script = path.join(app, "mocks.js");
    fs.writeFileSync(
      script,
      `// Runs index.ts under Pulumi's mocks and prints the types it registers.
const fs = require("fs");
const yaml = require("js-yaml");
const pulumi = require("@pulumi/pulumi");
async function main() {
  const types = [];
  await pulumi.runtime.setMocks({
    newResource: (a) => { types.push(a.type); return { id: a.name + "-id", state: a.inputs }; },
    call: (a) => a.inputs,
  }, "app", "dev", true);
  const config = yaml.load(fs.readFileSync("Pulumi.dev.yaml", "utf8")).config;
  pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])));
  require("ts-node").register({ transpileOnly: true });
  await pulumi.runtime.runInPulumiStack(() => require("./index.ts")());
  // Registrations go on after the program returns; wait for every one, as the engine does.
  await require("@pulumi/pulumi/runtime/settings").waitForRPCs();
  const sources = Object.keys(require.cache).filter((f) => f.includes("/node_modules/cloudfit/") && !/\.(js|json)$/.test(f));
  console.log(JSON.stringify({ types, sources }));
}
main().catch((e) => { console.error(e); process.exit(1); });
`,
    );
    const r = ok(sh(process.execPath, [script], app), "the program under mocks");
    const { types, sources } = JSON.parse(r.stdout.trim().split("\n").pop()!);
    assert.deepEqual(sources, [], "cloudfit loads only compiled JavaScript");
    assert.ok(types.includes("cloudfit:app:Application"), types.join(", "));
    assert.ok(types.includes("cloudfit:compute:Service"));
    assert.ok(types.includes("cloudfit:storage:Bucket"));
    const clouds = new Set(types.map((t: string) => t.split(":")[0]).filter((c: string) => ["aws", "azure-native", "gcp"].includes(c)));
    assert.ok(clouds.size >= 2, `resources in ${[...clouds].join(", ")}`);
    fs.rmSync(script);
  });

  it("answers --help and plans with no TypeScript compiler loaded, printing pure JSON", () => {
    const probe = path.join(tmp, "probe.js");
    fs.writeFileSync(
      probe,
      'process.on("exit", () => { const ts = Object.keys(require.cache).filter((f) => /node_modules\\/(ts-node|typescript)\\//.test(f)); if (ts.length) process.stderr.write("LOADED " + ts[0]); });\n',
    );
    const help = ok(sh(process.execPath, ["-r", probe, bin, "--help"], app), "cloudfit --help");
    assert.match(help.stdout, /^cloudfit: cost-optimal, compliant placement/);
    assert.doesNotMatch(help.stderr, /LOADED/);

    const plan = ok(sh(process.execPath, ["-r", probe, bin, "plan", "--stack", "dev", "--write", "--json"], app), "cloudfit plan");
    assert.doesNotMatch(plan.stderr, /LOADED/);
    const doc = JSON.parse(plan.stdout);
    assert.equal(doc.lock.file, "placement.dev.json");
    assert.equal(doc.lock.written, true);
    assert.ok(fs.existsSync(path.join(app, "placement.dev.json")));
    assert.ok(doc.cost.total > 0 && doc.budget.excessUSD === 0);
  });

  it("previews the project offline with the shipped pack: no change against the lock, no mandatory finding", () => {
    const r = ok(cloudfit(["preview", "--stack", "dev", "--json"]), "cloudfit preview");
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.program, ".");
    assert.deepEqual(doc.costDiff.resources, []);
    assert.ok(doc.costDiff.afterUSD > 0);
    assert.equal(doc.policyPack.name, "cloudfit");
    // Only the advisories the components leave to the team (flow logs, an Azure account's network
    // rules and keys), as in the init test.
    assert.deepEqual(doc.violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel !== "advisory"), []);
    const known = ["aws-vpc-flow-logs-enabled", "gcp-subnetwork-flow-logs", "aws-s3-bucket-access-logging", "gcp-storage-bucket-logging", "azure-storage-network-default-deny", "azure-storage-shared-key-disabled"];
    assert.deepEqual(doc.violations.map((v: { policyName: string }) => v.policyName).filter((p: string) => !known.includes(p)), []);

    const md = ok(cloudfit(["preview", "--stack", "dev", "--format", "markdown"]), "cloudfit preview --format markdown");
    assert.match(md.stdout, /^<!-- cloudfit preview: stack dev -->\n\n### cloudfit preview: stack `dev`\n\nMonthly cost unchanged at \*\*\$[\d,.]+\*\*\.\n/);
    assert.match(md.stdout, /Policies \(cloudfit@v[\d.]+\): (✅ no violations|⚠️ \d+ advisory findings?; no mandatory violation)/);
    // Progress, when any, goes to stderr only.
    assert.doesNotMatch(md.stdout, /running the program|starting the policy pack/);
  });

  it("ships a policy pack that publishes as it is: packed alone, it serves with only its dependencies", async () => {
    const packDir = path.join(app, "node_modules", "cloudfit", "dist", "policy-pack");
    const out = path.join(tmp, "published");
    fs.mkdirSync(out);
    const pack = ok(sh("npm", ["pack", "--json", "--pack-destination", out], packDir), "npm pack of the policy pack");
    const file = path.join(out, JSON.parse(pack.stdout)[0].filename);
    ok(sh("tar", ["-xzf", file, "-C", out], out), "unpacking the pack");
    const unpacked = path.join(out, "package");
    const deps = Object.keys(JSON.parse(fs.readFileSync(path.join(unpacked, "package.json"), "utf8")).dependencies).sort();
    assert.deepEqual(deps, ["@pulumi/policy", "@pulumi/pulumi"]);
    for (const d of deps) {
      fs.mkdirSync(path.dirname(path.join(unpacked, "node_modules", d)), { recursive: true });
      fs.symlinkSync(path.join(app, "node_modules", d), path.join(unpacked, "node_modules", d));
    }
    const host = await startPolicyHost({ packDir: unpacked, config: { "cost-monthly-budget": { budgetUSD: 5000 } }, project: "e2e", stack: "test" });
    try {
      assert.deepEqual(
        host.info().policies.map((p) => p.name),
        cloudfitPolicies.map((p) => p.name),
      );
      const analysis = await analyzeProgram(host, overBudgetProgram, STACK_CONFIG);
      const budget = analysis.violations.filter((v) => v.policyName === "cost-monthly-budget");
      assert.equal(budget.length, 1, JSON.stringify(analysis.violations));
      assert.match(budget[0].message, /over/);
    } finally {
      await host.close();
    }
  });
});
