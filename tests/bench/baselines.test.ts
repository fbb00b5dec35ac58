import * as assert from "assert";
import { cheapestOfferBaseline, singleCloudBaseline, toUnits } from "../../optimizer/baselines";
import { generateSpec } from "../../bench/generate";
import { HOURS_PER_MONTH, loadCatalog } from "../../optimizer/catalog";
import { allowedRegions, buildCandidates, fits } from "../../optimizer/candidates";
import { evaluatePlan } from "../../optimizer/evaluate";
import { replicaMonthlyUSD } from "../../optimizer/ilp";
import type { NormalizedSpec, WorkloadSpec } from "../../optimizer/spec";
import { validateSpec } from "../../optimizer/validate";
import { verifyPlan } from "../../optimizer/verify";

const catalog = loadCatalog();
const generated = validateSpec(generateSpec(catalog, { services: 100, seed: 3 }), catalog);

/** The cheapest (region, offer) for one replica of the spec's only service, by brute force. */
function cheapestAnywhere(spec: NormalizedSpec) {
  const s = spec.services[0];
  let best: { key: string; type: string; usd: number; vcpus: number } | undefined;
  for (const r of allowedRegions(catalog, s)) {
    for (const o of catalog.offersIn(r.cloud, r.region)) {
      if (!fits(o, s, false)) continue;
      const usd =
        HOURS_PER_MONTH * o.onDemandHourlyUSD +
        s.diskGiB * catalog.diskPerGiBMonth(r.cloud, r.region);
      if (!best || usd < best.usd)
        best = { key: `${r.cloud}:${r.region}`, type: o.instanceType, usd, vcpus: o.vcpus };
    }
  }
  return best!;
}

function oneService(
  over: Record<string, unknown> = {},
  quotas: Record<string, number> = {},
): NormalizedSpec {
  const input: WorkloadSpec = {
    services: { api: { replicas: 10, vcpu: 2, memoryGiB: 4, ...over } },
    global: { quotas },
  };
  return validateSpec(input, catalog);
}

describe("cost baselines", () => {
  it("gives a cheapest-offer plan for a generated spec that passes plan verification", () => {
    const b = cheapestOfferBaseline(generated, catalog);
    assert.ok(b.plan, b.note);
    assert.deepStrictEqual(verifyPlan(generated, catalog, b.plan), []);
    assert.strictEqual(b.spec, generated);
    const cost = evaluatePlan(
      generated,
      b.plan,
      catalog,
      buildCandidates(generated, catalog).regionsOf,
    );
    assert.strictEqual(b.cost!.total, cost.total);
  });

  it("gives a single-cloud plan that keeps every constraint but cross-cloud spread", () => {
    const b = singleCloudBaseline(generated, catalog);
    assert.ok(b.plan && b.cloud, b.note);
    assert.deepStrictEqual(verifyPlan(b.spec, catalog, b.plan), []);
    for (const s of b.spec.services) {
      assert.strictEqual(s.minClouds, 1);
      assert.strictEqual(s.maxSharePerCloud, 1);
      const original = generated.services.find((x) => x.name === s.name)!;
      assert.ok(s.minRegions >= original.minClouds, `${s.name} keeps its spread as regions`);
    }
    const elsewhere = Object.entries(b.plan.services).filter(([, p]) =>
      p.groups.some((g) => g.cloud !== b.cloud),
    );
    const excluded = Number(/(\d+) services? that exclude/.exec(b.note)?.[1] ?? 0);
    assert.strictEqual(elsewhere.length, excluded, b.note);
    for (const p of Object.values(b.plan.buckets)) assert.strictEqual(p.cloud, b.cloud);
  });

  it("puts a service without spread or quota on its cheapest offer in its cheapest region", () => {
    const spec = oneService();
    const best = cheapestAnywhere(spec);
    const b = cheapestOfferBaseline(spec, catalog);
    const groups = b.plan!.services.api.groups;
    assert.strictEqual(groups.length, 1);
    assert.strictEqual(`${groups[0].cloud}:${groups[0].region}`, best.key);
    assert.strictEqual(groups[0].instanceType, best.type);
    assert.strictEqual(groups[0].count, 10);
  });

  it("moves replicas out of a region whose quota the cheapest placement overflows", () => {
    const free = oneService();
    const best = cheapestAnywhere(free);
    const spec = oneService({}, { [best.key]: 4 * best.vcpus });
    const b = cheapestOfferBaseline(spec, catalog);
    assert.ok(b.plan, b.note);
    assert.deepStrictEqual(verifyPlan(spec, catalog, b.plan), []);
    const inHot = b.plan.services.api.groups.filter((g) => `${g.cloud}:${g.region}` === best.key);
    assert.strictEqual(
      inHot.reduce((n, g) => n + g.count, 0),
      4,
    );
    assert.ok(b.cost!.total >= cheapestOfferBaseline(free, catalog).cost!.total);
  });

  it("spreads a service over at least minClouds clouds, none above its share", () => {
    const spec = oneService({ replicas: 4, availability: { minClouds: 2, maxSharePerCloud: 0.5 } });
    const b = cheapestOfferBaseline(spec, catalog);
    assert.deepStrictEqual(verifyPlan(spec, catalog, b.plan!), []);
    const perCloud = new Map<string, number>();
    for (const g of b.plan!.services.api.groups)
      perCloud.set(g.cloud, (perCloud.get(g.cloud) ?? 0) + g.count);
    assert.ok(perCloud.size >= 2, `${perCloud.size} clouds`);
    for (const [cloud, n] of perCloud) assert.ok(n <= 2, `${n} replicas in ${cloud}`);
    assert.strictEqual(
      [...perCloud.values()].reduce((a, n) => a + n, 0),
      4,
    );
  });

  it("runs spot replicas up to the spot limit where spot is cheaper", () => {
    const spec = oneService({ spotReplicas: 3 });
    const b = cheapestOfferBaseline(spec, catalog);
    const spot = b.plan!.services.api.groups.reduce((n, g) => n + g.spot, 0);
    assert.strictEqual(spot, 3);
    assert.deepStrictEqual(verifyPlan(spec, catalog, b.plan!), []);
  });

  it("puts the spot allowance where spot saves most, whatever the order of the regions", () => {
    const spec = oneService({ replicas: 6, spotReplicas: 3 });
    const s = spec.services[0];
    const regions = buildCandidates(spec, catalog).services.get("api")!.filter((r) => r.spot.length > 0);
    const saving = (r: (typeof regions)[number]) => replicaMonthlyUSD(catalog, s, r.onDemand[0], false) - replicaMonthlyUSD(catalog, s, r.spot[0], true);
    const bySaving = [...regions].sort((a, b) => saving(a) - saving(b));
    // The region that saves least first: the order alone would spend the allowance there.
    const [small, large] = [bySaving[0], bySaving[bySaving.length - 1]];
    assert.ok(saving(small) > 0 && saving(large) > saving(small) + 1, `savings ${saving(small)} and ${saving(large)}`);
    const count = new Map([
      [small.key, 3],
      [large.key, 3],
    ]);
    const cost = (p: ReturnType<typeof toUnits>) => p.reduce((n, u) => n + u.count * replicaMonthlyUSD(catalog, s, u.offer, u.spot), 0);
    const units = toUnits(s, catalog, [small, large], count);
    // Brute force: every number of spot replicas in each region, three at most in all.
    const usd = (r: typeof small, spot: number) => spot * replicaMonthlyUSD(catalog, s, r.spot[0], true) + (3 - spot) * replicaMonthlyUSD(catalog, s, r.onDemand[0], false);
    let best = Infinity;
    for (let i = 0; i <= 3; i++) for (let j = 0; i + j <= 3; j++) best = Math.min(best, usd(small, i) + usd(large, j));
    assert.ok(Math.abs(cost(units) - best) < 1e-6, `${cost(units)} against ${best}`);
    assert.deepStrictEqual(
      units.filter((u) => u.spot).map((u) => [u.key, u.count]),
      [[large.key, 3]],
    );
    assert.strictEqual(units.reduce((n, u) => n + u.count, 0), 6);
  });

  it("reports a baseline without a plan when the quotas leave no room", () => {
    const quotas = Object.fromEntries(catalog.regions.map((r) => [`${r.cloud}:${r.region}`, 1]));
    const spec = oneService({}, quotas);
    const b = cheapestOfferBaseline(spec, catalog);
    assert.strictEqual(b.plan, undefined);
    assert.match(
      b.note,
      /^quota repair failed: no room left to move replicas out of \S+ \(quota 1 vCPU\)$/,
    );
    assert.strictEqual(singleCloudBaseline(spec, catalog).plan, undefined);
  });
});
