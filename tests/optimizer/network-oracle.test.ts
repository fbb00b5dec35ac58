import * as assert from "assert";
import { loadCatalog } from "../../optimizer/catalog";
import { PlacementInfeasibleError } from "../../optimizer/errors";
import { diagnoseInfeasibility, type Feasibility } from "../../optimizer/diagnose";
import { evaluatePlan } from "../../optimizer/evaluate";
import { optimize } from "../../optimizer/optimize";
import { fixedCosts, networkCost } from "../../optimizer/network/costs";
import { networkRoles, presenceCost } from "../../optimizer/ilp-network";
import { fewestRegionsNear, regionsIn } from "../../optimizer/latency/requirements";
import { latencyMatrix } from "../../optimizer/latency/matrix";
import { resolvePlace } from "../../optimizer/latency/places";
import type { Plan } from "../../optimizer/plan";
import { DEFAULT_NETWORK_COSTS, NormalizedSpec } from "../../optimizer/spec";
import { validateSpec } from "../../optimizer/validate";
import { verifyPlan } from "../../optimizer/verify";
import { bruteForce, bucket, enumerationSize, link, randomSpec, service, spec } from "./random";

const catalog = loadCatalog();

/** The network cost of a plan added up from the ILP's parts (12), to compare with the priced topology. */
function fromParts(s: NormalizedSpec, plan: Plan): number {
  const fc = fixedCosts(catalog, s.network!);
  const roles = networkRoles(s);
  const open = new Set<string>();
  const zone = new Set<string>();
  const ingress = new Set<string>();
  let usd = 0;
  for (const x of s.services)
    for (const r of regionsIn(plan, x.name)) {
      open.add(r);
      if (roles.callers.has(x.name)) zone.add(r);
      if (roles.publics.has(x.name)) ingress.add(r);
      usd += presenceCost(fc, roles, x.name, r);
    }
  for (const r of open) usd += fc.open(r);
  for (const r of zone) usd += fc.zone(r);
  for (const r of ingress) usd += fc.ingress(r);
  if (roles.publics.size > 0) usd += fc.frontDoor();
  const pairs = new Set<string>();
  for (const l of s.links) {
    if (l.toKind !== "service") continue;
    for (const a of regionsIn(plan, l.from)) for (const b of regionsIn(plan, l.to)) if (a !== b) pairs.add(a < b ? `${a}|${b}` : `${b}|${a}`);
  }
  const gateways = new Set<string>();
  for (const p of pairs) {
    const [a, b] = p.split("|");
    usd += fc.pair(a, b);
    if (a.split(":")[0] !== b.split(":")[0]) gateways.add(a).add(b);
  }
  for (const r of gateways) usd += fc.gateway(r);
  return usd;
}

describe("network fixed costs and latency against a brute-force oracle", () => {
  it("prices each connection as the network layer of a plan with it does, within a cloud and across clouds", () => {
    const s = spec({ services: [service("a", { replicas: 1 }), service("b", { replicas: 1 })], links: [link("a", "b", 0)], network: DEFAULT_NETWORK_COSTS });
    const fc = fixedCosts(catalog, s.network!);
    // Four regions of each cloud, every pair of them in both orders.
    const keys = (["aws", "azure", "gcp"] as const).flatMap((cloud) => catalog.regions.filter((r) => r.cloud === cloud).slice(0, 4).map((r) => `${cloud}:${r.region}`));
    const at = (key: string) => {
      const [cloud, region] = key.split(":");
      const o = catalog.offers.find((x) => x.cloud === cloud && x.region === region)!;
      return { groups: [{ cloud: cloud as "aws", region, instanceType: o.instanceType, count: 1, spot: 0 }] };
    };
    let across = 0;
    for (const a of keys)
      for (const b of keys) {
        if (a === b) continue;
        const plan = { services: { a: at(a), b: at(b) }, buckets: {} } as unknown as Plan;
        const priced = networkCost(s, plan, catalog).pairs;
        const key = a < b ? `${a}|${b}` : `${b}|${a}`;
        assert.ok(key in priced, `${key} connected`);
        assert.ok(Math.abs(fc.pair(a, b) - priced[key]) <= 1e-9, `${key}: ${fc.pair(a, b)} vs priced ${priced[key]}`);
        if (a.split(":")[0] !== b.split(":")[0]) across += priced[key] > 0 ? 1 : 0;
      }
    assert.ok(across >= 48, `${across} priced connections across clouds`);
  });

  const SIZE = { services: 3, buckets: 1, links: 3, maxReplicas: 2, regionsPerWorkload: 2, network: true, latency: true };

  it("adds the ILP's fixed-cost parts up to the priced network layer of every enumerated plan's optimum", () => {
    let checked = 0;
    for (let seed = 501; seed <= 512; seed++) {
      const s = randomSpec(seed, SIZE);
      if (enumerationSize(s, catalog) > 20_000) continue;
      const best = bruteForce(s, catalog);
      if (!best) continue;
      const priced = networkCost(s, best.plan, catalog).totalUSD;
      assert.ok(priced > 0, `seed ${seed}: a plan with services has a network layer`);
      assert.ok(Math.abs(fromParts(s, best.plan) - priced) <= 1e-6, `seed ${seed}: parts ${fromParts(s, best.plan)} vs priced ${priced}`);
      checked++;
    }
    assert.ok(checked >= 4, `only ${checked} instances were small enough and feasible`);
  });

  let feasible = 0;
  for (const seed of [521, 522, 523, 524, 533, 534, 539, 542, 543, 544]) {
    it(`finds the enumerated optimum with network costs and latency (or proves none exists) on instance ${seed}`, async () => {
      const s = randomSpec(seed, SIZE);
      assert.ok(enumerationSize(s, catalog) <= 50_000, "instance too large to enumerate");
      const best = bruteForce(s, catalog);
      if (best) feasible++;
      for (const solver of ["highs", "jslp"] as const) {
        if (!best) {
          await assert.rejects(optimize(s, catalog, { solver, explain: false }), PlacementInfeasibleError);
          continue;
        }
        const r = await optimize(s, catalog, { solver, relativeGap: 0, explain: false });
        assert.deepStrictEqual(verifyPlan(s, catalog, r.plan), []);
        assert.ok(Math.abs(r.cost.total - best.cost) <= 0.01, `${solver}: ${r.cost.total} vs enumerated ${best.cost}`);
        assert.ok(Math.abs(r.report.objective - r.cost.total) <= 0.01, `${solver}: objective ${r.report.objective} vs cost ${r.cost.total}`);
      }
    });
  }

  it("had feasible instances among them, with network costs in their optimum", () => {
    assert.ok(feasible >= 6, `only ${feasible} of the instances were feasible`);
  });
});

describe("placement that pays for its network", () => {
  // Two linked services that each cost least in a different cloud, on one continent.
  const pair = (over: Partial<NormalizedSpec> = {}, minClouds = 1) =>
    spec({
      services: [
        service("api", { replicas: 2, arch: "arm64", regions: ["eu-central-1", "westeurope", "europe-west4"], minClouds, publicPorts: [443] }),
        service("db", { replicas: 1, vcpu: 2, memoryGiB: 8, regions: ["eu-central-1", "westeurope", "europe-west4"], ports: [5432] }),
      ],
      links: [link("api", "db", 10)],
      ...over,
    });

  it("keeps linked services in one cloud and region when the network outweighs the price differences", async () => {
    const without = await optimize(pair(), catalog, { explain: false, relativeGap: 0 });
    const clouds = (p: Plan) => new Set(Object.values(p.services).flatMap((x) => x.groups.map((g) => g.cloud)));
    const spreads = clouds(without.plan).size > 1;
    const s = pair({ network: DEFAULT_NETWORK_COSTS });
    const r = await optimize(s, catalog, { explain: false, relativeGap: 0 });
    assert.strictEqual(clouds(r.plan).size, 1, JSON.stringify(r.plan));
    assert.strictEqual(new Set(["api", "db"].flatMap((n) => regionsIn(r.plan, n))).size, 1);
    assert.ok(r.cost.network && r.cost.network.total > 0 && Object.keys(r.cost.network.pairs).length === 0);
    // Without network costs the same spec spreads (so this test would catch a model that ignored them),
    // and the spread plan priced with its network costs more.
    assert.ok(spreads, "the instance must be one where the price differences alone pick two clouds");
    assert.ok(evaluatePlan(s, without.plan, catalog).total > r.cost.total + 1);
  });

  it("uses several clouds, paying for the VPN between them, when availability requires it", async () => {
    const s = pair({ network: DEFAULT_NETWORK_COSTS }, 2);
    const r = await optimize(s, catalog, { explain: false, relativeGap: 0 });
    assert.strictEqual(new Set(r.plan.services.api.groups.map((g) => g.cloud)).size, 2);
    const pairs = Object.keys(r.cost.network!.pairs);
    assert.strictEqual(pairs.length, 1);
    assert.ok(r.cost.network!.pairs[pairs[0]] > 0);
    assert.ok(Math.abs(r.report.objective - r.cost.total) <= 0.01);
  });

  it("serves users located at a region itself: pruning does not drop the region they are in", async () => {
    // us-west-2 costs what us-east-1 costs, so region pruning compares them; the users in
    // us-west-2 stay there when it does (a case once reported infeasible).
    for (const from of [["aws:us-west-2"], ["aws:us-east-1", "aws:us-west-2"]]) {
      const s = validateSpec(
        { services: { web: { replicas: 2, vcpu: 2, memoryGiB: 8, clouds: ["aws"], regions: ["us-east-1", "us-west-2"], latency: { maxRttMs: 30, from } } } },
        catalog,
      );
      const r = await optimize(s, catalog, { explain: false, relativeGap: 0 });
      assert.deepStrictEqual(verifyPlan(s, catalog, r.plan), []);
      assert.ok(regionsIn(r.plan, "web").includes("aws:us-west-2"), `${from}: ${JSON.stringify(r.plan.services.web)}`);
    }
  });

  it("honours a link's round trip: a tight bound keeps both ends in one metro area", async () => {
    const s = spec({
      services: [
        service("api", { replicas: 1, regions: ["us-east-1", "eu-central-1", "europe-west4"] }),
        service("cache", { replicas: 1, regions: ["us-east-1", "eu-central-1", "europe-west4"], residency: ["US"] }),
      ],
      links: [{ ...link("api", "cache", 1), latency: { kind: "rtt", maxRttMs: 20 } }],
    });
    const r = await optimize(s, catalog, { explain: false, relativeGap: 0 });
    assert.deepStrictEqual(regionsIn(r.plan, "api"), ["aws:us-east-1"]);
  });

  it("names conflicting latency and residency with a fix", async () => {
    const s = spec({
      services: [
        service("api", { replicas: 1, residency: ["US"] }),
        service("cache", { replicas: 1, residency: ["EU"] }),
      ],
      links: [{ ...link("api", "cache", 1), latency: { kind: "continent" } }],
    });
    const e = await optimize(s, catalog, { explain: false }).catch((x) => x);
    assert.ok(e instanceof PlacementInfeasibleError, String(e));
    const c = e.conflicts[0];
    assert.deepStrictEqual(c.workloads, ["api", "cache"]);
    assert.match(c.explanation, /link api -> cache requires api to run on the same continent as cache/);
    assert.match(c.fixes[0], /Set maxRttMs: \d+ on the link api -> cache/);
    assert.match(c.fixes[0], /residency US/);
  });

  it("names the port of a link when another joins the same two workloads", async () => {
    const s = spec({
      services: [
        service("api", { replicas: 1, residency: ["US"] }),
        service("cache", { replicas: 1, residency: ["EU"] }),
      ],
      links: [
        { ...link("api", "cache", 1), port: 6379, latency: { kind: "rtt", maxRttMs: 500 } },
        { ...link("api", "cache", 1), port: 6380, latency: { kind: "continent" } },
      ],
    });
    const e = await optimize(s, catalog, { explain: false }).catch((x) => x);
    assert.ok(e instanceof PlacementInfeasibleError, String(e));
    const c = e.conflicts[0];
    assert.match(c.explanation, /^link api -> cache port 6380 requires api to run on the same continent as cache/);
    assert.match(c.fixes[0], /^Set maxRttMs: \d+ on the link api -> cache port 6380 \(or higher\)/);
    assert.deepStrictEqual(c.requirements[0], "link api -> cache port 6380: the default: linked workloads on one continent");
  });

  // No single link clashes: api may run near web (US) or on store's continent (EU), not both.
  const chain = (webApi: number, apiStore?: number) =>
    spec({
      services: [
        service("web", { replicas: 1, residency: ["US"] }),
        service("api", { replicas: 2, minClouds: 2 }),
        service("store", { replicas: 1, residency: ["EU"] }),
      ],
      links: [
        { ...link("web", "api", 1), latency: { kind: "rtt", maxRttMs: webApi } },
        { ...link("api", "store", 1), latency: apiStore === undefined ? { kind: "continent" } : { kind: "rtt", maxRttMs: apiStore } },
      ],
    });
  const fails = async (s: NormalizedSpec) => (await optimize(s, catalog, { explain: false }).catch((x) => x)) instanceof PlacementInfeasibleError;
  // The US as the catalog's user points: every city of its regions.
  const us = () => {
    const place = resolvePlace(catalog, "US");
    assert.ok("points" in place);
    return place;
  };

  it("names a chain of links that no region can meet, with the smallest maxRttMs on one link that would", async () => {
    const e = await optimize(chain(20), catalog, { explain: false }).catch((x) => x);
    assert.ok(e instanceof PlacementInfeasibleError, String(e));
    const c = e.conflicts[0];
    assert.deepStrictEqual(c.workloads, ["api", "store", "web"]);
    assert.deepStrictEqual(c.requirements, ["link web -> api: maxRttMs 20", "link api -> store: same continent", "store: residency EU", "web: residency US"]);
    assert.match(c.explanation, /the links web -> api \(maxRttMs 20\), api -> store \(same continent\) chain them together; services\.store may only run where residency EU allows; services\.web may only run where residency US allows\./);
    assert.match(c.fixes[0], /\(any one of these alone lets every workload run near its peers\), or relax store's residency EU or web's residency US/);
    const onStore = Number(/maxRttMs: (\d+) on the link api -> store/.exec(c.fixes[0])?.[1]);
    const onWeb = Number(/maxRttMs: (\d+) on the link web -> api/.exec(c.fixes[0])?.[1]);
    assert.ok(onStore > 0 && onWeb > 20, c.fixes[0]);
    // Each figure is enough alone, and the least that is: one millisecond less still fails.
    assert.strictEqual(await fails(chain(20, onStore)), false);
    assert.strictEqual(await fails(chain(20, onStore - 1)), true);
    assert.strictEqual(await fails(chain(onWeb)), false);
    assert.strictEqual(await fails(chain(onWeb - 1)), true);
  });

  it("gives the round trips' figures as lower bounds when the solver cannot tell, and leaves out fixes it refutes", async () => {
    let asked = 0;
    const fixOf = async (answer: Feasibility) => {
      const conflicts = await diagnoseInfeasibility(chain(20), catalog, async () => true, async () => (asked++, answer));
      assert.strictEqual(conflicts.length, 1);
      return conflicts[0].fixes[0];
    };
    // Unknown: each link's least round trip, as a lower bound, with no claim of what it does.
    const unknown = await fixOf("unknown");
    assert.match(unknown, /^Set maxRttMs: at least \d+ on the link api -> store, or maxRttMs: at least \d+ on the link web -> api, or relax /);
    assert.doesNotMatch(unknown, /any one of these alone/);
    assert.strictEqual(asked, 2);
    // Refuted (its least and its largest round trip): the links are left out.
    asked = 0;
    assert.match(await fixOf("infeasible"), /^Set a larger maxRttMs on the links between them, or relax store's residency EU or web's residency US/);
    assert.strictEqual(asked, 4);
    // A lower bound indeed: one less fails.
    const low = Number(/maxRttMs: at least (\d+) on the link api -> store/.exec(unknown)?.[1]);
    assert.strictEqual(await fails(chain(20, low - 1)), true);
  });

  it("names too few replicas for a service's users, with the replicas and the round trip that would do", async () => {
    const web = (replicas: number, maxRttMs: number) => spec({ services: [service("web", { replicas, latency: { maxRttMs, from: [us()] } })] });
    const e = await optimize(web(2, 30), catalog, { explain: false }).catch((x) => x);
    assert.ok(e instanceof PlacementInfeasibleError, String(e));
    const c = e.conflicts[0];
    assert.deepStrictEqual(c.requirements, ["latency.maxRttMs 30 from US", "replicas 2"]);
    const k = Number(/which takes at least (\d+) regions/.exec(c.explanation)?.[1]);
    assert.ok(k > 2, c.explanation);
    const replicas = Number(/replicas to (\d+)/.exec(c.fixes[0])?.[1]);
    const rtt = Number(/latency\.maxRttMs to (\d+) \(with which 2 regions do\)/.exec(c.fixes[0])?.[1]);
    assert.strictEqual(replicas, k, c.fixes[0]);
    assert.ok(rtt > 30, c.fixes[0]);
    assert.strictEqual(await fails(web(k, 30)), false);
    assert.strictEqual(await fails(web(k - 1, 30)), true);
    assert.strictEqual(await fails(web(2, rtt)), false);
    assert.strictEqual(await fails(web(2, rtt - 1)), true);
  });

  it("checks each conflict's fixes on its own workloads: another conflict does not refute them", async () => {
    // Two services, each with too few replicas for its users: the whole spec stays infeasible
    // with either fixed alone, but each fix resolves its own conflict.
    const two = spec({
      services: ["a", "b"].map((n) => service(n, { replicas: 2, latency: { maxRttMs: 30, from: [us()] } })),
    });
    const e = await optimize(two, catalog, { explain: false }).catch((x) => x);
    assert.ok(e instanceof PlacementInfeasibleError, String(e));
    assert.deepStrictEqual(e.conflicts.map((c: { workloads: readonly string[] }) => c.workloads), [["a"], ["b"]]);
    for (const c of e.conflicts) assert.match(c.fixes[0], /^Raise services\.\w\.replicas to 3, or raise services\.\w\.latency\.maxRttMs to \d+ \(with which 2 regions do\)/);
  });

  it("names links that keep a service from its users, with the least round trip on each that would do", async () => {
    // web serves the US; its links hold it to the continent of a bucket that must stay in the EU.
    const s3 = (users: number, webApi?: number, apiStore?: number) =>
      spec({
        services: [service("web", { replicas: 3, latency: { maxRttMs: users, from: [us()] } }), service("api", { replicas: 2, minClouds: 2 })],
        buckets: [bucket("store", { storageGiB: 10, residency: ["EU"] })],
        links: [
          { ...link("web", "api", 1), latency: webApi === undefined ? { kind: "continent" } : { kind: "rtt", maxRttMs: webApi } },
          { ...link("api", "store", 1, "bucket"), latency: apiStore === undefined ? { kind: "continent" } : { kind: "rtt", maxRttMs: apiStore } },
        ],
      });
    const e = await optimize(s3(30), catalog, { explain: false }).catch((x) => x);
    assert.ok(e instanceof PlacementInfeasibleError, String(e));
    const c = e.conflicts[0];
    assert.deepStrictEqual(c.workloads, ["api", "store", "web"]);
    assert.deepStrictEqual(c.requirements, ["web: latency.maxRttMs 30 from US", "link web -> api: same continent", "link api -> store: same continent", "store: residency EU"]);
    assert.match(c.explanation, /services\.web must have a replica within 30 ms of its users in US, but the links web -> api \(same continent\), api -> store \(same continent\) keep it near its linked workloads, and buckets\.store may only run where residency EU allows: the nearest region it may use to \S+ is \S+ at [\d.]+ ms\./);
    assert.match(c.fixes[0], /or relax store's residency EU\.$/);
    const users = Number(/latency\.maxRttMs to (\d+)/.exec(c.fixes[0])?.[1]);
    const onStore = Number(/maxRttMs: (\d+) on the link api -> store/.exec(c.fixes[0])?.[1]);
    const onWeb = Number(/maxRttMs: (\d+) on the link web -> api/.exec(c.fixes[0])?.[1]);
    assert.ok(users > 30 && onStore > 0 && onWeb > 0, c.fixes[0]);
    // Each figure is enough alone, and the least that is.
    for (const [ok, less] of [
      [s3(users), s3(users - 1)],
      [s3(30, undefined, onStore), s3(30, undefined, onStore - 1)],
      [s3(30, onWeb), s3(30, onWeb - 1)],
    ]) {
      assert.strictEqual(await fails(ok), false);
      assert.strictEqual(await fails(less), true);
    }
  });

  it("finds the fewest regions near every user point, as enumeration does", () => {
    const m = latencyMatrix(catalog);
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const keys = catalog.regions.map((r) => `${r.cloud}:${r.region}`);
    let checked = 0;
    for (let t = 0; t < 150; t++) {
      const points = [...new Set(Array.from({ length: 6 + Math.floor(rand() * 10) }, () => keys[Math.floor(rand() * keys.length)]))];
      const regions = [...new Set(Array.from({ length: 8 + Math.floor(rand() * 7) }, () => keys[Math.floor(rand() * keys.length)]))];
      const ms = 20 + rand() * 120;
      // Enumeration: the smallest subset of `regions` near every point.
      let least = Infinity;
      for (let mask = 1; mask < 1 << regions.length; mask++) {
        const chosen = regions.filter((_, i) => mask & (1 << i));
        if (chosen.length < least && points.every((p) => chosen.some((r) => m.rtt(r, p) <= ms + 1e-9))) least = chosen.length;
      }
      const found = fewestRegionsNear(catalog, ms, points, regions, points.length);
      assert.ok(found.exhaustive);
      if (least === Infinity) assert.strictEqual(found.cover, undefined);
      else {
        checked++;
        assert.strictEqual(found.cover?.length, least);
        assert.ok(points.every((p) => found.cover!.some((r) => m.rtt(r, p) <= ms + 1e-9)));
        assert.deepStrictEqual(fewestRegionsNear(catalog, ms, points, regions, least - 1), { exhaustive: true });
      }
    }
    assert.ok(checked >= 30, `only ${checked} instances had a cover`);
  });

  it("names a user location no allowed region reaches in time", async () => {
    const s = spec({
      services: [service("web", { replicas: 1, residency: ["EU"], latency: { maxRttMs: 30, from: [{ name: "aws:us-east-1", points: ["aws:us-east-1"] }] } })],
    });
    const e = await optimize(s, catalog, { explain: false }).catch((x) => x);
    assert.ok(e instanceof PlacementInfeasibleError, String(e));
    assert.match(e.conflicts[0].explanation, /within 30 ms of its users in aws:us-east-1/);
    assert.match(e.conflicts[0].fixes[0], /Raise services\.web\.latency\.maxRttMs to \d+/);
  });
});
