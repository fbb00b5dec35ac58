import * as assert from "assert";
import { loadCatalog } from "../../optimizer/catalog";
import { buildCandidates } from "../../optimizer/candidates";
import { PlacementInfeasibleError } from "../../optimizer/errors";
import { optimize } from "../../optimizer/optimize";
import { bucketViolations, serviceViolations } from "../../optimizer/verify";
import { agreesWithOracle, bruteForce, enumerationSize, migrationUSD, randomPrevious, randomSpec } from "./random";

const catalog = loadCatalog();

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const SIZE = { services: 3, buckets: 1, links: 2, maxReplicas: 2, regionsPerWorkload: 2 };

describe("optimizer against a brute-force oracle", () => {
  for (const seed of SEEDS) {
    it(`finds the enumerated optimum (or proves none exists) on random instance ${seed} with both solvers`, async () => {
      const s = randomSpec(seed, SIZE);
      assert.ok(enumerationSize(s, catalog) <= 50_000, "instance too large to enumerate");
      const best = bruteForce(s, catalog);
      for (const solver of ["highs", "jslp"] as const) {
        if (!best) {
          await assert.rejects(optimize(s, catalog, { solver, explain: false }), PlacementInfeasibleError);
          continue;
        }
        const r = await optimize(s, catalog, { solver, relativeGap: 0, explain: false });
        assert.strictEqual(r.report.status, "optimal", solver);
        assert.ok(Math.abs(r.cost.total - best.cost) <= 0.01, `${solver}: ${r.cost.total} vs enumerated ${best.cost}`);
        assert.ok(Math.abs(r.report.objective - r.cost.total) <= 0.01, `${solver}: objective ${r.report.objective} vs cost ${r.cost.total}`);
      }
    });
  }

  it("finds the enumerated optimum on larger instances with three regions per workload", async () => {
    const checked = await agreesWithOracle(catalog, [101, 102, 103, 104, 105, 106, 107, 108], { services: 3, buckets: 1, links: 3, maxReplicas: 3, regionsPerWorkload: 3 }, 20_000);
    assert.ok(checked >= 3, `only ${checked} instances were small enough and feasible`);
  });
});

describe("optimizer against a brute-force oracle, from a previous plan that may no longer fit", () => {
  const PREV_SIZE = { services: 3, buckets: 1, links: 2, maxReplicas: 2, regionsPerWorkload: 2 };

  it("reaches the least cost plus migration, counting every forced move, with both solvers", async () => {
    let checked = 0;
    let misfits = 0;
    for (let seed = 301; seed <= 316; seed++) {
      const s = randomSpec(seed, PREV_SIZE);
      const previous = randomPrevious(seed, s, catalog);
      if (enumerationSize(s, catalog, { previous }) > 30_000) continue;
      const best = bruteForce(s, catalog, { previous });
      if (!best) continue;
      if (s.services.some((x) => previous.services[x.name] && serviceViolations(s, catalog, x, previous.services[x.name]).length > 0)) misfits++;
      for (const solver of ["highs", "jslp"] as const) {
        const r = await optimize(s, catalog, { solver, previous, relativeGap: 0, explain: false });
        assert.ok(Math.abs(r.report.objective - best.objective) <= 0.01, `seed ${seed} ${solver}: ${r.report.objective} vs enumerated ${best.objective}`);
        const charged = r.moves.reduce((n, m) => n + m.migrationUSD, 0);
        assert.ok(Math.abs(r.report.objective - r.cost.total - charged) <= 0.02, `seed ${seed} ${solver}: objective less moves ${r.report.objective - charged} vs cost ${r.cost.total}`);
        assert.ok(Math.abs(charged - migrationUSD(s, catalog, previous, r.plan)) <= 0.02, `seed ${seed} ${solver}: moves ${charged}`);
      }
      checked++;
    }
    assert.ok(checked >= 6 && misfits >= 3, `checked ${checked}, with entries that no longer fit in ${misfits}`);
  });

  it("holds the entries that still fit and re-places the others at the least cost plus migration", async () => {
    let checked = 0;
    for (let seed = 331; seed <= 346; seed++) {
      const s = randomSpec(seed, PREV_SIZE);
      const lock = randomPrevious(seed, s, catalog);
      // As `cloudfit plan` does: hold what fits, charge moving away from what does not.
      const fitsS = (n: string) => serviceViolations(s, catalog, s.services.find((x) => x.name === n)!, lock.services[n]).length === 0;
      const fitsB = (n: string) => bucketViolations(s, catalog, s.buckets.find((x) => x.name === n)!, lock.buckets[n]).length === 0;
      const hold = {
        services: Object.fromEntries(Object.entries(lock.services).filter(([n]) => fitsS(n))),
        buckets: Object.fromEntries(Object.entries(lock.buckets).filter(([n]) => fitsB(n))),
      };
      const previous = {
        services: Object.fromEntries(Object.entries(lock.services).filter(([n]) => !fitsS(n))),
        buckets: Object.fromEntries(Object.entries(lock.buckets).filter(([n]) => !fitsB(n))),
      };
      if (enumerationSize(s, catalog, { hold, previous }) > 30_000) continue;
      const best = bruteForce(s, catalog, { hold, previous });
      if (!best) {
        await assert.rejects(optimize(s, catalog, { hold, previous, explain: false }), PlacementInfeasibleError);
        continue;
      }
      const r = await optimize(s, catalog, { hold, previous, relativeGap: 0, explain: false });
      assert.ok(Math.abs(r.report.objective - best.objective) <= 0.01, `seed ${seed}: ${r.report.objective} vs enumerated ${best.objective}`);
      for (const n of Object.keys(hold.services)) assert.deepStrictEqual(r.plan.services[n].groups, [...hold.services[n].groups].sort((a, b) => (`${a.cloud}:${a.region}:${a.instanceType}` < `${b.cloud}:${b.region}:${b.instanceType}` ? -1 : 1)));
      checked++;
    }
    assert.ok(checked >= 6, `only ${checked} instances were small enough and feasible`);
  });

  it("places around one service held where the optimum has it, or in another of its regions, at the enumerated least cost, and prices its plan as the bill does", async function () {
    this.timeout(300_000);
    // Seeds where a held peer's share in a region once hid what a free service sends out of it
    // (1012, 1016, 1078: plans cut off, up to 24% dearer; 1063: the model $2.50 under the bill).
    let checked = 0;
    for (const seed of [1010, 1011, 1012, 1013, 1014, 1015, 1016, 1063, 1076, 1077, 1078]) {
      const s = randomSpec(seed, { services: 3, buckets: 1, links: 3, maxReplicas: 3, regionsPerWorkload: 3, network: seed % 2 === 0, latency: seed % 3 === 0 });
      if (enumerationSize(s, catalog) > 20_000) continue;
      const best = bruteForce(s, catalog);
      if (!best) continue;
      const candidates = buildCandidates(s, catalog);
      for (const svc of s.services) {
        const where = best.plan.services[svc.name];
        const holds = [where];
        const other = candidates.services.get(svc.name)?.find((r) => !where.groups.some((g) => `${g.cloud}:${g.region}` === r.key) && r.onDemand.length > 0);
        if (other) {
          const o = other.onDemand[0];
          holds.push({ groups: [{ cloud: o.cloud, region: o.region, instanceType: o.instanceType, count: svc.replicas, spot: 0 }] });
        }
        for (const held of holds.filter((h) => serviceViolations(s, catalog, svc, h).length === 0)) {
          const hold = { services: { [svc.name]: held }, buckets: {} };
          const heldBest = bruteForce(s, catalog, { hold });
          if (!heldBest) continue;
          const r = await optimize(s, catalog, { hold, relativeGap: 0, explain: false, decompose: "never" });
          assert.ok(Math.abs(r.cost.total - heldBest.cost) <= 0.01, `seed ${seed}, ${svc.name} held: ${r.cost.total} where enumeration gives ${heldBest.cost}`);
          assert.ok(Math.abs(r.report.objective - r.cost.total) <= 0.01, `seed ${seed}, ${svc.name} held: the model prices its plan at ${r.report.objective}, the bill at ${r.cost.total}`);
          checked++;
        }
      }
    }
    assert.ok(checked >= 30, `only ${checked} held instances were small enough and feasible`);
  });
});
