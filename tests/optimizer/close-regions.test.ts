import * as assert from "assert";
import { generateSpec } from "../../bench/generate";
import { cheapestOfferBaseline } from "../../optimizer/baselines";
import { buildCandidates } from "../../optimizer/candidates";
import { loadCatalog } from "../../optimizer/catalog";
import { closeRegions } from "../../optimizer/close-regions";
import { evaluatePlan, type RegionKey } from "../../optimizer/evaluate";
import { MoveCosts, merge, movedTo, regionsOf as regionsOfPlacement } from "../../optimizer/move-costs";
import { optimize } from "../../optimizer/optimize";
import type { Plan } from "../../optimizer/plan";
import { DEFAULT_NETWORK_COSTS, type NormalizedSpec } from "../../optimizer/spec";
import { validateSpec } from "../../optimizer/validate";
import { verifyPlan } from "../../optimizer/verify";
import type { Placement } from "../../optimizer/baselines";
import { bucket, link, service, spec as makeSpec } from "./random";

const catalog = loadCatalog();

const regionsOf = (plan: Plan, name: string) => [...new Set(plan.services[name].groups.map((g) => `${g.cloud}:${g.region}`))].sort();
const usedRegions = (plan: Plan) => new Set(Object.keys(plan.services).flatMap((n) => regionsOf(plan, n)));
const total = (s: NormalizedSpec, plan: Plan) => evaluatePlan(s, plan, catalog).total;
/** `plan` with one service's replicas all moved to `key`, on the same instance type. */
function moved(plan: Plan, name: string, key: string): Plan {
  const [cloud, region] = key.split(":") as [Plan["services"][string]["groups"][number]["cloud"], string];
  const count = plan.services[name].groups.reduce((n, g) => n + g.count, 0);
  const instanceType = plan.services[name].groups[0].instanceType;
  return { ...plan, services: { ...plan.services, [name]: { groups: [{ cloud, region, instanceType, count, spot: 0 }] } } };
}

/** A spec's candidates, and a group of `count` on-demand replicas on a service's cheapest offer in an AWS region. */
function onAws(s: NormalizedSpec) {
  const cand = buildCandidates(s, catalog);
  const offer = (name: string, key: string) => cand.services.get(name)!.find((r) => r.key === key)!.onDemand[0];
  const group = (name: string, key: string, count: number) => ({ cloud: "aws" as const, region: key.split(":")[1], instanceType: offer(name, key).instanceType, count, spot: 0 });
  return { cand, group };
}

/** A generated spec, its candidates and the cheapest-offer baseline's plan of it. */
function generated(services: number, seed: number): { s: NormalizedSpec; cand: ReturnType<typeof buildCandidates>; plan: Plan } {
  const s = validateSpec(generateSpec(catalog, { services, seed }), catalog);
  const plan = cheapestOfferBaseline(s, catalog).plan;
  assert.ok(plan, "the baseline has no plan");
  return { s, cand: buildCandidates(s, catalog), plan };
}

/**
 * A public api (in `apiRegions`) and a worker (Virginia or Ohio) on AWS, the worker the one
 * caller of a database in Virginia, with the links' monthly GiB.
 */
function withDatabase(apiRegions: string[], apiToWorker: number, workerToOrders: number): NormalizedSpec {
  return validateSpec(
    {
      services: {
        api: { replicas: 2, vcpu: 2, memoryGiB: 4, clouds: ["aws"], regions: apiRegions, ports: [8080], publicPorts: [443] },
        worker: { replicas: 2, vcpu: 2, memoryGiB: 4, clouds: ["aws"], regions: ["us-east-1", "us-east-2"] },
      },
      databases: { orders: { engine: "postgres", vcpu: 2, memoryGiB: 8, storageGiB: 100, clouds: ["aws"], regions: ["us-east-1"] } },
      links: [
        { from: "api", to: "worker", monthlyGiB: apiToWorker },
        { from: "worker", to: "orders", monthlyGiB: workerToOrders },
      ],
    },
    catalog,
  );
}

describe("closing regions a plan's services can leave together (optimizer/close-regions.ts)", () => {
  it("brings a service back to the region its peer and their database use, saving that region's network, as the plan's price says", async function () {
    this.timeout(60_000);
    const s = withDatabase(["us-east-1", "us-east-2"], 50, 20);
    const best = await optimize(s, catalog, { timeLimitSec: 30, explain: false });
    assert.deepStrictEqual(regionsOf(best.plan, "api"), ["aws:us-east-1"]);
    // The api sent to Ohio alone: a network, a public balancer, a connection and traffic there
    // for nothing.
    const apart = moved(best.plan, "api", "aws:us-east-2");
    assert.deepStrictEqual(verifyPlan(s, catalog, apart), []);
    const out = closeRegions(s, catalog, buildCandidates(s, catalog), apart);
    assert.ok(out, "no region closed");
    assert.deepStrictEqual(out.closed, ["aws:us-east-2"]);
    assert.deepStrictEqual(regionsOf(out.plan, "api"), ["aws:us-east-1"]);
    assert.deepStrictEqual(verifyPlan(s, catalog, out.plan), []);
    assert.deepStrictEqual(out.plan.databases, apart.databases);
    // What it says it saved is what the plan's price says, to the cent.
    assert.ok(out.savedUSD > 0);
    assert.ok(Math.abs(total(s, apart) - total(s, out.plan) - out.savedUSD) < 0.01, `${total(s, apart) - total(s, out.plan)} against ${out.savedUSD}`);
    assert.ok(total(s, out.plan) >= best.report.objective - 0.01);
    // The optimum has no region to close.
    assert.strictEqual(closeRegions(s, catalog, buildCandidates(s, catalog), best.plan), undefined);
    // A database keeps its region, and its callers there stay beside it: a worker that sends an
    // api in Ohio 2 TiB a month would rather run in Ohio too, but it is the database's one caller.
    const pulled = withDatabase(["us-east-2"], 2048, 1);
    const tied = await optimize(pulled, catalog, { timeLimitSec: 30, explain: false });
    assert.ok(regionsOf(tied.plan, "worker").includes("aws:us-east-1"));
    const after = closeRegions(pulled, catalog, buildCandidates(pulled, catalog), tied.plan)?.plan ?? tied.plan;
    assert.deepStrictEqual(verifyPlan(pulled, catalog, after), []);
    assert.ok(regionsOf(after, "worker").includes("aws:us-east-1"));
  });

  it("keeps a region whose services break a spread or a quota by leaving it, and closes the one they can leave", () => {
    const [virginia, ohio] = ["aws:us-east-1", "aws:us-east-2"];
    const both = { clouds: ["aws" as const], regions: ["us-east-1", "us-east-2"] };
    const base = { services: [service("api", both), service("cache", both), service("worker", both)], links: [link("api", "worker", 10), link("api", "cache", 10)], network: DEFAULT_NETWORK_COSTS };
    const cand = buildCandidates(makeSpec(base), catalog);
    const offer = (name: string, key: string) => cand.services.get(name)!.find((r) => r.key === key)!.onDemand[0];
    const group = (name: string, key: string, count = 2) => ({ cloud: "aws" as const, region: key.split(":")[1], instanceType: offer(name, key).instanceType, count, spot: 0 });
    // api and cache in Virginia, worker in Ohio.
    const plan: Plan = { services: { api: { groups: [group("api", virginia)] }, cache: { groups: [group("cache", virginia)] }, worker: { groups: [group("worker", ohio)] } }, buckets: {} };
    // Virginia's quota full: the worker cannot come, so Ohio (fewest services, tried first) stays;
    // api and cache can leave Virginia for Ohio.
    const full = { [virginia]: 2 * (offer("api", virginia).vcpus + offer("cache", virginia).vcpus) };
    const quota = makeSpec({ ...base, quotas: full });
    assert.deepStrictEqual(verifyPlan(quota, catalog, plan), []);
    const out = closeRegions(quota, catalog, cand, plan);
    assert.ok(out, "no region closed");
    assert.deepStrictEqual(out.closed, [virginia]);
    assert.deepStrictEqual([...usedRegions(out.plan)], [ohio]);
    assert.deepStrictEqual(verifyPlan(quota, catalog, out.plan), []);
    assert.ok(Math.abs(total(quota, plan) - total(quota, out.plan) - out.savedUSD) < 0.01);
    // A worker that must run in two regions (one replica in each) cannot leave either: neither
    // region closes, and the plan comes back unchanged (nothing returned).
    const spread = makeSpec({ ...base, services: [service("api", both), service("cache", both), service("worker", { ...both, minRegions: 2 })] });
    const split: Plan = { ...plan, services: { ...plan.services, worker: { groups: [group("worker", virginia, 1), group("worker", ohio, 1)] } } };
    assert.deepStrictEqual(verifyPlan(spread, catalog, split), []);
    assert.strictEqual(closeRegions(spread, catalog, cand, split), undefined);
    // Held services keep their regions open: with api held, Virginia stays, and so does Ohio.
    assert.strictEqual(closeRegions(quota, catalog, cand, plan, { held: new Set(["api"]) }), undefined);
  });

  it("then moves a service alone where it costs less, when no region can close", () => {
    // The api only in Virginia, the cache only in Ohio: neither region can close. The worker, in
    // Ohio, sends the api 2 TiB a month across regions: alone, it moves to Virginia.
    const [virginia, ohio] = ["aws:us-east-1", "aws:us-east-2"];
    const s = makeSpec({
      services: [
        service("api", { clouds: ["aws"], regions: ["us-east-1"] }),
        service("cache", { clouds: ["aws"], regions: ["us-east-2"] }),
        service("worker", { clouds: ["aws"], regions: ["us-east-1", "us-east-2"] }),
      ],
      links: [link("worker", "api", 2048), link("worker", "cache", 1)],
      network: DEFAULT_NETWORK_COSTS,
    });
    const cand = buildCandidates(s, catalog);
    const offer = (name: string, key: string) => cand.services.get(name)!.find((r) => r.key === key)!.onDemand[0];
    const group = (name: string, key: string) => ({ cloud: "aws" as const, region: key.split(":")[1], instanceType: offer(name, key).instanceType, count: 2, spot: 0 });
    const plan: Plan = { services: { api: { groups: [group("api", virginia)] }, cache: { groups: [group("cache", ohio)] }, worker: { groups: [group("worker", ohio)] } }, buckets: {} };
    const out = closeRegions(s, catalog, cand, plan);
    assert.ok(out, "nothing moved");
    assert.deepStrictEqual(out.closed, []);
    assert.strictEqual(out.moved, 1);
    assert.deepStrictEqual(regionsOf(out.plan, "worker"), [virginia]);
    assert.deepStrictEqual(verifyPlan(s, catalog, out.plan), []);
    assert.ok(Math.abs(total(s, plan) - total(s, out.plan) - out.savedUSD) < 0.01, `${total(s, plan) - total(s, out.plan)} against ${out.savedUSD}`);
    // With the worker held, nothing moves.
    assert.strictEqual(closeRegions(s, catalog, cand, plan, { held: new Set(["worker"]) }), undefined);
  });

  it("moves spot replicas onto spot where the region has spot offers", () => {
    const [virginia, ohio] = ["aws:us-east-1", "aws:us-east-2"];
    const both = { clouds: ["aws" as const], regions: ["us-east-1", "us-east-2"] };
    const s = makeSpec({ services: [service("api", both), service("worker", { ...both, replicas: 3, spotReplicas: 2 })], links: [link("api", "worker", 10)], network: DEFAULT_NETWORK_COSTS });
    const cand = buildCandidates(s, catalog);
    const offers = (name: string, key: string) => cand.services.get(name)!.find((r) => r.key === key)!;
    assert.ok(offers("worker", virginia).spot.length > 0 && offers("worker", ohio).spot.length > 0, "no spot offers");
    const od = (name: string, key: string, count: number) => ({ cloud: "aws" as const, region: key.split(":")[1], instanceType: offers(name, key).onDemand[0].instanceType, count, spot: 0 });
    const spot = { ...od("worker", ohio, 2), instanceType: offers("worker", ohio).spot[0].instanceType, spot: 2 };
    // api in Virginia; the worker in Ohio, two of its three replicas on spot.
    const plan: Plan = { services: { api: { groups: [od("api", virginia, 2)] }, worker: { groups: [od("worker", ohio, 1), spot] } }, buckets: {} };
    assert.deepStrictEqual(verifyPlan(s, catalog, plan), []);
    const out = closeRegions(s, catalog, cand, plan);
    assert.ok(out, "no region closed");
    assert.strictEqual(out.closed.length, 1);
    assert.deepStrictEqual([...usedRegions(out.plan)], [out.closed[0] === ohio ? virginia : ohio]);
    const groups = out.plan.services.worker.groups;
    assert.strictEqual(groups.reduce((n, g) => n + g.count, 0), 3);
    assert.strictEqual(groups.reduce((n, g) => n + g.spot, 0), 2);
    assert.deepStrictEqual(verifyPlan(s, catalog, out.plan), []);
    assert.ok(Math.abs(total(s, plan) - total(s, out.plan) - out.savedUSD) < 0.01, `${total(s, plan) - total(s, out.plan)} against ${out.savedUSD}`);
  });

  it("moves a bucket with the services its links join it to in its region, when together they cost less elsewhere", () => {
    // The api and its bucket in Ohio, the worker it calls bound to Virginia. Alone, the api
    // stays beside its bucket (2 TiB a month each way); with the bucket it moves to Virginia,
    // saving Ohio's network, the connection and the traffic to the worker.
    const [virginia, ohio] = ["aws:us-east-1", "aws:us-east-2"];
    const app = (over: { data?: Parameters<typeof bucket>[1]; nat?: "off" } = {}) =>
      makeSpec({
        services: [service("api", { clouds: ["aws"], regions: ["us-east-1", "us-east-2"] }), service("worker", { clouds: ["aws"], regions: ["us-east-1"] })],
        buckets: [bucket("data", { clouds: ["aws"], ...over.data })],
        links: [link("api", "worker", 50), link("api", "data", 4096, "bucket")],
        network: { ...DEFAULT_NETWORK_COSTS, ...(over.nat ? { nat: over.nat } : {}) },
      });
    const s = app();
    const cand = buildCandidates(s, catalog);
    const offer = (name: string, key: string) => cand.services.get(name)!.find((r) => r.key === key)!.onDemand[0];
    const group = (name: string, key: string) => ({ cloud: "aws" as const, region: key.split(":")[1], instanceType: offer(name, key).instanceType, count: 2, spot: 0 });
    const plan: Plan = { services: { api: { groups: [group("api", ohio)] }, worker: { groups: [group("worker", virginia)] } }, buckets: { data: { cloud: "aws", region: "us-east-2" } } };
    assert.deepStrictEqual(verifyPlan(s, catalog, plan), []);
    // Neither moves alone for less: the api away from its bucket pays more traffic than it saves.
    assert.ok(total(s, moved(plan, "api", virginia)) > total(s, plan));
    const out = closeRegions(s, catalog, cand, plan);
    assert.ok(out, "nothing moved");
    assert.deepStrictEqual([out.sets, out.buckets], [1, 1]);
    assert.deepStrictEqual(out.plan.buckets.data, { cloud: "aws", region: "us-east-1" });
    assert.deepStrictEqual([...usedRegions(out.plan)], [virginia]);
    assert.deepStrictEqual(verifyPlan(s, catalog, out.plan), []);
    assert.ok(out.savedUSD > 0 && Math.abs(total(s, plan) - total(s, out.plan) - out.savedUSD) < 0.01, `${total(s, plan) - total(s, out.plan)} against ${out.savedUSD}`);
    // It stays: held, or held with its api, or allowed Ohio alone, or with NAT off.
    assert.strictEqual(closeRegions(s, catalog, cand, plan, { held: new Set(["data"]) }), undefined);
    assert.strictEqual(closeRegions(s, catalog, cand, plan, { held: new Set(["api"]) }), undefined);
    const pinned = app({ data: { regions: ["us-east-2"] } });
    assert.strictEqual(closeRegions(pinned, catalog, buildCandidates(pinned, catalog), plan), undefined);
    const natOff = app({ nat: "off" });
    assert.strictEqual(closeRegions(natOff, catalog, buildCandidates(natOff, catalog), plan), undefined);
  });

  it("moves linked services of a region together where neither moves alone and the region stays open", () => {
    // a and b in Ohio send each other 4 TiB a month and each sends the worker in Virginia 500 GiB;
    // the cache (bound to Ohio) keeps the region open. Alone, either would pay more traffic to the
    // other than it saves.
    const [virginia, ohio] = ["aws:us-east-1", "aws:us-east-2"];
    const both = { clouds: ["aws" as const], regions: ["us-east-1", "us-east-2"] };
    const s = makeSpec({
      services: [service("a", both), service("b", both), service("cache", { clouds: ["aws"], regions: ["us-east-2"] }), service("worker", { clouds: ["aws"], regions: ["us-east-1"] })],
      links: [link("a", "b", 4096), link("a", "worker", 500), link("b", "worker", 500)],
      network: DEFAULT_NETWORK_COSTS,
    });
    const cand = buildCandidates(s, catalog);
    const offer = (name: string, key: string) => cand.services.get(name)!.find((r) => r.key === key)!.onDemand[0];
    const group = (name: string, key: string) => ({ cloud: "aws" as const, region: key.split(":")[1], instanceType: offer(name, key).instanceType, count: 2, spot: 0 });
    const plan: Plan = { services: { a: { groups: [group("a", ohio)] }, b: { groups: [group("b", ohio)] }, cache: { groups: [group("cache", ohio)] }, worker: { groups: [group("worker", virginia)] } }, buckets: {} };
    assert.deepStrictEqual(verifyPlan(s, catalog, plan), []);
    assert.ok(total(s, moved(plan, "a", virginia)) > total(s, plan) && total(s, moved(plan, "b", virginia)) > total(s, plan));
    const out = closeRegions(s, catalog, cand, plan);
    assert.ok(out, "nothing moved");
    assert.deepStrictEqual([out.closed, out.moved, out.sets, out.buckets], [[], 0, 1, 0]);
    assert.deepStrictEqual([regionsOf(out.plan, "a"), regionsOf(out.plan, "b"), regionsOf(out.plan, "cache")], [[virginia], [virginia], [ohio]]);
    assert.deepStrictEqual(verifyPlan(s, catalog, out.plan), []);
    assert.ok(out.savedUSD > 0 && Math.abs(total(s, plan) - total(s, out.plan) - out.savedUSD) < 0.01, `${total(s, plan) - total(s, out.plan)} against ${out.savedUSD}`);
    // With b held, a stays too (alone it would not move).
    assert.strictEqual(closeRegions(s, catalog, cand, plan, { held: new Set(["b"]) }), undefined);
  });

  it("moves a service to a region no service uses when the caller names it among its cheap ones, opening its network", () => {
    // The api bound to Virginia; the worker, in California, may run there or in Ohio, where no
    // service runs yet: closing California needs a region the plan does not use.
    const [virginia, ohio, california] = ["aws:us-east-1", "aws:us-east-2", "aws:us-west-1"];
    const s = makeSpec({
      services: [service("api", { clouds: ["aws"], regions: ["us-east-1"] }), service("worker", { replicas: 6, vcpu: 4, memoryGiB: 16, clouds: ["aws"], regions: ["us-west-1", "us-east-2"] })],
      links: [link("api", "worker", 10)],
      network: DEFAULT_NETWORK_COSTS,
    });
    const { cand, group } = onAws(s);
    const plan: Plan = { services: { api: { groups: [group("api", virginia, 2)] }, worker: { groups: [group("worker", california, 6)] } }, buckets: {} };
    assert.deepStrictEqual(verifyPlan(s, catalog, plan), []);
    assert.ok(total(s, moved(plan, "worker", ohio)) < total(s, plan), "the worker costs no less in Ohio, its network included");
    // Without Ohio among its cheap regions, it has nowhere to go.
    assert.strictEqual(closeRegions(s, catalog, cand, plan), undefined);
    const out = closeRegions(s, catalog, cand, plan, { cheap: new Map([["worker", new Set([ohio] as const)]]) });
    assert.ok(out, "no region closed");
    assert.deepStrictEqual(out.closed, [california]);
    assert.deepStrictEqual(regionsOf(out.plan, "worker"), [ohio]);
    assert.deepStrictEqual(verifyPlan(s, catalog, out.plan), []);
    assert.ok(Math.abs(total(s, plan) - total(s, out.plan) - out.savedUSD) < 0.01, `${total(s, plan) - total(s, out.plan)} against ${out.savedUSD}`);
    // A region it may not use (another cloud) is passed over.
    assert.strictEqual(closeRegions(s, catalog, cand, plan, { cheap: new Map([["worker", new Set(["gcp:us-east4"] as const)]]) }), undefined);
  });

  it("leaves a region open when closing it costs more than its network saves", () => {
    // 200 worker replicas in Virginia, the api only in Tokyo: the worker could join the api,
    // but its replicas cost more there than a network, a connection and their traffic.
    const [virginia, tokyo] = ["aws:us-east-1", "aws:ap-northeast-1"];
    const s = makeSpec({
      services: [service("api", { clouds: ["aws"], regions: ["ap-northeast-1"] }), service("worker", { replicas: 200, clouds: ["aws"], regions: ["us-east-1", "ap-northeast-1"] })],
      links: [link("api", "worker", 10)],
      network: DEFAULT_NETWORK_COSTS,
    });
    const { cand, group } = onAws(s);
    const plan: Plan = { services: { api: { groups: [group("api", tokyo, 2)] }, worker: { groups: [group("worker", virginia, 200)] } }, buckets: {} };
    const together = moved(plan, "worker", tokyo);
    assert.deepStrictEqual(verifyPlan(s, catalog, together), []);
    assert.ok(total(s, together) > total(s, plan), "the worker costs no more in Tokyo, network included");
    assert.strictEqual(closeRegions(s, catalog, cand, plan), undefined);
  });

  it("never prices a move's network under what entering its region adds, less what leaving its region can save (MoveCosts.entryCost)", function () {
    this.timeout(120_000);
    // Every service of a generated spec's cheapest-offer plan, each of its regions left for each
    // region it may use: the bound closing regions sorts and stops by must hold for all.
    const { s, cand, plan } = generated(30, 2);
    const placements = new Map<string, Placement>();
    for (const [name, sp] of Object.entries(plan.services))
      placements.set(
        name,
        sp.groups.flatMap((g) => {
          const offer = catalog.offer(g.cloud, g.region, g.instanceType)!;
          const key = `${g.cloud}:${g.region}` as RegionKey;
          return [...(g.count > g.spot ? [{ key, offer, spot: false, count: g.count - g.spot }] : []), ...(g.spot > 0 ? [{ key, offer, spot: true, count: g.spot }] : [])];
        }),
      );
    const fixed = new Map<string, RegionKey>(Object.entries(plan.buckets).map(([n, b]) => [n, `${b.cloud}:${b.region}` as RegionKey]));
    const mc = new MoveCosts(s, catalog, placements, fixed);
    let checked = 0;
    let entering = 0;
    for (const [name, p] of placements) {
      const was = regionsOfPlacement(p);
      for (const from of was) {
        const leaving = p.filter((u) => u.key === from);
        for (const r of cand.services.get(name) ?? []) {
          if (r.key === from) continue;
          const to = regionsOfPlacement(merge([...p.filter((u) => u.key !== from), ...movedTo(leaving, r)]));
          const least = mc.entryCost(name, r.key, was) - mc.networkSaveable(name, from);
          assert.ok(mc.network(name, was, to).usd >= least - 1e-6, `${name} from ${from} to ${r.key}`);
          if (was.includes(r.key)) assert.strictEqual(mc.entryCost(name, r.key, was), 0);
          // (Where no service runs, a region's network on AWS or Azure has a NAT gateway to pay.)
          else if (mc.servicesAt(r.key) === 0 && mc.entryCost(name, r.key, was) > 0) entering++;
          checked++;
        }
      }
    }
    assert.ok(checked > 1000 && entering > 100, `${checked} moves checked, ${entering} priced into a region where no service runs`);
  });

  it("closes regions of a generated spec's plan, its saving as priced, every requirement kept, the same plan every time", function () {
    this.timeout(120_000);
    const { s, cand, plan } = generated(100, 1);
    const before = verifyPlan(s, catalog, plan);
    // The cheapest-offer baseline spreads services over many regions (each at its cheapest).
    const heldName = Object.keys(plan.services).sort()[0];
    const out = closeRegions(s, catalog, cand, plan, { held: new Set([heldName]) });
    assert.ok(out, "no region closed");
    assert.ok(out.closed.length >= 2, `closed ${out.closed.join(", ")}`);
    for (const key of out.closed) assert.ok(!usedRegions(out.plan).has(key), `${key} still used`);
    assert.ok(usedRegions(plan).size - usedRegions(out.plan).size >= out.closed.length);
    assert.deepStrictEqual(out.plan.services[heldName], plan.services[heldName]);
    // A service that did not move keeps its groups as they were, in their order.
    const same = (a: Plan["services"][string], b: Plan["services"][string]) => JSON.stringify([...a.groups].map((g) => JSON.stringify(g)).sort()) === JSON.stringify([...b.groups].map((g) => JSON.stringify(g)).sort());
    const unmoved = Object.keys(plan.services).filter((n) => same(out.plan.services[n], plan.services[n]));
    assert.ok(unmoved.length > 0);
    for (const n of unmoved) assert.strictEqual(out.plan.services[n], plan.services[n], n);
    // Buckets moved (with the services their links join them to) are the ones it counts.
    assert.deepStrictEqual(Object.keys(out.plan.buckets).sort(), Object.keys(plan.buckets).sort());
    const movedBuckets = Object.keys(plan.buckets).filter((n) => JSON.stringify(out.plan.buckets[n]) !== JSON.stringify(plan.buckets[n]));
    assert.strictEqual(movedBuckets.length, out.buckets ?? 0);
    // No requirement broken that the plan kept.
    assert.deepStrictEqual(
      verifyPlan(s, catalog, out.plan).filter((v) => !before.includes(v)),
      [],
    );
    const saved = total(s, plan) - total(s, out.plan);
    assert.ok(out.savedUSD > 0 && Math.abs(saved - out.savedUSD) < 0.05, `${saved} against ${out.savedUSD}`);
    assert.deepStrictEqual(closeRegions(s, catalog, cand, plan, { held: new Set([heldName]) })?.plan, out.plan);
    // A deadline already past closes nothing.
    assert.strictEqual(closeRegions(s, catalog, cand, plan, { deadline: Date.now() - 1 }), undefined);
  });
});
