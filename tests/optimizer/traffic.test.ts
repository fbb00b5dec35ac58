import * as assert from "assert";
import { Catalog, loadCatalog } from "../../optimizer/catalog";
import type { CatalogFile } from "../../optimizer/catalog";
import { LinExpr, ModelBuilder } from "../../optimizer/solvers/builder";
import { HighsSolver } from "../../optimizer/solvers/highs";
import { cheapestRouting, routingTotal, trafficRates } from "../../optimizer/traffic";
import { agreesWithOracle, bruteForce, link, rng, service, spec } from "./random";
import { optimize } from "../../optimizer/optimize";
import type { Plan } from "../../optimizer/plan";

const catalog = loadCatalog();

/** The transportation LP solved by HiGHS: an independent check of cheapestRouting. */
async function routedByLp(
  solver: HighsSolver,
  supply: Map<string, number>,
  demand: Map<string, number>,
  cost: (a: string, b: string) => number,
): Promise<number> {
  const m = new ModelBuilder();
  const cols = new Map<string, number>();
  for (const [r] of supply) for (const [q] of demand) cols.set(`${r}>${q}`, m.addCol(`${r}>${q}`, cost(r, q), 0, Infinity, false));
  for (const [r, v] of supply) {
    const e = new LinExpr();
    for (const [q] of demand) e.add(cols.get(`${r}>${q}`)!, 1);
    m.addRow(`s${r}`, e, v, v);
  }
  for (const [q, v] of demand) {
    const e = new LinExpr();
    for (const [r] of supply) e.add(cols.get(`${r}>${q}`)!, 1);
    m.addRow(`d${q}`, e, v, v);
  }
  const out = await solver.solve(m.build(), { timeLimitSec: 10, relativeGap: 0 });
  assert.strictEqual(out.status, "optimal");
  return out.objective;
}

/** A copy of the shipped catalog with in-cloud rates that break the metric and beat egress. */
function oddCatalog(): Catalog {
  const file = JSON.parse(JSON.stringify(require("../../optimizer/catalog/catalog.json"))) as CatalogFile;
  // us-central1 -> europe-west4 dearer than going through us-east4 and dearer than the internet.
  // A later group of a sending region overrides earlier ones for the regions it names.
  file.interRegion["gcp:us-central1"].push([0.5, 0, ["europe-west4"]]);
  file.interRegion["aws:us-east-1"].push([0.3, 0, ["eu-central-1"]]);
  file.interRegion["azure:eastus"].push([0.2, 0, ["westeurope"]]);
  return new Catalog(file);
}

describe("traffic rates and routing", () => {
  it("groups regions into zones that send and receive at one rate per pair of zones", () => {
    const t = trafficRates(catalog);
    const keys = catalog.regions.map((r) => `${r.cloud}:${r.region}`);
    assert.strictEqual(new Set(t.zones.flatMap((z) => z.regions)).size, keys.length);
    assert.ok(t.zones.length < keys.length, "zones should group regions");
    for (const a of keys) {
      const za = t.zoneOf(a);
      assert.strictEqual(za.internet, catalog.internetEgressPerGiB(za.cloud, a.slice(a.indexOf(":") + 1)));
      for (const b of keys) {
        if (a === b) continue;
        const zb = t.zoneOf(b);
        const direct = t.cost(a, b);
        if (za.cloud === zb.cloud) assert.strictEqual(direct, t.zoneRate(za, zb), `${a} -> ${b}`);
        else assert.strictEqual(direct, za.internet, `${a} -> ${b}`);
      }
    }
  });

  it("routes every random direction at the cost of the transportation LP", async () => {
    const solver = new HighsSolver();
    const t = trafficRates(catalog);
    const keys = catalog.regions.map((r) => `${r.cloud}:${r.region}`).sort();
    const r = rng(7);
    try {
      for (let i = 0; i < 40; i++) {
        const pick = (n: number) => {
          const m = new Map<string, number>();
          while (m.size < n) m.set(keys[Math.floor(r() * keys.length)], 1 + Math.floor(r() * 5));
          const total = [...m.values()].reduce((a, b) => a + b, 0);
          return new Map([...m].map(([k, v]) => [k, (v / total) * 300]));
        };
        const supply = pick(1 + Math.floor(r() * 4));
        const demand = pick(1 + Math.floor(r() * 4));
        const charged = cheapestRouting(supply, demand, t.cost);
        const total = [...charged.values()].reduce((a, b) => a + b, 0);
        const lp = await routedByLp(solver, supply, demand, t.cost);
        assert.ok(Math.abs(total - lp) <= 1e-6, `instance ${i}: ${total} vs LP ${lp}`);
        assert.ok(Math.abs(routingTotal(supply, demand, t.cost) - lp) <= 1e-6, `instance ${i}: routingTotal ${routingTotal(supply, demand, t.cost)} vs LP ${lp}`);
        for (const k of charged.keys()) assert.ok(supply.has(k), `${k} charged without sending`);
      }
    } finally {
      await solver.dispose();
    }
  });

  it("totals without the search what the search routes, when either side is one region or both are two", () => {
    // Shares as MoveCosts passes them (summing to 1), over regions of all three clouds, where
    // the cheapest way differs by pair: the one free flow of two by two at either end of its range.
    const keys = catalog.regions.map((r) => `${r.cloud}:${r.region}`).sort();
    const shapes = [
      [1, 1],
      [1, 3],
      [3, 1],
      [2, 2],
    ];
    for (const rates of [trafficRates(catalog), trafficRates(oddCatalog())]) {
      const r = rng(11);
      const bothEnds = new Set<string>();
      for (let i = 0; i < 400; i++) {
        const [S, T] = shapes[i % shapes.length];
        const pick = (n: number, from: string[]) => {
          const m = new Map<string, number>();
          while (m.size < n) m.set(from[Math.floor(r() * from.length)], 1 + Math.floor(r() * 4));
          const total = [...m.values()].reduce((a, b) => a + b, 0);
          return new Map([...m].map(([k, v]) => [k, v / total]));
        };
        const supply = pick(S, keys);
        // Half of the time the receivers share a region with the senders (a free route).
        const demand = pick(T, r() < 0.5 ? [...supply.keys(), ...keys.slice(0, 3)] : keys);
        const searched = [...cheapestRouting(supply, demand, rates.cost).values()].reduce((a, b) => a + b, 0);
        const total = routingTotal(supply, demand, rates.cost);
        assert.ok(Math.abs(total - searched) <= 1e-12, `instance ${i} (${S}x${T}): ${total} vs ${searched}`);
        if (S === 2 && T === 2) {
          const [r1, r2] = [...supply.keys()];
          const [q1, q2] = [...demand.keys()];
          bothEnds.add(rates.cost(r1, q1) - rates.cost(r1, q2) - rates.cost(r2, q1) + rates.cost(r2, q2) < 0 ? "most" : "least");
        }
      }
      assert.deepStrictEqual([...bothEnds].sort(), ["least", "most"], "the two-by-two instances should reach both ends of the free flow's range");
    }
    assert.strictEqual(routingTotal(new Map(), new Map([["aws:us-east-1", 1]]), trafficRates(catalog).cost), 0);
  });

  it("keeps the ILP exact where rates break the metric or exceed internet egress", async () => {
    const odd = oddCatalog();
    const t = trafficRates(odd);
    assert.strictEqual(t.triangle, false);
    assert.strictEqual(t.withinCloudCheaper, false);
    const checked = await agreesWithOracle(odd, [201, 202, 203, 204, 205, 206, 207, 208, 209, 210], { services: 3, buckets: 1, links: 3, maxReplicas: 2, regionsPerWorkload: 3 }, 30_000);
    assert.ok(checked >= 4, `only ${checked} instances were small enough and feasible`);
  });

  it("prices what a free service sends out of a region beside a held peer with a smaller share there, however many of its replicas one offer holds", async () => {
    // api runs 3 replicas, 2 of them on one offer in the Netherlands beside the queue held
    // there with half of its own: a sixth of what api sends leaves the region. Counting each
    // column's term as at most its coefficient (1/3), the model took api's share there never
    // to pass the queue's and priced nothing leaving: under the guard rows of the shipped
    // catalog's rates (9.cloud), the plans that do so were out of the model, and its optimum
    // cost $2,351.78 where enumeration gives $1,992.99.
    const s = spec({
      services: [
        service("api", { replicas: 3, vcpu: 8, memoryGiB: 32, regions: ["eu-central-1", "westeurope"] }),
        service("queue", { replicas: 2, vcpu: 4, memoryGiB: 8, regions: ["westeurope", "europe-west4"], minClouds: 2 }),
      ],
      links: [link("api", "queue", 20_000)],
    });
    const hold: Plan = {
      services: {
        queue: {
          groups: [
            { cloud: "azure", region: "westeurope", instanceType: "Standard_D4pls_v6", count: 1, spot: 0 },
            { cloud: "gcp", region: "europe-west4", instanceType: "e2-standard-4", count: 1, spot: 0 },
          ],
        },
      },
      buckets: {},
    };
    const best = bruteForce(s, catalog, { hold });
    assert.ok(best, "the held spec has a plan");
    const r = await optimize(s, catalog, { hold, explain: false, relativeGap: 0, decompose: "never" });
    assert.ok(Math.abs(r.cost.total - best.cost) <= 0.01, `optimize ${r.cost.total}, enumeration ${best.cost}`);
    // The model prices its plan as the bill does.
    assert.ok(Math.abs(r.report.objective - r.cost.total) <= 0.01, `model ${r.report.objective}, bill ${r.cost.total}`);
  });
});
