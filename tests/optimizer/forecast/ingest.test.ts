import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { detectFormat, readUsage, UsageFormatError } from "../../../optimizer/forecast";
import { regularize } from "../../../optimizer/forecast/ingest";

const FIX = path.resolve(__dirname, "../../fixtures/usage");
const read = (f: string) => fs.readFileSync(path.join(FIX, f), "utf8");
const t = (s: string) => Date.parse(s);

function formatError(fn: () => unknown): UsageFormatError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof UsageFormatError, `expected UsageFormatError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected an error");
}

describe("usage ingest", () => {
  it("reads a CloudWatch CSV export and fills its 10-minute gap by interpolation", () => {
    const [s] = readUsage(read("elb-requests.cloudwatch.csv"), "elb-requests.cloudwatch.csv");
    assert.strictEqual(detectFormat(read("elb-requests.cloudwatch.csv"), "x"), "csv");
    assert.strictEqual(s.intervalSec, 300);
    assert.strictEqual(s.unit, "count");
    assert.strictEqual(s.startMs, t("2014-04-10T10:44:00Z"));
    assert.strictEqual(s.values.length, 22);
    assert.deepStrictEqual({ read: s.ingest.read, filled: s.ingest.filled, dropped: s.ingest.dropped, longestGap: s.ingest.longestGap }, { read: 21, filled: 1, dropped: 0, longestGap: 1 });
    // 11:29 was 6 and 11:39 was 79: the missing 11:34 lies halfway.
    assert.strictEqual(s.values[9], 6);
    assert.strictEqual(s.values[10], 42.5);
    assert.strictEqual(s.values[11], 79);
  });

  it("reads CloudWatch get-metric-data JSON newest-first and sorts it", () => {
    const text = read("api-cpu.get-metric-data.json");
    assert.strictEqual(detectFormat(text, "x"), "cloudwatch");
    const [s] = readUsage(text, "api.json");
    assert.strictEqual(s.name, "CPUUtilization");
    assert.strictEqual(s.unit, "percent");
    assert.strictEqual(s.startMs, t("2014-04-10T00:04:00Z"));
    assert.strictEqual(s.values[0], 91.958);
    assert.strictEqual(s.values[11], 92.75);
    assert.strictEqual(s.ingest.reordered, 11);
    assert.strictEqual(s.ingest.filled, 0);
  });

  it("reads CloudWatch get-metric-statistics Datapoints with their unit", () => {
    const doc = {
      Label: "CPUUtilization",
      Datapoints: [
        { Timestamp: "2014-04-10T00:09:00Z", Average: 94.798, Unit: "Percent" },
        { Timestamp: "2014-04-10T00:04:00Z", Average: 91.958, Unit: "Percent" },
      ],
    };
    const [s] = readUsage(JSON.stringify(doc), "stats.json");
    assert.deepStrictEqual([s.unit, [...s.values]], ["percent", [91.958, 94.798]]);
  });

  it("reads Azure Monitor metrics and treats a period without a sample as a gap", () => {
    const text = read("web-cpu.azure-monitor.json");
    assert.strictEqual(detectFormat(text, "x"), "azure-monitor");
    const [s] = readUsage(text, "web.json");
    assert.strictEqual(s.name, "Percentage CPU");
    assert.strictEqual(s.unit, "percent");
    assert.strictEqual(s.intervalSec, 300);
    assert.strictEqual(s.values.length, 8);
    assert.strictEqual(s.ingest.filled, 1);
    assert.strictEqual(s.ingest.dropped, 1);
    assert.ok(Math.abs(s.values[4] - (2.066 + 2.136) / 2) < 1e-12);
  });

  it("reads Cloud Monitoring timeSeries and converts utilization fractions to percent", () => {
    const text = read("worker-cpu.gcp-timeseries.json");
    assert.strictEqual(detectFormat(text, "x"), "gcp-monitoring");
    const [s] = readUsage(text, "worker.json");
    assert.ok(s.name.startsWith("instance/cpu/utilization{"), s.name);
    assert.strictEqual(s.unit, "percent");
    assert.strictEqual(s.startMs, t("2019-05-01T00:05:00Z"));
    assert.ok(Math.abs(s.values[0] - 44.16155843647663) < 1e-9);
    assert.strictEqual(s.values.length, 8);
  });

  it("reads a Prometheus range query and fills its NaN sample", () => {
    const text = read("cache-cpu.prometheus.json");
    assert.strictEqual(detectFormat(text, "x"), "prometheus");
    const [s] = readUsage(text, "cache.json");
    assert.strictEqual(s.name, "cache_cpu_percent{instance=cache-0:9100,job=node}");
    assert.strictEqual(s.unit, "percent");
    assert.deepStrictEqual([s.ingest.filled, s.ingest.dropped], [1, 1]);
    assert.ok(Math.abs(s.values[3] - (15.0 + 14.332) / 2) < 1e-12);
  });

  it("reads multi-column CSVs with relative seconds or without a time column", () => {
    const rel = readUsage("timestamp,cpu_usage,assigned_mem\n0,6135515.87,2002296.0\n300,6126975.26,2002722.0\n600,6100000,2002800", "azure.csv");
    assert.deepStrictEqual(rel.map((s) => s.name), ["cpu_usage", "assigned_mem"]);
    assert.ok(rel.every((s) => s.relativeTime && s.intervalSec === 300 && s.startMs === 0));
    const none = readUsage("avg_cpu,avg_mem\n0.44,0.33\n0.43,0.32\n", "google.csv", { intervalSec: 300, unit: "ratio" });
    assert.deepStrictEqual(none.map((s) => [s.unit, s.values[0]]), [["percent", 44], ["percent", 33]]);
  });

  it("merges repeated timestamps and counts them", () => {
    const [s] = readUsage("timestamp,value\n2014-04-10 00:00:00,1\n2014-04-10 00:05:00,2\n2014-04-10 00:05:00,4\n2014-04-10 00:10:00,5\n", "d.csv");
    assert.deepStrictEqual([...s.values], [1, 3, 5]);
    assert.deepStrictEqual([s.ingest.duplicates, s.ingest.dropped], [1, 1]);
  });

  it("keeps drifting timestamps in their slots instead of shifting the series", () => {
    const raw = { name: "x", unit: "percent" as const, points: [0, 301, 603, 899, 1202].map((sec, i) => ({ t: sec * 1000, v: i })) };
    const s = regularize(raw, "x", 300);
    assert.deepStrictEqual([...s.values], [0, 1, 2, 3, 4]);
    assert.strictEqual(s.ingest.snapped, 4);
  });

  it("names the file and line of a bad CSV value, with a fix", () => {
    const e = formatError(() => readUsage("timestamp,value\n2014-04-10 00:00:00,1\n2014-04-10 00:05:00,abc\n", "bad.csv"));
    assert.strictEqual(e.file, "bad.csv");
    assert.strictEqual(e.line, 3);
    assert.match(e.message, /^bad\.csv:3: has a value "abc" in column value that is not a number\. To fix: /);
  });

  it("names the line of a JSON syntax error", () => {
    const e = formatError(() => readUsage('{\n  "MetricDataResults": [\n    {"Id": "m1",,}\n  ]\n}', "cw.json"));
    assert.strictEqual(e.line, 3);
    assert.match(e.message, /is not valid JSON .* To fix: /);
  });

  it("rejects JSON in no known format and a CSV without times, saying what to do", () => {
    assert.match(formatError(() => readUsage('{"foo": 1}', "x.json")).message, /no format cloudfit reads\. To fix: export CloudWatch/);
    assert.match(formatError(() => readUsage("a,b\n1,2\n", "x.csv")).message, /has no time column .* To fix: add a timestamp column, or give the row spacing/);
    assert.match(formatError(() => readUsage('{"status":"error","errorType":"bad_data","error":"parse error","data":{}}', "p.json")).message, /failed query \(bad_data: parse error\)/);
  });

  it("rejects a series with fewer than two usable points", () => {
    assert.match(formatError(() => readUsage("timestamp,value\n2014-04-10 00:00:00,1\n", "one.csv")).message, /has 1 usable point; at least 2 are needed/);
  });
});
