import * as assert from "assert";
import { loadCatalog } from "../../optimizer/catalog";
import { holdConflicts, linkDistances } from "../../optimizer/diagnose-hold";
import type { Feasibility } from "../../optimizer/diagnose";
import { PlacementInfeasibleError } from "../../optimizer/errors";
import { optimize, type OptimizeOptions } from "../../optimizer/optimize";
import { withoutWorkloads, type Plan } from "../../optimizer/plan";
import type { NormalizedSpec } from "../../optimizer/spec";
import { validateSpec } from "../../optimizer/validate";

const catalog = loadCatalog();

// A chain a - b - c - d - e of services; a is free, the others held.
const chain = validateSpec(
  {
    services: Object.fromEntries(["a", "b", "c", "d", "e"].map((n) => [n, { replicas: 1, vcpu: 2, memoryGiB: 4 }])),
    links: [
      { from: "a", to: "b", monthlyGiB: 1 },
      { from: "b", to: "c", monthlyGiB: 1 },
      { from: "c", to: "d", monthlyGiB: 1 },
      { from: "d", to: "e", monthlyGiB: 1 },
    ],
  },
  catalog,
);
const one = (region: string) => ({ groups: [{ cloud: "aws" as const, region, instanceType: "m6g.large", count: 1, spot: 0 }] });
const heldChain: Plan = { services: { b: one("eu-north-1"), c: one("eu-north-1"), d: one("eu-west-1"), e: one("eu-west-1") }, buckets: {} };

/** A check that answers from the released set alone, recording each set it was asked about. */
function scripted(answer: (release: ReadonlySet<string>) => Feasibility) {
  const asked: string[][] = [];
  const check = async (release: readonly string[]) => {
    asked.push([...release].sort());
    return answer(new Set(release));
  };
  return { asked, check };
}

describe("diagnosis of a hold", () => {
  it("measures each workload's distance in links from the free ones", () => {
    const d = linkDistances(chain, new Set(["b", "c", "d", "e"]));
    assert.deepStrictEqual(Object.fromEntries(d), { a: 0, b: 1, c: 2, d: 3, e: 4 });
    // With nothing free, nothing is reached.
    assert.ok([...linkDistances(chain, new Set(["a", "b", "c", "d", "e"])).values()].every((x) => x === Infinity));
  });

  it("stops at the first ring when it is enough", async () => {
    const { asked, check } = scripted((r) => (r.has("b") ? "feasible" : "infeasible"));
    const [c] = (await holdConflicts(chain, heldChain, check))!;
    assert.deepStrictEqual(c.release, ["b"]);
    assert.deepStrictEqual(asked, [["b"]]);
  });

  it("releases ring by ring from the free workloads, then holds again each one a plan does without", async () => {
    // A plan exists only with b and d placed again.
    const { asked, check } = scripted((r) => (r.has("b") && r.has("d") ? "feasible" : "infeasible"));
    const [c, ...rest] = (await holdConflicts(chain, heldChain, check))!;
    assert.strictEqual(rest.length, 0);
    assert.deepStrictEqual(c.release, ["b", "d"]);
    assert.deepStrictEqual(c.workloads, ["b", "d"]);
    assert.deepStrictEqual(asked, [
      ["b"], // ring 1
      ["b", "c", "d", "e"], // everything released: the hold is to blame
      ["b", "c"], // ring 2
      ["b", "c", "d"], // ring 3: a plan
      ["b", "c"], // d held again: none
      ["b", "d"], // c held again: a plan, so c stays held
      ["d"], // b held again: none
    ]);
    assert.deepStrictEqual(c.requirements, ["held: b in aws:eu-north-1", "held: d in aws:eu-west-1"]);
    assert.strictEqual(
      c.explanation,
      "The hold keeps b (aws:eu-north-1) and d (aws:eu-west-1); with them there, no placement of a (linked to b) meets the spec, " +
        "while with b and d placed again the spec has a plan.",
    );
    assert.strictEqual(c.fixes[0], "Release b and d from the hold so that they are placed again (the other held workloads may stay).");
    assert.strictEqual(
      c.fixes[1],
      "Change what a asks (a: link a -> b (same continent)) so that it can run beside b and d where they are.",
    );
  });

  it("holds again farthest first when only releasing everything leaves a plan", async () => {
    // Names against distance: z is next to the free a, m beyond it.
    const s = validateSpec(
      {
        services: Object.fromEntries(["a", "m", "z"].map((n) => [n, { replicas: 1, vcpu: 2, memoryGiB: 4 }])),
        links: [
          { from: "a", to: "z", monthlyGiB: 1 },
          { from: "z", to: "m", monthlyGiB: 1 },
        ],
      },
      catalog,
    );
    const { asked, check } = scripted((r) => (r.has("z") && r.has("m") ? "feasible" : "infeasible"));
    const [c] = (await holdConflicts(s, { services: { m: one("eu-north-1"), z: one("eu-west-1") }, buckets: {} }, check))!;
    assert.deepStrictEqual(c.release, ["m", "z"]);
    assert.deepStrictEqual(asked, [["z"], ["m", "z"], ["z"], ["m"]]);
  });

  it("names what a free database beside a held workload asks", async () => {
    const s = validateSpec(
      {
        services: { api: { replicas: 1, vcpu: 2, memoryGiB: 4 } },
        databases: { orders: { engine: "postgres", vcpu: 2, memoryGiB: 4, storageGiB: 50, residency: ["EU"] } },
        links: [{ from: "api", to: "orders", monthlyGiB: 1 }],
      },
      catalog,
    );
    const { check } = scripted(() => "feasible");
    const [c] = (await holdConflicts(s, { services: { api: one("us-east-1") }, buckets: {} }, check))!;
    assert.deepStrictEqual(c.release, ["api"]);
    assert.match(c.fixes[1], /^Change what orders asks \(orders: link api -> orders \(same continent\), residency EU\) so that it can run beside api where it is\.$/);
  });

  it("says nothing when the spec has no plan even with every held workload placed again, or when that is not known", async () => {
    for (const answer of ["infeasible", "unknown"] as const) {
      const { asked, check } = scripted(() => answer);
      assert.strictEqual(await holdConflicts(chain, heldChain, check), undefined, answer);
      assert.deepStrictEqual(asked, [["b"], ["b", "c", "d", "e"]], answer);
    }
    const { check } = scripted(() => "feasible");
    assert.strictEqual(await holdConflicts(chain, { services: {}, buckets: {} }, check), undefined);
  });

  it("keeps released a workload whose check does not answer, and says when the checks ran out", async () => {
    // Any set with b has a plan, but holding c again is never answered.
    const { check } = scripted((r) => (!r.has("c") ? "unknown" : r.has("b") ? "feasible" : "infeasible"));
    const [c] = (await holdConflicts(chain, heldChain, check))!;
    assert.deepStrictEqual(c.release, ["b", "c"]);
    assert.match(c.explanation, /Fewer held workloads may be enough: not every one could be tried\.$/);

    const { asked, check: few } = scripted((r) => (r.has("b") && r.has("d") ? "feasible" : "infeasible"));
    const [short] = (await holdConflicts(chain, heldChain, few, 5))!;
    assert.strictEqual(asked.length, 5);
    assert.deepStrictEqual(short.release, ["b", "c", "d"]);
    assert.match(short.explanation, /Fewer held workloads may be enough: not every one could be tried\.$/);
  });
});

describe("optimize with a hold that breaks the spec", function () {
  this.timeout(60000);
  // web must be near US users and, by default, on one continent with api; api may sit anywhere
  // within 200 ms of the EU bucket. Held in Europe, api keeps web from its users.
  const raw = {
    services: {
      web: { replicas: 2, vcpu: 2, memoryGiB: 4, clouds: ["aws", "gcp"], latency: { maxRttMs: 40, from: ["US"] } },
      api: { replicas: 3, vcpu: 2, memoryGiB: 8, availability: { minClouds: 2 } },
    },
    buckets: { uploads: { storageGiB: 50, residency: ["EU"] } },
    links: [
      { from: "web", to: "api", monthlyGiB: 50 },
      { from: "api", to: "uploads", monthlyGiB: 20, maxRttMs: 200 },
    ],
  };
  const hold: Plan = {
    services: {
      api: {
        groups: [
          { cloud: "aws", region: "eu-north-1", instanceType: "m6g.large", count: 1, spot: 0 },
          { cloud: "gcp", region: "europe-west1", instanceType: "e2-standard-2", count: 2, spot: 0 },
        ],
      },
    },
    buckets: { uploads: { cloud: "gcp", region: "europe-west1" } },
  };

  /** The error of a run that must find no plan. */
  async function noPlan(spec: NormalizedSpec, opts: OptimizeOptions): Promise<PlacementInfeasibleError> {
    const err = await optimize(spec, catalog, { ...opts, explain: false }).then(
      () => assert.fail("a plan was found"),
      (e) => e,
    );
    assert.ok(err instanceof PlacementInfeasibleError, String(err));
    return err;
  }

  it("names the held workload to place again, and the plan exists once it is", async () => {
    const spec = validateSpec(raw, catalog);
    const err = await noPlan(spec, { hold, timeLimitSec: 2 });
    assert.deepStrictEqual(
      err.conflicts.map((c) => c.release),
      [["api"]],
    );
    assert.match(err.message, /^The hold keeps api in aws:eu-north-1 and gcp:europe-west1; with it there, no placement of web meets the spec, while with api placed again the spec has a plan\./);
    assert.match(err.message, /web: link web -> api \(same continent\), users in US within 40 ms, clouds aws, gcp/);
    // The bucket stays held: released api alone, the spec has a plan.
    const released = await optimize(spec, catalog, { hold: { services: {}, buckets: hold.buckets }, timeLimitSec: 10, explain: false });
    assert.deepStrictEqual(released.plan.buckets.uploads, hold.buckets.uploads);
    assert.ok(released.plan.services.api.groups.every((g) => g.region.startsWith("us-")), JSON.stringify(released.plan.services.api));
  });

  it("checks the hold of a spec of more than 60 workloads through the optimizer's own run", async () => {
    // 60 small services beside web, api and the bucket: placed first, then web's users move to
    // the US with everything but web held.
    const fillers = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${String(i).padStart(2, "0")}`, { replicas: 1, vcpu: 1, memoryGiB: 2 }]));
    const before = { ...raw, services: { ...raw.services, web: { ...raw.services.web, latency: { maxRttMs: 40, from: ["DE"] } }, ...fillers } };
    const first = await optimize(validateSpec(before, catalog), catalog, { timeLimitSec: 10, explain: false });
    const spec = validateSpec({ ...before, services: { ...before.services, web: raw.services.web } }, catalog);
    const err = await noPlan(spec, { hold: withoutWorkloads(first.plan, ["web"]), timeLimitSec: 5 });
    assert.deepStrictEqual(
      err.conflicts.map((c) => c.release),
      [["api"]],
      err.message,
    );
  });

  it("leaves the usual diagnosis when the spec has no plan whatever the hold", async () => {
    // With api on one continent with the EU bucket, web cannot reach its US users held or not.
    const spec = validateSpec({ ...raw, links: [raw.links[0], { from: "api", to: "uploads", monthlyGiB: 20 }] }, catalog);
    const err = await noPlan(spec, { hold, timeLimitSec: 2 });
    assert.ok(err.conflicts.length > 0 && err.conflicts.every((c) => c.release === undefined), err.message);
    assert.doesNotMatch(err.message, /The hold keeps/);
  });
});
