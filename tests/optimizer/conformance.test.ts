import * as assert from "assert";
import { loadCatalog } from "../../optimizer/catalog";
import { PlacementInfeasibleError } from "../../optimizer/errors";
import { optimize } from "../../optimizer/optimize";
import type { PlacementResult } from "../../optimizer/result";
import type { NormalizedSpec } from "../../optimizer/spec";
import { verifyPlan } from "../../optimizer/verify";
import { bucket, link, service, spec } from "./random";

const catalog = loadCatalog();

/** A named case every solver must pass, with the same optimal objective. */
interface Case {
  readonly name: string;
  readonly spec: NormalizedSpec;
  readonly check: (r: PlacementResult) => void;
}

const groupsOf = (r: PlacementResult, name: string) => r.plan.services[name].groups;
const cloudsOf = (r: PlacementResult, name: string) => new Set(groupsOf(r, name).map((g) => g.cloud));
const regionsOf = (r: PlacementResult, name: string) => new Set(groupsOf(r, name).map((g) => `${g.cloud}:${g.region}`));

const CASES: Case[] = [
  {
    name: "keeps every replica of a DE-resident service in Germany",
    spec: spec({ services: [service("api", { replicas: 3, residency: ["DE"] })] }),
    check: (r) => {
      for (const g of groupsOf(r, "api")) assert.strictEqual(catalog.region(g.cloud, g.region)!.country, "DE");
    },
  },
  {
    name: "spreads replicas over two clouds when minClouds is 2",
    spec: spec({ services: [service("api", { replicas: 3, minClouds: 2 })] }),
    check: (r) => assert.ok(cloudsOf(r, "api").size >= 2),
  },
  {
    name: "spreads replicas over two regions when minRegions is 2",
    spec: spec({ services: [service("api", { replicas: 2, minRegions: 2, clouds: ["aws"] })] }),
    check: (r) => assert.strictEqual(regionsOf(r, "api").size, 2),
  },
  {
    name: "puts at most half of the replicas in one cloud when maxSharePerCloud is 0.5",
    spec: spec({ services: [service("api", { replicas: 4, maxSharePerCloud: 0.5 })] }),
    check: (r) => {
      const per = new Map<string, number>();
      for (const g of groupsOf(r, "api")) per.set(g.cloud, (per.get(g.cloud) ?? 0) + g.count);
      for (const n of per.values()) assert.ok(n <= 2);
    },
  },
  {
    name: "runs exactly the allowed replicas on spot, which is cheaper",
    spec: spec({ services: [service("worker", { replicas: 3, spotReplicas: 2 })] }),
    check: (r) => assert.strictEqual(groupsOf(r, "worker").reduce((n, g) => n + g.spot, 0), 2),
  },
  {
    name: "respects a binding vCPU quota and places the rest elsewhere",
    spec: spec({
      services: [service("api", { replicas: 4, vcpu: 2, memoryGiB: 4, clouds: ["aws"], regions: ["us-east-1", "eu-central-1"] })],
      quotas: { "aws:us-east-1": 4 },
    }),
    check: (r) => {
      let used = 0;
      for (const g of groupsOf(r, "api")) {
        if (g.region === "us-east-1") used += catalog.offer(g.cloud, g.region, g.instanceType)!.vcpus * g.count;
      }
      assert.ok(used > 0 && used <= 4, `uses ${used} vCPUs in us-east-1`);
      assert.ok(regionsOf(r, "api").has("aws:eu-central-1"));
    },
  },
  {
    name: "uses a single cloud for every workload when maxClouds is 1",
    spec: spec({
      services: [service("a", { clouds: ["aws", "gcp"] }), service("b", { clouds: ["gcp", "azure"] })],
      buckets: [bucket("data")],
      maxClouds: 1,
    }),
    check: (r) => {
      const clouds = new Set([...cloudsOf(r, "a"), ...cloudsOf(r, "b"), r.plan.buckets.data.cloud]);
      assert.deepStrictEqual([...clouds], ["gcp"]);
    },
  },
  {
    name: "places an arm64 service on arm64 instance types only",
    spec: spec({ services: [service("api", { replicas: 2, arch: "arm64" })] }),
    check: (r) => {
      for (const g of groupsOf(r, "api")) assert.strictEqual(catalog.offer(g.cloud, g.region, g.instanceType)!.arch, "arm64");
    },
  },
  {
    name: "pulls two services into one region when a heavy link joins them",
    spec: spec({
      services: [
        service("a", { replicas: 2, arch: "arm64", regions: ["us-east-1", "westeurope", "us-central1"] }),
        service("b", { replicas: 2, arch: "x86_64", regions: ["us-east-1", "westeurope", "us-central1"] }),
      ],
      links: [link("a", "b", 200_000)],
    }),
    check: (r) => {
      assert.strictEqual(regionsOf(r, "a").size, 1);
      assert.deepStrictEqual([...regionsOf(r, "a")], [...regionsOf(r, "b")]);
      assert.strictEqual(r.cost.traffic, 0);
    },
  },
  {
    name: "keeps an EU-resident bucket in the EU even when its reader runs in the US",
    spec: spec({
      services: [service("reader", { residency: ["US"] })],
      buckets: [bucket("records", { residency: ["EU"], storageGiB: 500 })],
      links: [link("reader", "records", 5_000, "bucket")],
    }),
    check: (r) => {
      const b = r.plan.buckets.records;
      assert.strictEqual(catalog.region(b.cloud, b.region)!.continent, "EU");
      assert.ok(r.cost.traffic > 0);
    },
  },
  {
    name: "charges a split sender its own egress when a cheaper-egress region of its cloud sends nothing",
    spec: spec({
      services: [
        service("x", { replicas: 3, clouds: ["azure"], regions: ["eastus", "japaneast"], minRegions: 2 }),
        service("y", { replicas: 1, clouds: ["aws"], regions: ["us-east-1"] }),
      ],
      links: [link("x", "y", 50_000)],
    }),
    check: (r) => assert.strictEqual(regionsOf(r, "x").size, 2),
  },
  {
    name: "places a single-cloud spec without links",
    spec: spec({
      services: [service("a", { clouds: ["gcp"] }), service("b", { replicas: 1, vcpu: 4, memoryGiB: 16, clouds: ["gcp"] })],
      clouds: ["gcp"],
    }),
    check: (r) => assert.deepStrictEqual([...new Set([...cloudsOf(r, "a"), ...cloudsOf(r, "b")])], ["gcp"]),
  },
  {
    name: "returns an empty plan at no cost for an empty spec",
    spec: spec({}),
    check: (r) => {
      assert.deepStrictEqual(r.plan, { services: {}, buckets: {} });
      assert.strictEqual(r.cost.total, 0);
    },
  },
];

describe("solver conformance", () => {
  for (const c of CASES) {
    it(`${c.name} (HiGHS and javascript-lp-solver agree)`, async () => {
      const objectives: number[] = [];
      for (const solver of ["highs", "jslp"] as const) {
        const r = await optimize(c.spec, catalog, { solver, relativeGap: 0, explain: false });
        assert.deepStrictEqual(verifyPlan(c.spec, catalog, r.plan), [], solver);
        assert.strictEqual(r.report.status, "optimal", solver);
        assert.ok(Math.abs(r.report.objective - r.cost.total) <= 0.01, `${solver}: objective ${r.report.objective} vs cost ${r.cost.total}`);
        c.check(r);
        objectives.push(r.report.objective);
      }
      assert.ok(Math.abs(objectives[0] - objectives[1]) <= 0.01, `HiGHS ${objectives[0]} vs javascript-lp-solver ${objectives[1]}`);
    });
  }

  it("raises PlacementInfeasibleError, not a solver exception, when no region fits a service", async () => {
    const s = spec({ services: [service("db", { residency: ["DE"], vcpu: 96, memoryGiB: 4000 })] });
    for (const solver of ["highs", "jslp"] as const) {
      await assert.rejects(optimize(s, catalog, { solver }), (e: unknown) => {
        assert.ok(e instanceof PlacementInfeasibleError);
        assert.match(e.message, /services\.db/);
        return true;
      });
    }
  });

  it("raises PlacementInfeasibleError when the spec is only infeasible jointly (quota against replicas)", async () => {
    const s = spec({
      services: [service("api", { replicas: 3, vcpu: 2, clouds: ["aws"], regions: ["us-east-1"] })],
      quotas: { "aws:us-east-1": 4 },
    });
    for (const solver of ["highs", "jslp"] as const) {
      await assert.rejects(optimize(s, catalog, { solver }), PlacementInfeasibleError);
    }
  });
});
