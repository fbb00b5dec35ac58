import * as assert from "assert";
import { cpuDemand, memoryDemand, recommendService, DEFAULT_LIMITS, type UsageSeries } from "../../../../optimizer/forecast";
import { synthetic } from "../synthetic";

function series(values: number[], unit: UsageSeries["unit"]): UsageSeries {
  return { name: "s", source: "s.csv", unit, intervalSec: 300, startMs: 0, relativeTime: true, values, ingest: { read: values.length, filled: 0, dropped: 0, duplicates: 0, reordered: 0, snapped: 0, longestGap: 0 } };
}

describe("service size recommendation", () => {
  const current = { replicas: 4, vcpu: 2, memoryGiB: 8 };

  it("converts CPU percent of each replica and memory bytes to totals", () => {
    assert.deepStrictEqual(cpuDemand(series([50, 100], "percent"), current).values, [4, 8]);
    assert.strictEqual(cpuDemand(series([50], "percent"), current).max, 8);
    assert.deepStrictEqual(memoryDemand(series([2 ** 31], "bytes"), current).values, [2]);
    assert.deepStrictEqual(memoryDemand(series([25], "percent"), current).values, [8]);
    assert.throws(() => cpuDemand(series([1], "count"), current), /needs percent or cores/);
  });

  it("shrinks an idle service to the floors and keeps the replicas availability needs", () => {
    const idle = cpuDemand(series(synthetic({ days: 4, level: 5, noise: 0.5 }), "percent"), current);
    const r = recommendService(current, { cpu: idle }, 86400, undefined, { ...DEFAULT_LIMITS, minReplicas: 2 });
    assert.deepStrictEqual(r.recommended, { replicas: 2, vcpu: 1, memoryGiB: 8 });
    assert.strictEqual(r.cpu!.riskRecommended, 0);
  });

  it("grows a saturated service and scales out past 16 vCPU per replica", () => {
    const hot = { values: new Array(4 * 288).fill(100), intervalSec: 300, startMs: 0 };
    const r = recommendService({ replicas: 1, vcpu: 2, memoryGiB: 4 }, { cpu: hot }, 86400);
    assert.deepStrictEqual(r.recommended, { replicas: 7, vcpu: 16, memoryGiB: 4 });
    assert.strictEqual(r.cpu!.riskCurrent, 1);
  });

  it("sizes memory per replica in half GiB from the memory forecast", () => {
    const mem = { values: synthetic({ days: 4, level: 10, noise: 0.2 }), intervalSec: 300, startMs: 0 };
    const r = recommendService(current, { memory: mem }, 86400);
    assert.strictEqual(r.recommended.replicas, 4);
    assert.strictEqual(r.recommended.vcpu, 2);
    assert.ok(r.recommended.memoryGiB >= 3 && r.recommended.memoryGiB <= 3.5 && (r.recommended.memoryGiB * 2) % 1 === 0, String(r.recommended.memoryGiB));
  });
});
