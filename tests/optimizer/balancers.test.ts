import * as assert from "assert";
import { buildCandidates } from "../../optimizer/candidates";
import { loadCatalog } from "../../optimizer/catalog";
import { buildPlacementModel } from "../../optimizer/ilp";
import { BALANCERS_PER_NETWORK } from "../../optimizer/network/topology";
import { HighsSolver } from "../../optimizer/solvers/highs";
import type { LinkSpec, ServiceSpec, WorkloadSpec } from "../../optimizer/spec";
import { validateSpec } from "../../optimizer/validate";
import { verifyPlan } from "../../optimizer/verify";

const catalog = loadCatalog();

/** One caller and `called` services it calls, all on AWS within `residency`. */
function fanOut(called: number, residency: string[]): WorkloadSpec {
  const services: Record<string, ServiceSpec> = { caller: { replicas: 1, vcpu: 1, memoryGiB: 2, diskGiB: 10, clouds: ["aws"], residency } };
  const links: LinkSpec[] = [];
  for (let i = 0; i < called; i++) {
    const name = `svc${String(i).padStart(3, "0")}`;
    services[name] = { replicas: 1, vcpu: 1, memoryGiB: 2, diskGiB: 10, clouds: ["aws"], residency, ports: [8080] };
    links.push({ from: "caller", to: name, monthlyGiB: 1 });
  }
  return { services, links, global: { clouds: ["aws"] } };
}

describe("internal balancers per region network (12.balancers)", () => {
  const solver = new HighsSolver();
  after(() => solver.dispose());

  it(`does not place more than ${BALANCERS_PER_NETWORK} called services in one region`, async function () {
    this.timeout(300_000);
    // Germany has one AWS region: 252 called services cannot all fit in its network.
    const one = validateSpec(fanOut(BALANCERS_PER_NETWORK + 2, ["DE"]), catalog);
    const tight = buildPlacementModel(one, catalog, buildCandidates(one, catalog));
    assert.ok(tight.unplaceable.length === 0);
    assert.strictEqual((await solver.solve(tight.model, { timeLimitSec: 60, relativeGap: 0 })).status, "infeasible");
    // And a plan that puts them all there is named as breaking the spec.
    const all = Object.fromEntries(
      one.services.map((s) => [s.name, { groups: [{ cloud: "aws" as const, region: "eu-central-1", instanceType: "t3.small", count: 1, spot: 0 }] }]),
    );
    const broken = verifyPlan(one, catalog, { services: all, buckets: {} });
    assert.ok(broken.some((v) => v.includes(`${BALANCERS_PER_NETWORK + 2} services other services call run there`)), broken.join(" | "));
    // With the EU's AWS regions, two of them run elsewhere.
    const eu = validateSpec(fanOut(BALANCERS_PER_NETWORK + 2, ["EU"]), catalog);
    const built = buildPlacementModel(eu, catalog, buildCandidates(eu, catalog));
    const out = await solver.solve(built.model, { timeLimitSec: 120, relativeGap: 0.01 });
    assert.ok(out.status === "optimal" || out.status === "time_limit", out.status);
    const plan = built.decode(out.values);
    assert.deepStrictEqual(verifyPlan(eu, catalog, plan), []);
    const perRegion = new Map<string, number>();
    for (const [name, p] of Object.entries(plan.services)) {
      if (name === "caller") continue;
      for (const key of new Set(p.groups.map((g) => `${g.cloud}:${g.region}`))) perRegion.set(key, (perRegion.get(key) ?? 0) + 1);
    }
    assert.ok(perRegion.size >= 2, JSON.stringify([...perRegion]));
    for (const [key, n] of perRegion) assert.ok(n <= BALANCERS_PER_NETWORK, `${n} called services in ${key}`);
  });
});
