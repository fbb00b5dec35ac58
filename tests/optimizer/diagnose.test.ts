import * as assert from "assert";
import { loadCatalog } from "../../optimizer/catalog";
import { diagnoseInfeasibility } from "../../optimizer/diagnose";
import { Conflict, PlacementInfeasibleError } from "../../optimizer/errors";
import type { NormalizedSpec } from "../../optimizer/spec";
import type { Feasibility } from "../../optimizer/diagnose";
import type { FeasibilityCheck } from "../../optimizer/diagnose-relax";
import { validateSpec } from "../../optimizer/validate";

const catalog = loadCatalog();

/** A feasibility oracle that must not be consulted: the catalog alone explains these cases. */
const noSolver = async (): Promise<boolean> => assert.fail("isFeasible should not be called");

function spec(raw: unknown): NormalizedSpec {
  return validateSpec(raw, catalog);
}

async function diagnose(
  raw: unknown,
  isFeasible: FeasibilityCheck = noSolver,
): Promise<Conflict[]> {
  return diagnoseInfeasibility(spec(raw), catalog, isFeasible);
}

describe("diagnoseInfeasibility", () => {
  it("names residency and size when no region of the country has an instance that large", async () => {
    // The catalog's IE regions top out at 192 vCPU (aws eu-west-1); GCP's EU regions reach 224.
    const conflicts = await diagnose({
      services: { db: { replicas: 1, vcpu: 200, memoryGiB: 64, residency: ["IE"] } },
    });
    assert.deepStrictEqual(conflicts, [
      {
        workloads: ["db"],
        requirements: ["residency IE", "200 vCPU per replica"],
        explanation:
          "services.db needs residency IE and 200 vCPU per replica; no IE region offers an instance that large.",
        fixes: ["Relax residency to EU or lower vCPU per replica to at most 192."],
      },
    ]);
    assert.strictEqual(
      new PlacementInfeasibleError(conflicts).message,
      "services.db needs residency IE and 200 vCPU per replica; no IE region offers an instance that large. " +
        "To fix: Relax residency to EU or lower vCPU per replica to at most 192.",
    );
  });

  it("leaves out residency when no cloud anywhere offers the size", async () => {
    const [c, ...rest] = await diagnose({
      services: { db: { replicas: 1, vcpu: 400, memoryGiB: 64, residency: ["DE"] } },
    });
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(
      c.explanation,
      "services.db needs 400 vCPU per replica; no region offers an instance that large.",
    );
    assert.deepStrictEqual(c.fixes, ["Lower vCPU per replica to at most 384."]);
  });

  it("names the cloud and the size when only the allowed cloud is too small", async () => {
    const [c] = await diagnose({
      services: {
        db: { replicas: 1, vcpu: 256, memoryGiB: 64, residency: ["DE"], clouds: ["azure"] },
      },
    });
    assert.strictEqual(
      c.explanation,
      "services.db needs cloud azure and 256 vCPU per replica; no azure region offers an instance that large.",
    );
    assert.deepStrictEqual(c.fixes, [
      "Allow gcp for services.db or lower vCPU per replica to at most 192.",
    ]);
  });

  it("reports independent causes of one workload separately", async () => {
    const conflicts = await diagnose({
      services: { db: { replicas: 1, vcpu: 400, memoryGiB: 4000 } },
    });
    assert.deepStrictEqual(
      conflicts.map((c) => [c.explanation, c.fixes[0]]),
      [
        [
          "services.db needs 4000 GiB of memory per replica; no region offers an instance that large.",
          "Lower memory per replica to at most 3024 GiB.",
        ],
        [
          "services.db needs 400 vCPU per replica; no region offers an instance that large.",
          "Lower vCPU per replica to at most 384.",
        ],
      ],
    );
  });

  it("names residency and cloud when a bucket has no region at all", async () => {
    const conflicts = await diagnose({
      services: {},
      buckets: { backups: { storageGiB: 10, residency: ["IE"], clouds: ["gcp"] } },
    });
    assert.deepStrictEqual(conflicts, [
      {
        workloads: ["backups"],
        requirements: ["residency IE", "cloud gcp"],
        explanation:
          "buckets.backups needs residency IE and cloud gcp; no region of the catalog satisfies both.",
        fixes: ["Relax residency to EU or allow aws or azure for buckets.backups."],
      },
    ]);
  });

  it("reports minClouds above the clouds that have a fitting region", async () => {
    const conflicts = await diagnose({
      services: {
        api: {
          replicas: 3,
          vcpu: 2,
          memoryGiB: 4,
          residency: ["IE"],
          availability: { minClouds: 3 },
        },
      },
    });
    assert.deepStrictEqual(conflicts, [
      {
        workloads: ["api"],
        requirements: ["minClouds 3", "residency IE"],
        explanation:
          "services.api needs minClouds 3 and residency IE; only 2 clouds (aws, azure) offer a fitting region.",
        fixes: ["Lower services.api.availability.minClouds to 2 or relax residency to EU."],
      },
    ]);
  });

  it("reports a maxSharePerCloud that needs more clouds than have a fitting region", async () => {
    const [c] = await diagnose({
      services: {
        api: {
          replicas: 3,
          vcpu: 2,
          memoryGiB: 4,
          residency: ["IE"],
          availability: { maxSharePerCloud: 0.34 },
        },
      },
    });
    assert.strictEqual(
      c.explanation,
      "services.api needs at most 1 of 3 replicas per cloud (maxSharePerCloud 0.34) and residency IE; " +
        "that takes 3 clouds, but only 2 (aws, azure) offer a fitting region.",
    );
    assert.deepStrictEqual(c.fixes, [
      "Raise services.api.availability.maxSharePerCloud to at least 0.67 or relax residency to EU.",
    ]);
  });

  it("reports minRegions above the regions with a fitting offer", async () => {
    const [c] = await diagnose({
      services: {
        api: {
          replicas: 6,
          vcpu: 2,
          memoryGiB: 4,
          residency: ["DE"],
          availability: { minRegions: 6 },
        },
      },
    });
    assert.strictEqual(
      c.explanation,
      "services.api needs minRegions 6 and residency DE; only 5 regions (aws:eu-central-1, azure:germanynorth, " +
        "azure:germanywestcentral, gcp:europe-west10, gcp:europe-west3) offer a fitting instance type.",
    );
    assert.deepStrictEqual(c.fixes, [
      "Lower services.api.availability.minRegions to 5 or relax residency to EU.",
    ]);
  });

  it("reports workloads whose clouds cannot fit within maxClouds", async () => {
    const conflicts = await diagnose({
      services: {
        a: { replicas: 1, vcpu: 2, memoryGiB: 4, clouds: ["aws"] },
        free: { replicas: 1, vcpu: 2, memoryGiB: 4 },
      },
      buckets: { b: { storageGiB: 1, clouds: ["gcp"] } },
      global: { maxClouds: 1 },
    });
    assert.deepStrictEqual(conflicts, [
      {
        workloads: ["a", "b"],
        requirements: [
          "global.maxClouds 1",
          "services.a can only run in aws",
          "buckets.b can only run in gcp",
        ],
        explanation:
          "global.maxClouds is 1, but services.a can only run in aws and buckets.b can only run in gcp.",
        fixes: [
          "Raise global.maxClouds to 2 or widen the clouds, residency or regions of services.a and buckets.b.",
        ],
      },
    ]);
  });

  it("reports a quota too small for a service's replicas and the quota that would do", async () => {
    const conflicts = await diagnose({
      services: {
        batch: { replicas: 40, vcpu: 16, memoryGiB: 32, regions: ["eu-central-1", "europe-west3"] },
      },
      global: { quotas: { "aws:eu-central-1": 256, "gcp:europe-west3": 256 } },
    });
    assert.deepStrictEqual(conflicts, [
      {
        workloads: ["batch"],
        requirements: [
          "40 replicas of 16 vCPU",
          "quota aws:eu-central-1 256",
          "quota gcp:europe-west3 256",
        ],
        explanation:
          "services.batch needs 40 replicas of 16 vCPU, but the vCPU quotas of the regions it may use " +
          "(aws:eu-central-1 256, gcp:europe-west3 256) leave room for only 32.",
        fixes: [
          'Raise global.quotas["aws:eu-central-1"] to 384, allow more regions or lower services.batch.replicas to 32.',
        ],
      },
    ]);
  });

  it("reports services that fit a shared quota alone but not together", async () => {
    const [c, ...rest] = await diagnose({
      services: {
        a: { replicas: 10, vcpu: 16, memoryGiB: 32, regions: ["eu-central-1"] },
        b: { replicas: 10, vcpu: 16, memoryGiB: 32, regions: ["eu-central-1"] },
      },
      global: { quotas: { "aws:eu-central-1": 256 } },
    });
    assert.strictEqual(rest.length, 0);
    assert.deepStrictEqual(c.workloads, ["a", "b"]);
    assert.strictEqual(
      c.explanation,
      "services.a and services.b together need at least 320 vCPU, but the vCPU quotas of the regions they may use " +
        "(aws:eu-central-1 256) total 256.",
    );
    assert.deepStrictEqual(c.fixes, [
      "Raise those quotas by at least 64 vCPU in total, allow more regions or lower replicas.",
    ]);
  });

  describe("with a solver", () => {
    const raw = {
      services: {
        api: { replicas: 2, vcpu: 2, memoryGiB: 4, availability: { minRegions: 2 } },
        worker: { replicas: 2, vcpu: 4, memoryGiB: 8, residency: ["EU"] },
      },
      global: { quotas: { "aws:eu-central-1": 64 }, maxClouds: 2 },
    };

    it("relaxes one group at a time and names the one that restores feasibility", async () => {
      const seen: NormalizedSpec[] = [];
      // Feasible exactly when api's availability is relaxed: the catalog checks cannot see why.
      const isFeasible = async (s: NormalizedSpec) => {
        seen.push(s);
        return s.services.find((x) => x.name === "api")!.minRegions === 1;
      };
      const conflicts = await diagnose(raw, isFeasible);
      assert.deepStrictEqual(conflicts, [
        {
          workloads: ["api"],
          requirements: ["the availability of services.api (minRegions 2)"],
          explanation:
            "No placement satisfies the availability of services.api (minRegions 2) together with the rest of the spec; " +
            "without it one exists.",
          fixes: ["Lower the availability of services.api."],
        },
      ]);
      // Everything relaxed, then each of the 5 groups alone:
      // quotas, maxClouds, api's availability, worker's residency, spot.
      assert.strictEqual(seen.length, 6);
    });

    it("finds the smallest set when no single relaxation is enough", async () => {
      const isFeasible = async (s: NormalizedSpec) =>
        Object.keys(s.quotas).length === 0 && s.maxClouds === 3;
      const conflicts = await diagnose(raw, isFeasible);
      assert.deepStrictEqual(conflicts, [
        {
          workloads: [],
          requirements: ["the vCPU quotas of aws:eu-central-1", "global.maxClouds 2"],
          explanation:
            "No placement satisfies the vCPU quotas of aws:eu-central-1 and global.maxClouds 2 together; " +
            "the spec becomes feasible only when all of them are relaxed.",
          fixes: ["Raise the vCPU quotas in global.quotas and raise global.maxClouds."],
        },
      ]);
    });

    it("narrows many groups down to a minimal set by halving, not one by one", async () => {
      const services: Record<string, unknown> = {};
      for (let i = 0; i < 20; i++) {
        const name = `s${String(i).padStart(2, "0")}`;
        services[name] = { replicas: 1, vcpu: 1, memoryGiB: 1, residency: ["EU"] };
      }
      let calls = 0;
      // Feasible exactly when s07 and s13 may leave the EU.
      const isFeasible = async (s: NormalizedSpec) => {
        calls++;
        const free = s.services.filter((x) => x.residency.length === 0).map((x) => x.name);
        return free.includes("s07") && free.includes("s13");
      };
      const [c, ...rest] = await diagnose({ services }, isFeasible);
      assert.strictEqual(rest.length, 0);
      assert.deepStrictEqual(c.workloads, ["s07", "s13"]);
      assert.deepStrictEqual(c.requirements, [
        "residency EU of services.s07",
        "residency EU of services.s13",
      ]);
      assert.deepStrictEqual(c.fixes, [
        "Relax the residency of services.s07 and relax the residency of services.s13.",
      ]);
      // 21 groups (20 residencies and spot): halving needs far fewer solves than one per group.
      assert.ok(calls < 21, `expected fewer than 21 solves, made ${calls}`);
    });

    it("returns no conflict when relaxing every group still leaves no placement", async () => {
      let calls = 0;
      const conflicts = await diagnose(raw, async () => {
        calls++;
        return false;
      });
      assert.deepStrictEqual(conflicts, []);
      assert.strictEqual(calls, 1);
      assert.match(
        new PlacementInfeasibleError(conflicts).message,
        /To fix: relax residency, availability or quotas/,
      );
    });

    it("names only the single relaxations whose check found a plan", async () => {
      // api's availability: a plan found; worker's residency: the check ended without an answer.
      const isFeasible = async (s: NormalizedSpec): Promise<Feasibility> => {
        if (s.services.find((x) => x.name === "api")!.minRegions === 1) return "feasible";
        return s.services.find((x) => x.name === "worker")!.residency.length === 0 ? "unknown" : "infeasible";
      };
      const conflicts = await diagnose(raw, isFeasible);
      assert.deepStrictEqual(conflicts.map((c) => c.requirements), [["the availability of services.api (minRegions 2)"]]);
      assert.match(conflicts[0].explanation, /without it one exists\.$/);
    });

    describe("with many groups (halving)", () => {
      const services: Record<string, unknown> = {};
      for (let i = 0; i < 20; i++) services[`s${String(i).padStart(2, "0")}`] = { replicas: 1, vcpu: 1, memoryGiB: 1, residency: ["EU"] };
      const free = (s: NormalizedSpec) => s.services.filter((x) => x.residency.length === 0).map((x) => x.name);

      it("blames nothing when no check ended with an answer", async () => {
        // Counting unanswered checks as plans found would blame the first group, s00.
        const conflicts = await diagnose({ services }, async () => "unknown");
        assert.deepStrictEqual(conflicts, []);
      });

      it("says when the smallest relaxation found was not confirmed by a plan", async () => {
        // Proven infeasible unless s07 and s13 may leave the EU; then the check ends unanswered.
        const isFeasible = async (s: NormalizedSpec): Promise<Feasibility> => (free(s).includes("s07") && free(s).includes("s13") ? "unknown" : "infeasible");
        const [c, ...rest] = await diagnose({ services }, isFeasible);
        assert.strictEqual(rest.length, 0);
        assert.deepStrictEqual(c.workloads, ["s07", "s13"]);
        assert.strictEqual(
          c.explanation,
          "No placement satisfies residency EU of services.s07 and residency EU of services.s13 together with the rest of the spec, " +
            "as far as the checks went: relaxing all of them is the smallest change they did not rule out, but no check found a plan with it in the time it had (a longer time limit gives them more).",
        );
        assert.deepStrictEqual(c.fixes, ["Relax the residency of services.s07 and relax the residency of services.s13."]);
      });

      it("blames nothing when relaxing every group is proven not enough", async () => {
        assert.deepStrictEqual(await diagnose({ services }, async () => false), []);
      });
    });

    it("gives the same answer every time", async () => {
      const isFeasible = async (s: NormalizedSpec) =>
        s.services.every((x) => x.residency.length === 0);
      const first = await diagnose(raw, isFeasible);
      const second = await diagnose(raw, isFeasible);
      assert.deepStrictEqual(first, second);
      assert.deepStrictEqual(first[0].requirements, ["residency EU of services.worker"]);
    });
  });
});
