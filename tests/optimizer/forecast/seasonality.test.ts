import * as assert from "assert";
import { detectSeasonality, stepsPerDay } from "../../../optimizer/forecast";
import { synthetic } from "./synthetic";

const names = (v: number[]) => detectSeasonality(v, 300).map((p) => p.name);

describe("seasonality detection", () => {
  it("finds a daily cycle under noise", () => {
    assert.deepStrictEqual(names(synthetic({ days: 10, daily: 10, noise: 5 })), ["daily"]);
    const [p] = detectSeasonality(synthetic({ days: 10, daily: 10, noise: 5 }), 300);
    assert.strictEqual(p.steps, 288);
  });

  it("finds daily and weekly cycles in four weeks of data", () => {
    const p = detectSeasonality(synthetic({ days: 28, daily: 10, weekly: 8, noise: 3 }), 300);
    assert.deepStrictEqual(p.map((x) => [x.name, x.steps]), [["daily", 288], ["weekly", 2016]]);
  });

  it("finds none in white noise, in a constant or in a straight line", () => {
    assert.deepStrictEqual(names(synthetic({ days: 14, noise: 5, seed: 3 })), []);
    assert.deepStrictEqual(names(new Array(14 * 288).fill(7)), []);
    assert.deepStrictEqual(names(synthetic({ days: 14, trendPerDay: 5 })), []);
  });

  it("needs two full days for a daily cycle and two weeks for a weekly one", () => {
    assert.deepStrictEqual(names(synthetic({ days: 1.5, daily: 10 })), []);
    assert.deepStrictEqual(names(synthetic({ days: 13, daily: 10, weekly: 10 })), ["daily"]);
  });

  it("counts steps per day only for intervals that divide a day", () => {
    assert.deepStrictEqual([stepsPerDay(300), stepsPerDay(3600), stepsPerDay(7 * 3600), stepsPerDay(86400)], [288, 24, undefined, undefined]);
  });
});

describe("F test of phase means", () => {
  it("matches tabulated F critical values", async () => {
    const { fTestPValue } = await import("../../../optimizer/forecast/seasonality");
    // F(6, 6) at 5% is 4.28 and at 1% 8.47; F(23, 240) at 5% is about 1.57.
    assert.ok(Math.abs(fTestPValue(4.28, 6, 6) - 0.05) < 0.002);
    assert.ok(Math.abs(fTestPValue(8.47, 6, 6) - 0.01) < 0.001);
    assert.ok(Math.abs(fTestPValue(1.57, 23, 240) - 0.05) < 0.005);
    assert.strictEqual(fTestPValue(0, 6, 6), 1);
  });
});
