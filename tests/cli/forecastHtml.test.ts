import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run, ROOT } from "./harness";

const SHARED = path.resolve(ROOT, "../shared/data/usage");
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p)) ?? "chromium";

/** Loads an HTML file in headless Chromium and returns the DOM after its scripts ran. */
function renderedDom(file: string): string {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-chromium-"));
  try {
    return execFileSync(
      CHROMIUM,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", `--user-data-dir=${profile}`, "--dump-dom", `file://${file}`,
      ],
      { encoding: "utf8", timeout: 90_000, stdio: ["ignore", "pipe", "ignore"] },
    );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const count = (dom: string, re: RegExp) => (dom.match(re) ?? []).length;

describe("HTML reports in a browser", function () {
  this.timeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-report-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("draws one chart per series with history, forecast band, P50 and P99", async () => {
    const file = path.join(dir, "forecast.html");
    const r = await run(["forecast", "--input", path.join(SHARED, "google2019_cell_usage_5min.csv"), "--interval", "5m", "--unit", "ratio", "--backtest", "1", "--horizon", "12h", "--format", "html", "--output", file]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout, "");
    const html = fs.readFileSync(file, "utf8");
    assert.ok(!/(src|href)="https?:/.test(html), "the report loads nothing from the network");
    // Before scripts run there is no chart at all: the browser draws them from the embedded data.
    assert.strictEqual(count(html, /<svg/g), 0);
    const dom = renderedDom(file);
    assert.match(dom, /<body data-charts="4"/);
    assert.strictEqual(count(dom, /<svg class="forecast-chart"/g), 4);
    assert.strictEqual(count(dom, /data-rendered="true"/g), 4);
    for (const cls of ["history", "band", "p50", "p99"]) assert.strictEqual(count(dom, new RegExp(`<path class="${cls}" d="M[\\d.]+,[\\d.]+L`, "g")), 4, cls);
    assert.match(dom, /<title>avg_cpu<\/title>/);
  });

  it("draws current and recommended capacity lines in the right-size report", async () => {
    const usage = fs.mkdtempSync(path.join(dir, "usage-"));
    fs.copyFileSync(path.join(SHARED, "nab_ec2_cpu_utilization_fe7f93.csv"), path.join(usage, "web.cpu.csv"));
    const file = path.join(dir, "rightsize.html");
    const r = await run(["rightsize", "--usage", usage, "--format", "html", "--output", file]);
    assert.strictEqual(r.code, 0, r.stderr);
    const dom = renderedDom(file);
    assert.match(dom, /<body data-charts="1"/);
    assert.strictEqual(count(dom, /<line class="capacity-current" x1="\d+" x2="\d+" y1="[\d.]+" y2="[\d.]+"/g), 1);
    assert.strictEqual(count(dom, /<line class="capacity-recommended"/g), 1);
    assert.match(dom, /<text class="cap-label capacity-current"[^>]*>current 4 cores<\/text>/);
    assert.match(dom, /<text class="cap-label capacity-recommended"[^>]*>recommended 4 cores<\/text>/);
    assert.strictEqual(count(dom, /<path class="band"/g), 1);
  });
});
