// `cloudfit catalog show` and `cloudfit catalog refresh` through the command line's main(), with
// saved feed responses in a temporary folder (never the network).

import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PassThrough } from "stream";
import { main } from "../../cli/main";
import { readCatalogFile } from "../../optimizer/catalog";
import { AWS_OFFER, AZURE_PAGES } from "../optimizer/catalog-feeds";

const ROOT = path.resolve(__dirname, "../..");

async function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (d) => (stdout += d));
  err.on("data", (d) => (stderr += d));
  const code = await main(args, { stdout: out, stderr: err, env, root: ROOT, cwd });
  return { code, stdout, stderr };
}

describe("cloudfit catalog", function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-catalog-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("shows the catalog's clouds, regions, offers and date, and one JSON document with --json", async () => {
    const human = await run(["catalog", "show"]);
    assert.strictEqual(human.code, 0);
    assert.match(human.stdout, /^Price catalog \(prices of 20\d\d-\d\d-\d\d\)/);
    assert.match(human.stdout, /aws\s+23\s+\d+\s+AF AS EU NA OC/);
    const json = await run(["catalog", "show", "--cloud", "gcp", "--json"]);
    const doc = JSON.parse(json.stdout);
    assert.deepStrictEqual(doc.clouds.map((c: { cloud: string }) => c.cloud), ["gcp"]);
    const offers = JSON.parse((await run(["catalog", "show", "--type", "m5.xlarge", "--region", "eu-west-1", "--json"])).stdout).offers;
    assert.strictEqual(offers.length, 1);
    assert.strictEqual(offers[0].source.basis, "cited");
  });

  it("refreshes from saved feed responses, writes the catalog atomically, and reports the counts", async () => {
    fs.writeFileSync(path.join(dir, "aws-eu-west-1.json"), JSON.stringify(AWS_OFFER));
    AZURE_PAGES.forEach((p, i) => fs.writeFileSync(path.join(dir, `azure-westeurope-${i + 1}.json`), JSON.stringify(p)));
    const out = path.join(dir, "refreshed.json");
    const r = await run(["catalog", "refresh", "--cloud", "aws,azure", "--regions", "eu-west-1,westeurope", "--input", dir, "--out", out, "--json"]);
    assert.strictEqual(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepStrictEqual(doc.counts.map((c: { cloud: string; updated: number }) => [c.cloud, c.updated]), [["aws", 1], ["azure", 1]]);
    assert.match(r.stderr, /azure westeurope: read page 2/);
    const file = readCatalogFile(out);
    assert.strictEqual(file.pricesOf, doc.pricesOf);
    assert.deepStrictEqual(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")), []);
  });

  it("fails with a fix when a saved response or the API key is missing, or a cloud is unknown", async () => {
    const missing = await run(["catalog", "refresh", "--cloud", "aws", "--regions", "eu-west-1", "--input", dir, "--out", path.join(dir, "x.json")]);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /Saved response .*aws-eu-west-1\.json is missing\. To fix:/);
    assert.ok(!fs.existsSync(path.join(dir, "x.json")));
    const key = await run(["catalog", "refresh", "--cloud", "gcp", "--input", dir, "--out", path.join(dir, "y.json")]);
    assert.match(key.stderr, /set CLOUDFIT_GCP_API_KEY/);
    const bad = await run(["catalog", "show", "--cloud", "ibm"]);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /Unknown cloud "ibm" in --cloud\. To fix: use aws, azure or gcp/);
    const sub = await run(["catalog", "list"]);
    assert.match(sub.stderr, /Unknown subcommand "list" of "cloudfit catalog"\. To fix: use one of show, refresh\./);
    const none = await run(["catalog"]);
    assert.match(none.stderr, /needs a subcommand: show or refresh/);
  });
});
