import * as assert from "assert";
import { generateSpec } from "../../bench/generate";
import { buildCandidates } from "../../optimizer/candidates";
import { capacityModel } from "../../optimizer/capacity-bound";
import { latencyReach } from "../../optimizer/ilp-latency";
import { loadCatalog } from "../../optimizer/catalog";
import { servicePairs, solveDecomposed } from "../../optimizer/decompose";
import { evaluatePlan } from "../../optimizer/evaluate";
import { cheapestOfferBaseline } from "../../optimizer/baselines";
import { GROUP_SIZE, linkGroups, SITE_SEC, sites, solveByGroups } from "../../optimizer/groups";
import { HighsSolver } from "../../optimizer/solvers/highs";
import type { SparseModel } from "../../optimizer/solvers/types";
import { DEFAULT_NETWORK_COSTS, type NormalizedSpec } from "../../optimizer/spec";
import { validateSpec } from "../../optimizer/validate";
import { verifyPlan } from "../../optimizer/verify";
import { optimize } from "../../optimizer/optimize";
import { fixedCosts } from "../../optimizer/network/costs";
import { networkRoles, presenceCost } from "../../optimizer/ilp-network";
import { assertSameBound, bruteForce, bucket, enumerationSize, link, pinnedReadersSpec, randomSpec, service, spec } from "./random";

const catalog = loadCatalog();
const SIZE = { services: 3, buckets: 1, links: 3, maxReplicas: 2, regionsPerWorkload: 2, network: true, latency: true };
const SEEDS = [521, 522, 523, 524, 533, 534, 539, 542, 543, 544];
const MIGRATION = { fixedPerReplicaUSD: 50, egressMonths: 1 };

const optimizePlan = async (s: NormalizedSpec) => (await optimize(s, catalog, { explain: false, relativeGap: 0 })).plan;
const names = (s: NormalizedSpec) => [...s.services.map((x) => x.name), ...s.buckets.map((x) => x.name)];
/** The shapes (columns x rows) the capacity model per area may have in a run: with or without 12.multi's gateways, and 12.cross and 12.multi by area. */
const perAreaShapes = (s: NormalizedSpec, c: ReturnType<typeof buildCandidates>) =>
  [true, false].flatMap((multiCloudGateways) => [true, false].map((crossCuts) => capacityModel(s, catalog, c, undefined, "areas", undefined, { multiCloudGateways, crossCuts }).model)).map((m) => `${m.numCols}x${m.numRows}`);

describe("placement group by group (optimizer/groups.ts) and the capacity bound (optimizer/capacity-bound.ts)", () => {
  const solver = new HighsSolver();
  after(() => solver.dispose());
  const run = (m: Parameters<HighsSolver["solve"]>[0], o: Parameters<HighsSolver["solve"]>[1]) => solver.solve(m, o);

  it("cuts a spec into groups of at most GROUP_SIZE that hold every workload once, the same way every time", () => {
    const spec = validateSpec(generateSpec(catalog, { services: 60, seed: 3 }), catalog);
    const groups = linkGroups(spec);
    const all = groups.flat();
    assert.deepStrictEqual([...all].sort(), names(spec).sort());
    assert.strictEqual(new Set(all).size, all.length, "a workload in two groups");
    for (const g of groups) assert.ok(g.length >= 1 && g.length <= GROUP_SIZE, `group of ${g.length}`);
    assert.deepStrictEqual(linkGroups(spec), groups);
    // Links whose ends must share a continent are joined first: most of them end within a group.
    const groupOf = new Map(groups.flatMap((g, i) => g.map((n) => [n, i] as const)));
    const tight = spec.links.filter((l) => l.latency?.kind === "continent");
    const inside = tight.filter((l) => groupOf.get(l.from) === groupOf.get(l.to)).length;
    assert.ok(inside >= 0.8 * tight.length, `${inside} of ${tight.length} same-continent links within a group`);
  });

  it("bounds every oracle instance by no more than its enumerated optimum (capacity relaxation)", async () => {
    let compared = 0;
    for (const seed of SEEDS) {
      const s = randomSpec(seed, SIZE);
      assert.ok(enumerationSize(s, catalog) <= 50_000);
      const best = bruteForce(s, catalog);
      if (!best) continue;
      const out = await run(capacityModel(s, catalog, buildCandidates(s, catalog), undefined).model, { timeLimitSec: 30, relativeGap: 0 });
      assert.strictEqual(out.status, "optimal", `seed ${seed}`);
      assert.ok(out.objective > 0 && out.objective <= best.cost + 0.01, `seed ${seed}: capacity bound ${out.objective} vs optimum ${best.cost}`);
      compared++;
    }
    assert.ok(compared >= 6, `only ${compared} instances compared`);
  });

  it("bounds every oracle instance by no more than its enumerated optimum with presence per continent and per area (capacity MIP)", async () => {
    let compared = 0;
    for (const seed of SEEDS) {
      const s = randomSpec(seed, SIZE);
      const best = bruteForce(s, catalog);
      if (!best) continue;
      const c = buildCandidates(s, catalog);
      const lp = await run(capacityModel(s, catalog, c, undefined).model, { timeLimitSec: 30, relativeGap: 0 });
      const continents = await run(capacityModel(s, catalog, c, undefined, "continents").model, { timeLimitSec: 30, relativeGap: 0 });
      const areas = await run(capacityModel(s, catalog, c, undefined, "areas").model, { timeLimitSec: 30, relativeGap: 0 });
      const lean = capacityModel(s, catalog, c, undefined, "areas", undefined, { lean: true }).model;
      const leanLp = await run({ ...lean, integer: new Uint8Array(lean.numCols) }, { timeLimitSec: 30, relativeGap: 0 });
      for (const mip of [continents, areas, leanLp]) assert.strictEqual(mip.status, "optimal", `seed ${seed}`);
      assert.ok(areas.bound <= best.cost + 0.01, `seed ${seed}: area bound ${areas.bound} vs optimum ${best.cost}`);
      assert.ok(leanLp.objective <= best.cost + 0.01, `seed ${seed}: lean area LP ${leanLp.objective} vs optimum ${best.cost}`);
      assert.ok(areas.bound >= continents.bound - 0.01, `seed ${seed}: area bound ${areas.bound} below the continent bound ${continents.bound}`);
      assert.ok(continents.bound >= lp.objective - 0.01, `seed ${seed}: continent bound ${continents.bound} below the LP's ${lp.objective}`);
      compared++;
    }
    assert.ok(compared >= 6, `only ${compared} instances compared`);
  });

  it("raises the bound of a generated spec with presence per continent: network and same-continent links count", async () => {
    const spec = validateSpec(generateSpec(catalog, { services: 40, seed: 1 }), catalog);
    const c = buildCandidates(spec, catalog);
    const lp = await run(capacityModel(spec, catalog, c, undefined).model, { timeLimitSec: 30, relativeGap: 0 });
    const mip = await run(capacityModel(spec, catalog, c, undefined, "continents").model, { timeLimitSec: 60, relativeGap: 0 });
    assert.strictEqual(mip.status, "optimal");
    assert.ok(mip.bound > lp.objective + 1, `continent bound ${mip.bound}, LP ${lp.objective}`);
  });

  it("builds the capacity model per area lean, for an LP that must fit in little memory: fewer rows, a bound between the continent LP's and the whole model's", async () => {
    const spec = validateSpec(generateSpec(catalog, { services: 40, seed: 1 }), catalog);
    const c = buildCandidates(spec, catalog);
    const lp = async (m: SparseModel) => {
      const out = await run({ ...m, integer: new Uint8Array(m.numCols) }, { timeLimitSec: 30, relativeGap: 0 });
      assert.strictEqual(out.status, "optimal");
      return out.objective;
    };
    const whole = capacityModel(spec, catalog, c, undefined, "areas").model;
    const lean = capacityModel(spec, catalog, c, undefined, "areas", undefined, { lean: true }).model;
    // The networks' open, zone and ingress columns go with their rows; u[w,K] stays.
    assert.ok(lean.numCols < whole.numCols, `columns: lean ${lean.numCols}, whole ${whole.numCols}`);
    assert.ok(lean.numRows < whole.numRows * 0.8, `rows: lean ${lean.numRows}, whole ${whole.numRows}`);
    // Measured: lean $14,800.72, whole $15,197.06, the continent model's LP $14,322.99.
    const [l, w, k] = [await lp(lean), await lp(whole), await lp(capacityModel(spec, catalog, c, undefined, "continents").model)];
    assert.ok(l <= w + 0.01, `lean ${l} above the whole model's ${w}`);
    assert.ok(l > k + 100, `lean ${l} not above the continent LP's ${k}`);
    // What held workloads pay for their areas' networks stays, as a constant: with every workload
    // held, both models are that constant alone.
    const held = cheapestOfferBaseline(spec, catalog).plan;
    assert.ok(held, "the baseline places the spec");
    const [leanHeld, wholeHeld] = [{ lean: true }, {}].map((shape) => capacityModel(spec, catalog, c, held, "areas", undefined, shape).model);
    const networkless = capacityModel({ ...spec, network: undefined }, catalog, c, held, "areas").model;
    assert.ok(wholeHeld.offset > networkless.offset + 100, `held networks: ${wholeHeld.offset} vs ${networkless.offset} without them`);
    assert.ok(Math.abs(leanHeld.offset - wholeHeld.offset) < 1e-6, `lean ${leanHeld.offset}, whole ${wholeHeld.offset}`);
  });

  it("keeps a bucket on its readers' continent and a service near its round-trip peers in the capacity MIP", async () => {
    // web's users in Germany keep it in Europe. Its bucket is cheapest in Virginia, cron too,
    // and neither is ruled out there region by region (web may run in Virginia too): only the
    // links tie them to web's continent (the bucket's, with no maxRttMs) and within 30 ms (cron's).
    const input = (bucketRtt: number | undefined, cronRtt: number) => ({
      services: {
        web: { replicas: 2, vcpu: 2, memoryGiB: 8, regions: ["us-east-1", "eu-central-1"], clouds: ["aws"], latency: { maxRttMs: 30, from: ["DE"] } },
        cron: { replicas: 8, vcpu: 2, memoryGiB: 8, regions: ["us-east-1", "eu-central-1"], clouds: ["aws"] },
      },
      buckets: { data: { storageGiB: 100_000, regions: ["us-east-1", "eu-central-1"], clouds: ["aws"] } },
      links: [
        { from: "web", to: "data", monthlyGiB: 1, ...(bucketRtt ? { maxRttMs: bucketRtt } : {}) },
        { from: "cron", to: "web", monthlyGiB: 1, maxRttMs: cronRtt },
      ],
    });
    const tied = validateSpec(input(undefined, 30), catalog);
    const cost = evaluatePlan(tied, await optimizePlan(tied), catalog);
    for (const presence of ["continents", "areas"] as const) {
      const bound = async (spec: NormalizedSpec) => {
        const out = await run(capacityModel(spec, catalog, buildCandidates(spec, catalog), undefined, presence).model, { timeLimitSec: 30, relativeGap: 0 });
        assert.strictEqual(out.status, "optimal");
        return out.objective;
      };
      const b = await bound(tied);
      assert.ok(b <= cost.total + 0.01, `${presence}: bound ${b} above the optimum ${cost.total}`);
      // Loosen either link and the bound drops: the bucket to Virginia's storage price (~$150 less
      // for 100 TB), cron to Virginia's replicas (~$80 less, less a second network of ~$30).
      const bucketFree = await bound(validateSpec(input(1000, 30), catalog));
      const cronFree = await bound(validateSpec(input(undefined, 1000), catalog));
      assert.ok(bucketFree < b - 100, `${presence}: bucket's link: ${bucketFree} vs ${b}`);
      assert.ok(cronFree < b - 20, `${presence}: cron's link: ${cronFree} vs ${b}`);
    }
  });

  it("keeps, in the capacity model's linear relaxation already, a bucket's same-continent callers whole on the continent its readers' users pin it to", async () => {
    // web's users in Germany need a replica of web in Europe; web and cron read the bucket, which
    // links keep on their continent; cron is cheaper in Virginia. In any plan, the bucket is in
    // Europe and so is every replica of cron. By area alone, the LP split the bucket (half a
    // presence of web in Europe needed only half of it there) and ran half of cron in Virginia.
    const s = pinnedReadersSpec(catalog, { regions: ["us-east-1", "eu-central-1"], clouds: ["aws"] });
    const optimum = evaluatePlan(s, await optimizePlan(s), catalog).total;
    for (const presence of ["continents", "areas"] as const) {
      const cm = capacityModel(s, catalog, buildCandidates(s, catalog), undefined, presence);
      const lp = await run({ ...cm.model, integer: new Uint8Array(cm.model.numCols) }, { timeLimitSec: 30, relativeGap: 0 });
      assert.strictEqual(lp.status, "optimal");
      let abroad = 0;
      cm.columns.forEach((c, j) => {
        if (c && c.service === "cron" && !c.key.startsWith("aws:eu-")) abroad += lp.values[j];
      });
      assert.ok(abroad <= 1e-6, `${presence}: ${abroad} of cron's replicas outside Europe in the LP`);
      assert.ok(lp.objective <= optimum + 0.01, `${presence}: LP ${lp.objective} above the optimum ${optimum}`);
    }
  });

  it("counts in the capacity MIP the VPN that availability in two clouds forces, and stays below the optimum", async () => {
    // api must run in two clouds and calls db: whichever cloud db is in, one of api's regions is
    // connected to db's across clouds (tunnels and gateways, about $230 a month).
    const s = spec({
      services: [
        service("api", { replicas: 2, arch: "arm64", regions: ["eu-central-1", "westeurope", "europe-west4"], minClouds: 2, publicPorts: [443] }),
        service("db", { replicas: 1, vcpu: 2, memoryGiB: 8, regions: ["eu-central-1", "westeurope", "europe-west4"], ports: [5432] }),
      ],
      links: [link("api", "db", 10)],
      network: DEFAULT_NETWORK_COSTS,
    });
    const best = await optimize(s, catalog, { explain: false, relativeGap: 0 });
    const vpn = Object.values(best.cost.network!.pairs).reduce((a, b) => a + b, 0);
    assert.ok(vpn > 100, `the optimum's connections cost ${vpn}`);
    const out = await run(capacityModel(s, catalog, buildCandidates(s, catalog), undefined, "areas").model, { timeLimitSec: 30, relativeGap: 0 });
    assert.strictEqual(out.status, "optimal");
    assert.ok(out.bound <= best.cost.total + 0.01, `bound ${out.bound} above the optimum ${best.cost.total}`);
    assert.ok(out.bound > best.cost.total - vpn, `bound ${out.bound}: the connection (${vpn}) is not counted (optimum ${best.cost.total})`);
  });

  it("charges in the capacity MIP per area a VPN gateway wherever a service linked to one that must use two clouds runs (12.multi), and stays below the optimum", async () => {
    // web runs in azure in North America and in Europe; db must use two clouds and, its link to
    // web keeping each end on the other's continent, runs in azure in North America and in aws
    // in Europe. web's North American region is then connected to aws across the Atlantic: a
    // pair of areas the MIP prices no connection for, so only 12.multi charges that region's
    // VPN gateway (azure's is billed; aws's and gcp's cost nothing by themselves).
    const s = validateSpec(
      {
        services: {
          web: { replicas: 2, vcpu: 2, memoryGiB: 4, regions: ["eastus", "westeurope"], availability: { minRegions: 2 } },
          db: { replicas: 2, vcpu: 2, memoryGiB: 8, regions: ["eastus", "eu-central-1"], availability: { minClouds: 2 } },
        },
        links: [{ from: "web", to: "db", monthlyGiB: 10 }],
      },
      catalog,
    );
    const best = bruteForce(s, catalog)!;
    const net = evaluatePlan(s, best.plan, catalog).network!;
    assert.ok(Object.keys(net.pairs).some((p) => p.includes("azure:eastus") && p.includes("aws:")), `the optimum connects eastus to aws: ${JSON.stringify(net.pairs)}`);
    const fc = fixedCosts(catalog, s.network!);
    const out = await run(capacityModel(s, catalog, buildCandidates(s, catalog), undefined, "areas").model, { timeLimitSec: 30, relativeGap: 0 });
    assert.strictEqual(out.status, "optimal");
    assert.ok(out.bound <= best.cost + 0.01, `bound ${out.bound} above the optimum ${best.cost}`);
    // Measured: $1,016.59 of $1,152.15; without 12.multi $745.76, the gateway ($270.83) short.
    const gateway = fc.gateway("azure:eastus");
    assert.ok(gateway > 0 && best.cost - out.bound < gateway, `bound ${out.bound}: eastus's gateway (${gateway}) is not counted (optimum ${best.cost})`);
  });

  it("counts in the capacity MIP per area the traffic that leaves an area, and stays below the optimum", async () => {
    // api must run in two clouds and reads 20 TiB a month from a bucket that only gcp's
    // Netherlands region may hold: the replica outside gcp sends and receives half of it across
    // clouds (about $1,000 of the optimum's $1,192).
    const s = spec({
      services: [service("api", { replicas: 2, regions: ["eu-central-1", "europe-west4", "westeurope"], minClouds: 2 })],
      buckets: [bucket("data", { regions: ["europe-west4"], clouds: ["gcp"] })],
      links: [link("api", "data", 20_000, "bucket")],
      network: DEFAULT_NETWORK_COSTS,
    });
    const best = bruteForce(s, catalog)!;
    const traffic = evaluatePlan(s, best.plan, catalog).traffic;
    assert.ok(traffic > 0.5 * best.cost, `the optimum's traffic costs ${traffic} of ${best.cost}`);
    for (const presence of ["areas", "continents"] as const) {
      const out = await run(capacityModel(s, catalog, buildCandidates(s, catalog), undefined, presence).model, { timeLimitSec: 30, relativeGap: 0 });
      assert.strictEqual(out.status, "optimal");
      assert.ok(out.bound <= best.cost + 0.01, `${presence}: bound ${out.bound} above the optimum ${best.cost}`);
      // Per continent, two clouds share an area: traffic between them is not seen there.
      if (presence === "areas") assert.ok(out.bound > best.cost - 0.1 * traffic, `bound ${out.bound}: the traffic (${traffic}) is not counted (optimum ${best.cost})`);
      else assert.ok(out.bound < best.cost - traffic);
    }
  });

  it("keeps a region's quota in the capacity MIP per area, where its other regions share one column", async () => {
    // Virginia is cheaper than Montréal, both in aws's North America; a quota of 2 vCPUs in
    // Virginia and Ohio each (one replica) sends two of api's four replicas to Montréal.
    const s = (quotas: Record<string, number>) =>
      validateSpec(
        {
          services: { api: { replicas: 4, vcpu: 2, memoryGiB: 8, clouds: ["aws"], regions: ["us-east-1", "ca-central-1", "us-east-2"] } },
          global: { quotas },
        },
        catalog,
      );
    const bound = async (x: NormalizedSpec) => {
      const out = await run(capacityModel(x, catalog, buildCandidates(x, catalog), undefined, "areas").model, { timeLimitSec: 30, relativeGap: 0 });
      assert.strictEqual(out.status, "optimal");
      return out.bound;
    };
    const capped = s({ "aws:us-east-1": 2, "aws:us-east-2": 2 });
    const [free, held] = [await bound(s({})), await bound(capped)];
    const best = evaluatePlan(capped, await optimizePlan(capped), catalog).total;
    assert.ok(held > free + 10, `with the quota ${held}, without ${free}`);
    assert.ok(held <= best + 0.01, `bound ${held} above the optimum ${best}`);
  });

  it("keeps apart in the capacity MIP per area the regions near different users", async () => {
    // Users at both coasts within 30 ms: one replica in the east and one in the west, both in
    // aws's North America; a column standing for both coasts would meet neither user or both.
    const s = validateSpec(
      {
        services: { web: { replicas: 2, vcpu: 2, memoryGiB: 8, clouds: ["aws"], regions: ["us-east-1", "us-west-2"], latency: { maxRttMs: 30, from: ["aws:us-east-1", "aws:us-west-2"] } } },
      },
      catalog,
    );
    const best = evaluatePlan(s, await optimizePlan(s), catalog).total;
    const out = await run(capacityModel(s, catalog, buildCandidates(s, catalog), undefined, "areas").model, { timeLimitSec: 30, relativeGap: 0 });
    assert.strictEqual(out.status, "optimal");
    assert.ok(out.bound <= best + 0.01 && out.bound >= 0.75 * best, `bound ${out.bound}, optimum ${best}`);
  });

  it("charges a service that must run in two regions a second presence in the capacity MIP", async () => {
    const s = (minRegions: number) =>
      spec({
        services: [
          service("api", { replicas: 2, regions: ["eu-central-1", "eu-west-1", "eu-west-3"], clouds: ["aws"], minRegions, publicPorts: [443] }),
          service("db", { replicas: 1, vcpu: 2, memoryGiB: 8, regions: ["eu-central-1", "eu-west-1"], clouds: ["aws"], ports: [5432] }),
        ],
        links: [link("api", "db", 10)],
        network: DEFAULT_NETWORK_COSTS,
      });
    const bound = async (x: NormalizedSpec) => {
      const out = await run(capacityModel(x, catalog, buildCandidates(x, catalog), undefined, "areas").model, { timeLimitSec: 30, relativeGap: 0 });
      assert.strictEqual(out.status, "optimal");
      return out.bound;
    };
    const two = s(2);
    const fc = fixedCosts(catalog, two.network!);
    const presence = Math.min(...["eu-central-1", "eu-west-1", "eu-west-3"].map((r) => presenceCost(fc, networkRoles(two), "api", `aws:${r}`)));
    assert.ok(presence > 1, `api's cheapest presence ${presence}`);
    const [b1, b2] = [await bound(s(1)), await bound(two)];
    assert.ok(b2 >= b1 + presence - 0.01, `minRegions 2: ${b2}, 1: ${b1}, a presence ${presence}`);
    assert.ok(b2 <= evaluatePlan(two, await optimizePlan(two), catalog).total + 0.01);
  });

  it("keeps quotas and cloud shares in the capacity bound: it is higher than the replicas at their cheapest", async () => {
    const spec = validateSpec(generateSpec(catalog, { services: 40, seed: 1 }), catalog);
    const c = buildCandidates(spec, catalog);
    const free = await run(capacityModel({ ...spec, quotas: {}, services: spec.services.map((s) => ({ ...s, maxSharePerCloud: 1 })) }, catalog, c, undefined).model, { timeLimitSec: 30, relativeGap: 0 });
    const bound = await run(capacityModel(spec, catalog, c, undefined).model, { timeLimitSec: 30, relativeGap: 0 });
    assert.strictEqual(bound.status, "optimal");
    assert.ok(bound.objective > free.objective * 1.01, `with quotas and shares ${bound.objective}, without ${free.objective}`);
  });

  it("finds a verified plan no cheaper than the enumerated optimum on every feasible oracle instance", async () => {
    let compared = 0;
    for (const seed of SEEDS) {
      const s = randomSpec(seed, SIZE);
      const best = bruteForce(s, catalog);
      if (!best) continue;
      const out = await solveByGroups(s, catalog, buildCandidates(s, catalog), { relativeGap: 0, deadline: Date.now() + 60_000, ilp: { migration: MIGRATION }, run });
      assert.ok(out.plan, `seed ${seed}: ${out.failure}`);
      assert.deepStrictEqual(verifyPlan(s, catalog, out.plan), [], `seed ${seed}`);
      const cost = evaluatePlan(s, out.plan, catalog).total;
      assert.ok(Math.abs(cost - out.objective) <= 0.01, `seed ${seed}: objective ${out.objective} vs cost ${cost}`);
      assert.ok(cost >= best.cost - 0.01, `seed ${seed}: ${cost} below the optimum ${best.cost}`);
      compared++;
    }
    assert.ok(compared >= 6, `only ${compared} instances compared`);
  });

  it("solves each group to a gap of its own cost: the held workloads' cost is not in the solver's objective", async function () {
    this.timeout(120_000);
    const spec = validateSpec(generateSpec(catalog, { services: 30, seed: 4 }), catalog);
    const c = buildCandidates(spec, catalog);
    const offsets: number[] = [];
    const watch: typeof run = async (m, o) => {
      offsets.push(m.offset);
      return run(m, o);
    };
    const out = await solveByGroups(spec, catalog, c, { relativeGap: 0.005, deadline: Date.now() + 60_000, ilp: {}, run: watch, maxPasses: 1 });
    assert.ok(out.plan, out.failure);
    assert.ok(offsets.length > linkGroups(spec).length, `${offsets.length} models`);
    assert.deepStrictEqual(offsets.filter((x) => x !== 0), [], "a model was given the held workloads' cost");
    // The objective reported is still the whole plan's.
    assert.ok(Math.abs(evaluatePlan(spec, out.plan, catalog).total - out.objective) <= 0.01);
  });

  // Thirty services no link joins (three groups of ten, by name), each able to run in two aws
  // regions; with a quota, us-east-1 holds one group's vCPUs and no more.
  const unlinked = (quotas: Record<string, number> = {}) =>
    spec({
      services: Array.from({ length: 30 }, (_, i) => service(`s${String(i).padStart(2, "0")}`, { clouds: ["aws"], regions: ["us-east-1", "eu-central-1"] })),
      quotas,
    });
  const usedIn = (p: NonNullable<Awaited<ReturnType<typeof solveByGroups>>["plan"]>, key: string) =>
    Object.values(p.services)
      .flatMap((x) => x.groups)
      .filter((g) => `${g.cloud}:${g.region}` === key)
      .reduce((n, g) => n + catalog.offer(g.cloud, g.region, g.instanceType)!.vcpus * g.count, 0);

  it("constructs two groups no link joins at once, the same plan every time", async function () {
    this.timeout(120_000);
    const s = unlinked();
    assert.deepStrictEqual(linkGroups(s).map((g) => g.length), [10, 10, 10]);
    const c = buildCandidates(s, catalog);
    let running = 0;
    let most = 0;
    const watch: typeof run = async (m, o) => {
      most = Math.max(most, ++running);
      try {
        return await run(m, o);
      } finally {
        running--;
      }
    };
    const solve = () => solveByGroups(s, catalog, c, { relativeGap: 0.005, deadline: Date.now() + 60_000, ilp: {}, run: watch, maxPasses: 0 });
    const out = await solve();
    assert.ok(out.plan, out.failure);
    assert.strictEqual(most, 2, "the first two groups were not solved at once");
    assert.deepStrictEqual(verifyPlan(s, catalog, out.plan), []);
    // The last group is solved alone, holding the rest: its objective is the whole plan's.
    assert.ok(Math.abs(evaluatePlan(s, out.plan, catalog).total - out.objective) <= 0.01);
    assert.deepStrictEqual((await solve()).plan, out.plan);
  });

  it("solves the second of two groups again when together they would overdraw a quota", async function () {
    this.timeout(120_000);
    const free = unlinked();
    const c = buildCandidates(free, catalog);
    const settings = { relativeGap: 0.005, ilp: {}, run, maxPasses: 0 };
    // Unbounded, every group picks the cheaper region: each alone fits the quota set below.
    const open = await solveByGroups(free, catalog, c, { ...settings, deadline: Date.now() + 60_000 });
    assert.ok(open.plan, open.failure);
    const cheap = usedIn(open.plan, "aws:us-east-1") > 0 ? "aws:us-east-1" : "aws:eu-central-1";
    assert.strictEqual(usedIn(open.plan, cheap), 30 * 2 * 2);
    const tight = unlinked({ [cheap]: 40 });
    let models = 0;
    const count: typeof run = (m, o) => {
      models++;
      return run(m, o);
    };
    const out = await solveByGroups(tight, catalog, c, { ...settings, run: count, deadline: Date.now() + 60_000 });
    assert.ok(out.plan, out.failure);
    assert.deepStrictEqual(verifyPlan(tight, catalog, out.plan), []);
    assert.strictEqual(usedIn(out.plan, cheap), 40);
    // Three groups, and the second once more after the first was placed.
    assert.strictEqual(models, 4);
  });

  it("improves first the groups whose workloads cost most over their cheapest", async function () {
    this.timeout(120_000);
    // Twelve unlinked services: one group of ten, then one of two (linkGroups packs in name
    // order). All at their cheapest but s11, in its dearest region: its group is improved first.
    const names = Array.from({ length: 12 }, (_, i) => `s${String(i).padStart(2, "0")}`);
    const s = spec({ services: names.map((n) => service(n, { replicas: 2, vcpu: 2, memoryGiB: 4 })) });
    const c = buildCandidates(s, catalog);
    assert.deepStrictEqual(linkGroups(s).map((g) => g.length), [10, 2]);
    const start = cheapestOfferBaseline(s, catalog).plan!;
    const dear = [...c.services.get("s11")!].sort((a, b) => b.onDemand[0].onDemandHourlyUSD - a.onDemand[0].onDemandHourlyUSD)[0];
    const moved = { ...start, services: { ...start.services, s11: { groups: [{ cloud: dear.region.cloud, region: dear.region.region, instanceType: dear.onDemand[0].instanceType, count: 2, spot: 0 }] } } };
    assert.deepStrictEqual(verifyPlan(s, catalog, moved), []);
    // The models carry no names: the two services' group has the smaller one.
    const sizes: number[] = [];
    const watch = (m: Parameters<HighsSolver["solve"]>[0], o: Parameters<HighsSolver["solve"]>[1]) => {
      sizes.push(m.numCols);
      return solver.solve(m, o);
    };
    const out = await solveByGroups(s, catalog, c, { relativeGap: 0.005, deadline: Date.now() + 60_000, ilp: {}, run: watch, start: moved, maxPasses: 1, closeRegions: false });
    assert.ok(out.plan);
    assert.strictEqual(sizes.length, 2, `${sizes.length} models`);
    assert.ok(sizes[0] < sizes[1], `models of ${sizes.join(" then ")} columns`);
    assert.ok(out.objective < evaluatePlan(s, moved, catalog).total - 1, "s11 moved to a cheaper region");
  });

  it("closes a region that workloads of two groups keep open, which neither group alone can (sites)", async function () {
    this.timeout(120_000);
    // Twelve unlinked aws services, two groups (ten, then two). s00 and s11 may run in eu-west-1
    // or eu-north-1, where they cost $0.05 less each; the others only in eu-west-1. Started with
    // s00 and s11 in eu-north-1, each group alone keeps it there (the other pays for its
    // network); together they leave it and save its network ($38.54 a month).
    const pair = new Set(["s00", "s11"]);
    const names = Array.from({ length: 12 }, (_, i) => `s${String(i).padStart(2, "0")}`);
    const s = spec({
      services: names.map((n) => service(n, { clouds: ["aws"], regions: pair.has(n) ? ["eu-west-1", "eu-north-1"] : ["eu-west-1"] })),
      network: DEFAULT_NETWORK_COSTS,
    });
    const c = buildCandidates(s, catalog);
    assert.deepStrictEqual(linkGroups(s).map((g) => g.length), [10, 2]);
    const cheapest = (n: string, region: string) => {
      const r = c.services.get(n)!.find((x) => x.region.region === region)!;
      return { cloud: "aws" as const, region, instanceType: r.onDemand[0].instanceType, count: 2, spot: 0 };
    };
    const start = { services: Object.fromEntries(names.map((n) => [n, { groups: [cheapest(n, pair.has(n) ? "eu-north-1" : "eu-west-1")] }])), buckets: {} };
    assert.deepStrictEqual(verifyPlan(s, catalog, start), []);
    const before = evaluatePlan(s, start, catalog);
    const north = before.network!.regions["aws:eu-north-1"];
    assert.ok(north > 30, `eu-north-1's network costs ${north}`);
    for (const n of pair) assert.ok(evaluatePlan(s, { ...start, services: { ...start.services, [n]: { groups: [cheapest(n, "eu-west-1")] } } }, catalog).total > before.total);
    // The sites: eu-north-1's two workloads, then eu-west-1's ten (less network per workload);
    // none where a held workload is, or with more than two groups' worth of workloads.
    const west = names.filter((n) => !pair.has(n));
    assert.deepStrictEqual(sites(s, catalog, start, new Set()), [["s00", "s11"], west]);
    assert.deepStrictEqual(sites(s, catalog, start, new Set(["s11"])), [west]);
    const many = spec({ ...s, services: Array.from({ length: 2 * GROUP_SIZE + 1 }, (_, i) => service(`t${String(i).padStart(2, "0")}`, { clouds: ["aws"], regions: ["eu-west-1"] })) });
    const crowded = { services: Object.fromEntries(many.services.map((x) => [x.name, { groups: [cheapest("s01", "eu-west-1")] }])), buckets: {} };
    assert.deepStrictEqual(sites(many, catalog, crowded, new Set()), []);
    // Regions closed without a solver first close eu-north-1 too, with no model solved: a pass
    // over the groups then moves nothing.
    let models = 0;
    const closing = await solveByGroups(s, catalog, c, { relativeGap: 0, ilp: {}, run: (m, o) => (models++, run(m, o)), start, deadline: Date.now() + 60_000, maxPasses: 0 });
    assert.strictEqual(models, 0);
    for (const n of names) assert.deepStrictEqual(closing.plan!.services[n].groups.map((g) => g.region), ["eu-west-1"], n);
    assert.ok(Math.abs(evaluatePlan(s, closing.plan!, catalog).total - closing.objective) <= 0.01, `${closing.objective}`);
    const settings = { relativeGap: 0, ilp: {}, run, start, closeRegions: false };
    // Without them: one pass over the groups moves nothing; the sites that follow close eu-north-1.
    const groupsOnly = await solveByGroups(s, catalog, c, { ...settings, deadline: Date.now() + 60_000, maxPasses: 1 });
    assert.deepStrictEqual(groupsOnly.plan, start);
    const limits: number[] = [];
    const columns: number[] = [];
    const watch: typeof run = (m, o) => (limits.push(o.timeLimitSec), columns.push(m.numCols), run(m, o));
    const out = await solveByGroups(s, catalog, c, { ...settings, run: watch, deadline: Date.now() + 60_000, maxPasses: 2 });
    assert.ok(out.plan);
    // Two groups with a group's share of the time each, then two sites with SITE_SEC each.
    assert.strictEqual(limits.length, 4);
    assert.ok(limits.slice(0, 2).every((x) => x > SITE_SEC) && limits.slice(2).every((x) => x === SITE_SEC), limits.join(", "));
    // eu-west-1's site is its workloads once eu-north-1's have moved in: all twelve, more
    // columns than the first group's ten (the ten listed when the pass began would have fewer).
    assert.ok(columns[3] > columns[0], columns.join(", "));
    assert.deepStrictEqual(verifyPlan(s, catalog, out.plan), []);
    for (const n of names) assert.deepStrictEqual(out.plan.services[n].groups.map((g) => g.region), ["eu-west-1"], n);
    // It costs what the start does with both in eu-west-1: less by eu-north-1's network, more by
    // their two price differences.
    const bothWest = { ...start, services: { ...start.services, s00: { groups: [cheapest("s00", "eu-west-1")] }, s11: { groups: [cheapest("s11", "eu-west-1")] } } };
    const after = evaluatePlan(s, out.plan, catalog);
    assert.ok(Math.abs(after.total - evaluatePlan(s, bothWest, catalog).total) <= 0.01, `${after.total}`);
    assert.ok(after.total < before.total - north / 2, `${after.total} against ${before.total} less ${north}`);
    assert.ok(Math.abs(after.total - out.objective) <= 0.01);
    // A quick start begins with the sites: one pass closes eu-north-1.
    const quick = await solveByGroups(s, catalog, c, { relativeGap: 0, ilp: {}, run, deadline: Date.now() + 60_000, quickStart: () => [{ plan: start, repair: [] }], quickStartGroupSec: Infinity, maxPasses: 1, closeRegions: false });
    assert.deepStrictEqual(quick.plan, out.plan);
    assert.deepStrictEqual(closing.plan, out.plan);
  });

  it("improves a quick plan in place of a construction when too little time per group is left, and prices it", async function () {
    this.timeout(120_000);
    const s = validateSpec(generateSpec(catalog, { services: 30, seed: 4 }), catalog);
    const c = buildCandidates(s, catalog);
    const quick = cheapestOfferBaseline(s, catalog);
    assert.ok(quick.plan && quick.cost, quick.note);
    let asked = 0;
    const quickStart = () => {
      asked++;
      return [{ plan: quick.plan!, repair: [] }];
    };
    // Under 0.9 s a group: the quick plan, improved with the time there is (none here: the
    // deadline is now).
    const hurried = await solveByGroups(s, catalog, c, { relativeGap: 0.005, deadline: Date.now(), ilp: {}, run, quickStart });
    assert.strictEqual(asked, 1);
    assert.deepStrictEqual(hurried.plan, quick.plan);
    assert.ok(Math.abs(hurried.objective - quick.cost.total) <= 0.01, `${hurried.objective} against ${quick.cost.total}`);
    // With time but no improvement pass: the quick plan (not priced by any model) with its
    // regions closed, priced at the end.
    const closed = await solveByGroups(s, catalog, c, { relativeGap: 0.005, deadline: Date.now() + 8_000, ilp: {}, run, quickStart: () => [{ plan: quick.plan!, repair: [] }], quickStartGroupSec: Infinity, maxPasses: 0 });
    assert.ok(closed.plan);
    assert.deepStrictEqual(verifyPlan(s, catalog, closed.plan), []);
    assert.ok(closed.objective < quick.cost.total - 1, `${closed.objective} against ${quick.cost.total}`);
    assert.ok(Math.abs(evaluatePlan(s, closed.plan, catalog).total - closed.objective) <= 0.01, `${closed.objective}`);
    // With a few seconds (and a quick start asked for whatever the time per group), the
    // improvement (from a quick start, the sites first) moves what gets cheaper.
    const improved = await solveByGroups(s, catalog, c, { relativeGap: 0.005, deadline: Date.now() + 8_000, ilp: {}, run, quickStart: () => [{ plan: quick.plan!, repair: [] }], quickStartGroupSec: Infinity, maxPasses: 1 });
    assert.ok(improved.plan);
    assert.deepStrictEqual(verifyPlan(s, catalog, improved.plan), []);
    assert.ok(improved.objective < quick.cost.total - 1, `${improved.objective} against ${quick.cost.total}`);
    assert.ok(Math.abs(evaluatePlan(s, improved.plan, catalog).total - improved.objective) <= 0.01);
    // With time enough per group, a construction, and the quick plan is never made.
    const constructed = await solveByGroups(s, catalog, c, { relativeGap: 0.005, deadline: Date.now() + 60_000, ilp: {}, run, quickStart, maxPasses: 0 });
    assert.ok(constructed.plan, constructed.failure);
    assert.strictEqual(asked, 1);
  });

  it("gives no improvement model time past the deadline, however long the models before it took", async function () {
    this.timeout(120_000);
    const s = validateSpec(generateSpec(catalog, { services: 30, seed: 4 }), catalog);
    const c = buildCandidates(s, catalog);
    const start = cheapestOfferBaseline(s, catalog);
    assert.ok(start.plan, start.note);
    // Every model runs to its time limit and ends with no plan (a machine too slow for its share),
    // so each step tries its wider model too, and the steps run into the deadline.
    const deadline = Date.now() + 3_000;
    const calls: { limit: number; left: number }[] = [];
    const slow: typeof run = async (_m, o) => {
      calls.push({ limit: o.timeLimitSec, left: (deadline - Date.now()) / 1000 });
      await new Promise((resolve) => setTimeout(resolve, o.timeLimitSec * 1000));
      return { status: "time_limit", objective: NaN, bound: NaN, values: new Float64Array(0) };
    };
    const out = await solveByGroups(s, catalog, c, { relativeGap: 0.005, deadline, ilp: {}, run: slow, start: start.plan, closeRegions: false });
    assert.deepStrictEqual(out.plan, start.plan);
    assert.ok(calls.length >= 2, `${calls.length} models`);
    // Each model's limit is within the time left when it is solved, its build done: the share
    // reckoned before the build (or a step's first model) would reach past it.
    for (const [i, x] of calls.entries()) assert.ok(x.limit <= x.left + 0.002, `model ${i}: limit ${x.limit} s with ${x.left} s left`);
  });

  it("gives a group model that ran out of time more time before giving up (a slow or busy machine)", async function () {
    this.timeout(300_000);
    const spec = validateSpec(generateSpec(catalog, { services: 60, seed: 3 }), catalog);
    assert.ok(linkGroups(spec).length >= 8);
    // Every model given the first group's share (its own regions, then all of them; and those of
    // the groups solved alongside it) ends at its time limit with no plan, as HiGHS does when the
    // machine is too slow for a group's share, until a model gets more time; from then on every
    // model is solved as usual.
    const limits: number[] = [];
    let solved = -1;
    const slow: typeof run = async (m, o) => {
      limits.push(o.timeLimitSec);
      if (solved < 0 && o.timeLimitSec <= limits[0]) return { status: "time_limit", objective: NaN, bound: NaN, values: new Float64Array(0) };
      if (solved < 0) solved = limits.length - 1;
      return run(m, o);
    };
    const c = buildCandidates(spec, catalog);
    const out = await solveByGroups(spec, catalog, c, { relativeGap: 0.05, deadline: Date.now() + 240_000, ilp: { migration: MIGRATION }, run: slow, maxPasses: 0 });
    assert.ok(out.plan, `no plan: ${out.failure}`);
    assert.deepStrictEqual(verifyPlan(spec, catalog, out.plan), []);
    // The first model solved after those is the first group's again, with more time.
    assert.ok(solved >= 2 && limits[solved] > limits[0], `time limits ${limits.slice(0, 6).join(", ")}`);
  });

  it("keeps the plan and the first bound when the capacity MIP per area fails alongside the groups", async function () {
    this.timeout(120_000);
    const spec = validateSpec(generateSpec(catalog, { services: 12, seed: 2 }), catalog);
    const c = buildCandidates(spec, catalog);
    // The MIP per area alongside the groups fails (and the continent LP alongside the continent
    // MIP, which only backs that MIP up).
    const shapes = perAreaShapes(spec, c);
    const continents = capacityModel(spec, catalog, c, undefined, "continents").model;
    const beside = (m: SparseModel) => shapes.includes(`${m.numCols}x${m.numRows}`) || (m.numRows === continents.numRows && m.integer.every((x) => x === 0));
    const failing: typeof run = (m, o) => (beside(m) ? Promise.reject(new Error("the solver crashed")) : run(m, o));
    const d = await solveDecomposed(spec, catalog, c, { relativeGap: 0.001, timeLimitSec: 20, ilp: {}, run: failing, stagesUpToPairs: 10 });
    assert.strictEqual(d.status, "feasible", JSON.stringify(d.groups));
    assert.ok(d.plan && d.capacity && Number.isFinite(d.capacity.bound));
    assert.strictEqual(d.areas, undefined);
    assertSameBound(d.bound, Math.min(d.capacity.bound, d.objective));
  });

  it("lets the continent MIP run on beside the groups when it outlasts the capacity stage's limit", async function () {
    this.timeout(120_000);
    const spec = validateSpec(generateSpec(catalog, { services: 12, seed: 1 }), catalog);
    const c = buildCandidates(spec, catalog);
    const continents = capacityModel(spec, catalog, c, undefined, "continents").model;
    const isMip = (m: SparseModel) => m.numRows === continents.numRows && m.integer.some((x) => x === 1);
    // Its optimum ($8,820) is well above its LP's ($8,092): the bound tells which one counted.
    const optimum = await run(continents, { timeLimitSec: 30, relativeGap: 0 });
    const lp = await run({ ...continents, integer: new Uint8Array(continents.numCols) }, { timeLimitSec: 30, relativeGap: 0 });
    // The continent MIP answers 6 s late, past the stage's limit of a fifth of the 20 s.
    let begun = 0;
    const slow: typeof run = async (m, o) => {
      if (!isMip(m)) return run(m, o);
      begun++;
      const out = await run(m, o);
      await new Promise((r) => setTimeout(r, 6000));
      return out;
    };
    const d = await solveDecomposed(spec, catalog, c, { relativeGap: 0.001, timeLimitSec: 20, ilp: {}, run: slow, stagesUpToPairs: 10 });
    assert.strictEqual(d.status, "feasible", JSON.stringify(d.groups));
    assert.strictEqual(begun, 1, "begun once, not again beside the groups");
    assert.ok(d.capacity && d.capacity.ms < 5500, `the stage went on without it: ${d.capacity?.ms} ms`);
    assert.ok(d.capacity.bound > lp.objective + 100 && d.capacity.bound <= optimum.bound + 0.01, `continent bound ${d.capacity.bound}, its MIP's ${optimum.bound}, its LP's ${lp.objective}`);
  });

  it("bounds and guides from the continent MIP's linear relaxation when the MIP finds no solution in time", async function () {
    this.timeout(120_000);
    const spec = validateSpec(generateSpec(catalog, { services: 12, seed: 2 }), catalog);
    const c = buildCandidates(spec, catalog);
    // The first solve is the continent MIP (its LP is solved alongside it): it runs out of time
    // with nothing to show.
    let calls = 0;
    const late: typeof run = (m, o) => (calls++ === 0 ? Promise.resolve({ status: "no_solution", objective: NaN, bound: NaN, values: new Float64Array(0) }) : run(m, o));
    const d = await solveDecomposed(spec, catalog, c, { relativeGap: 0.001, timeLimitSec: 20, ilp: {}, run: late, stagesUpToPairs: 10 });
    assert.strictEqual(d.status, "feasible", JSON.stringify(d.groups));
    assert.ok(d.capacity && Number.isFinite(d.capacity.bound), `continent bound ${d.capacity?.bound}`);
    const mip = capacityModel(spec, catalog, c, undefined, "continents").model;
    const lp = await run({ ...mip, integer: new Uint8Array(mip.numCols) }, { timeLimitSec: 30, relativeGap: 0 });
    assert.ok(Math.abs(d.capacity.bound - lp.objective) <= 0.01, `continent bound ${d.capacity.bound}, its LP ${lp.objective}`);
    assert.ok(d.bound <= d.objective + 0.01);
  });

  it("begins the continent MIP after its LP, beside the groups, when its limit is shorter than its root is expected to take", async function () {
    this.timeout(120_000);
    const spec = validateSpec(generateSpec(catalog, { services: 12, seed: 2 }), catalog);
    const c = buildCandidates(spec, catalog);
    const mip = capacityModel(spec, catalog, c, undefined, "continents").model;
    const solved: { rows: number; integer: boolean }[] = [];
    let later: Awaited<ReturnType<typeof run>> | undefined;
    let lpEnded = Infinity;
    let mipBegun = -Infinity;
    const record: typeof run = async (m, o) => {
      const integer = m.integer.some((x) => x === 1);
      const ours = m.numRows === mip.numRows;
      solved.push({ rows: m.numRows, integer });
      if (ours && integer) mipBegun = Date.now();
      const out = await run(m, o);
      if (ours && integer) later = out;
      if (ours && !integer) lpEnded = Date.now();
      return out;
    };
    const capacitySolves = () => solved.filter((x) => x.rows === mip.numRows).map((x) => x.integer);
    // An expected root of a second per nonzero: no share of a 20 s limit covers it.
    const d = await solveDecomposed(spec, catalog, c, { relativeGap: 0.001, timeLimitSec: 20, ilp: {}, run: record, stagesUpToPairs: 10, mipRootSecPerNonzero: 1 });
    assert.strictEqual(d.status, "feasible", JSON.stringify(d.groups));
    assert.ok(d.plan);
    assert.deepStrictEqual(verifyPlan(spec, catalog, d.plan), []);
    // The LP first and alone; the MIP once it ended.
    assert.deepStrictEqual(capacitySolves(), [false, true]);
    assert.ok(mipBegun >= lpEnded, "the MIP was begun after the LP ended");
    assert.ok(solved.length > 2, "the groups' models were solved");
    const lp = await run({ ...mip, integer: new Uint8Array(mip.numCols) }, { timeLimitSec: 30, relativeGap: 0 });
    assert.ok(later, "the later MIP ended");
    const best = Number.isFinite(later.bound) ? Math.max(lp.objective, later.bound) : lp.objective;
    assert.ok(d.capacity && Math.abs(d.capacity.bound - best) <= 0.01, `continent bound ${d.capacity?.bound}, its LP ${lp.objective}, its MIP ${later.bound}`);
    assert.ok(d.bound <= d.objective + 0.01);
    // With the default, the MIP runs beside its LP.
    solved.length = 0;
    await solveDecomposed(spec, catalog, c, { relativeGap: 0.001, timeLimitSec: 20, ilp: {}, run: record, stagesUpToPairs: 10 });
    assert.deepStrictEqual(capacitySolves(), [true, false]);
  });

  it("counts the later continent MIP's bound when it is above its LP's", async function () {
    this.timeout(120_000);
    const spec = validateSpec(generateSpec(catalog, { services: 12, seed: 2 }), catalog);
    const c = buildCandidates(spec, catalog);
    const mip = capacityModel(spec, catalog, c, undefined, "continents").model;
    const lp = await run({ ...mip, integer: new Uint8Array(mip.numCols) }, { timeLimitSec: 30, relativeGap: 0 });
    // The later MIP stops with a bound a dollar above its LP's and no plan (as when the groups end first).
    const stopped: typeof run = (m, o) =>
      m.numRows === mip.numRows && m.integer.some((x) => x === 1) ? Promise.resolve({ status: "no_solution", objective: NaN, bound: lp.objective + 1, values: new Float64Array(0) }) : run(m, o);
    const d = await solveDecomposed(spec, catalog, c, { relativeGap: 0.001, timeLimitSec: 20, ilp: {}, run: stopped, stagesUpToPairs: 10, mipRootSecPerNonzero: 1 });
    assert.strictEqual(d.status, "feasible", JSON.stringify(d.groups));
    assert.ok(d.capacity && Math.abs(d.capacity.bound - (lp.objective + 1)) <= 0.01, `continent bound ${d.capacity?.bound}, its LP ${lp.objective}`);
    assert.ok(d.objective >= lp.objective + 1 - 0.01 && d.bound <= d.objective + 0.01);
  });

  it("solves the capacity model per area as its time allows: not at all, its LP alone, or its MIP", async function () {
    this.timeout(300_000);
    const spec = validateSpec(generateSpec(catalog, { services: 12, seed: 2 }), catalog);
    const c = buildCandidates(spec, catalog);
    const areas = capacityModel(spec, catalog, c, undefined, "areas").model;
    const shapes = perAreaShapes(spec, c);
    const lp = await run({ ...areas, integer: new Uint8Array(areas.numCols) }, { timeLimitSec: 30, relativeGap: 0 });
    assert.strictEqual(lp.status, "optimal");
    // Each solve in order: whether it was the model per area (with or without 12.multi's
    // gateways, 12.cross and 12.multi by area), and as an LP or a MIP.
    const solves: ("lp" | "mip" | "other")[] = [];
    const record: typeof run = (m, o) => {
      const perArea = shapes.includes(`${m.numCols}x${m.numRows}`);
      solves.push(!perArea ? "other" : m.integer.some((x) => x === 1) ? "mip" : "lp");
      return run(m, o);
    };
    const solve = (lp: number, mip: number, stagesUpToPairs: number) => {
      solves.length = 0;
      return solveDecomposed(spec, catalog, c, { relativeGap: 0.001, timeLimitSec: 15, ilp: {}, run: record, stagesUpToPairs, areaSecPerNonzero: { lp, mip } });
    };
    // Not even time for its LP (a second per nonzero): never built.
    let d = await solve(1, 2, 10);
    assert.strictEqual(d.status, "feasible", JSON.stringify(d.groups));
    assert.strictEqual(d.areas, undefined);
    assert.ok(!solves.includes("lp") && !solves.includes("mip"), solves.join(","));
    // Time for its LP but not its MIP's root: the LP alone, after construction, its optimum the bound.
    d = await solve(0, 1, 10);
    assert.ok(d.areas?.linear, JSON.stringify(d.areas));
    assert.deepStrictEqual(solves.filter((x) => x !== "other"), ["lp"]);
    assert.ok(solves.indexOf("lp") > 2, "after the capacity stage and construction");
    assert.ok(Math.abs(d.areas.bound - lp.objective) <= 0.01, `${d.areas.bound} vs its LP ${lp.objective}`);
    assert.ok(d.bound >= d.areas.bound - 0.01 || d.bound === d.objective);
    // Time for its MIP's root: its MIP alone, run for its bound (SolveOptions.forBound), whose
    // bound is at least its LP's.
    const forBound: boolean[] = [];
    const watch: typeof run = (m, o) => (shapes.includes(`${m.numCols}x${m.numRows}`) && forBound.push(o.forBound === true), record(m, o));
    solves.length = 0;
    d = await solveDecomposed(spec, catalog, c, { relativeGap: 0.001, timeLimitSec: 15, ilp: {}, run: watch, stagesUpToPairs: 10, areaSecPerNonzero: { lp: 0, mip: 0 } });
    assert.deepStrictEqual(solves.filter((x) => x !== "other"), ["mip"], solves.join(","));
    assert.deepStrictEqual(forBound, [true]);
    assert.ok(d.areas && !d.areas.linear && d.areas.bound >= lp.objective - 0.01, JSON.stringify(d.areas));
  });

  it("begins the capacity MIP per area at once, in the continent MIP's place, when the time left is short of twice what it takes", async function () {
    this.timeout(300_000);
    const spec = validateSpec(generateSpec(catalog, { services: 12, seed: 2 }), catalog);
    const c = buildCandidates(spec, catalog);
    const continent = capacityModel(spec, catalog, c, undefined, "continents", latencyReach(spec, catalog, c, { services: {}, buckets: {} })).model;
    const areaShapes = [capacityModel(spec, catalog, c, undefined, "areas"), capacityModel(spec, catalog, c, undefined, "areas", undefined, { multiCloudGateways: false })].map((x) => `${x.model.numCols}x${x.model.numRows}`);
    const lp = await run({ ...continent, integer: new Uint8Array(continent.numCols) }, { timeLimitSec: 30, relativeGap: 0 });
    assert.strictEqual(lp.status, "optimal");
    // Each solve in order: the continent model or the model per area, as an LP or a MIP.
    const solves: string[] = [];
    const record: typeof run = (m, o) => {
      const kind = m.numCols === continent.numCols && m.numRows === continent.numRows ? "continent" : areaShapes.includes(`${m.numCols}x${m.numRows}`) ? "area" : "other";
      solves.push(`${kind} ${m.integer.some((x) => x === 1) ? "mip" : "lp"}`);
      return run(m, o);
    };
    // The MIP per area foreseen to take 1/ratio of the 15 s limit.
    const solve = (ratio: number) => {
      solves.length = 0;
      const mip = 15 / ratio / continent.index.length;
      return solveDecomposed(spec, catalog, c, { relativeGap: 0.001, timeLimitSec: 15, ilp: {}, run: record, stagesUpToPairs: 10, areaSecPerNonzero: { lp: 0, mip } });
    };
    // 15 s left is 1.75 times what it takes: the continent LP alone, then at once the model per
    // area's MIP; the continent MIP is never run, and the bound is the one per area.
    let d = await solve(1.75);
    assert.strictEqual(d.status, "feasible", JSON.stringify(d.groups));
    assert.deepStrictEqual(solves.slice(0, 2), ["continent lp", "area mip"], solves.join(","));
    assert.ok(!solves.includes("continent mip"), solves.join(","));
    assert.ok(d.capacity && Math.abs(d.capacity.bound - lp.objective) <= 0.01, `continent bound ${d.capacity?.bound}, its LP ${lp.objective}`);
    assert.ok(d.areas && !d.areas.linear && d.areas.bound >= lp.objective - 0.01, JSON.stringify(d.areas));
    assert.ok(d.bound >= d.areas.bound - 0.01 || d.bound === d.objective);
    assert.ok(d.plan && verifyPlan(spec, catalog, d.plan).length === 0);
    // Three times what it takes: the continent MIP beside its LP, the MIP per area after construction.
    d = await solve(3);
    assert.deepStrictEqual(solves.slice(0, 2).sort(), ["continent lp", "continent mip"], solves.join(","));
    assert.ok(solves.indexOf("area mip") > 2, solves.join(","));
    // 1.2 times: too short for its root beside the groups from the start; the continent MIP runs.
    d = await solve(1.2);
    assert.ok(solves.includes("continent mip"), solves.join(","));
    assert.ok(solves.indexOf("area mip") === -1 || solves.indexOf("area mip") > 2, solves.join(","));
    // A short LP (foreseen at 1 s, its MIP never in time) with 1.25 s to run: too little for the
    // lean model's margin, and after a construction that takes any time less than the LP's would
    // be left. Its LP is begun at once, in the continent MIP's place, and is the bound.
    solves.length = 0;
    d = await solveDecomposed(spec, catalog, c, { relativeGap: 0.001, timeLimitSec: 1.25, ilp: {}, run: record, stagesUpToPairs: 10, areaSecPerNonzero: { lp: 0.65 / continent.index.length, mip: 100 / continent.index.length } });
    assert.deepStrictEqual(solves.slice(0, 2), ["continent lp", "area lp"], solves.join(","));
    assert.ok(d.areas?.linear && !d.areas.lean && d.areas.bound >= lp.objective - 0.01, JSON.stringify(d.areas));
  });

  it("solves the lean model per area's LP beside the groups in the continent MIP's place when that MIP was left for later and there is time for the LP but not to begin its MIP first", async function () {
    this.timeout(300_000);
    const spec = validateSpec(generateSpec(catalog, { services: 12, seed: 2 }), catalog);
    const c = buildCandidates(spec, catalog);
    const reach = latencyReach(spec, catalog, c, { services: {}, buckets: {} });
    const continent = capacityModel(spec, catalog, c, undefined, "continents", reach).model;
    const lean = capacityModel(spec, catalog, c, undefined, "areas", reach, { lean: true }).model;
    const whole = [capacityModel(spec, catalog, c, undefined, "areas", reach), capacityModel(spec, catalog, c, undefined, "areas", reach, { multiCloudGateways: false })].map((x) => `${x.model.numCols}x${x.model.numRows}`);
    const leanLp = await run({ ...lean, integer: new Uint8Array(lean.numCols) }, { timeLimitSec: 30, relativeGap: 0 });
    const continentLp = await run({ ...continent, integer: new Uint8Array(continent.numCols) }, { timeLimitSec: 30, relativeGap: 0 });
    assert.ok(leanLp.status === "optimal" && leanLp.objective > continentLp.objective + 1, `lean ${leanLp.objective}, continent LP ${continentLp.objective}`);
    const solves: string[] = [];
    const record: typeof run = (m, o) => {
      const shape = `${m.numCols}x${m.numRows}`;
      const kind = m.numCols === continent.numCols && m.numRows === continent.numRows ? "continent" : shape === `${lean.numCols}x${lean.numRows}` ? "lean" : whole.includes(shape) ? "area" : "other";
      solves.push(`${kind} ${m.integer.some((x) => x === 1) ? "mip" : "lp"}`);
      return run(m, o);
    };
    // The continent MIP's root foreseen at a second per nonzero (left for later); the model per
    // area's LP at nothing, its MIP at a second per nonzero (never in time).
    const solve = (areaMip: number) =>
      solveDecomposed(spec, catalog, c, { relativeGap: 0.001, timeLimitSec: 15, ilp: {}, run: record, stagesUpToPairs: 10, mipRootSecPerNonzero: 1, areaSecPerNonzero: { lp: 0, mip: areaMip } });
    let d = await solve(1);
    assert.strictEqual(d.status, "feasible", JSON.stringify(d.groups));
    // The continent LP, then the lean LP at once (built while the continent LP solved), and
    // neither the continent MIP nor the model per area whole.
    assert.deepStrictEqual(solves.slice(0, 2), ["continent lp", "lean lp"], solves.join(","));
    assert.deepStrictEqual(solves.filter((x) => !x.startsWith("other") && x !== "continent lp"), ["lean lp"], solves.join(","));
    assert.ok(d.areas?.linear && d.areas.lean, JSON.stringify(d.areas));
    assert.ok(Math.abs(d.areas.bound - leanLp.objective) <= 0.01, `${d.areas.bound} vs the lean LP's ${leanLp.objective}`);
    assert.ok(Math.abs(d.bound - Math.min(d.objective, d.areas.bound)) <= 0.01, `bound ${d.bound}, plan ${d.objective}`);
    assert.ok(d.plan && verifyPlan(spec, catalog, d.plan).length === 0);
    // Its MIP foreseen at 12 s of the 15 (less than AREA_FIRST's 1.5 times it is left, too
    // little to begin it first): still the lean LP, in the continent MIP's place.
    solves.length = 0;
    d = await solve(12 / continent.index.length);
    assert.deepStrictEqual(solves.filter((x) => !x.startsWith("other") && x !== "continent lp"), ["lean lp"], solves.join(","));
    assert.ok(d.areas?.lean, JSON.stringify(d.areas));
    // With time for the MIP per area's root: no lean model; the continent MIP beside the groups.
    solves.length = 0;
    d = await solve(0);
    assert.ok(!solves.includes("lean lp") && solves.includes("continent mip"), solves.join(","));
    assert.ok(!d.areas?.lean, JSON.stringify(d.areas));
  });

  it("places a generated spec group by group when stage 1 is out of reach, with a proven bound below the plan", async function () {
    this.timeout(300_000);
    const spec = validateSpec(generateSpec(catalog, { services: 40, seed: 2 }), catalog);
    const c = buildCandidates(spec, catalog);
    assert.ok(servicePairs(spec, c) > 1000);
    const d = await solveDecomposed(spec, catalog, c, { relativeGap: 0.001, timeLimitSec: 120, ilp: { migration: MIGRATION }, run, stagesUpToPairs: 1000 });
    assert.strictEqual(d.status, "feasible", JSON.stringify(d.groups));
    assert.ok(d.plan && d.groups && d.capacity, "groups and the capacity bound ran");
    assert.strictEqual(d.relaxed, undefined, "stage 1 skipped");
    assert.deepStrictEqual(verifyPlan(spec, catalog, d.plan), []);
    const cost = evaluatePlan(spec, d.plan, catalog).total;
    assert.ok(Math.abs(cost - d.objective) <= 0.01, `objective ${d.objective} vs cost ${cost}`);
    assert.ok(d.bound > 0 && d.bound <= cost, `bound ${d.bound} vs plan ${cost}`);
    // The bound is the best of the two capacity MIPs; the one per cloud and continent, solved
    // alongside the groups, is at least the one per continent.
    assert.ok(d.areas && Number.isFinite(d.areas.bound), "the capacity MIP per cloud and continent ran");
    assertSameBound(d.bound, Math.max(d.capacity.bound, d.areas.bound));
    assert.ok(d.areas.bound >= d.capacity.bound - 0.01, `per area ${d.areas.bound}, per continent ${d.capacity.bound}`);
    assert.ok(d.groups.groups >= Math.ceil(names(spec).length / GROUP_SIZE), `${d.groups.groups} groups`);
  });
});
