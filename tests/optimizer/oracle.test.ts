import * as assert from "assert";
import { loadCatalog } from "../../optimizer/catalog";
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
});
