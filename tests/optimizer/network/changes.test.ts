import * as assert from "assert";
import { generateSpec, mulberry32 } from "../../../bench/generate";
import { loadCatalog } from "../../../optimizer/catalog";
import { buildCandidates } from "../../../optimizer/candidates";
import { NetworkChanges, networkCost } from "../../../optimizer/network/costs";
import type { Plan, ReplicaGroup } from "../../../optimizer/plan";
import type { NormalizedSpec } from "../../../optimizer/spec";
import { validateSpec } from "../../../optimizer/validate";
import { cheapestOfferBaseline } from "../../../optimizer/baselines";
import { explainReasons } from "../../../optimizer/explain";
import { reportMoves } from "../../../optimizer/moves";
import { createSolver } from "../../../optimizer/optimize";
import { DEFAULT_MIGRATION } from "../../../optimizer/stability";
import { fixturePlan } from "./fixtures";

const catalog = loadCatalog();

/** What the whole plan's network gains when `service` runs as `groups`: the reference figure. */
function wholeDelta(spec: NormalizedSpec, plan: Plan, service: string, groups: readonly ReplicaGroup[]): number {
  const after: Plan = { ...plan, services: { ...plan.services, [service]: { groups } } };
  return networkCost(spec, after, catalog).totalUSD - networkCost(spec, plan, catalog).totalUSD;
}

describe("the network cost of changing one service", () => {
  for (const stack of ["dev", "prod"]) {
    it(`is the whole plan's difference for every service of the ${stack} stack moved to each of six regions`, () => {
      const { spec, plan } = fixturePlan(stack);
      const changes = new NetworkChanges(spec, plan, catalog);
      const targets: [ReplicaGroup["cloud"], string][] = [
        ["aws", "us-east-1"],
        ["aws", "eu-west-1"],
        ["azure", "eastus"],
        ["azure", "westeurope"],
        ["gcp", "us-west1"],
        ["gcp", "asia-northeast1"],
      ];
      let nonzero = 0;
      for (const s of spec.services)
        for (const [cloud, region] of targets) {
          const groups = [{ cloud, region, instanceType: "any", count: s.replicas, spot: 0 }];
          const expected = wholeDelta(spec, plan, s.name, groups);
          assert.ok(Math.abs(changes.of(s.name, groups) - expected) < 1e-6, `${s.name} to ${cloud}:${region}: ${changes.of(s.name, groups)} against ${expected}`);
          if (Math.abs(expected) > 0.005) nonzero++;
        }
      assert.ok(nonzero > spec.services.length, `only ${nonzero} moves changed the network's cost`);
    });
  }

  it("is the whole plan's difference on a generated 60-service spec, for random moves and splits of a random plan, under every NAT and zone setting", () => {
    const spec = validateSpec(generateSpec(catalog, { services: 60, seed: 7 }), catalog);
    assert.ok(spec.network && spec.links.some((l) => l.toKind === "service"));
    const candidates = buildCandidates(spec, catalog);
    const random = mulberry32(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const draw = (name: string, replicas: number): ReplicaGroup[] => {
      const regions = candidates.services.get(name)!;
      const parts = Math.min(replicas, 1 + Math.floor(random() * 3));
      const groups = new Map<string, ReplicaGroup>();
      for (let i = 0; i < replicas; i++) {
        const r = pick(regions).region;
        const key = `${r.cloud}:${r.region}`;
        if (groups.size >= parts && !groups.has(key)) continue;
        const g = groups.get(key);
        groups.set(key, { cloud: r.cloud, region: r.region, instanceType: "any", count: (g?.count ?? 0) + 1, spot: 0 });
      }
      return [...groups.values()];
    };
    // Four services left out of the plan (placed by the change: priced whole) and a link of a
    // service to itself.
    const unplaced = new Set(spec.services.slice(0, 4).map((s) => s.name));
    const plan: Plan = {
      services: Object.fromEntries(spec.services.filter((s) => !unplaced.has(s.name)).map((s) => [s.name, { groups: draw(s.name, s.replicas) }])),
      buckets: {},
    };
    const self = spec.links.find((l) => l.toKind === "service")!;
    const withSelf: NormalizedSpec = { ...spec, links: [...spec.links, { ...self, to: self.from, port: self.port + 1 }] };
    // The spec's network settings, NAT per zone and none, and a public zone given by its id.
    const settings = [spec.network!, { ...spec.network!, nat: "zonal" as const }, { ...spec.network!, nat: "off" as const }, { ...spec.network!, publicZone: false }];
    for (const network of settings) {
      const variant: NormalizedSpec = { ...withSelf, network };
      const changes = new NetworkChanges(variant, plan, catalog);
      let nonzero = 0;
      for (let i = 0; i < 120; i++) {
        const s = pick(variant.services);
        // Now and then a group with no replicas, or no groups at all.
        const groups = random() < 0.1 ? [] : [...draw(s.name, s.replicas), ...(random() < 0.1 ? [{ ...draw(s.name, 1)[0], count: 0 }] : [])];
        const expected = wholeDelta(variant, plan, s.name, groups);
        const got = changes.of(s.name, groups);
        assert.ok(Math.abs(got - expected) < 1e-6, `${JSON.stringify(network)}: ${s.name} as ${JSON.stringify(groups)}: ${got} against ${expected}`);
        if (Math.abs(expected) > 0.005) nonzero++;
      }
      assert.ok(nonzero > 40, `${JSON.stringify(network)}: only ${nonzero} of 120 changes changed the network's cost`);
    }
  });

  it("is read from the caller's index when the explanations and the moves are given one", async () => {
    const spec = validateSpec(generateSpec(catalog, { services: 30, seed: 5 }), catalog);
    const candidates = buildCandidates(spec, catalog);
    const plan = cheapestOfferBaseline(spec, catalog).plan!;
    // A previous plan with every third service one region over: the moves put them back.
    const previous: Plan = {
      ...plan,
      services: Object.fromEntries(
        Object.entries(plan.services).map(([name, p], i) => {
          if (i % 3 !== 0) return [name, p];
          const regions = candidates.services.get(name)!;
          const at = regions.findIndex((r) => r.key === `${p.groups[0].cloud}:${p.groups[0].region}`);
          const r = regions[(at + 1) % regions.length];
          const count = p.groups.reduce((n, g) => n + g.count, 0);
          return [name, { groups: [{ cloud: r.region.cloud, region: r.region.region, instanceType: r.onDemand[0].instanceType, count, spot: 0 }] }];
        }),
      ),
    };
    let asked = 0;
    const shared = new NetworkChanges(spec, plan, catalog);
    const of = shared.of.bind(shared);
    shared.of = (service, groups) => (asked++, of(service, groups));
    const ctx = { spec, catalog, candidates, plan, solver: createSolver("highs"), deadline: Date.now() + 600_000, relativeGap: 0 };
    assert.deepStrictEqual(explainReasons({ ...ctx, changes: shared }), explainReasons(ctx));
    const byReasons = asked;
    assert.ok(byReasons > 0, "the reasons did not use the index given");
    const moves = await reportMoves(spec, catalog, previous, plan, DEFAULT_MIGRATION, undefined, shared);
    assert.deepStrictEqual(moves, await reportMoves(spec, catalog, previous, plan));
    assert.ok(asked > byReasons, "the moves did not use the index given");
    assert.ok(moves.some((m) => m.savingUSD !== 0), "no move was priced");
  });
});
