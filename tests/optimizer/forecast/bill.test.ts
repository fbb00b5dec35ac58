import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { daysIn, forecastBill, parseBillCsv, UsageFormatError } from "../../../optimizer/forecast";

const SHARED = path.resolve(__dirname, "../../../../shared/data/usage/radian_aws_monthly_cost.csv");

describe("monthly bill forecast", () => {
  const { metric, months } = parseBillCsv(fs.readFileSync(SHARED, "utf8"), "radian.csv");

  it("reads the shared bill's total per month, summing accounts and leaving missing months out", () => {
    assert.strictEqual(metric, "total_usd");
    assert.strictEqual(months.length, 51);
    assert.deepStrictEqual(months.slice(9, 12).map((m) => m.month), ["2022-04", "2022-05", "2022-08"]);
    assert.strictEqual(months[months.length - 1].usd, 22.49);
  });

  it("prices the plateau by its days in month: a fixed part plus a daily rate", () => {
    const f = forecastBill(metric, months.slice(0, -1), 4);
    assert.deepStrictEqual(f.forecast.map((m) => [m.month, m.days]), [["2025-11", 30], ["2025-12", 31], ["2026-01", 31], ["2026-02", 28]]);
    // The plateau bills $87.10 in 30-day months, $89.48 in 31-day months, $82.24 in February 2025.
    assert.ok(Math.abs(f.forecast[0].p50 - 87.1) < 0.5, String(f.forecast[0].p50));
    assert.ok(Math.abs(f.forecast[1].p50 - 89.48) < 0.5, String(f.forecast[1].p50));
    assert.ok(Math.abs(f.forecast[3].p50 - 82.24) < 1, String(f.forecast[3].p50));
    assert.ok(f.forecast.every((m) => m.p10 <= m.p50 && m.p50 <= m.p90));
    assert.ok(f.backtest && f.backtest.mape < f.backtest.naiveMape, JSON.stringify(f.backtest));
  });

  it("finds the level shifts and follows a new level the last month shows, saying so", () => {
    const f = forecastBill(metric, months, 2);
    assert.ok(f.segments.length >= 3);
    assert.deepStrictEqual(f.segments[f.segments.length - 1], { from: "2025-11", to: "2025-11", months: 1, fixedUSD: 0, perDayUSD: 0.7497 });
    assert.ok(f.forecast[0].p50 < 30);
    assert.match(f.notes[0], /2025-11 departs from the level before it/);
    assert.ok(f.notes.includes("Months missing from the bill, left out rather than counted as zero: 2022-06, 2022-07."), f.notes.join("|"));
  });

  it("leaves a one-month spike out of the level", () => {
    const ms = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"].map((month) => ({ month, usd: daysIn(month) * 3 }));
    ms[2] = { month: "2024-03", usd: 300 };
    const f = forecastBill("total", ms, 1);
    assert.deepStrictEqual(f.outliers, ["2024-03"]);
    assert.ok(Math.abs(f.forecast[0].p50 - 31 * 3) < 1e-6);
  });

  it("names the line of a bad month or cost", () => {
    assert.throws(() => parseBillCsv("month,total_usd\n2024-13,5\n", "b.csv"), (e: unknown) => e instanceof UsageFormatError && /^b\.csv:2: has a month "2024-13"/.test(e.message));
    assert.throws(() => parseBillCsv("month,total_usd\n2024-01,5\n2024-02,x\n", "b.csv"), /b\.csv:3: has a cost "x"/);
    assert.throws(() => parseBillCsv("month,total_usd\n2024-01,5\n", "b.csv", "nope"), /has no column "nope"\. To fix: pass --metric with one of total_usd/);
  });
});
