import * as assert from "assert";
import { mulberry32 } from "../../../bench/generate";
import { DEFAULT_FAILOVER, FailoverConfig, FRONT_DOOR, simulateFailover, worstCaseFailoverS } from "../../../optimizer/network/failover";

const config: FailoverConfig = DEFAULT_FAILOVER;

describe("front-door failover simulation", () => {
  it("meets the recovery target: detection within 30 s of probing plus the probe timeout, TTL at most 30 s", () => {
    assert.ok(FRONT_DOOR.requestIntervalS * FRONT_DOOR.failureThreshold <= 30);
    assert.ok(FRONT_DOOR.ttlS <= 30);
    assert.strictEqual(worstCaseFailoverS(config), 64);
  });

  it("never detects before the last probes could fail, nor fails a client over after the worst case", () => {
    const r = simulateFailover(config, 20000, mulberry32(7));
    assert.ok(r.detection.p50 >= 24 && r.detection.max <= 34, JSON.stringify(r.detection));
    assert.ok(r.clients.max <= r.worstCaseS, JSON.stringify(r.clients));
    // With 16 checkers the 82% verdict comes late in the probe interval: p50 above 30 s.
    assert.ok(r.detection.p50 > 30 && r.detection.p50 < 34, JSON.stringify(r.detection));
  });

  it("fails clients over sooner with a shorter TTL or a smaller share of the failed region", () => {
    const base = simulateFailover(config, 20000, mulberry32(3));
    const shortTtl = simulateFailover({ ...config, ttlS: 5 }, 20000, mulberry32(3));
    const small = simulateFailover({ ...config, failedShare: 0.1 }, 20000, mulberry32(3));
    assert.ok(shortTtl.clients.p95 < base.clients.p95 - 15, `${shortTtl.clients.p95} vs ${base.clients.p95}`);
    assert.ok(small.clients.p50 < base.clients.p50, `${small.clients.p50} vs ${base.clients.p50}`);
    assert.strictEqual(shortTtl.worstCaseS, 39);
  });

  it("with one region left to fail to, waits for detection: no client recovers before DNS changes", () => {
    const r = simulateFailover({ ...config, failedShare: 1 }, 5000, mulberry32(5));
    assert.ok(r.clients.p50 >= r.detection.p50 - 0.1, JSON.stringify(r));
  });

  it("gives the same figures for the same seed", () => {
    assert.deepStrictEqual(simulateFailover(config, 1000, mulberry32(1)), simulateFailover(config, 1000, mulberry32(1)));
  });
});
