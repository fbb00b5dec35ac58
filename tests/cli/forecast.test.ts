import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run, ROOT } from "./harness";

const SHARED = path.resolve(ROOT, "../shared/data/usage");
const FIX = path.join(ROOT, "tests/fixtures/usage");

describe("cloudfit forecast", () => {
  it("prints one JSON document with the series, model, backtest and per-step quantiles", async () => {
    const r = await run(["forecast", "--input", path.join(SHARED, "nab_elb_request_count_8c0756.csv"), "--json"]);
    assert.strictEqual(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.strictEqual(doc.series.length, 1);
    const s = doc.series[0];
    assert.strictEqual(s.name, "nab_elb_request_count_8c0756");
    assert.strictEqual(s.intervalSec, 300);
    assert.ok(["ets", "ar", "ets+ar", "seasonal-naive"].includes(s.model));
    assert.deepStrictEqual(Object.keys(s.backtest).sort(), ["coverage95", "mase", "origins", "smape", "steps"]);
    assert.strictEqual(s.backtest.origins, 3);
    assert.ok(s.backtest.mase < s.baseline.backtest.mase, `${s.backtest.mase} vs ${s.baseline.backtest.mase}`);
    assert.deepStrictEqual(s.seasonality.map((p: { name: string }) => p.name), ["daily", "weekly"]);
    assert.strictEqual(s.ingest.filled, 8);
    assert.strictEqual(s.forecast.length, 288);
    assert.deepStrictEqual(Object.keys(s.forecast[0]), ["t", "p50", "p90", "p95", "p99"]);
    assert.strictEqual(s.forecast[0].t, "2014-04-24T00:44:00Z");
    assert.ok(s.forecast.every((f: Record<string, number>) => f.p50 <= f.p90 && f.p90 <= f.p95 && f.p95 <= f.p99));
    assert.strictEqual(r.stderr, "");
  });

  it("trains until a time, picks a series by --metric, and prints a table for people", async () => {
    const r = await run(["forecast", "--input", path.join(SHARED, "azure2019_vm_total_cpu_mem_5min.csv"), "--metric", "cpu_usage", "--train-until", "1970-01-29T00:00:00Z", "--horizon", "12h", "--backtest", "1"]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Series cpu_usage {2}\(.*azure2019_vm_total_cpu_mem_5min\.csv, unknown, every 5m, trained on 8064 points to 1970-01-29T00:00:00Z\)/);
    assert.match(r.stdout, /Seasonality: daily \(strength 0\.\d\d\), weekly \(strength 0\.\d\d\)\./);
    assert.match(r.stdout, /Backtest \(1 rolling origin, 144 steps\): MASE \d\.\d{3} \(seasonal naive \d\.\d{3}\)/);
    assert.match(r.stdout, /TIME +P50 +P90 +P95 +P99\n/);
    assert.match(r.stdout, /\(every 6th of 144 steps; --json gives all\)/);
  });

  it("reads each export format from its excerpt", async () => {
    for (const [file, name] of [["api-cpu.get-metric-data.json", "CPUUtilization"], ["web-cpu.azure-monitor.json", "Percentage CPU"], ["cache-cpu.prometheus.json", "cache_cpu_percent{instance=cache-0:9100,job=node}"]]) {
      const r = await run(["forecast", "--input", path.join(FIX, file), "--horizon", "15m", "--json"]);
      assert.strictEqual(r.code, 0, `${file}: ${r.stderr}`);
      const s = JSON.parse(r.stdout).series[0];
      assert.strictEqual(s.name, name);
      assert.strictEqual(s.forecast.length, 3);
      assert.ok(s.forecast.every((f: { p99: number; p50: number }) => f.p50 >= 0 && f.p99 <= 100), file);
    }
  });

  it("forecasts the shared monthly bill with its days-in-month effect", async () => {
    const r = await run(["forecast", "--bill", path.join(SHARED, "radian_aws_monthly_cost.csv"), "--horizon", "3", "--json"]);
    assert.strictEqual(r.code, 0, r.stderr);
    const b = JSON.parse(r.stdout).bill;
    assert.deepStrictEqual(b.forecast.map((m: { month: string }) => m.month), ["2025-12", "2026-01", "2026-02"]);
    assert.ok(b.forecast[2].p50 < b.forecast[1].p50, "February is shorter");
    const text = await run(["forecast", "--bill", path.join(SHARED, "radian_aws_monthly_cost.csv")]);
    assert.match(text.stdout, /Levels \(cost = fixed \+ per day x days in month\):/);
    assert.match(text.stdout, /Note: 2025-11 departs from the level before it by more than 15%/);
  });

  it("adds the plan's projected monthly cost from forecast demand beside the bill", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-usage-"));
    try {
      fs.copyFileSync(path.join(SHARED, "nab_ec2_cpu_utilization_24ae8d.csv"), path.join(dir, "worker.cpu.csv"));
      const r = await run(["forecast", "--bill", path.join(SHARED, "radian_aws_monthly_cost.csv"), "--usage", dir, "--json"]);
      assert.strictEqual(r.code, 0, r.stderr);
      const p = JSON.parse(r.stdout).bill.projected;
      assert.strictEqual(p.stack, "dev");
      // The idle worker shrinks from 2 x 4 vCPU to 2 x 1 vCPU, so the projected plan costs less.
      assert.ok(p.projectedMonthlyUSD < p.currentMonthlyUSD, JSON.stringify(p));
      const misuse = await run(["forecast", "--input", path.join(FIX, "elb-requests.cloudwatch.csv"), "--usage", dir]);
      assert.strictEqual(misuse.code, 2);
      assert.match(misuse.stderr, /--usage goes with --bill/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 2 with the file, line and fix for a bad file, and one JSON error with --json", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-forecast-"));
    try {
      const bad = path.join(dir, "bad.csv");
      fs.writeFileSync(bad, "timestamp,value\n2014-04-10 00:00:00,1\n2014-04-10 00:05:00,oops\n");
      const r = await run(["forecast", "--input", bad], ROOT, { cwd: dir });
      assert.strictEqual(r.code, 2);
      assert.strictEqual(r.stdout, "");
      assert.match(r.stderr, /^Error: .*bad\.csv:3: has a value "oops" in column value that is not a number\. To fix: /);
      const j = await run(["forecast", "--input", bad, "--json"], ROOT, { cwd: dir });
      assert.strictEqual(JSON.parse(j.stdout).error.type, "UsageFormatError");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects bad usage with the valid choices", async () => {
    const cases: [string[], RegExp][] = [
      [["forecast"], /needs --input FILE .* or --bill FILE/],
      [["forecast", "--input", "x.csv", "--bill", "y.csv"], /cannot be used together/],
      [["forecast", "--input", path.join(FIX, "elb-requests.cloudwatch.csv"), "--horizon", "soon"], /--horizon "soon" is not a duration/],
      [["forecast", "--input", path.join(FIX, "elb-requests.cloudwatch.csv"), "--metric", "nope"], /has no series "nope"\. Series in it: elb-requests\.cloudwatch\. To fix:/],
      [["forecast", "--input", path.join(FIX, "elb-requests.cloudwatch.csv"), "--format", "pdf"], /Unknown format "pdf"\. Valid formats: table \(or text\), json, html/],
      [["forecast", "--input", "/nonexistent/x.csv"], /--input \/nonexistent\/x\.csv does not exist/],
    ];
    for (const [argv, re] of cases) {
      const r = await run(argv);
      assert.strictEqual(r.code, 2, argv.join(" "));
      assert.match(r.stderr, re);
    }
  });

  it("lists forecast and rightsize in the help", async () => {
    const r = await run(["--help"]);
    assert.match(r.stdout, /forecast +Forecast a usage export or a monthly bill/);
    assert.match(r.stdout, /rightsize +Recommend replicas, vCPU and memory per service/);
    const h = await run(["forecast", "--help"]);
    assert.match(h.stdout, /--train-until TIME/);
  });
});
