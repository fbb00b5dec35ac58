import * as assert from "assert";
import { loadCatalog, HOURS_PER_MONTH } from "../../optimizer/catalog";
import { buildCandidates, fits, paretoOffers } from "../../optimizer/candidates";
import { directionCost, evaluatePlan } from "../../optimizer/evaluate";
import { trafficRates } from "../../optimizer/traffic";
import type { Plan } from "../../optimizer/plan";
import { service, spec } from "./random";

const catalog = loadCatalog();

describe("plan evaluation", () => {
  it("prices compute at 730 hours a month, spot at the spot price, and disks per replica", () => {
    const s = spec({ services: [service("api", { replicas: 3, spotReplicas: 1, diskGiB: 50 })] });
    const plan: Plan = {
      services: { api: { groups: [{ cloud: "aws", region: "us-east-1", instanceType: "m7g.large", count: 3, spot: 1 }] } },
      buckets: {},
    };
    const offer = catalog.offer("aws", "us-east-1", "m7g.large")!;
    const cost = evaluatePlan(s, plan, catalog, buildCandidates(s, catalog).regionsOf);
    const compute = HOURS_PER_MONTH * (2 * offer.onDemandHourlyUSD + offer.spotHourlyUSD!);
    const disk = 3 * 50 * catalog.diskPerGiBMonth("aws", "us-east-1");
    assert.strictEqual(cost.compute, Math.round(compute * 100) / 100);
    assert.strictEqual(cost.disk, Math.round(disk * 100) / 100);
    assert.strictEqual(cost.clouds.aws, Math.round((compute + disk) * 100) / 100);
    assert.strictEqual(cost.services.api.total, cost.total);
  });

  it("charges cross-cloud traffic of a split service as each sender's internet egress", () => {
    const a = service("a", { regions: ["us-east-1", "us-east4"] });
    const b = service("b", { clouds: ["aws"], regions: ["us-east-1"] });
    const s = spec({
      services: [a, b],
      links: [{ from: "a", to: "b", toKind: "service", monthlyGiB: 100, port: 8080 }],
    });
    const plan: Plan = {
      services: {
        a: {
          groups: [
            { cloud: "aws", region: "us-east-1", instanceType: "m7g.large", count: 1, spot: 0 },
            { cloud: "gcp", region: "us-east4", instanceType: "n2d-standard-2", count: 1, spot: 0 },
          ],
        },
        b: { groups: [{ cloud: "aws", region: "us-east-1", instanceType: "m7g.large", count: 2, spot: 0 }] },
      },
      buckets: {},
    };
    const cost = evaluatePlan(s, plan, catalog, buildCandidates(s, catalog).regionsOf);
    // a -> b: half of a's 50 GiB leaves gcp:us-east4 at GCP's internet rate.
    // b -> a: half of b's 50 GiB leaves aws:us-east-1 at AWS's internet rate.
    const expectA = 25 * catalog.internetEgressPerGiB("gcp", "us-east4");
    const expectB = 25 * catalog.internetEgressPerGiB("aws", "us-east-1");
    assert.strictEqual(cost.services.a.traffic, Math.round(expectA * 100) / 100);
    assert.strictEqual(cost.services.b.traffic, Math.round(expectB * 100) / 100);
  });

  it("charges nothing for traffic between co-located workloads", () => {
    const s = spec({
      services: [service("a"), service("b")],
      links: [{ from: "a", to: "b", toKind: "service", monthlyGiB: 1000, port: 8080 }],
    });
    const g = { cloud: "aws" as const, region: "eu-west-1", instanceType: "m7g.large", count: 2, spot: 0 };
    const cost = evaluatePlan(s, { services: { a: { groups: [g] }, b: { groups: [g] } }, buckets: {} }, catalog, buildCandidates(s, catalog).regionsOf);
    assert.strictEqual(cost.traffic, 0);
  });

  it("charges traffic between regions of one cloud at the inter-region rate, not internet egress", () => {
    const shares = (k: string) => ({ regions: new Map([[k, 1]]) });
    const charged = directionCost(10, shares("aws:us-east-1"), shares("aws:eu-west-1"), trafficRates(catalog));
    assert.deepStrictEqual([...charged], [["aws:us-east-1", 10 * catalog.transferPerGiB("aws", "us-east-1", "aws", "eu-west-1")]]);
  });

  it("prices dev's cache -> api at the rates to the regions api runs in", () => {
    // 100 GiB from gcp:europe-west4: a quarter to azure:eastus at GCP's internet egress, three
    // quarters to gcp:us-west1 at GCP's inter-region rate from Europe to the US.
    const cache = { regions: new Map([["gcp:europe-west4", 1]]) };
    const api = { regions: new Map([["azure:eastus", 0.25], ["gcp:us-west1", 0.75]]) };
    const charged = directionCost(100, cache, api, trafficRates(catalog));
    const want = 25 * catalog.internetEgressPerGiB("gcp", "europe-west4") + 75 * catalog.transferPerGiB("gcp", "europe-west4", "gcp", "us-west1");
    assert.ok(catalog.transferPerGiB("gcp", "europe-west4", "gcp", "us-west1") < catalog.internetEgressPerGiB("gcp", "europe-west4"));
    assert.deepStrictEqual([...charged].map(([r, usd]) => [r, Math.round(usd * 100) / 100]), [["gcp:europe-west4", Math.round(want * 100) / 100]]);
  });

  it("routes each sender to the cheapest receivers and charges each sending region its own part", () => {
    // x: half in gcp:europe-west3, half in gcp:asia-northeast1; y: half in gcp:europe-west4,
    // half in aws:us-east-1. Europe -> Europe at $0.02 and Asia -> AWS at GCP's $0.12 beat the
    // crossed assignment (Europe -> AWS $0.12, Asia -> Europe $0.08).
    const x = { regions: new Map([["gcp:europe-west3", 0.5], ["gcp:asia-northeast1", 0.5]]) };
    const y = { regions: new Map([["gcp:europe-west4", 0.5], ["aws:us-east-1", 0.5]]) };
    const rates = trafficRates(catalog);
    const charged = directionCost(200, x, y, rates);
    const rounded = [...charged].map(([r, usd]) => [r, Math.round(usd * 1e6) / 1e6]);
    const straight = [rates.cost("gcp:asia-northeast1", "aws:us-east-1"), rates.cost("gcp:europe-west3", "gcp:europe-west4")];
    const crossed = rates.cost("gcp:asia-northeast1", "gcp:europe-west4") + rates.cost("gcp:europe-west3", "aws:us-east-1");
    assert.ok(straight[0] + straight[1] < crossed);
    assert.deepStrictEqual(rounded, [
      ["gcp:asia-northeast1", Math.round(100 * straight[0] * 1e6) / 1e6],
      ["gcp:europe-west3", Math.round(100 * straight[1] * 1e6) / 1e6],
    ]);
  });

  it("prices a bucket's storage and internet reads in its region", () => {
    const s = spec({
      buckets: [{ name: "assets", storageGiB: 1000, internetEgressGiB: 200, residency: [], clouds: ["gcp"], regions: [] }],
    });
    const cost = evaluatePlan(s, { services: {}, buckets: { assets: { cloud: "gcp", region: "europe-west4" } } }, catalog, buildCandidates(s, catalog).regionsOf);
    assert.strictEqual(cost.storage, 20);
    assert.strictEqual(cost.internetEgress, 24);
    assert.strictEqual(cost.total, 44);
  });

  it("rejects an instance type the catalog does not offer in that region, naming it", () => {
    const s = spec({ services: [service("api")] });
    const plan: Plan = {
      services: { api: { groups: [{ cloud: "aws", region: "us-east-1", instanceType: "x9.huge", count: 2, spot: 0 }] } },
      buckets: {},
    };
    assert.throws(() => evaluatePlan(s, plan, catalog, () => []), /services\.api: x9\.huge is not offered in aws:us-east-1/);
  });
});

describe("candidates", () => {
  it("excludes burstable types unless allowed", () => {
    const small = service("tiny", { vcpu: 1, memoryGiB: 1, clouds: ["azure"], regions: ["eastus"] });
    const strict = buildCandidates(spec({ services: [small] }), catalog).services.get("tiny")!;
    assert.ok(strict[0].onDemand.every((o) => o.category !== "burstable"));
    const loose = buildCandidates(spec({ services: [small], allowBurstable: true }), catalog).services.get("tiny")!;
    assert.strictEqual(loose[0].onDemand[0].category, "burstable");
  });

  it("keeps only regions meeting residency by continent or country", () => {
    const s = spec({ services: [service("db", { residency: ["DE"] })] });
    const keys = buildCandidates(s, catalog).regionsOf("db");
    assert.deepStrictEqual(keys, [
      "aws:eu-central-1",
      "azure:germanynorth",
      "azure:germanywestcentral",
      "gcp:europe-west10",
      "gcp:europe-west3",
    ]);
  });

  it("keeps a pricier offer only when it uses fewer vCPUs than every cheaper one", () => {
    const offers = catalog.offersIn("aws", "us-east-1");
    const kept = paretoOffers(offers, (o) => o.onDemandHourlyUSD);
    for (let i = 1; i < kept.length; i++) {
      assert.ok(kept[i].onDemandHourlyUSD >= kept[i - 1].onDemandHourlyUSD);
      assert.ok(kept[i].vcpus < kept[i - 1].vcpus);
    }
    const cheapest = Math.min(...offers.map((o) => o.onDemandHourlyUSD));
    assert.strictEqual(kept[0].onDemandHourlyUSD, cheapest);
  });

  it("offers each service, in every region, exactly the fitting offers no cheaper fitting one has as many vCPUs as", () => {
    // Shapes from the smallest to ones few types fit, with and without spot and burstable types.
    const shapes = [
      { vcpu: 1, memoryGiB: 1 },
      { vcpu: 2, memoryGiB: 8, arch: "arm64" as const },
      { vcpu: 4, memoryGiB: 16, spotReplicas: 1 },
      { vcpu: 8, memoryGiB: 64, arch: "x86_64" as const, spotReplicas: 2 },
      { vcpu: 48, memoryGiB: 384 },
    ];
    let regions = 0;
    for (const allowBurstable of [false, true]) {
      const s = spec({ services: shapes.map((x, i) => service(`s${i}`, { replicas: 2, ...x })), allowBurstable });
      const c = buildCandidates(s, catalog);
      for (const x of s.services)
        for (const r of c.services.get(x.name)!) {
          const fitting = catalog.offersIn(r.region.cloud, r.region.region).filter((o) => fits(o, x, allowBurstable));
          // By definition: an offer is kept when every fitting offer that is cheaper (or as cheap
          // and first in the order) has more vCPUs.
          const pareto = (price: (o: (typeof fitting)[number]) => number | null) => {
            const priced = fitting.filter((o) => price(o) !== null);
            const before = (a: (typeof fitting)[number], b: (typeof fitting)[number]) =>
              price(a)! < price(b)! || (price(a) === price(b) && (a.vcpus < b.vcpus || (a.vcpus === b.vcpus && a.instanceType < b.instanceType)));
            return priced
              .filter((o) => priced.every((p) => p === o || !before(p, o) || p.vcpus > o.vcpus))
              .sort((a, b) => (before(a, b) ? -1 : 1))
              .map((o) => o.instanceType);
          };
          assert.deepStrictEqual(r.onDemand.map((o) => o.instanceType), pareto((o) => o.onDemandHourlyUSD), `${x.name} in ${r.key}`);
          assert.deepStrictEqual(r.spot.map((o) => o.instanceType), x.spotReplicas > 0 ? pareto((o) => o.spotHourlyUSD) : [], `${x.name} spot in ${r.key}`);
          regions++;
        }
    }
    assert.ok(regions > 500, `${regions} regions checked`);
  });

  it("honours the arm64 architecture requirement", () => {
    const s = spec({ services: [service("w", { arch: "arm64", clouds: ["gcp"] })] });
    const c = buildCandidates(s, catalog).services.get("w")!;
    assert.deepStrictEqual(c.map((r) => r.key), ["gcp:asia-southeast1", "gcp:europe-west4", "gcp:us-central1"]);
    assert.ok(c.every((r) => r.onDemand.every((o) => o.arch === "arm64")));
  });
});
