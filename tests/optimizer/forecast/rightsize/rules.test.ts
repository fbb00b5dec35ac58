import * as assert from "assert";
import {
  DEFAULT_RIGHTSIZE,
  azureAdvisorCapacity,
  computeOptimizerCapacity,
  isSpiky,
  recommendCapacity,
  replaySeries,
  underProvisionedShare,
  vpaCapacity,
} from "../../../../optimizer/forecast";
import { synthetic } from "../synthetic";

const ramp = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("right-size rules", () => {
  it("Compute Optimizer sizes at P99.5 of the last 14 days plus 20%", () => {
    const day = 288;
    const v = [...new Array(day).fill(1000), ...ramp(14 * day)];
    const p995 = 1 + 0.995 * (14 * day - 1);
    assert.ok(Math.abs(computeOptimizerCapacity(v, 300) - p995 * 1.2) < 1e-6);
  });

  it("Azure Advisor sizes so that P95 of the last 7 days is 40%", () => {
    const v = [...new Array(288).fill(1000), ...ramp(7 * 288)];
    assert.ok(Math.abs(azureAdvisorCapacity(v, 300) - (1 + 0.95 * (7 * 288 - 1)) / 0.4) < 1e-6);
  });

  it("VPA weighs recent samples more: P90 of a decaying histogram plus 15%", () => {
    const old = new Array(10 * 288).fill(10);
    const recent = new Array(288).fill(1);
    // Ten days of 10 decay to 2^-1 .. 2^-10 weight; the last day of 1 carries more than 10% of it.
    assert.strictEqual(vpaCapacity([...old, ...recent], 300), 10 * 1.15);
    assert.strictEqual(vpaCapacity([...recent, ...old], 300), 10 * 1.15);
    assert.strictEqual(vpaCapacity(new Array(288).fill(4), 300), 4 * 1.15);
  });

  it("counts the intervals above a capacity", () => {
    assert.strictEqual(underProvisionedShare([1, 2, 3, 4], 2.5), 0.5);
    assert.strictEqual(underProvisionedShare([1, 2], 2), 0);
  });

  it("tells rare bursts from steady noise", () => {
    const steady = synthetic({ days: 7, noise: 2, seed: 3 });
    const bursty = steady.map((v, i) => (i % 60 === 0 ? v + 60 : v));
    assert.strictEqual(isSpiky(steady), false);
    assert.strictEqual(isSpiky(bursty), true);
  });

  it("sizes a bursty series for its bursts and a steady one from its forecast", () => {
    const steady = synthetic({ days: 7, level: 30, daily: 5, noise: 1, seed: 3 });
    const r = recommendCapacity(steady, 300, 288);
    assert.strictEqual(r.rule, "forecast");
    assert.ok(r.capacity > 35 && r.capacity < 42, String(r.capacity));
    // Bursts in the first four days only: neither the forecast's P90 nor the last days' P99 reach them.
    const bursty = steady.map((v, i) => (i % 30 === 0 && i < 4 * 288 ? 90 : v));
    const b = recommendCapacity(bursty, 300, 288, { ...DEFAULT_RIGHTSIZE, quantile: 0.9 });
    assert.strictEqual(b.rule, "spiky");
    assert.ok(Math.abs(b.capacity - 99) < 1e-9, String(b.capacity));
    assert.ok(recommendCapacity(bursty, 300, 288).capacity >= 90);
  });

  it("never sizes below the last days' P99 when the series ends quiet", () => {
    const v = [...synthetic({ days: 6, level: 90, noise: 1, seed: 2 }), ...new Array(72).fill(20)];
    const r = recommendCapacity(v, 300, 288);
    assert.strictEqual(r.rule, "recent-peak");
    assert.ok(r.capacity > 90, String(r.capacity));
  });

  it("on a steady series, under-provisions at most 1% with less capacity than Compute Optimizer or Azure Advisor", () => {
    const v = synthetic({ days: 14, level: 40, daily: 8, noise: 2, seed: 21 });
    const r = Object.fromEntries(replaySeries(v, 300).map((x) => [x.rule, x]));
    assert.ok(r.cloudfit.underProvisioned <= 0.01, String(r.cloudfit.underProvisioned));
    assert.ok(r.cloudfit.capacityHours < r["compute-optimizer"].capacityHours);
    assert.ok(r.cloudfit.capacityHours < r["azure-advisor"].capacityHours);
    assert.ok(Math.abs(r.cloudfit.capacityHours - r.cloudfit.capacity * 7 * 24) < 1e-6);
  });
});
