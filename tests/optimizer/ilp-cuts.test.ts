import * as assert from "assert";
import { loadCatalog } from "../../optimizer/catalog";
import { buildCandidates } from "../../optimizer/candidates";
import { buildPlacementModel } from "../../optimizer/ilp";
import { cloudCap, regionCap } from "../../optimizer/ilp-presence";
import { optimize } from "../../optimizer/optimize";
import { HighsSolver } from "../../optimizer/solvers/highs";
import { DEFAULT_NETWORK_COSTS, NormalizedSpec } from "../../optimizer/spec";
import { bruteForce, enumerationSize, link, randomSpec, service, spec } from "./random";

const catalog = loadCatalog();
const solver = new HighsSolver();

/** The linear relaxation's optimum of the exact model, or of the relaxed one (12.relax). */
async function lpBound(s: NormalizedSpec, relax: boolean): Promise<number> {
  const pm = buildPlacementModel(s, catalog, buildCandidates(s, catalog), { relax });
  const out = await solver.solve({ ...pm.model, integer: new Uint8Array(pm.model.numCols) }, { timeLimitSec: 60, relativeGap: 0 });
  assert.strictEqual(out.status, "optimal");
  return out.objective;
}

describe("presence caps (12.present)", () => {
  it("caps one cloud's replicas by the share and by the other clouds minClouds needs", () => {
    assert.strictEqual(cloudCap(service("s", { replicas: 4, maxSharePerCloud: 0.5 })), 2);
    assert.strictEqual(cloudCap(service("s", { replicas: 5, minClouds: 3 })), 3);
    assert.strictEqual(cloudCap(service("s", { replicas: 9, minClouds: 2, maxSharePerCloud: 0.6 })), 5);
    assert.strictEqual(cloudCap(service("s", { replicas: 7 })), 7);
  });

  it("caps one region's replicas by its cloud's cap and the other regions minRegions needs", () => {
    assert.strictEqual(regionCap(service("s", { replicas: 2, minRegions: 2 })), 1);
    assert.strictEqual(regionCap(service("s", { replicas: 6, minRegions: 3, maxSharePerCloud: 0.67 })), 4);
    assert.strictEqual(regionCap(service("s", { replicas: 4, minClouds: 2, maxSharePerCloud: 0.5 })), 2);
    assert.strictEqual(regionCap(service("s", { replicas: 1 })), 1);
  });
});

describe("valid inequalities of the network model (12.spread, 12.present caps)", () => {
  // A service that must use two clouds, linked to a peer that costs least in one: every plan
  // pays a VPN connection and two gateways, which the LP relaxation used to spread away.
  const eu = ["eu-central-1", "eu-west-1", "westeurope", "northeurope", "europe-west4", "europe-west1"];
  const spread = spec({
    services: [
      service("api", { replicas: 4, arch: "arm64", regions: eu, minClouds: 2, maxSharePerCloud: 0.5 }),
      service("db", { replicas: 3, vcpu: 2, memoryGiB: 8, regions: eu, ports: [5432] }),
      service("web", { replicas: 2, regions: eu, minRegions: 2, publicPorts: [443] }),
    ],
    links: [link("api", "db", 10), link("web", "api", 10)],
    network: DEFAULT_NETWORK_COSTS,
  });

  it("bring both LP relaxations close to the optimum when availability forces a connection across clouds", async () => {
    const best = await optimize(spread, catalog, { explain: false, relativeGap: 0 });
    assert.ok(Object.keys(best.cost.network!.pairs).length >= 1, "the optimum connects two clouds");
    const exact = await lpBound(spread, false);
    const relaxed = await lpBound(spread, true);
    // Without the cuts: 82% and 75% of the optimum.
    assert.ok(exact <= best.cost.total + 1e-6 && exact >= 0.9 * best.cost.total, `exact LP ${exact} vs optimum ${best.cost.total}`);
    assert.ok(relaxed <= exact + 1e-6 && relaxed >= 0.85 * best.cost.total, `relaxed LP ${relaxed} vs optimum ${best.cost.total}`);
  });

  it("leave the optimum alone when the peer runs wholly inside one of the clouds availability forces", async () => {
    // api must use aws and gcp; db costs least in a gcp region api cannot use. api's gcp region
    // then needs no connection to db, only its aws region does: a cut that ignored where db
    // runs would charge a second VPN.
    const s = spec({
      services: [
        service("api", { replicas: 2, regions: ["eu-central-1", "europe-west1"], minClouds: 2 }),
        service("db", { replicas: 1, vcpu: 2, memoryGiB: 8, regions: ["europe-west4", "westeurope"], ports: [5432] }),
      ],
      links: [link("api", "db", 10)],
      network: DEFAULT_NETWORK_COSTS,
    });
    const best = bruteForce(s, catalog)!;
    assert.strictEqual(best.plan.services.db.groups[0].cloud, "gcp", "the instance must be one where db runs in gcp");
    const r = await optimize(s, catalog, { explain: false, relativeGap: 0 });
    assert.ok(Math.abs(r.cost.total - best.cost) <= 0.01, `${r.cost.total} vs enumerated ${best.cost}`);
    assert.ok(Math.abs(r.report.objective - best.cost) <= 0.01, `objective ${r.report.objective} vs enumerated ${best.cost}`);
    for (const relax of [false, true]) assert.ok((await lpBound(s, relax)) <= best.cost + 0.01);
  });

  it("never cut off a plan: both LP bounds stay at or under the enumerated optimum", async () => {
    const SIZE = { services: 3, buckets: 1, links: 3, maxReplicas: 3, regionsPerWorkload: 2, network: true, latency: true };
    let checked = 0;
    let spreading = 0;
    for (let seed = 601; seed <= 640 && checked < 12; seed++) {
      const s = randomSpec(seed, SIZE);
      if (enumerationSize(s, catalog) > 30_000) continue;
      const best = bruteForce(s, catalog);
      if (!best) continue;
      checked++;
      if (s.services.some((x) => x.minClouds > 1 || x.minRegions > 1 || x.maxSharePerCloud < 1)) spreading++;
      const exact = await lpBound(s, false);
      const relaxed = await lpBound(s, true);
      assert.ok(exact <= best.cost + 0.01, `seed ${seed}: exact LP ${exact} above the optimum ${best.cost}`);
      assert.ok(relaxed <= best.cost + 0.01, `seed ${seed}: relaxed LP ${relaxed} above the optimum ${best.cost}`);
    }
    assert.ok(checked >= 8, `only ${checked} instances were small enough and feasible`);
    assert.ok(spreading >= 3, `only ${spreading} instances had an availability requirement`);
  });
});
