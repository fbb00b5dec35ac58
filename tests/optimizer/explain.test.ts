import * as assert from "assert";
import { loadCatalog } from "../../optimizer/catalog";
import { generateSpec } from "../../bench/generate";
import { cheapestOfferBaseline } from "../../optimizer/baselines";
import { buildCandidates } from "../../optimizer/candidates";
import { describePlacement, explainPlan } from "../../optimizer/explain";
import { createSolver, optimize } from "../../optimizer/optimize";
import { validateSpec } from "../../optimizer/validate";
import type { Cloud } from "../../optimizer/spec";
import { link, service, spec } from "./random";

const catalog = loadCatalog();
const NOTE = /^why not (aws|azure|gcp): \+\$\d+\.\d\d\/month$/;

describe("placement explanations", () => {
  it("names a binding residency and prices the cheapest alternative in each other cloud", async () => {
    const s = spec({ services: [service("api", { replicas: 2, residency: ["DE"] })] });
    const r = await optimize(s, catalog);
    const e = r.explanations.api;
    assert.strictEqual(e.placement, describePlacement(r.plan.services.api));
    assert.strictEqual(e.monthlyUSD, r.cost.total);
    assert.ok(e.binding.includes("its data must stay in DE (residency DE)"), e.binding.join("; "));
    const used = new Set(r.plan.services.api.groups.map((g) => g.cloud));
    const others = (["aws", "azure", "gcp"] as Cloud[]).filter((c) => !used.has(c));
    assert.deepStrictEqual(e.alternatives.map((a) => a.cloud), others);
    for (const a of e.alternatives) {
      assert.match(a.note, NOTE);
      assert.ok(a.deltaUSD > 0);
      // With nothing else in the spec, the alternative is the optimum confined to that cloud.
      const confined = await optimize({ ...s, services: [{ ...s.services[0], clouds: [a.cloud as Cloud] }] }, catalog, { explain: false });
      assert.ok(Math.abs(confined.cost.total - r.cost.total - a.deltaUSD) <= 0.01, `${a.cloud}: ${a.deltaUSD}`);
      assert.strictEqual(a.placement, describePlacement(confined.plan.services.api));
    }
  });

  it("names a binding vCPU quota with what is left of it", async () => {
    const s = spec({
      services: [service("api", { replicas: 4, vcpu: 2, clouds: ["aws"], regions: ["us-east-1", "eu-central-1"] })],
      quotas: { "aws:us-east-1": 4 },
    });
    const r = await optimize(s, catalog);
    assert.ok(r.explanations.api.binding.includes("the vCPU quota of aws:us-east-1 is used up (quota aws:us-east-1: 4 vCPUs, 0 left)"), r.explanations.api.binding.join("; "));
    assert.deepStrictEqual(r.explanations.api.alternatives, []);
  });

  it("prices an alternative with every other workload held where the plan puts it", async () => {
    const s = spec({
      services: [service("web", { replicas: 2 }), service("db", { replicas: 1, vcpu: 4, memoryGiB: 16, clouds: ["azure"] })],
      links: [link("web", "db", 20_000)],
    });
    const r = await optimize(s, catalog);
    const e = r.explanations.web;
    assert.ok(e.binding.some((b) => b === "with its traffic to db counted, this costs less than where its replicas alone are cheapest") || r.plan.services.web.groups.every((g) => g.cloud === "azure"));
    assert.ok(e.alternatives.length >= 1);
    for (const a of e.alternatives) {
      const held = await optimize({ ...s, services: s.services.map((x) => (x.name === "web" ? { ...x, clouds: [a.cloud as Cloud] } : x)) }, catalog, {
        explain: false,
        hold: { services: { db: r.plan.services.db }, buckets: {} },
      });
      assert.ok(Math.abs(held.cost.total - r.cost.total - a.deltaUSD) <= 0.01, `${a.cloud}: ${a.deltaUSD} vs ${held.cost.total - r.cost.total}`);
      assert.match(a.note, NOTE);
    }
  });

  it("asks a multi-cloud service's alternative to use the other cloud rather than only it", async () => {
    const s = spec({ services: [service("db", { replicas: 2, minClouds: 2 })] });
    const r = await optimize(s, catalog);
    const e = r.explanations.db;
    assert.ok(e.binding.includes("it must run in at least 2 clouds (minClouds 2)"));
    assert.strictEqual(e.alternatives.length, 1);
    assert.ok(e.alternatives[0].placement.includes(`in ${e.alternatives[0].cloud}:`), e.alternatives[0].placement);
    assert.ok(e.alternatives[0].deltaUSD >= 0);
  });

  it("prices every service's network reasons with time to spare, and says which ones the time limit cut short", async () => {
    const g = validateSpec(generateSpec(catalog, { services: 30, seed: 2 }), catalog);
    const base = cheapestOfferBaseline(g, catalog);
    assert.ok(base.plan, base.note);
    const ctx = { spec: g, catalog, candidates: buildCandidates(g, catalog), plan: base.plan, solver: createSolver("highs"), relativeGap: 1e-4 };
    const inNetwork = / would (add|cost) \$[\d.]+\/month in network$/;
    const LATE = "what moving or spreading it would cost in network was not computed: the time limit was reached";
    const ample = await explainPlan({ ...ctx, deadline: Date.now() + 60_000 });
    const priced = Object.values(ample).filter((e) => e.binding.some((b) => inNetwork.test(b)));
    assert.ok(priced.length >= 5, `${priced.length} services with a network reason`);
    assert.ok(Object.values(ample).every((e) => !e.binding.includes(LATE)));
    const late = await explainPlan({ ...ctx, deadline: Date.now() - 1 });
    assert.deepStrictEqual(Object.keys(late), Object.keys(ample));
    for (const [name, e] of Object.entries(late)) {
      assert.ok(e.binding.includes(LATE), name);
      assert.ok(!e.binding.some((b) => inNetwork.test(b)), name);
      assert.deepStrictEqual(e.alternatives, [], name);
      // The reasons that need no pricing are the same.
      const unpriced = (list: readonly string[]) => list.filter((b) => !inNetwork.test(b) && b !== LATE && !b.includes("time limit") && !b.startsWith("no "));
      assert.deepStrictEqual(unpriced(e.binding), unpriced(ample[name].binding), name);
    }
  });

  it("describes a placement in words with its spot replicas", () => {
    const words = describePlacement({
      groups: [
        { cloud: "aws", region: "eu-central-1", instanceType: "m7g.large", count: 3, spot: 1 },
        { cloud: "gcp", region: "europe-west3", instanceType: "e2-standard-2", count: 1, spot: 0 },
      ],
    });
    assert.strictEqual(words, "3 x m7g.large in aws:eu-central-1 (1 spot) + 1 x e2-standard-2 in gcp:europe-west3");
  });
});
