// Databases in the optimizer: validation (every problem at once, with path and fix), offers
// priced by the database price rules, a brute-force oracle over regions and classes on seeded
// random instances for both solvers, plan properties, the lock and migration of a database.

import * as assert from "assert";
import { loadCatalog } from "../../optimizer/catalog";
import { buildCandidates } from "../../optimizer/candidates";
import { databaseOffersIn } from "../../optimizer/database-offers";
import { cheapestDatabaseOffers, databaseMigrationUSD } from "../../optimizer/ilp-databases";
import { capacityModel } from "../../optimizer/capacity-bound";
import { HighsSolver } from "../../optimizer/solvers/highs";
import { evaluatePlan } from "../../optimizer/evaluate";
import { compareLock, parseLock, serializeLock } from "../../optimizer/lock";
import { optimize } from "../../optimizer/optimize";
import { buildPlacementModel } from "../../optimizer/ilp";
import type { Plan, ReplicaGroup } from "../../optimizer/plan";
import type { NormalizedDatabase, NormalizedSpec } from "../../optimizer/spec";
import { SpecValidationError } from "../../optimizer/errors";
import { validateSpec } from "../../optimizer/validate";
import { verifyPlan } from "../../optimizer/verify";
import { mulberry32 } from "../../bench/generate";

const catalog = loadCatalog();

const REGIONS = ["eu-central-1", "us-east-1", "westeurope", "eastus", "europe-west3", "us-central1"];

function problemsOf(input: unknown): { path: string; message: string; fix: string }[] {
  try {
    validateSpec(input, catalog);
  } catch (e) {
    if (e instanceof SpecValidationError) return [...e.problems];
    throw e;
  }
  return [];
}

/** Every plan of a small spec: each service's single replica on each candidate offer, each database on each class. */
function bruteForce(spec: NormalizedSpec): { plan: Plan; usd: number } | undefined {
  const cands = buildCandidates(spec, catalog);
  const serviceChoices = spec.services.map((s) =>
    (cands.services.get(s.name) ?? []).flatMap((ro) =>
      ro.onDemand.map((o): ReplicaGroup => ({ cloud: o.cloud, region: o.region, instanceType: o.instanceType, count: s.replicas, spot: 0 })),
    ),
  );
  const dbChoices = (spec.databases ?? []).map((d) =>
    catalog.regions
      .filter((r) => d.regions.includes(r.region) && d.clouds.includes(r.cloud))
      .flatMap((r) => databaseOffersIn(catalog, d, r, spec.allowBurstable).map((o) => ({ cloud: o.cloud, region: o.region, instanceClass: o.instanceClass }))),
  );
  let best: { plan: Plan; usd: number } | undefined;
  const pick = (i: number, groups: ReplicaGroup[]): void => {
    if (i < serviceChoices.length) {
      for (const g of serviceChoices[i]) pick(i + 1, [...groups, g]);
      return;
    }
    const dbs = (j: number, chosen: Plan["databases"]): void => {
      if (j < dbChoices.length) {
        for (const p of dbChoices[j]) dbs(j + 1, { ...chosen, [spec.databases![j].name]: p });
        return;
      }
      const plan: Plan = { services: Object.fromEntries(spec.services.map((s, k) => [s.name, { groups: [groups[k]] }])), buckets: {}, databases: chosen };
      if (verifyPlan(spec, catalog, plan).length > 0) return;
      const usd = evaluatePlan(spec, plan, catalog).total;
      if (!best || usd < best.usd - 1e-9) best = { plan, usd };
    };
    dbs(0, {});
  };
  pick(0, []);
  return best;
}

function randomSpec(seed: number): NormalizedSpec {
  const rnd = mulberry32(seed);
  const pickSome = (n: number) => REGIONS.filter(() => rnd() < 0.6).slice(0, n);
  const regions = (n: number) => {
    const r = pickSome(n);
    return r.length > 0 ? r : [REGIONS[Math.floor(rnd() * REGIONS.length)]];
  };
  const engine = rnd() < 0.5 ? "postgres" : "mysql";
  const db = {
    engine,
    vcpu: [1, 2, 4][Math.floor(rnd() * 3)],
    memoryGiB: [2, 8, 16][Math.floor(rnd() * 3)],
    storageGiB: [20, 200, 1000][Math.floor(rnd() * 3)],
    ha: (["none", "zone"] as const)[Math.floor(rnd() * 2)],
    readReplicas: rnd() < 0.3 ? 1 : 0,
    regions: regions(3),
  };
  return validateSpec(
    {
      services: {
        api: { replicas: 1, vcpu: 2, memoryGiB: 4, regions: regions(2) },
        web: { replicas: 1, vcpu: 1, memoryGiB: 2, regions: regions(2) },
      },
      databases: { main: db },
      links: [
        { from: "api", to: "main", monthlyGiB: [0, 500, 5000][Math.floor(rnd() * 3)] },
        { from: "web", to: "api", monthlyGiB: 100 },
      ],
      global: { allowBurstable: rnd() < 0.5 },
    },
    catalog,
  );
}

describe("databases in the optimizer", function () {
  this.timeout(300000);

  describe("validation", () => {
    it("fills defaults: version, port, HA, a week of backups with point-in-time recovery", () => {
      const spec = validateSpec({ services: { api: { replicas: 1, vcpu: 1, memoryGiB: 2 } }, databases: { orders: { engine: "postgres", vcpu: 2, memoryGiB: 8, storageGiB: 100 } }, links: [{ from: "api", to: "orders", monthlyGiB: 10 }] }, catalog);
      const d = spec.databases![0];
      assert.deepStrictEqual(
        { version: d.version, port: d.port, ha: d.ha, days: d.backupRetentionDays, pitr: d.pointInTimeRecovery, replicas: d.readReplicas, type: d.storageType },
        { version: "16", port: 5432, ha: "none", days: 7, pitr: true, replicas: 0, type: "ssd" },
      );
      assert.deepStrictEqual(spec.links[0], { from: "api", to: "orders", toKind: "database", monthlyGiB: 10, port: 5432, latency: { kind: "continent" } });
    });

    it("reports every problem of every database at once, each with its path and fix", () => {
      const problems = problemsOf({
        services: { api: { replicas: 1, vcpu: 1, memoryGiB: 2 } },
        databases: {
          orders: { engine: "postgresql", version: "12", vcpu: 2, memoryGiB: 8, storageGiB: "100GB", ha: "multi-az", backup: { retentionDays: 3 } },
          Billing: { engine: "mysql", instanceClass: "db.x9.huge", storageGiB: 50, readReplicas: 9 },
          api: { engine: "mysql", vcpu: 1, memoryGiB: 2, storageGiB: 20 },
        },
        links: [{ from: "api", to: "orders", monthlyGiB: 1, port: 3306 }],
      });
      const got = problems.map((p) => `${p.path}: ${p.message}. To fix: ${p.fix}.`);
      assert.deepStrictEqual(got, [
        'databases.orders.engine: must be one of postgres, mysql, got "postgresql". To fix: write postgres.',
        'databases.orders.storageGiB: must be a number of at least 1, got "100GB". To fix: write 100.',
        'databases.orders.ha: must be one of none, zone, region, got "multi-az". To fix: write zone.',
        "databases.orders.backup.retentionDays: must be a whole number from 7 to 35, got 3. To fix: write 7 or more (the policy pack asks for a week of backups; clouds keep at most 35 days).",
        "databases.Billing: name must use lowercase letters, digits and hyphens, start with a letter, end with a letter or digit and be at most 40 characters long, because it becomes part of cloud resource names. To fix: rename it to billing.",
        'databases.Billing.instanceClass: must be an RDS class (db.r6g.large), an Azure flexible server SKU (Standard_D2ds_v5) or a Cloud SQL custom tier (db-custom-2-8192), got "db.x9.huge". To fix: write one of those, or give vcpu and memoryGiB instead.',
        "databases.Billing.readReplicas: must be a whole number from 0 to 5, got 9. To fix: write how many read replicas to run, e.g. 1.",
        "databases.api: name is also used by services.api; names must be unique across services, buckets and databases. To fix: rename one of them, since each becomes part of cloud resource names.",
      ]);
    });

    it("checks the version once the engine is known, and a link's port against the engine's", () => {
      const got = problemsOf({
        services: { api: { replicas: 1, vcpu: 1, memoryGiB: 2 } },
        databases: {
          orders: { engine: "postgres", version: "12.4", vcpu: 2, memoryGiB: 8, storageGiB: 100 },
          shop: { engine: "mysql", version: 8, vcpu: 2, memoryGiB: 8, storageGiB: 100 },
          stock: { engine: "mysql", version: "8.4", vcpu: 2, memoryGiB: 8, storageGiB: 100 },
        },
        links: [{ from: "api", to: "stock", monthlyGiB: 1, port: 5432 }],
      }).map((p) => `${p.path}: ${p.message}. To fix: ${p.fix}.`);
      assert.deepStrictEqual(got, [
        'databases.orders.version: must be a postgres major version every cloud runs (13, 14, 15, 16, 17), got "12.4". To fix: write "16".',
        'databases.shop.version: must be a mysql major version every cloud runs (8.0, 8.4), got 8. To fix: write "8.0".',
        "links[0].port: must be 3306 for a mysql database, got 5432. To fix: write 3306, or remove it.",
      ]);
    });

    it("pins the cloud of an instance class and refuses HDD where no allowed cloud has it", () => {
      const spec = validateSpec({ services: { api: { replicas: 1, vcpu: 1, memoryGiB: 2 } }, databases: { orders: { engine: "postgres", instanceClass: "db-custom-2-8192", storageGiB: 100 } } }, catalog);
      assert.deepStrictEqual([spec.databases![0].clouds, spec.databases![0].vcpu, spec.databases![0].memoryGiB], [["gcp"], 2, 8]);
      const got = problemsOf({ services: { api: { replicas: 1, vcpu: 1, memoryGiB: 2 } }, databases: { orders: { engine: "postgres", vcpu: 2, memoryGiB: 8, storageGiB: 100, storageType: "hdd", clouds: ["azure"] } } });
      assert.deepStrictEqual(got.map((p) => p.path + ": " + p.message), ["databases.orders.storageType: no allowed cloud (azure) offers 100 GiB of HDD"]);
      const standby = problemsOf({ services: { api: { replicas: 1, vcpu: 1, memoryGiB: 2 } }, databases: { orders: { engine: "mysql", instanceClass: "db.t4g.small", storageGiB: 20, ha: "zone" } } });
      assert.deepStrictEqual(
        standby.map((p) => `${p.path}: ${p.message}. To fix: ${p.fix}.`),
        ["databases.orders.ha: needs a standby, which burstable db.t4g.small cannot have. To fix: write none, or choose a standard class (or give vcpu and memoryGiB)."],
      );
    });
  });

  describe("offers", () => {
    const db = (over: Partial<NormalizedDatabase> = {}): NormalizedDatabase => ({
      name: "main", engine: "postgres", version: "16", vcpu: 2, memoryGiB: 8, storageGiB: 100, storageType: "ssd", iops: 0, ha: "none",
      backupRetentionDays: 7, pointInTimeRecovery: true, readReplicas: 0, port: 5432, residency: [], clouds: ["aws", "azure", "gcp"], regions: [], ...over,
    });
    const region = (id: string) => catalog.regionById(id)!;

    it("prices RDS, flexible server and Cloud SQL classes from the catalog's rates", () => {
      const [aws] = databaseOffersIn(catalog, db(), region("us-east-1"), false);
      // db.m6g.large PostgreSQL $0.159/h x 730 h + 100 GB gp3 x $0.115.
      assert.deepStrictEqual([aws.instanceClass, aws.computeUSD.toFixed(2), aws.storageUSD.toFixed(2)], ["db.m6g.large", "116.07", "11.50"]);
      const [azure] = databaseOffersIn(catalog, db(), region("eastus"), false);
      // 2 vCores x $0.1015/h x 730 h + 128 GiB (the smallest size of at least 100) x $0.138.
      assert.deepStrictEqual([azure.instanceClass, azure.computeUSD.toFixed(2), azure.storageUSD.toFixed(2)], ["Standard_D2ds_v5", "148.19", "17.66"]);
      const [gcp] = databaseOffersIn(catalog, db(), region("us-central1"), false);
      // 2 vCPUs x $0.0413 + 8 GB x $0.007, 730 h; 100 GB SSD x $0.17.
      assert.deepStrictEqual([gcp.instanceClass, gcp.computeUSD.toFixed(2), gcp.storageUSD.toFixed(2)], ["db-custom-2-8192", "101.18", "17.00"]);
    });

    it("doubles instance and storage for a zone standby and adds each read replica", () => {
      const one = databaseOffersIn(catalog, db(), region("us-east-1"), false)[0];
      const ha = databaseOffersIn(catalog, db({ ha: "zone", readReplicas: 1 }), region("us-east-1"), false).find((o) => o.instanceClass === one.instanceClass)!;
      assert.strictEqual(ha.monthlyUSD.toFixed(2), (3 * one.monthlyUSD).toFixed(2));
      for (const id of ["eastus", "us-central1"]) {
        const a = databaseOffersIn(catalog, db(), region(id), false)[0];
        const b = databaseOffersIn(catalog, db({ ha: "zone" }), region(id), false).find((o) => o.instanceClass === a.instanceClass)!;
        assert.strictEqual(b.monthlyUSD.toFixed(2), (2 * a.monthlyUSD).toFixed(2), id);
      }
    });

    it("offers burstable classes only with allowBurstable and without HA", () => {
      const small = db({ vcpu: 1, memoryGiB: 2 });
      assert.ok(databaseOffersIn(catalog, small, region("us-east-1"), true).some((o) => o.instanceClass.startsWith("db.t")));
      assert.ok(!databaseOffersIn(catalog, small, region("us-east-1"), false).some((o) => o.instanceClass.startsWith("db.t")));
      assert.ok(!databaseOffersIn(catalog, { ...small, ha: "zone" }, region("us-east-1"), true).some((o) => o.instanceClass.startsWith("db.t")));
    });
  });

  describe("placement", () => {
    for (const solver of ["highs", "jslp"] as const) {
      it(`${solver}: reaches the enumerated optimum over regions and classes on seeded random instances`, async () => {
        let feasible = 0;
        for (let seed = 1; seed <= 8; seed++) {
          const spec = randomSpec(seed);
          const oracle = bruteForce(spec);
          if (!oracle) {
            // No plan meets the spec (the database beside a caller, linked services on one
            // continent): the optimizer says so too.
            await assert.rejects(optimize(spec, catalog, { solver, explain: false }), (e: Error) => e.name === "PlacementInfeasibleError");
            continue;
          }
          feasible++;
          const r = await optimize(spec, catalog, { solver, explain: false });
          assert.deepStrictEqual(verifyPlan(spec, catalog, r.plan), [], `seed ${seed}`);
          assert.ok(Math.abs(r.cost.total - oracle.usd) < 0.01, `seed ${seed}: ${r.cost.total} vs oracle ${oracle.usd} (${JSON.stringify(oracle.plan)})`);
          // The reported cost is the evaluation of the plan, and the objective is that cost.
          assert.strictEqual(r.cost.total, evaluatePlan(spec, r.plan, catalog).total);
          assert.ok(Math.abs(r.report.objective - r.cost.total) < 0.01);
        }
        assert.ok(feasible >= 2, `only ${feasible} feasible instances`);
      });
    }

    it("counts each database at its cheapest offer in the capacity bound, which stays at or below the enumerated optimum", async () => {
      const solver = new HighsSolver();
      try {
        const bound = async (spec: NormalizedSpec) => {
          const out = await solver.solve(capacityModel(spec, catalog, buildCandidates(spec, catalog), undefined, "continents").model, { timeLimitSec: 30, relativeGap: 0 });
          return out.status === "optimal" ? out.objective : NaN;
        };
        let compared = 0;
        for (let seed = 1; seed <= 8; seed++) {
          const spec = randomSpec(seed);
          const oracle = bruteForce(spec);
          if (!oracle) continue;
          const b = await bound(spec);
          assert.ok(b <= oracle.usd + 0.01, `seed ${seed}: bound ${b} above the optimum ${oracle.usd}`);
          // The same spec without its database: the bound falls by at least the database's cheapest offer.
          const bare = { ...spec, databases: [], links: spec.links.filter((l) => l.toKind !== "database") };
          const cheapest = Math.min(...[...cheapestDatabaseOffers(catalog, spec.databases![0], spec.allowBurstable).values()].map((o) => o.monthlyUSD));
          assert.ok(b >= (await bound(bare)) + cheapest - 0.01, `seed ${seed}: bound ${b} lacks the database (${cheapest})`);
          compared++;
        }
        assert.ok(compared >= 2, `only ${compared} instances compared`);
      } finally {
        solver.dispose();
      }
    });

    it("puts a database where one of its callers runs, though RDS in another cloud is cheaper", async () => {
      const input = (gib: number) => ({
        services: { api: { replicas: 2, vcpu: 2, memoryGiB: 4, regions: ["eastus"] } },
        databases: { main: { engine: "postgres", vcpu: 2, memoryGiB: 8, storageGiB: 100, regions: ["eastus", "us-east-1"] } },
        links: [{ from: "api", to: "main", monthlyGiB: gib }],
      });
      for (const gib of [0, 20000]) {
        const spec = validateSpec(input(gib), catalog);
        const r = await optimize(spec, catalog, { explain: false });
        assert.deepStrictEqual(r.plan.databases!.main, { cloud: "azure", region: "eastus", instanceClass: "Standard_D2ds_v5" });
        assert.strictEqual(r.cost.databases!.main.traffic, 0);
        // RDS in us-east-1, where no caller runs, would have no route from api: verification says so.
        const away: Plan = { ...r.plan, databases: { main: { cloud: "aws", region: "us-east-1", instanceClass: "db.m6g.large" } } };
        assert.ok(
          verifyPlan(spec, catalog, away).includes("databases.main in aws:us-east-1: none of the services linked to it (api) runs there, so it would have no network route from them."),
          JSON.stringify(verifyPlan(spec, catalog, away)),
        );
      }
    });

    it("moves a database only when the saving beats the migration of its storage", async () => {
      // A zone standby and a read replica: RDS saves about $115 a month over the flexible server.
      const spec = validateSpec(
        {
          services: { api: { replicas: 1, vcpu: 2, memoryGiB: 4, regions: ["us-east-1"] } },
          databases: { main: { engine: "postgres", vcpu: 2, memoryGiB: 8, storageGiB: 100, ha: "zone", readReplicas: 1, regions: ["us-east-1", "eastus"] } },
        },
        catalog,
      );
      const previous: Plan = { services: {}, buckets: {}, databases: { main: { cloud: "azure", region: "eastus", instanceClass: "Standard_D2ds_v5" } } };
      for (const [months, moves] of [
        [1, true],
        [12, false],
      ] as const) {
        const r = await optimize(spec, catalog, { previous, migrationEgressMonths: months, explain: false });
        const moved = r.moves.filter((m) => m.kind === "database");
        // $50 plus months of internet egress of the stored GiB from eastus.
        const usd = databaseMigrationUSD(catalog, spec.databases![0], { cloud: "azure", region: "eastus" }, { fixedPerReplicaUSD: 50, egressMonths: months });
        assert.ok(Math.abs(usd - (50 + months * 100 * catalog.internetEgressPerGiB("azure", "eastus"))) < 1e-9);
        assert.strictEqual(moved.length, moves ? 1 : 0, `${months} months`);
        if (moves) {
          assert.strictEqual(moved[0].migrationUSD, Math.round(usd * 100) / 100);
          assert.ok(moved[0].savingUSD > moved[0].migrationUSD, JSON.stringify(moved[0]));
          assert.ok(Math.abs(r.report.objective - r.cost.total - usd) < 0.01);
          // Held where it moved to (as optimizer/groups.ts holds what it is not placing), it is
          // still charged its move: the model's constant is the plan's objective.
          const held = buildPlacementModel(spec, catalog, buildCandidates(spec, catalog), { fixed: r.plan, previous, migration: { fixedPerReplicaUSD: 50, egressMonths: months } });
          assert.strictEqual(held.model.numCols, 0);
          assert.ok(Math.abs(held.model.offset - r.report.objective) < 0.01, `${held.model.offset} against ${r.report.objective}`);
        } else {
          assert.deepStrictEqual(r.plan.databases!.main, previous.databases!.main);
        }
      }
    });
  });

  describe("explanations", () => {
    it("names the binding settings and prices the cheapest plan in each other cloud with only the database moved", async () => {
      const spec = validateSpec(
        {
          services: { api: { replicas: 1, vcpu: 2, memoryGiB: 4, regions: ["europe-west3"] } },
          databases: { main: { engine: "postgres", vcpu: 2, memoryGiB: 8, storageGiB: 100, residency: ["DE"] } },
          links: [{ from: "api", to: "main", monthlyGiB: 200 }],
        },
        catalog,
      );
      const r = await optimize(spec, catalog, {});
      const e = r.explanations.main;
      assert.strictEqual(e.placement, `${r.plan.databases!.main.instanceClass} in ${r.plan.databases!.main.cloud}:${r.plan.databases!.main.region}`);
      assert.deepStrictEqual(e.binding, ["its data must stay in DE (residency DE)", "its traffic to the services linked to it is counted"]);
      assert.strictEqual(e.monthlyUSD, r.cost.databases!.main.total);
      assert.deepStrictEqual(e.alternatives.map((a) => a.cloud).sort(), ["aws", "azure", "gcp"].filter((c) => c !== r.plan.databases!.main.cloud));
      for (const a of e.alternatives) {
        const [cls, where] = a.placement.split(" in ");
        const [cloud, region] = where.split(":");
        const moved: Plan = { ...r.plan, databases: { main: { cloud: cloud as "aws", region, instanceClass: cls } } };
        assert.ok(catalog.regionById(region)!.country === "DE");
        assert.strictEqual(a.deltaUSD, Math.round((evaluatePlan(spec, moved, catalog).total - r.cost.total) * 100) / 100);
        assert.ok(a.deltaUSD >= 0, "the plan is the cheapest");
      }
    });
  });

  describe("lock", () => {
    it("round-trips databases byte for byte and flags a locked class that no longer fits", () => {
      const spec = validateSpec({ services: { api: { replicas: 1, vcpu: 1, memoryGiB: 2 } }, databases: { main: { engine: "postgres", vcpu: 2, memoryGiB: 8, storageGiB: 100 } } }, catalog);
      const plan: Plan = {
        services: { api: { groups: [{ cloud: "aws", region: "us-east-1", instanceType: "m5.large", count: 1, spot: 0 }] } },
        buckets: {},
        databases: { main: { cloud: "aws", region: "us-east-1", instanceClass: "db.m6g.large" } },
      };
      const text = serializeLock(plan);
      assert.match(text, /"buckets": \{\},\n {2}"databases": \{\n {4}"main": \{ "cloud": "aws", "region": "us-east-1", "instanceClass": "db.m6g.large" \}\n {2}\}\n\}\n$/);
      const back = parseLock(text, "placement.dev.json", "dev", catalog);
      assert.strictEqual(serializeLock(back.plan), text);
      const grown = validateSpec({ services: { api: { replicas: 1, vcpu: 1, memoryGiB: 2 } }, databases: { main: { engine: "postgres", vcpu: 4, memoryGiB: 8, storageGiB: 100 } } }, catalog);
      const cmp = compareLock(back.plan, grown, catalog);
      assert.deepStrictEqual(
        cmp.mismatched.map((d) => `${d.path} ${d.message}`),
        ["databases.main in aws:us-east-1 on db.m6g.large: 2 vCPUs is below the 4 needed."],
      );
      assert.strictEqual(compareLock(back.plan, spec, catalog).mismatched.length, 0);
      assert.deepStrictEqual(compareLock(back.plan, spec, catalog).held.databases, plan.databases);
    });

    it("names every malformed database entry", () => {
      const text = JSON.stringify({ version: 1, services: {}, buckets: {}, databases: { a: { cloud: "ibm", region: "", instanceClass: 5 }, b: [] } });
      assert.throws(
        () => parseLock(text, "placement.dev.json", "dev", catalog),
        (e: Error) =>
          /databases\.a\.cloud: must be one of aws, azure, gcp, got "ibm"/.test(e.message) &&
          /databases\.a\.region: must be a non-empty string, got ""/.test(e.message) &&
          /databases\.a\.instanceClass: must be a non-empty string, got 5/.test(e.message) &&
          /databases\.b: must be an object with cloud, region and instanceClass, got \[\]/.test(e.message),
      );
    });
  });
});
