import * as assert from "assert";
import { generateSpec } from "../../bench/generate";
import { buildCandidates } from "../../optimizer/candidates";
import { capacityGuide, capacityModel } from "../../optimizer/capacity-bound";
import { loadCatalog } from "../../optimizer/catalog";
import { evaluatePlan } from "../../optimizer/evaluate";
import { cheapestOfferBaseline, onDemandUSD } from "../../optimizer/baselines";
import { guidedPlan, latencyOffenders, type QuickStart, repairedGreedily, requiredContinents, resumePlan, roundGuide } from "../../optimizer/guided-plan";
import { quickPlans } from "../../optimizer/decompose";
import { type GroupSettings, solveByGroups } from "../../optimizer/groups";
import { optimize } from "../../optimizer/optimize";
import { buildPlacementModel } from "../../optimizer/ilp";
import { onlyWorkloads, type Plan } from "../../optimizer/plan";
import { HighsSolver } from "../../optimizer/solvers/highs";
import { DEFAULT_NETWORK_COSTS, type NormalizedSpec } from "../../optimizer/spec";
import { latencyMatrix } from "../../optimizer/latency/matrix";
import { validateSpec } from "../../optimizer/validate";
import { verifyPlan } from "../../optimizer/verify";
import { bucket, link, service, spec as makeSpec } from "./random";

const catalog = loadCatalog();

/** The spec and plan without some workloads (and their links). */
function without(s: NormalizedSpec, plan: Plan, names: ReadonlySet<string>): { spec: NormalizedSpec; plan: Plan } {
  return {
    spec: {
      ...s,
      services: s.services.filter((x) => !names.has(x.name)),
      buckets: s.buckets.filter((x) => !names.has(x.name)),
      links: s.links.filter((l) => !names.has(l.from) && !names.has(l.to)),
    },
    plan: {
      services: Object.fromEntries(Object.entries(plan.services).filter(([n]) => !names.has(n))),
      buckets: Object.fromEntries(Object.entries(plan.buckets).filter(([n]) => !names.has(n))),
    },
  };
}

const replicasIn = (plan: Plan, name: string, key: string) =>
  plan.services[name].groups.filter((g) => `${g.cloud}:${g.region}` === key).reduce((n, g) => n + g.count, 0);

describe("the capacity relaxation's solution rounded into a plan (optimizer/guided-plan.ts)", () => {
  const solver = new HighsSolver();
  after(() => solver.dispose());

  // The generated spec of 100 services, its candidates and its capacity LP's guide (solved once).
  let generated: Promise<{ s: NormalizedSpec; c: ReturnType<typeof buildCandidates>; guide: ReturnType<typeof capacityGuide> }> | undefined;
  const generatedGuide = () =>
    (generated ??= (async () => {
      const s = validateSpec(generateSpec(catalog, { services: 100, seed: 1 }), catalog);
      const c = buildCandidates(s, catalog);
      const cm = capacityModel(s, catalog, c, undefined, "continents");
      const lp = await solver.solve({ ...cm.model, integer: new Uint8Array(cm.model.numCols) }, { timeLimitSec: 60, relativeGap: 0 });
      assert.strictEqual(lp.status, "optimal");
      return { s, c, guide: capacityGuide(cm, lp.values) };
    })());
  // A plan broken on purpose: up to `n` services, each with a link that must share a continent
  // and in an application of its own, moved, all of each, to a region of another continent.
  const movedAway = (s: NormalizedSpec, c: ReturnType<typeof buildCandidates>, plan: Plan, n: number, skip: ReadonlySet<string> = new Set()) => {
    const continentOf = (name: string) => catalog.regionByKey(`${plan.services[name].groups[0].cloud}:${plan.services[name].groups[0].region}`)!.continent;
    const elsewhere = (name: string) => c.services.get(name)!.find((r) => r.region.continent !== continentOf(name));
    const app = (name: string) => name.slice(0, name.indexOf("-"));
    const ls: NormalizedSpec["links"][number][] = [];
    for (const x of s.links) if (ls.length < n && x.latency?.kind === "continent" && x.toKind === "service" && !skip.has(x.from) && elsewhere(x.from) && !ls.some((y) => app(y.from) === app(x.from))) ls.push(x);
    let broken = plan;
    for (const l of ls) {
      const away = elsewhere(l.from)!;
      const replicas = s.services.find((x) => x.name === l.from)!.replicas;
      broken = { ...broken, services: { ...broken.services, [l.from]: { groups: [{ cloud: away.region.cloud, region: away.region.region, instanceType: away.onDemand[0].instanceType, count: replicas, spot: 0 }] } } };
    }
    return { broken, links: ls };
  };

  it("shares a service's replicas as the guide does, and keeps them on the guide's continents when a quota is short", () => {
    // Two regions of North America the guide uses, and a cheaper one in Asia it does not.
    const keys = ["aws:us-east-1", "aws:us-west-2"];
    const asia = "aws:ap-south-1";
    const s = makeSpec({ services: [service("api", { replicas: 10, vcpu: 2, memoryGiB: 4, regions: [...keys, asia].map((k) => k.split(":")[1]), clouds: ["aws"] })] });
    const c = buildCandidates(s, catalog);
    const vcpus = c.services.get("api")!.find((r) => r.key === keys[0])!.onDemand[0].vcpus;
    const guide = new Map([["api", new Map([[keys[0], 6 * vcpus], [keys[1], 4 * vcpus]])]]) as never;
    const r = roundGuide(s, catalog, c, guide);
    assert.ok(r.plan, r.problems.join("; "));
    assert.deepStrictEqual(r.problems, []);
    assert.deepStrictEqual(keys.map((k) => replicasIn(r.plan!, "api", k)), [6, 4]);
    // A quota of 5 replicas in the first region: the sixth moves to the other region of its
    // continent, not to the cheaper one on another.
    const tight = { ...s, quotas: { [keys[0]]: 5 * vcpus } };
    const t = roundGuide(tight, catalog, c, guide);
    assert.ok(t.plan, t.problems.join("; "));
    assert.deepStrictEqual(verifyPlan(tight, catalog, t.plan!), []);
    assert.deepStrictEqual([...keys, asia].map((k) => replicasIn(t.plan!, "api", k)), [5, 5, 0]);
    // A single replica with no room where the guide puts it: to the other region of its
    // continent, not to the cheaper one on another.
    const solo = makeSpec({ services: [service("solo", { replicas: 1, vcpu: 2, memoryGiB: 4, regions: [...keys, asia].map((k) => k.split(":")[1]), clouds: ["aws"] })], quotas: { [keys[0]]: 0 } });
    const one = roundGuide(solo, catalog, buildCandidates(solo, catalog), new Map([["solo", new Map([[keys[0], vcpus]])]]) as never);
    assert.ok(one.plan, one.problems.join("; "));
    assert.deepStrictEqual([...keys, asia].map((k) => replicasIn(one.plan!, "solo", k)), [0, 1, 0]);
    // Two replicas, one in North America and one in Europe, with no room for the European one:
    // it moves to another European region, not next to its twin where it would cost less.
    const eu = ["aws:eu-west-1", "aws:eu-central-1"];
    const both = makeSpec({ services: [service("both", { replicas: 2, vcpu: 2, memoryGiB: 4, regions: [keys[0], ...eu].map((k) => k.split(":")[1]), clouds: ["aws"] })], quotas: { [eu[0]]: 0 } });
    const two = roundGuide(both, catalog, buildCandidates(both, catalog), new Map([["both", new Map([[keys[0], vcpus], [eu[0], vcpus]])]]) as never);
    assert.ok(two.plan, two.problems.join("; "));
    assert.deepStrictEqual([keys[0], ...eu].map((k) => replicasIn(two.plan!, "both", k)), [1, 0, 1]);
  });

  it("names the continents that users and links which must share a continent require", () => {
    // Users in Germany within 30 ms: only European regions are that near; the cache linked to
    // the web service on the same continent, and the worker linked to the cache, must be there too.
    const de = catalog.regions.find((r) => r.country === "DE")!;
    const point = `${de.cloud}:${de.region}`;
    const s = makeSpec({
      services: [
        service("web", { latency: { maxRttMs: 30, from: [{ name: "DE", points: [point] }] } }),
        service("cache"),
        service("worker"),
        service("free"),
      ],
      links: [
        { ...link("web", "cache", 10), latency: { kind: "continent" } },
        { ...link("worker", "cache", 10), latency: { kind: "continent" } },
        { ...link("worker", "free", 10), latency: { kind: "rtt", maxRttMs: 250 } },
      ],
    });
    const req = requiredContinents(s, catalog, buildCandidates(s, catalog));
    for (const n of ["web", "cache", "worker"]) assert.deepStrictEqual([...(req.get(n) ?? [])], [de.continent], n);
    assert.ok(!req.get("free")?.size, "a round-trip link requires no continent");
  });

  it("gives services that must share a continent the same continents, or one continent when a service has too few replicas", () => {
    const us = "aws:us-east-1";
    const eu = ["aws:eu-west-1", "aws:eu-central-1"];
    const regions = [us, ...eu].map((k) => k.split(":")[1]);
    const continentOf = (key: string) => catalog.regionByKey(key)!.continent;
    const continents = (plan: Plan, name: string) => [...new Set(plan.services[name].groups.map((g) => continentOf(`${g.cloud}:${g.region}`)))].sort();
    const make = (workerReplicas: number, users?: NormalizedSpec["services"][number]["latency"]) =>
      makeSpec({
        services: [
          service("api", { replicas: 2, vcpu: 2, memoryGiB: 4, regions, clouds: ["aws"], ...(users ? { latency: users } : {}) }),
          service("worker", { replicas: workerReplicas, vcpu: 2, memoryGiB: 4, regions, clouds: ["aws"] }),
        ],
        links: [{ ...link("api", "worker", 10), latency: { kind: "continent" } }],
      });
    const guideFor = (s: NormalizedSpec, worker: number) => {
      const vcpus = buildCandidates(s, catalog).services.get("api")!.find((r) => r.key === us)!.onDemand[0].vcpus;
      // The api on both continents, the worker only in North America (a relaxation's fractions
      // of a replica in Europe rounded away).
      return new Map([
        ["api", new Map([[us, vcpus], [eu[0], vcpus]])],
        ["worker", new Map([[us, worker * vcpus]])],
      ]) as never;
    };
    // Three worker replicas: one moves to its cheapest European region, two stay.
    const three = make(3);
    const a = roundGuide(three, catalog, buildCandidates(three, catalog), guideFor(three, 3));
    assert.ok(a.plan, a.problems.join("; "));
    assert.deepStrictEqual(a.problems, []);
    assert.deepStrictEqual(continents(a.plan!, "worker"), continents(a.plan!, "api"));
    assert.deepStrictEqual(continents(a.plan!, "api").length, 2);
    assert.strictEqual(replicasIn(a.plan!, "worker", us), 2);
    // One worker replica cannot be on two continents: both services go to the one continent
    // where the api's users in Germany (30 ms) are served.
    const de = catalog.regions.find((r) => r.country === "DE")!;
    const one = make(1, { maxRttMs: 30, from: [{ name: "DE", points: [`${de.cloud}:${de.region}`] }] });
    const b = roundGuide(one, catalog, buildCandidates(one, catalog), guideFor(one, 1));
    assert.ok(b.plan, b.problems.join("; "));
    assert.deepStrictEqual(b.problems, []);
    assert.deepStrictEqual(continents(b.plan!, "api"), [de.continent]);
    assert.deepStrictEqual(continents(b.plan!, "worker"), [de.continent]);
    // With more replicas than its users need near them (users in Frankfurt within 5 ms), only
    // one goes there: the rest to the continent's cheapest region (Ireland costs less).
    const near = make(1, { maxRttMs: 5, from: [{ name: "DE", points: [eu[1]] }] });
    const more = { ...near, services: near.services.map((x) => (x.name === "api" ? { ...x, replicas: 4 } : x)) };
    const mc = buildCandidates(more, catalog);
    const price = (key: string) => mc.services.get("api")!.find((r) => r.key === key)!.onDemand[0].onDemandHourlyUSD;
    assert.ok(price(eu[0]) < price(eu[1]), "Ireland not cheaper than Frankfurt");
    const d = roundGuide(more, catalog, mc, guideFor(more, 1));
    assert.ok(d.plan, d.problems.join("; "));
    assert.deepStrictEqual(d.problems, []);
    assert.deepStrictEqual([replicasIn(d.plan!, "api", eu[0]), replicasIn(d.plan!, "api", eu[1])], [3, 1]);
    // An api that may run only in Europe cannot join the worker in North America: the worker
    // joins it there instead. The quotas leave no European region room for the worker's three
    // replicas at once, so that moving them region by region (step 4) cannot do it instead.
    const base = makeSpec({
      services: [
        service("api", { replicas: 3, vcpu: 2, memoryGiB: 4, regions: eu.map((k) => k.split(":")[1]), clouds: ["aws"] }),
        service("worker", { replicas: 3, vcpu: 2, memoryGiB: 4, regions, clouds: ["aws"] }),
      ],
      links: [{ ...link("api", "worker", 10), latency: { kind: "continent" } }],
    });
    const ec = buildCandidates(base, catalog);
    const v = ec.services.get("api")!.find((r) => r.key === eu[0])!.onDemand[0].vcpus;
    const europeOnly = { ...base, quotas: { [eu[0]]: 4 * v, [eu[1]]: 2 * v } };
    const c = roundGuide(europeOnly, catalog, ec, new Map([["api", new Map([[eu[0], 3 * v]])], ["worker", new Map([[us, 3 * v]])]]) as never);
    assert.ok(c.plan, c.problems.join("; "));
    assert.deepStrictEqual(c.problems, []);
    assert.deepStrictEqual(continents(c.plan!, "worker"), [continentOf(eu[0])]);
  });

  it("moves a service to a region of its continent where a linked one runs when the traffic between them costs more than the move", () => {
    const keys = ["aws:us-east-1", "aws:us-east-2"];
    const regions = keys.map((k) => k.split(":")[1]);
    const make = (monthlyGiB: number, quotas: Record<string, number> = {}) =>
      makeSpec({
        services: [service("api", { replicas: 2, vcpu: 2, memoryGiB: 4, regions, clouds: ["aws"] }), service("worker", { replicas: 2, vcpu: 2, memoryGiB: 4, regions, clouds: ["aws"] })],
        links: [link("api", "worker", monthlyGiB)],
        quotas,
      });
    const c = buildCandidates(make(0), catalog);
    const v = c.services.get("api")!.find((r) => r.key === keys[0])!.onDemand[0].vcpus;
    // The guide puts each in its own region (as a relaxation that prices replicas alone may).
    const guide = new Map([
      ["api", new Map([[keys[0], 2 * v]])],
      ["worker", new Map([[keys[1], 2 * v]])],
    ]) as never;
    const regionsOf = (plan: Plan, name: string) => [...new Set(plan.services[name].groups.map((g) => `${g.cloud}:${g.region}`))];
    const round = (sp: NormalizedSpec) => {
      const r = roundGuide(sp, catalog, c, guide);
      assert.ok(r.plan, r.problems.join("; "));
      assert.deepStrictEqual(r.problems, []);
      return r.plan;
    };
    // No traffic: each stays where the guide put it.
    const apart = round(make(0));
    assert.deepStrictEqual([regionsOf(apart, "api"), regionsOf(apart, "worker")], [[keys[0]], [keys[1]]]);
    // 50 TB a month between them: one joins the other, and the plan costs less than apart.
    const heavy = make(50_000);
    const together = round(heavy);
    assert.deepStrictEqual(regionsOf(together, "api"), regionsOf(together, "worker"));
    assert.ok(evaluatePlan(heavy, together, catalog).total < evaluatePlan(heavy, apart, catalog).total - 100);
    // Quotas each filled by its own service: neither can join the other.
    const full = make(50_000, { [keys[0]]: 2 * v, [keys[1]]: 2 * v });
    const kept = round(full);
    assert.deepStrictEqual([regionsOf(kept, "api"), regionsOf(kept, "worker")], [[keys[0]], [keys[1]]]);
    // The worker also linked, within 1 ms, to a cache that only its own region may hold, and the
    // api to a store in its own: neither may leave, whatever the traffic between them.
    const pinned = makeSpec({
      services: [...heavy.services, service("cache", { replicas: 1, vcpu: 2, memoryGiB: 4, regions: [regions[1]], clouds: ["aws"] }), service("store", { replicas: 1, vcpu: 2, memoryGiB: 4, regions: [regions[0]], clouds: ["aws"] })],
      links: [...heavy.links, { ...link("worker", "cache", 1), latency: { kind: "rtt", maxRttMs: 1 } }, { ...link("api", "store", 1), latency: { kind: "rtt", maxRttMs: 1 } }],
    });
    const pc = buildCandidates(pinned, catalog);
    const pg = new Map([...(guide as Map<string, Map<string, number>>), ["cache", new Map([[keys[1], v]])], ["store", new Map([[keys[0], v]])]]) as never;
    const r = roundGuide(pinned, catalog, pc, pg);
    assert.ok(r.plan, r.problems.join("; "));
    assert.deepStrictEqual(r.problems, []);
    assert.deepStrictEqual([regionsOf(r.plan, "api"), regionsOf(r.plan, "worker")], [[keys[0]], [keys[1]]]);
  });

  it("counts the connection and the network a service's move saves, when the spec's network layer is priced", () => {
    // An api that runs on AWS only and a worker that costs less on Azure, in the same city,
    // with little traffic between them: apart, they need a VPN connection across clouds and a
    // network on Azure.
    const [aws, azure] = ["aws:us-east-1", "azure:eastus"];
    const make = (network: boolean) =>
      makeSpec({
        services: [service("api", { replicas: 2, vcpu: 2, memoryGiB: 4, regions: ["us-east-1"], clouds: ["aws"] }), service("worker", { replicas: 2, vcpu: 2, memoryGiB: 4, regions: ["us-east-1", "eastus"], clouds: ["aws", "azure"] })],
        links: [link("worker", "api", 1)],
        ...(network ? { network: DEFAULT_NETWORK_COSTS } : {}),
      });
    const c = buildCandidates(make(false), catalog);
    const price = (key: string) => onDemandUSD(catalog, make(false).services[1], c.services.get("worker")!.find((r) => r.key === key)!);
    assert.ok(price(azure) < price(aws), "the worker costs no less on Azure");
    const v = c.services.get("api")!.find((r) => r.key === aws)!.onDemand[0].vcpus;
    const guide = new Map([["api", new Map([[aws, 2 * v]])], ["worker", new Map([[azure, 2 * v]])]]) as never;
    const where = (network: boolean) => {
      const r = roundGuide(make(network), catalog, c, guide);
      assert.ok(r.plan, r.problems.join("; "));
      assert.deepStrictEqual(r.problems, []);
      return { plan: r.plan, worker: [...new Set(r.plan.services.worker.groups.map((g) => `${g.cloud}:${g.region}`))] };
    };
    // Without the network layer: the worker stays where it costs less.
    assert.deepStrictEqual(where(false).worker, [azure]);
    // With it: the worker joins the api, and the plan, network included, costs less.
    const priced = make(true);
    const joined = where(true);
    assert.deepStrictEqual(joined.worker, [aws]);
    assert.ok(evaluatePlan(priced, joined.plan, catalog).total < evaluatePlan(priced, where(false).plan, catalog).total);
  });

  it("prices a move's network as the network layer lays it out: no network where only a bucket is, a VPN gateway per region with a connection across clouds", () => {
    const keysOf = (plan: Plan, name: string) => [...new Set(plan.services[name].groups.map((g) => `${g.cloud}:${g.region}`))];
    const round = (sp: NormalizedSpec, guide: Map<string, Map<string, number>>) => {
      const r = roundGuide(sp, catalog, buildCandidates(sp, catalog), guide as never);
      assert.ok(r.plan, r.problems.join("; "));
      assert.deepStrictEqual(r.problems, []);
      return r.plan;
    };
    // A bucket in a region no service is in: a service that joins it there opens a network.
    const withBucket = makeSpec({
      services: [service("api", { replicas: 2, vcpu: 2, memoryGiB: 4, regions: ["us-east-1", "us-west-1"], clouds: ["aws"] })],
      buckets: [bucket("data", { regions: ["us-west-1"], clouds: ["aws"] })],
      links: [link("api", "data", 1, "bucket")],
      network: DEFAULT_NETWORK_COSTS,
    });
    const v = buildCandidates(withBucket, catalog).services.get("api")!.find((r) => r.key === "aws:us-east-1")!.onDemand[0].vcpus;
    const stay = round(withBucket, new Map([["api", new Map([["aws:us-east-1", 2 * v]])]]));
    assert.deepStrictEqual(keysOf(stay, "api"), ["aws:us-east-1"]);
    // 24 api replicas cost less on Azure, where another service runs, but their link to a
    // worker that runs on AWS only would then cross clouds: a connection and Azure's VPN
    // gateway cost more than the saving.
    const [aws, azure] = ["aws:us-east-1", "azure:eastus"];
    const crossing = makeSpec({
      services: [
        service("api", { replicas: 24, vcpu: 2, memoryGiB: 4, regions: ["us-east-1", "eastus"], clouds: ["aws", "azure"] }),
        service("other", { replicas: 1, vcpu: 2, memoryGiB: 4, regions: ["eastus"], clouds: ["azure"] }),
        service("worker", { replicas: 1, vcpu: 2, memoryGiB: 4, regions: ["us-east-1"], clouds: ["aws"] }),
      ],
      links: [link("api", "worker", 1)],
      network: DEFAULT_NETWORK_COSTS,
    });
    const cc = buildCandidates(crossing, catalog);
    const api = crossing.services.find((x) => x.name === "api")!;
    const onAzure = cc.services.get("api")!.find((r) => r.key === azure)!;
    assert.ok(24 * (onDemandUSD(catalog, api, cc.services.get("api")!.find((r) => r.key === aws)!) - onDemandUSD(catalog, api, onAzure)) > 73, "too little saved on Azure");
    const kept = round(crossing, new Map([["api", new Map([[aws, 24 * v]])], ["other", new Map([[azure, v]])], ["worker", new Map([[aws, v]])]]));
    assert.deepStrictEqual(keysOf(kept, "api"), [aws]);
    const moved: Plan = { ...kept, services: { ...kept.services, api: { groups: [{ cloud: "azure", region: "eastus", instanceType: onAzure.onDemand[0].instanceType, count: 24, spot: 0 }] } } };
    assert.ok(evaluatePlan(crossing, kept, catalog).total < evaluatePlan(crossing, moved, catalog).total);
  });

  it("tries a service's cheapest regions on its continent that another service already uses, not only its linked workloads' regions", () => {
    // x, linked only to a bucket in us-west-2 (where x may not run), is guided to us-west-1;
    // us-east-1 costs less and another service already runs there.
    const [west, east] = ["aws:us-west-1", "aws:us-east-1"];
    const s = makeSpec({
      services: [service("x", { replicas: 2, vcpu: 2, memoryGiB: 4, regions: ["us-west-1", "us-east-1"], clouds: ["aws"] }), service("z", { replicas: 1, vcpu: 2, memoryGiB: 4, regions: ["us-east-1"], clouds: ["aws"] })],
      buckets: [bucket("y", { regions: ["us-west-2"], clouds: ["aws"] })],
      links: [link("x", "y", 1, "bucket")],
      network: DEFAULT_NETWORK_COSTS,
    });
    const c = buildCandidates(s, catalog);
    const x = c.services.get("x")!;
    const price = (key: string) => onDemandUSD(catalog, s.services[0], x.find((r) => r.key === key)!);
    assert.ok(price(east) < price(west), "us-east-1 not cheaper");
    const v = x.find((r) => r.key === west)!.onDemand[0].vcpus;
    const r = roundGuide(s, catalog, c, new Map([["x", new Map([[west, 2 * v]])], ["z", new Map([[east, v]])]]) as never);
    assert.ok(r.plan, r.problems.join("; "));
    assert.deepStrictEqual(r.problems, []);
    assert.deepStrictEqual([...new Set(r.plan.services.x.groups.map((g) => `${g.cloud}:${g.region}`))], [east]);
  });

  it("never moves a service where a link whose round trip held would miss it, whatever the traffic it saves", () => {
    // s runs in us-east-1 near a (20 ms); b is pinned to us-west-2, 67 ms away: that link misses
    // whatever is done, and moving s west would trade it for the link to a.
    const s = makeSpec({
      services: [
        service("a", { replicas: 1, vcpu: 2, memoryGiB: 4, regions: ["us-east-1"], clouds: ["aws"] }),
        service("b", { replicas: 1, vcpu: 2, memoryGiB: 4, regions: ["us-west-2"], clouds: ["aws"] }),
        service("s", { replicas: 2, vcpu: 2, memoryGiB: 4, regions: ["us-east-1", "us-west-2"], clouds: ["aws"] }),
      ],
      links: [
        { ...link("s", "a", 1), latency: { kind: "rtt", maxRttMs: 20 } },
        { ...link("s", "b", 50_000), latency: { kind: "rtt", maxRttMs: 20 } },
      ],
    });
    const c = buildCandidates(s, catalog);
    const v = c.services.get("s")!.find((r) => r.key === "aws:us-east-1")!.onDemand[0].vcpus;
    const r = roundGuide(s, catalog, c, new Map([["a", new Map([["aws:us-east-1", v]])], ["b", new Map([["aws:us-west-2", v]])], ["s", new Map([["aws:us-east-1", 2 * v]])]]) as never);
    assert.ok(r.plan);
    assert.deepStrictEqual([...new Set(r.plan.services.s.groups.map((g) => `${g.cloud}:${g.region}`))], ["aws:us-east-1"]);
    assert.ok(r.problems.every((p) => !/-> a\b|a runs in/.test(p)), r.problems.join("; "));
  });

  it("keeps services that same-continent links to a bucket hold on one continent, with the bucket", () => {
    const [us, eu] = ["aws:us-east-1", "aws:eu-west-1"];
    const regions = [us, eu].map((k) => k.split(":")[1]);
    const svc = (name: string) => service(name, { replicas: 2, vcpu: 2, memoryGiB: 4, regions, clouds: ["aws"] });
    // Two pairs, each tied by a same-continent link, joined only by their links to the bucket:
    // no service can move alone.
    const s = makeSpec({
      services: ["api", "worker", "cache", "queue"].map(svc),
      buckets: [bucket("data", { regions, clouds: ["aws"] })],
      links: [
        { ...link("worker", "api", 10), latency: { kind: "continent" } },
        { ...link("queue", "cache", 10), latency: { kind: "continent" } },
        { ...link("api", "data", 10, "bucket"), latency: { kind: "continent" } },
        { ...link("cache", "data", 10, "bucket"), latency: { kind: "continent" } },
      ],
    });
    const c = buildCandidates(s, catalog);
    const v = c.services.get("api")!.find((r) => r.key === us)!.onDemand[0].vcpus;
    // The guide puts one pair in North America, the other in Europe (a relaxation that does
    // not see the bucket's one region).
    const on = (key: string) => new Map([[key, 2 * v]]);
    const r = roundGuide(s, catalog, c, new Map([["api", on(us)], ["worker", on(us)], ["cache", on(eu)], ["queue", on(eu)]]) as never);
    assert.ok(r.plan, r.problems.join("; "));
    assert.deepStrictEqual(r.problems, []);
    const keys = Object.values(r.plan!.services).flatMap((p) => p.groups.filter((g) => g.count > 0).map((g) => `${g.cloud}:${g.region}`));
    const data = `${r.plan!.buckets.data.cloud}:${r.plan!.buckets.data.region}`;
    assert.deepStrictEqual(new Set([...keys, data].map((k) => catalog.regionByKey(k)!.continent)).size, 1);
    // A bucket that may only be in Europe takes them there, though North America costs less.
    const price = (key: string) => c.services.get("api")!.find((x) => x.key === key)!.onDemand[0].onDemandHourlyUSD;
    assert.ok(price(us) < price(eu), "North America not cheaper");
    const euOnly = { ...s, buckets: [bucket("data", { regions: ["eu-west-1"], clouds: ["aws"] })] };
    const e = roundGuide(euOnly, catalog, buildCandidates(euOnly, catalog), new Map([["api", on(us)], ["worker", on(us)], ["cache", on(eu)], ["queue", on(eu)]]) as never);
    assert.ok(e.plan, e.problems.join("; "));
    assert.deepStrictEqual(e.problems, []);
    const all = Object.values(e.plan!.services).flatMap((p) => p.groups.filter((g) => g.count > 0).map((g) => `${g.cloud}:${g.region}`));
    assert.deepStrictEqual([...new Set(all)], [eu]);
  });

  it("mends a link whose round trip a region misses by lending the peer's replica there when that costs less than moving its own", () => {
    // A cache in Mumbai and a db in Sydney, 173 ms apart, with a link that allows 150 ms. Mumbai
    // costs less, but its quota has room for one more replica only.
    const [mumbai, sydney] = ["aws:ap-south-1", "aws:ap-southeast-2"];
    const regions = [mumbai, sydney].map((k) => k.split(":")[1]);
    const base = makeSpec({
      services: [service("a-cache", { replicas: 3, vcpu: 2, memoryGiB: 4, regions, clouds: ["aws"] }), service("b-db", { replicas: 4, vcpu: 2, memoryGiB: 4, regions, clouds: ["aws"] })],
      links: [{ ...link("b-db", "a-cache", 1), latency: { kind: "rtt", maxRttMs: 150 } }],
    });
    const c = buildCandidates(base, catalog);
    const offer = (key: string) => c.services.get("b-db")!.find((r) => r.key === key)!.onDemand[0];
    assert.ok(offer(mumbai).onDemandHourlyUSD < offer(sydney).onDemandHourlyUSD, "Mumbai not cheaper than Sydney");
    assert.ok(latencyMatrix(catalog).rtt(mumbai, sydney) > 150);
    const v = offer(mumbai).vcpus;
    const s = { ...base, quotas: { [mumbai]: 4 * v } };
    const r = roundGuide(s, catalog, c, new Map([["a-cache", new Map([[mumbai, 3 * v]])], ["b-db", new Map([[sydney, 4 * v]])]]) as never);
    assert.ok(r.plan, r.problems.join("; "));
    assert.deepStrictEqual(r.problems, []);
    // Each lends the other one replica, rather than the cache leaving Mumbai (the db cannot
    // join it: the quota).
    assert.deepStrictEqual([mumbai, sydney].map((k) => replicasIn(r.plan!, "a-cache", k)), [2, 1]);
    assert.deepStrictEqual([mumbai, sydney].map((k) => replicasIn(r.plan!, "b-db", k)), [1, 3]);
  });

  it("rounds a generated spec's capacity LP into a plan whose only breaks are its repair list's, then the groups repair and improve it", async function () {
    this.timeout(300_000);
    const { s, c, guide } = await generatedGuide();
    const q = guidedPlan(s, catalog, c, guide.vcpus);
    assert.ok(q, "no guided plan");
    assert.deepStrictEqual(guidedPlan(s, catalog, c, guide.vcpus), q, "not deterministic");
    const repair = new Set(q.repair);
    assert.ok(repair.size < s.services.length / 2, `${repair.size} to repair`);
    // Every latency offender is in the repair list, with what its same-continent links tie it to.
    for (const n of latencyOffenders(s, catalog, q.plan)) assert.ok(repair.has(n), n);
    for (const l of s.links) if (l.latency?.kind === "continent") assert.strictEqual(repair.has(l.from), repair.has(l.to), `${l.from} -> ${l.to}`);
    // Without them, the plan meets the spec; with them, it breaks only latency.
    const rest = without(s, q.plan, repair);
    assert.deepStrictEqual(verifyPlan(rest.spec, catalog, rest.plan), []);
    for (const p of verifyPlan(s, catalog, q.plan)) assert.ok(/users in|^link /.test(p), p);
    // Cheaper than the cheapest-offer plan before any repair: the guide shares out the quotas.
    const plain = cheapestOfferBaseline(s, catalog);
    assert.ok(plain.cost);
    assert.ok(evaluatePlan(s, q.plan, catalog).total < plain.cost.total, `${evaluatePlan(s, q.plan, catalog).total} against ${plain.cost.total}`);

    // A plan broken on purpose: a service with a link that must share a continent moved, all
    // of it, to a region of another continent. It and what its links tie it to are repaired.
    // Four of them, in four applications (three groups to repair, two applications packed in
    // one: the groups not repaired yet are left out of a group's model, where their broken links
    // would make it infeasible).
    // The first two groups are repaired at once (no link joins them), the last alone.
    const { broken, links: ls } = movedAway(s, c, q.plan, 4, repair);
    assert.strictEqual(ls.length, 4);
    const offenders = latencyOffenders(s, catalog, broken);
    for (const l of ls) assert.ok(offenders.includes(l.from) && offenders.includes(l.to), offenders.join(", "));
    const toRepair = new Set([...repair, ...offenders]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const x of s.links)
        if (x.latency?.kind === "continent" && toRepair.has(x.from) !== toRepair.has(x.to)) {
          toRepair.add(x.from).add(x.to);
          grew = true;
        }
    }

    // The groups place the repair list again (no improvement after it) and return a plan of
    // the whole spec, priced as evaluatePlan prices it.
    let asked: boolean[] = [];
    let running = 0;
    let most = 0;
    const run = async (m: Parameters<HighsSolver["solve"]>[0], o: Parameters<HighsSolver["solve"]>[1]) => {
      most = Math.max(most, ++running);
      try {
        return await solver.solve(m, o);
      } finally {
        running--;
      }
    };
    const out = await solveByGroups(s, catalog, c, {
      relativeGap: 0.005,
      deadline: Date.now() + 120_000,
      ilp: {},
      run,
      quickStartGroupSec: Infinity,
      maxPasses: 0,
      closeRegions: false,
      quickStart: (repairs) => {
        asked.push(repairs);
        return [{ plan: broken, repair: [...toRepair].sort() }];
      },
    });
    assert.deepStrictEqual(asked, [true]);
    assert.ok(out.plan, out.failure);
    assert.strictEqual(most, 2, "two repair groups at once");
    assert.deepStrictEqual(verifyPlan(s, catalog, out.plan), []);
    assert.ok(Math.abs(evaluatePlan(s, out.plan, catalog).total - out.objective) <= 0.01, `${out.objective}`);
    assert.deepStrictEqual(latencyOffenders(s, catalog, out.plan), []);
    // Started from the quick plan (no construction): what was not repaired is where it was.
    const others = s.services.filter((x) => !toRepair.has(x.name));
    const same = others.filter((x) => JSON.stringify(out.plan!.services[x.name]) === JSON.stringify(broken.services[x.name]));
    assert.ok(same.length >= 0.9 * others.length, `${same.length} of ${others.length} unmoved`);

    // Time enough per group, but not for the repair's three groups (0.5 s each expected): it
    // is not begun, and the next quick start, with nothing to repair, is the plan.
    let models = 0;
    const counted = (m: Parameters<HighsSolver["solve"]>[0], o: Parameters<HighsSolver["solve"]>[1]) => (models++, solver.solve(m, o));
    const short = await solveByGroups(s, catalog, c, {
      relativeGap: 0.005,
      deadline: Date.now() + 1_000,
      ilp: {},
      run: counted,
      quickStartGroupSec: Infinity,
      maxPasses: 0,
      closeRegions: false,
      quickStart: () => [
        { plan: broken, repair: [...toRepair].sort() },
        { plan: plain.plan!, repair: [] },
      ],
    });
    assert.strictEqual(models, 0, "no repair model was begun");
    assert.deepStrictEqual(short.plan, plain.plan);

    // Too little time to repair (under 0.02 s a group): the quick start is asked for plans with nothing to repair only.
    asked = [];
    await solveByGroups(s, catalog, c, { relativeGap: 0.005, deadline: Date.now(), ilp: {}, run, quickStart: (repairs) => (asked.push(repairs), []) }).catch(() => undefined);
    assert.deepStrictEqual(asked, [false]);
  });

  it("places a rounded plan's offenders as the cheapest-offer baseline does, with what the rest of the plan leaves of each quota, when there is no time to place them with a solver", async function () {
    this.timeout(300_000);
    const { s, c, guide } = await generatedGuide();
    const rounded = guidedPlan(s, catalog, c, guide.vcpus);
    assert.ok(rounded, "no guided plan");
    // Broken on purpose: two services moved away from the continent their links need.
    const { broken: plan, links: ls } = movedAway(s, c, rounded.plan, 2);
    assert.strictEqual(ls.length, 2);
    const q = { plan, repair: [...new Set([...rounded.repair, ...latencyOffenders(s, catalog, plan)])].sort() };
    for (const l of ls) assert.ok(q.repair.includes(l.from), q.repair.join(", "));
    // Everything its links join to an offender, however far, is placed again; nothing else moves.
    const joined = new Set(q.repair);
    for (let grew = true; grew; ) {
      grew = false;
      for (const l of s.links)
        if (joined.has(l.from) !== joined.has(l.to)) {
          joined.add(l.from).add(l.to);
          grew = true;
        }
    }
    const check = (sp: NormalizedSpec) => {
      const p = repairedGreedily(sp, catalog, q);
      assert.ok(p, "no plan");
      assert.deepStrictEqual(verifyPlan(sp, catalog, p), []);
      for (const x of sp.services) if (!joined.has(x.name)) assert.deepStrictEqual(p.services[x.name], q.plan.services[x.name], x.name);
      for (const x of sp.buckets) if (!joined.has(x.name)) assert.deepStrictEqual(p.buckets[x.name], q.plan.buckets[x.name], x.name);
      return p;
    };
    const p = check(s);
    const moved = s.services.filter((x) => joined.has(x.name) && JSON.stringify(p.services[x.name]) !== JSON.stringify(q.plan.services[x.name]));
    assert.ok(moved.length > 0, "no offender moved");
    // Cheaper than the cheapest-offer plan of the whole spec.
    const plain = cheapestOfferBaseline(s, catalog);
    assert.ok(plain.cost && evaluatePlan(s, p, catalog).total < plain.cost.total);

    // A quota that the workloads kept fill exactly, in a region the repaired ones used: they
    // leave it, where the whole quota would have let them stay (and broken it).
    const vcpusIn = (plan: Plan, names: (n: string) => boolean, key: string) =>
      Object.entries(plan.services)
        .filter(([n]) => names(n))
        .flatMap(([, x]) => x.groups)
        .filter((g) => `${g.cloud}:${g.region}` === key)
        .reduce((n, g) => n + g.count * catalog.offer(g.cloud, g.region, g.instanceType)!.vcpus, 0);
    const key = [...new Set(moved.flatMap((x) => p.services[x.name].groups.map((g) => `${g.cloud}:${g.region}`)))].find((k) => vcpusIn(q.plan, (n) => !joined.has(n), k) > 0);
    assert.ok(key, "no region shared by kept and repaired workloads");
    const full = { ...s, quotas: { ...s.quotas, [key]: vcpusIn(q.plan, (n) => !joined.has(n), key) } };
    const t = check(full);
    assert.strictEqual(vcpusIn(t, (n) => joined.has(n), key), 0);

    // In the groups' order: with time to repair with a solver, the rounded plan and its
    // offenders first, then this plan; without, this plan first; the baseline's last.
    // (This spec's rounded plan has nothing to repair: it comes first either way.)
    assert.deepStrictEqual(rounded.repair, []);
    assert.deepStrictEqual(repairedGreedily(s, catalog, rounded), rounded.plan);
    const starts = (repairs: boolean) => [...quickPlans(s, catalog, c, undefined, guide, repairs)];
    for (const repairs of [true, false]) assert.deepStrictEqual(starts(repairs), [rounded, { plan: plain.plan, repair: [] }]);
  });
});

describe("a re-plan's start (resumePlan)", () => {
  /** The groups' re-plan of `s` from `resume`, in 30 s at most. */
  const fromResume = (s: NormalizedSpec, previous: Plan, resume: QuickStart, solver: HighsSolver, more: Partial<GroupSettings> = {}) =>
    solveByGroups(s, catalog, buildCandidates(s, catalog), { relativeGap: 0.005, deadline: Date.now() + 30_000, ilp: { previous }, run: (m, o) => solver.solve(m, o), resume, ...more });
  // web calls api on the same continent; both may run in Europe or the US.
  const regions = ["eu-central-1", "westeurope", "us-east-1", "eastus"];
  const base = makeSpec({
    services: [service("web", { replicas: 2, regions }), service("api", { replicas: 2, regions }), service("batch", { replicas: 1, regions })],
    buckets: [bucket("files", { regions })],
    links: [{ ...link("web", "api", 10), latency: { kind: "continent" } }, link("batch", "files", 5, "bucket")],
    network: DEFAULT_NETWORK_COSTS,
  });

  it("is the previous plan, nothing to place again, when it still meets the spec", async () => {
    const previous = (await optimize(base, catalog, { explain: false })).plan;
    const r = resumePlan(base, catalog, previous, undefined);
    assert.ok(r);
    assert.deepStrictEqual(r.plan, previous);
    assert.deepStrictEqual(r.repair, []);
  });

  it("places again what now breaks a rule there, with what its same-continent links tie to it, and keeps the rest", async () => {
    const previous = (await optimize(base, catalog, { explain: false })).plan;
    // api may no longer run on the continent where it runs.
    const inEurope = ["eu-central-1", "westeurope"].includes(previous.services.api.groups[0].region);
    const elsewhere = inEurope ? ["us-east-1", "eastus"] : ["eu-central-1", "westeurope"];
    const moved = { ...base, services: base.services.map((s) => (s.name === "api" ? { ...s, regions: elsewhere } : s)) };
    const r = resumePlan(moved, catalog, previous, undefined);
    assert.ok(r);
    assert.deepStrictEqual(r.repair, ["api", "web"]);
    assert.deepStrictEqual(r.plan, previous);
    // Held where it is, web is never placed again: api alone is.
    const held = { services: { web: previous.services.web }, buckets: {} };
    assert.deepStrictEqual(resumePlan(moved, catalog, previous, held)?.repair, ["api"]);
  });

  it("is tried first whatever the time per group; when its repair fails, the groups construct, asking no other quick start", async function () {
    this.timeout(120_000);
    // One cloud at most: all on aws before, and now a (linked to nothing) must run on gcp. The
    // rest meets the spec on aws, but a cannot be placed again beside it, and no neighbour of
    // its can be freed: the whole spec has to move, which a construction does.
    const eu = ["eu-central-1", "europe-west3"];
    const one = makeSpec({
      services: [service("a", { replicas: 1, regions: eu }), service("b", { replicas: 2, regions: eu }), service("c", { replicas: 1, regions: eu })],
      links: [link("b", "c", 10)],
      maxClouds: 1,
    });
    const previous = (await optimize({ ...one, services: one.services.map((x) => ({ ...x, clouds: ["aws" as const] })) }, catalog, { explain: false })).plan;
    const now = { ...one, services: one.services.map((x) => (x.name === "a" ? { ...x, clouds: ["gcp" as const] } : x)) };
    const resume = resumePlan(now, catalog, previous, undefined);
    assert.deepStrictEqual(resume?.repair, ["a"]);
    const solver = new HighsSolver();
    let asked = 0;
    const out = await fromResume(now, previous, resume!, solver, { quickStart: () => (asked++, []) });
    assert.strictEqual(asked, 0);
    assert.ok(out.plan, out.failure);
    assert.deepStrictEqual(verifyPlan(now, catalog, out.plan), []);
    assert.ok(Object.values(out.plan.services).every((p) => p.groups.every((g) => g.cloud === "gcp")));
  });

  it("places a database again when none of its callers runs beside it any more, or only callers placed again did", async function () {
    this.timeout(120_000);
    // Two callers of one database: a beside it in Frankfurt, b in Virginia (links across the
    // Atlantic allowed: no same-continent link ties them).
    const raw = (o: { aRegions: string[]; ordersRegions: string[]; aCalls: boolean }) =>
      validateSpec(
        {
          services: {
            a: { replicas: 2, vcpu: 2, memoryGiB: 4, clouds: ["aws"], regions: o.aRegions },
            b: { replicas: 2, vcpu: 2, memoryGiB: 4, clouds: ["aws"], regions: ["us-east-1"] },
          },
          databases: { orders: { engine: "postgres", vcpu: 2, memoryGiB: 8, storageGiB: 100, clouds: ["aws"], regions: o.ordersRegions } },
          links: [...(o.aCalls ? [{ from: "a", to: "orders", monthlyGiB: 20, maxRttMs: 500 }] : []), { from: "b", to: "orders", monthlyGiB: 20, maxRttMs: 500 }],
        },
        catalog,
      );
    const both = ["eu-central-1", "us-east-1"];
    const previous = (await optimize(raw({ aRegions: ["eu-central-1"], ordersRegions: ["eu-central-1"], aCalls: true }), catalog, { explain: false })).plan;
    assert.strictEqual(previous.databases?.orders.region, "eu-central-1");
    // a must now run in Virginia: placed again, and the database with it (b alone is far from it).
    const moved = raw({ aRegions: ["us-east-1"], ordersRegions: both, aCalls: true });
    const r = resumePlan(moved, catalog, previous, undefined);
    assert.deepStrictEqual(r?.repair, ["a", "orders"]);
    const solver = new HighsSolver();
    try {
      const out = await fromResume(moved, previous, r!, solver);
      assert.ok(out.plan, out.failure);
      assert.deepStrictEqual(verifyPlan(moved, catalog, out.plan), []);
      assert.deepStrictEqual(out.plan.services.b, previous.services.b);
      assert.strictEqual(out.plan.databases?.orders.region, "us-east-1");
    } finally {
      await solver.dispose();
    }
    // Without b, a is its one caller: placed again together.
    const alone = { ...moved, services: moved.services.filter((x) => x.name !== "b"), links: moved.links.filter((l) => l.from !== "b") };
    assert.deepStrictEqual(resumePlan(alone, catalog, previous, undefined)?.repair, ["a", "orders"]);
    // a no longer calls it: the database, with b its one caller far away, is placed again alone.
    assert.deepStrictEqual(resumePlan(raw({ aRegions: ["eu-central-1"], ordersRegions: both, aCalls: false }), catalog, previous, undefined)?.repair, ["orders"]);
    // Held where it is, it cannot be: no start.
    assert.strictEqual(resumePlan(moved, catalog, previous, { services: {}, buckets: {}, databases: { orders: previous.databases!.orders } }), undefined);
  });

  it("takes a held workload where it is held", async () => {
    const previous = (await optimize(base, catalog, { explain: false })).plan;
    const other = previous.services.batch.groups[0].region === "us-east-1" ? "eu-central-1" : "us-east-1";
    const batch = { groups: [{ ...previous.services.batch.groups[0], cloud: "aws" as const, region: other, instanceType: "m7g.large" }] };
    const r = resumePlan(base, catalog, previous, { services: { batch }, buckets: {} });
    assert.ok(r);
    assert.deepStrictEqual(r.plan.services.batch, batch);
    assert.ok(!r.repair.includes("batch"));
  });

  it("places a new workload beside the previous plan, its same-continent peers left where they are; no start when half the workloads are new", async function () {
    this.timeout(120_000);
    const previous = (await optimize(base, catalog, { explain: false })).plan;
    // A new service that web calls on its continent, and a new bucket it writes to.
    const grown = makeSpec({
      ...base,
      services: [...base.services, service("zz-new", { replicas: 1, regions })],
      buckets: [...base.buckets, bucket("zz-store", { regions })],
      links: [...base.links, { ...link("web", "zz-new", 10), latency: { kind: "continent" } }, link("zz-new", "zz-store", 5, "bucket")],
    });
    const r = resumePlan(grown, catalog, previous, undefined);
    assert.ok(r);
    assert.deepStrictEqual(r.repair, ["zz-new", "zz-store"]);
    assert.deepStrictEqual(r.added, ["zz-new", "zz-store"]);
    assert.deepStrictEqual(r.plan, previous);
    const solver = new HighsSolver();
    try {
      // Given whatever the time, with no improvement pass: one model is solved, the new
      // workloads' own, everything else held.
      const columns: number[] = [];
      const counted: Partial<GroupSettings> = { maxPasses: 0, run: (m, o) => (columns.push(m.numCols), solver.solve(m, o)) };
      const out = await fromResume(grown, previous, r, solver, { ...counted, newResumeGroupSec: Infinity });
      assert.ok(out.plan, out.failure);
      const own = buildPlacementModel(grown, catalog, buildCandidates(grown, catalog), { fixed: onlyWorkloads(previous, new Set(["api", "batch", "files", "web"])) }).model.numCols;
      assert.ok(columns.length === 1 && columns[0] <= own, `models of ${columns.join(", ")} columns against ${own}`);
      assert.deepStrictEqual(verifyPlan(grown, catalog, out.plan), []);
      // Nothing the previous plan placed has moved: the new service went to web's continent.
      for (const name of Object.keys(previous.services)) assert.deepStrictEqual(out.plan.services[name], previous.services[name], name);
      assert.deepStrictEqual(out.plan.buckets.files, previous.buckets.files);
      // With the time this small spec has (one group of six workloads, 30 s), it is constructed
      // instead: every workload free in its model.
      columns.length = 0;
      const built = await fromResume(grown, previous, r, solver, counted);
      assert.ok(built.plan, built.failure);
      assert.ok(columns.length > 0 && columns.every((n) => n > 2 * own), `models of ${columns.join(", ")} columns against ${own}`);
    } finally {
      await solver.dispose();
    }
    // Four of eight workloads new: the previous plan is no start; three of seven, it is.
    const more = makeSpec({ ...grown, services: [...grown.services, service("zz-more", { replicas: 1, regions })] });
    assert.deepStrictEqual(resumePlan(more, catalog, previous, undefined)?.repair, ["zz-more", "zz-new", "zz-store"]);
    const most = makeSpec({ ...more, services: [...more.services, service("zz-most", { replicas: 1, regions })] });
    assert.strictEqual(resumePlan(most, catalog, previous, undefined), undefined);
  });
});
