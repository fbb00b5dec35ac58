import * as assert from "assert";
import { loadCatalog } from "../../optimizer/catalog";
import { buildCandidates } from "../../optimizer/candidates";
import { buildPlacementModel } from "../../optimizer/ilp";
import { HighsSolver } from "../../optimizer/solvers/highs";
import { PlacementInfeasibleError, SolverError } from "../../optimizer/errors";
import { evaluatePlan } from "../../optimizer/evaluate";
import { optimize } from "../../optimizer/optimize";
import type { Plan } from "../../optimizer/plan";
import type { PlacementResult } from "../../optimizer/result";
import { DEFAULT_NETWORK_COSTS, type NormalizedSpec, type WorkloadSpec } from "../../optimizer/spec";
import { validateSpec } from "../../optimizer/validate";
import { verifyPlan } from "../../optimizer/verify";
import { movedReplicas } from "../../optimizer/stability";
import { bucket, link, randomPrevious, randomSpec, rng, service, spec } from "./random";

const catalog = loadCatalog();

/** Regions of North America, four or so per cloud. */
const US: readonly string[] = ["us-east-1", "us-east-2", "us-west-2", "eastus", "eastus2", "centralus", "westus2", "us-central1", "us-east1", "us-east4", "us-west1"];

/**
 * A seeded spec over US: four linked services (s0 needs two regions, s1 two clouds when it has two
 * replicas, s3 public with users at aws:us-east-1), each link within a round trip or on the same
 * continent, the network layer priced.
 */
function usSpec(seed: number): NormalizedSpec {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const services = Array.from({ length: 4 }, (_, i) => {
    const replicas = 1 + Math.floor(r() * 3);
    const [vcpu, memoryGiB] = pick([[1, 2], [2, 4], [2, 8], [4, 16]] as const);
    return service(`s${i}`, {
      replicas,
      vcpu,
      memoryGiB,
      regions: US.filter(() => r() < 0.8),
      minRegions: i === 0 ? 2 : 1,
      minClouds: i === 1 && replicas >= 2 ? 2 : 1,
      spotReplicas: r() < 0.3 ? 1 : 0,
      publicPorts: i === 3 ? [443] : [],
    });
  });
  services[0] = { ...services[0], replicas: Math.max(2, services[0].replicas) };
  const users = "aws:us-east-1";
  services[3] = { ...services[3], latency: { maxRttMs: pick([20, 40]), from: [{ name: users, points: [users] }] } };
  const links = [link("s3", "s0", pick([200, 2000])), link("s0", "s1", pick([200, 2000])), link("s1", "s2", pick([200, 2000]))].map((l) => ({
    ...l,
    latency: r() < 0.3 ? ({ kind: "continent" } as const) : ({ kind: "rtt", maxRttMs: pick([30, 60, 100]) } as const),
  }));
  return spec({ services, links, network: DEFAULT_NETWORK_COSTS });
}
const MEDIUM = { services: 6, buckets: 2, links: 5, maxReplicas: 4, regionsPerWorkload: 5 };

/** Optimizes, or returns undefined when the instance is infeasible (which must be a typed error). */
async function solveOrInfeasible(s: NormalizedSpec, solver: "highs" | "jslp"): Promise<PlacementResult | undefined> {
  try {
    return await optimize(s, catalog, { solver, explain: false });
  } catch (e) {
    assert.ok(e instanceof PlacementInfeasibleError, `unexpected ${e instanceof Error ? e.name : e}`);
    return undefined;
  }
}

function assertSound(s: NormalizedSpec, r: PlacementResult, migrationUSD = 0): void {
  assert.deepStrictEqual(verifyPlan(s, catalog, r.plan), []);
  const recomputed = evaluatePlan(s, r.plan, catalog);
  assert.strictEqual(recomputed.total, r.cost.total);
  assert.ok(Math.abs(r.report.objective - r.cost.total - migrationUSD) <= 0.02, `objective ${r.report.objective} vs cost ${r.cost.total} + migration ${migrationUSD}`);
  assert.ok(r.report.bound <= r.report.objective + 1e-6, `bound above objective: ${JSON.stringify(r.report)}`);
}

describe("optimizer properties on random instances", () => {
  it("returns plans that satisfy every constraint and whose recomputed cost is the objective (HiGHS)", async () => {
    let feasible = 0;
    for (let seed = 20; seed < 32; seed++) {
      const s = randomSpec(seed, MEDIUM);
      const r = await solveOrInfeasible(s, "highs");
      if (!r) continue;
      assertSound(s, r);
      feasible++;
    }
    assert.ok(feasible >= 8, `only ${feasible} of 12 instances were feasible`);
  });

  it("returns plans that satisfy every constraint and whose recomputed cost is the objective (javascript-lp-solver)", async () => {
    let feasible = 0;
    for (let seed = 40; seed < 46; seed++) {
      const s = randomSpec(seed, { ...MEDIUM, services: 4, links: 3 });
      const r = await solveOrInfeasible(s, "jslp");
      if (!r) continue;
      assertSound(s, r);
      feasible++;
    }
    assert.ok(feasible >= 4, `only ${feasible} of 6 instances were feasible`);
  });

  it("gives a byte-identical plan and cost for the same input twice", async () => {
    for (const seed of [21, 22, 23]) {
      const s = randomSpec(seed, MEDIUM);
      const a = await solveOrInfeasible(s, "highs");
      const b = await solveOrInfeasible(s, "highs");
      assert.strictEqual(JSON.stringify(b?.plan), JSON.stringify(a?.plan));
      assert.strictEqual(JSON.stringify(b?.cost), JSON.stringify(a?.cost));
    }
  });

  it("places workloads allowed anywhere over the full catalog soundly", async () => {
    const base = randomSpec(7, { services: 8, buckets: 2, links: 6, maxReplicas: 3, regionsPerWorkload: 1 });
    const s: NormalizedSpec = {
      ...base,
      services: base.services.map((x) => ({ ...x, regions: [] })),
      buckets: base.buckets.map((x) => ({ ...x, regions: [] })),
    };
    const r = await optimize(s, catalog, { explain: false });
    assertSound(s, r);
    assert.ok(r.report.variables > 100);
  });

  it("never changes the optimum by dropping dominated regions, and does drop some", async () => {
    const solver = new HighsSolver();
    let smaller = 0;
    let compared = 0;
    for (let seed = 60; seed < 68; seed++) {
      const base = randomSpec(seed, { services: 5, buckets: 2, links: 4, maxReplicas: 3, regionsPerWorkload: 9 });
      const s: NormalizedSpec = { ...base, quotas: seed % 2 === 0 ? {} : base.quotas };
      const c = buildCandidates(s, catalog);
      const full = buildPlacementModel(s, catalog, c, { prune: false });
      const pruned = buildPlacementModel(s, catalog, c);
      if (full.unplaceable.length > 0) continue;
      const a = await solver.solve(full.model, { timeLimitSec: 30, relativeGap: 0 });
      const b = await solver.solve(pruned.model, { timeLimitSec: 30, relativeGap: 0 });
      assert.strictEqual(b.status, a.status, `seed ${seed}`);
      if (a.status !== "optimal") continue;
      compared++;
      assert.ok(Math.abs(a.objective - b.objective) <= 1e-6, `seed ${seed}: ${a.objective} vs ${b.objective}`);
      if (pruned.model.numCols < full.model.numCols) smaller++;
    }
    assert.ok(compared >= 5 && smaller >= 3, `compared ${compared}, pruned ${smaller}`);
  });

  it("keeps the optimum when pruning with network costs, latency and services needing two regions", async () => {
    // Eleven regions of one continent (where regions of a cloud dominate one another), linked
    // services with round trips or the same continent, users near Virginia, and a service that
    // needs two regions. Fails when one dominating region is enough for the two-region service,
    // or when latency is left out of dominance.
    const solver = new HighsSolver();
    let pruned = 0;
    for (const seed of [0, 1, 5, 7, 9, 14, 15, 20, 22, 28]) {
      const s = usSpec(seed);
      const c = buildCandidates(s, catalog);
      const full = buildPlacementModel(s, catalog, c, { prune: false });
      const less = buildPlacementModel(s, catalog, c);
      const a = await solver.solve(full.model, { timeLimitSec: 60, relativeGap: 0 });
      const b = await solver.solve(less.model, { timeLimitSec: 60, relativeGap: 0 });
      assert.strictEqual(a.status, "optimal", `seed ${seed}`);
      assert.strictEqual(b.status, "optimal", `seed ${seed}`);
      assert.ok(Math.abs(a.objective - b.objective) <= 1e-6, `seed ${seed}: ${a.objective} whole, ${b.objective} pruned`);
      if (less.model.numCols < full.model.numCols) pruned++;
    }
    assert.ok(pruned >= 4, `only ${pruned} instances were pruned`);
  });

  it("prunes the ends of a link without traffic together when latency or a database ties them", async () => {
    // Without the network priced, components follow links; a 0 GiB link still binds its ends.
    const solver = new HighsSolver();
    const web = { replicas: 1, vcpu: 2, memoryGiB: 4, clouds: ["aws" as const], regions: ["us-east-1", "us-west-1"] };
    const cases: WorkloadSpec[] = [
      {
        services: { web, api: { replicas: 1, vcpu: 2, memoryGiB: 4, ports: [8080], clouds: ["gcp"], regions: ["us-west1", "us-east4"] } },
        links: [{ from: "web", to: "api", monthlyGiB: 0, maxRttMs: 30 }],
      },
      {
        services: { web },
        databases: { orders: { engine: "postgres", vcpu: 2, memoryGiB: 8, storageGiB: 100, clouds: ["aws"], regions: ["us-west-1"] } },
        links: [{ from: "web", to: "orders", monthlyGiB: 0 }],
      },
    ];
    for (const raw of cases) {
      const s: NormalizedSpec = { ...validateSpec(raw, catalog), network: undefined };
      const c = buildCandidates(s, catalog);
      const a = await solver.solve(buildPlacementModel(s, catalog, c, { prune: false }).model, { timeLimitSec: 30, relativeGap: 0 });
      const b = await solver.solve(buildPlacementModel(s, catalog, c).model, { timeLimitSec: 30, relativeGap: 0 });
      assert.strictEqual(a.status, "optimal");
      assert.strictEqual(b.status, "optimal", Object.keys(raw.services ?? {}).join(", "));
      assert.ok(Math.abs(a.objective - b.objective) <= 1e-6, `${a.objective} whole, ${b.objective} pruned`);
    }
  });

  it("stops at its deadline with a plan and an honest status, or with a typed error", async () => {
    const base = randomSpec(8, { services: 40, buckets: 4, links: 30, maxReplicas: 6, regionsPerWorkload: 1 });
    const s: NormalizedSpec = { ...base, services: base.services.map((x) => ({ ...x, regions: [] })), buckets: base.buckets.map((x) => ({ ...x, regions: [] })) };
    let r;
    try {
      r = await optimize(s, catalog, { timeLimitSec: 0.2, explain: false });
    } catch (e) {
      assert.ok(e instanceof SolverError || e instanceof PlacementInfeasibleError, String(e));
      if (e instanceof SolverError) assert.match(e.message, /found no plan within the time limit of 0\.2 s/);
      return;
    }
    assertSound(s, r);
    if (r.report.status === "optimal") assert.ok(r.report.gap <= 1e-4 + 1e-9, JSON.stringify(r.report));
    else assert.ok(r.report.gap > 0 || Number.isNaN(r.report.gap), JSON.stringify(r.report));
  });

  it("sorts services and buckets by name and groups by cloud, region and instance type", async () => {
    const s = randomSpec(24, MEDIUM);
    const r = (await solveOrInfeasible(s, "highs"))!;
    assert.deepStrictEqual(Object.keys(r.plan.services), [...Object.keys(r.plan.services)].sort());
    assert.deepStrictEqual(Object.keys(r.plan.buckets), [...Object.keys(r.plan.buckets)].sort());
    for (const p of Object.values(r.plan.services)) {
      const keys = p.groups.map((g) => `${g.cloud}\u0000${g.region}\u0000${g.instanceType}`);
      assert.deepStrictEqual(keys, [...keys].sort());
    }
  });
});

describe("optimizer properties from previous plans that may no longer fit", () => {
  it("returns sound plans whose objective is their cost plus every reported move's migration", async () => {
    let checked = 0;
    let forced = 0;
    for (let seed = 70; seed < 82; seed++) {
      const s = randomSpec(seed, MEDIUM);
      const previous = randomPrevious(seed, s, catalog);
      let r: PlacementResult;
      try {
        r = await optimize(s, catalog, { previous, explain: false });
      } catch (e) {
        assert.ok(e instanceof PlacementInfeasibleError, String(e));
        continue;
      }
      assertSound(s, r, r.moves.reduce((n, m) => n + m.migrationUSD, 0));
      // Exactly the workloads whose replicas left their region or type are reported.
      const expected = [
        ...s.services.filter((x) => previous.services[x.name] && movedReplicas(x.replicas, previous.services[x.name].groups, r.plan.services[x.name].groups) > 0).map((x) => x.name),
        ...s.buckets.filter((b) => previous.buckets[b.name] && JSON.stringify(previous.buckets[b.name]) !== JSON.stringify(r.plan.buckets[b.name])).map((b) => b.name),
      ];
      assert.deepStrictEqual(r.moves.map((m) => m.workload), expected, `seed ${seed}`);
      for (const m of r.moves) {
        assert.ok(m.forced >= 0 && m.forced <= m.moved, `seed ${seed} ${m.workload}: ${m.forced} of ${m.moved}`);
        assert.strictEqual(m.reasons.length > 0, m.forced > 0, `seed ${seed} ${m.workload}: ${m.reasons.join("; ")}`);
        // A move by choice pays: what it saves beats what the part moved by choice costs to move.
        if (m.forced === 0) assert.ok(m.savingUSD >= m.migrationUSD - 0.01 - 1e-4 * r.cost.total, `seed ${seed} ${m.workload}: saves ${m.savingUSD}, costs ${m.migrationUSD}`);
        forced += m.forced > 0 ? 1 : 0;
      }
      checked++;
    }
    assert.ok(checked >= 8 && forced >= 3, `checked ${checked}, forced moves in ${forced}`);
  });
});

describe("optimizer holds, budgets and failures", () => {
  const s = spec({
    services: [service("api", { replicas: 2 }), service("db", { replicas: 1, vcpu: 4, memoryGiB: 16 })],
    buckets: [bucket("assets")],
    links: [{ from: "api", to: "db", toKind: "service", monthlyGiB: 1000, port: 5432 }],
  });

  it("holds a workload exactly where the hold puts it and places the others around it", async () => {
    const free = await optimize(s, catalog, { explain: false });
    const held: Plan = {
      services: { db: { groups: [{ cloud: "azure", region: "westeurope", instanceType: "Standard_D4s_v5", count: 1, spot: 0 }] } },
      buckets: {},
    };
    const r = await optimize(s, catalog, { explain: false, hold: held });
    assert.deepStrictEqual(r.plan.services.db, held.services.db);
    assertSound(s, r);
    assert.ok(r.cost.total >= free.cost.total);
  });

  it("returns the same plan when every workload is held where the optimum put it", async () => {
    const free = await optimize(s, catalog, { explain: false });
    const r = await optimize(s, catalog, { explain: false, hold: free.plan });
    assert.strictEqual(JSON.stringify(r.plan), JSON.stringify(free.plan));
    assert.strictEqual(r.cost.total, free.cost.total);
  });

  it("raises PlacementInfeasibleError when a held workload breaks the spec", async () => {
    const held: Plan = {
      services: { db: { groups: [{ cloud: "aws", region: "us-east-1", instanceType: "m7g.medium", count: 1, spot: 0 }] } },
      buckets: {},
    };
    await assert.rejects(optimize(s, catalog, { hold: held }), (e: unknown) => {
      assert.ok(e instanceof PlacementInfeasibleError);
      assert.match(e.message, /services\.db is held/);
      return true;
    });
  });

  it("returns the cheapest plan with the excess when it is over budget", async () => {
    const free = await optimize(s, catalog, { explain: false });
    const r = await optimize({ ...s, budgetUSD: 10 }, catalog, { explain: false });
    assert.deepStrictEqual(r.budget, { budgetUSD: 10, totalUSD: free.cost.total, excessUSD: Math.round((free.cost.total - 10) * 100) / 100 });
    const within = await optimize({ ...s, budgetUSD: 1e6 }, catalog, { explain: false });
    assert.strictEqual(within.budget!.excessUSD, 0);
  });

  it("wraps a solver failure in a SolverError that names the solver", async () => {
    const broken = spec({ services: [service("api", { diskGiB: Number.NaN })] });
    await assert.rejects(optimize(broken, catalog, { explain: false }), (e: unknown) => {
      assert.ok(e instanceof SolverError);
      assert.match(e.message, /^HiGHS failed on a model of \d+ variables/);
      return true;
    });
  });
});

describe("plan verification", () => {
  const s = spec({
    services: [service("api", { replicas: 2, residency: ["EU"], minClouds: 2, spotReplicas: 0 })],
    buckets: [bucket("logs", { residency: ["EU"] })],
    quotas: { "aws:eu-central-1": 2 },
    maxClouds: 1,
  });

  it("accepts nothing less than every constraint: it names each one a plan breaks", () => {
    const plan: Plan = {
      services: {
        api: {
          groups: [
            { cloud: "aws", region: "eu-central-1", instanceType: "m7g.large", count: 2, spot: 1 },
            { cloud: "aws", region: "us-east-1", instanceType: "m7g.large", count: 1, spot: 0 },
          ],
        },
      },
      buckets: { logs: { cloud: "gcp", region: "us-central1" } },
    };
    const v = verifyPlan(s, catalog, plan);
    const expect = [
      /us-east-1 .*breaks its residency EU/,
      /has 3 replicas, not the 2 required/,
      /runs 1 replicas on spot, more than its spotReplicas 0/,
      /has 3 replicas in aws, more than maxSharePerCloud 1 allows \(2\)/,
      /runs in 1 clouds, fewer than minClouds 2/,
      /buckets\.logs in gcp:us-central1: .*breaks its residency EU/,
      /Quota aws:eu-central-1: the plan uses 4 vCPUs, more than the quota of 2/,
      /uses 2 clouds \(aws, gcp\), more than maxClouds 1/,
    ];
    for (const re of expect) assert.ok(v.some((x) => re.test(x)), `no violation matches ${re}: ${v.join(" | ")}`);
    assert.strictEqual(v.length, expect.length, v.join(" | "));
  });

  it("flags missing workloads, unknown offers and workloads the spec does not have", () => {
    const plan: Plan = {
      services: { ghost: { groups: [] }, api: { groups: [{ cloud: "aws", region: "eu-central-1", instanceType: "x9.huge", count: 2, spot: 0 }] } },
      buckets: {},
    };
    const v = verifyPlan(s, catalog, plan);
    assert.ok(v.some((x) => /x9\.huge: the price catalog has no such offer/.test(x)));
    assert.ok(v.includes("buckets.logs has no placement."));
    assert.ok(v.includes("services.ghost is placed but not in the spec."));
  });
});
