import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { buildCandidates } from "../../optimizer/candidates";
import { loadCatalog } from "../../optimizer/catalog";
import { specFromStackConfig } from "../../optimizer/config";
import { evaluatePlan } from "../../optimizer/evaluate";
import { parseLock, PlacementLock, PlacementLockError, serializeLock } from "../../optimizer/lock";
import type { Cloud } from "../../optimizer/spec";
import { ofType, Recorded } from "../components/harness";
import { ProgramRun, runProgram, stackConfig, stackWorkload } from "./harness";

const ROOT = path.resolve(__dirname, "../..");
const catalog = loadCatalog();
const SCALING: Record<Cloud, string> = {
  aws: "aws:autoscaling/group:Group",
  azure: "azure-native:compute:VirtualMachineScaleSet",
  gcp: "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager",
};
const STORAGE: Record<Cloud, string> = {
  aws: "aws:s3/bucket:Bucket",
  azure: "azure-native:storage:StorageAccount",
  gcp: "gcp:storage/bucket:Bucket",
};

function readLock(stack: string): { text: string; lock: PlacementLock } {
  const text = fs.readFileSync(path.join(ROOT, "stacks", `placement.${stack}.json`), "utf8");
  return { text, lock: parseLock(text, `stacks/placement.${stack}.json`, stack) };
}

/** Total and spot capacity of one scaling resource, whatever its cloud. */
function capacity(r: Recorded): { total: number; spot: number } {
  if (r.type === SCALING.aws) {
    const base = r.inputs.mixedInstancesPolicy?.instancesDistribution.onDemandBaseCapacity;
    return {
      total: r.inputs.desiredCapacity,
      spot: base === undefined ? 0 : r.inputs.desiredCapacity - base,
    };
  }
  if (r.type === SCALING.azure) {
    const n = r.inputs.sku.capacity;
    return { total: n, spot: r.inputs.virtualMachineProfile.priority === "Spot" ? n : 0 };
  }
  return {
    total: r.inputs.targetSize,
    spot: r.name.includes("-spot-mig-") ? r.inputs.targetSize : 0,
  };
}

/** Resources as comparable strings: type, name, provider and inputs. */
function fingerprints(resources: readonly Recorded[]): string[] {
  return resources.map((r) => JSON.stringify([r.type, r.name, r.provider ?? "", r.inputs])).sort();
}

/** Writes a lock file to a temporary directory; returns its path. */
function tempLock(stack: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-lock-"));
  const file = path.join(dir, `placement.${stack}.json`);
  fs.writeFileSync(file, text);
  return file;
}

for (const stack of ["dev", "prod"]) {
  describe(`reference program, stack ${stack}`, () => {
    let run: ProgramRun;
    let lock: PlacementLock;
    let text: string;
    before(async () => {
      ({ lock, text } = readLock(stack));
      run = await runProgram(stack);
    });

    it("ships a lock that is the serializer's canonical output and matches the stack's spec", () => {
      const spec = specFromStackConfig(
        { "cloudfit:workload": stackConfig(stack)["cloudfit:workload"] },
        catalog,
      );
      const cost = evaluatePlan(spec, lock.plan, catalog, buildCandidates(spec, catalog).regionsOf);
      assert.strictEqual(serializeLock(lock.plan, cost), text);
    });

    it("runs one scaling group per replica group (and per spot share) at the locked counts, per cloud", () => {
      for (const cloud of ["aws", "azure", "gcp"] as Cloud[]) {
        const groups = Object.values(lock.plan.services).flatMap((p) =>
          p.groups.filter((g) => g.cloud === cloud),
        );
        const expected =
          cloud === "aws"
            ? groups.length
            : groups.reduce((n, g) => n + (g.count > g.spot ? 1 : 0) + (g.spot > 0 ? 1 : 0), 0);
        const scaling = ofType(run.resources, SCALING[cloud]);
        assert.strictEqual(scaling.length, expected, `${cloud} scaling groups`);
        const total = scaling
          .map(capacity)
          .reduce((a, c) => ({ total: a.total + c.total, spot: a.spot + c.spot }), {
            total: 0,
            spot: 0,
          });
        assert.deepStrictEqual(
          total,
          {
            total: groups.reduce((n, g) => n + g.count, 0),
            spot: groups.reduce((n, g) => n + g.spot, 0),
          },
          `${cloud} capacity`,
        );
        const buckets = Object.values(lock.plan.buckets).filter((b) => b.cloud === cloud).length;
        assert.strictEqual(
          ofType(run.resources, STORAGE[cloud]).length,
          buckets,
          `${cloud} buckets`,
        );
      }
    });

    it("creates a provider per cloud-region used and a network per cloud-region with services or databases", () => {
      const withServices = new Set([
        ...Object.values(lock.plan.services).flatMap((p) => p.groups.map((g) => `${g.cloud}-${g.region}`)),
        ...Object.values(lock.plan.databases ?? {}).map((d) => `${d.cloud}-${d.region}`),
      ]);
      const used = new Set([
        ...withServices,
        ...Object.values(lock.plan.buckets).map((b) => `${b.cloud}-${b.region}`),
      ]);
      assert.deepStrictEqual(
        run.resources
          .filter((r) => r.type.startsWith("pulumi:providers:"))
          .map((r) => r.name)
          .sort(),
        [...used].map((k) => `storefront-${k}`).sort(),
      );
      assert.deepStrictEqual(
        ofType(run.resources, "cloudfit:network:Network")
          .map((r) => r.name)
          .sort(),
        [...withServices].map((k) => `storefront-net-${k}`).sort(),
      );
    });

    it("exports the locked plan with its cost in total, per cloud and per service, and logs nothing", () => {
      assert.deepStrictEqual(run.value.placement, lock.plan);
      assert.strictEqual(run.value.monthlyCostUSD, lock.costs.totalUSD);
      assert.deepStrictEqual(run.value.costPerService, lock.costs.services);
      assert.deepStrictEqual(run.value.costPerBucket, lock.costs.buckets);
      const clouds = run.value.costPerCloud as Record<string, number>;
      const sum = Object.values(clouds).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - lock.costs.totalUSD!) < 0.05, `${sum} vs ${lock.costs.totalUSD}`);
      assert.deepStrictEqual(run.logs, []);
    });

    it("keeps admin ports closed to the internet everywhere", () => {
      for (const r of run.resources) {
        const i = r.inputs;
        if (
          r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" &&
          i.cidrIpv4 === "0.0.0.0/0"
        )
          assert.ok([80, 443].includes(i.fromPort), r.name);
        if (r.type === "azure-native:network:SecurityRule" && i.access === "Allow")
          assert.ok(i.sourceAddressPrefix !== "*", r.name);
        if (
          r.type === "gcp:compute/firewall:Firewall" &&
          i.allows &&
          i.sourceRanges.includes("0.0.0.0/0")
        ) {
          assert.deepStrictEqual(i.allows[0].ports, ["443"], r.name);
        }
      }
    });
  });
}

describe("reference program, runs and changes", () => {
  let first: ProgramRun;
  before(async () => {
    first = await runProgram("dev");
  });

  it("registers identical resources with identical inputs when run twice", async () => {
    const second = await runProgram("dev");
    assert.deepStrictEqual(fingerprints(second.resources), fingerprints(first.resources));
  });

  it("leaves every existing resource's inputs unchanged when a service is added, and logs one summary", async () => {
    const workload = stackWorkload("dev");
    workload.services.reports = { replicas: 1, vcpu: 2, memoryGiB: 4, residency: ["EU"] };
    workload.links.push({ from: "reports", to: "api", monthlyGiB: 20 });
    const added = await runProgram("dev", { "cloudfit:workload": JSON.stringify(workload) });
    const after = new Set(fingerprints(added.resources));
    for (const f of fingerprints(first.resources))
      assert.ok(after.has(f), `changed or missing: ${f.slice(0, 200)}`);
    const extra = added.resources.length - first.resources.length;
    assert.ok(extra > 0);
    assert.ok(
      added.resources.some(
        (r) => r.type === "cloudfit:compute:Service" && r.name === "storefront-reports",
      ),
    );
    assert.strictEqual(added.logs.length, 1);
    assert.match(
      added.logs[0],
      /^cloudfit: the plan differs from stacks\/placement\.dev\.json\.\nMonthly cost \$[\d,.]+ → \$[\d,.]+ \(\+\$/,
    );
    assert.match(
      added.logs[0],
      /\n {2}\+ reports: 1 x \S+ in \w+:[\w-]+, \$[\d.]+\/month; new in the spec; placed with the 7 locked workloads held fixed/,
    );
    assert.deepStrictEqual(
      (added.value.placement as any).services.api,
      (first.value.placement as any).services.api,
    );
  });

  it("drops the resources of a removed service and says so once", async () => {
    const workload = stackWorkload("dev");
    delete workload.services.worker;
    workload.links = workload.links.filter((l: any) => l.from !== "worker");
    const removed = await runProgram("dev", { "cloudfit:workload": JSON.stringify(workload) });
    assert.strictEqual(
      removed.resources.some((r) => r.name.startsWith("storefront-worker")),
      false,
    );
    assert.strictEqual(removed.logs.length, 1);
    assert.match(
      removed.logs[0],
      /\n {2}- worker: was 2 x \S+ in [\w:-]+ \(2 spot\), \$[\d.]+\/month; no longer in the spec, so its resources are deleted\.\n/,
    );
  });

  it("stops on a malformed lock with its line and the command to run, creating nothing", async () => {
    const { text } = readLock("dev");
    const file = tempLock("dev", text.replace('"count": 1,', '"count": 1'));
    const shown = path.relative(ROOT, file);
    const line = text.slice(0, text.indexOf('"count": 1,')).split("\n").length;
    let created: Recorded[] | undefined;
    try {
      await assert.rejects(
        runProgram("dev", { "cloudfit:lockFile": file }).then((r) => (created = r.resources)),
        (e: any) => {
          assert.ok(pulumi.RunError.isInstance(e), `expected a RunError, got ${e}`);
          assert.ok(e.cause instanceof PlacementLockError);
          assert.match(
            e.message,
            new RegExp(
              `^${shown.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is not valid JSON: line ${line}, column \\d+: expected ',' or '}' after a property value, found "\\\\"". ` +
                `To fix: correct the file at line ${line}, column \\d+ or restore it from version control, or write a new lock with \`cloudfit plan --stack dev --write\`\\.$`,
            ),
          );
          return true;
        },
      );
      assert.strictEqual(created, undefined);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it("stops when the spec changed so that locked entries no longer fit, naming each of them", async () => {
    const workload = stackWorkload("dev");
    workload.services.api.replicas = 5;
    workload.services.cache.memoryGiB = 64;
    const { lock } = readLock("dev");
    const cache = lock.plan.services.cache.groups[0];
    const offer = catalog.offer(cache.cloud, cache.region, cache.instanceType)!;
    await assert.rejects(
      runProgram("dev", { "cloudfit:workload": JSON.stringify(workload) }),
      (e: any) => {
        assert.ok(e.cause instanceof PlacementLockError);
        assert.strictEqual(
          e.message,
          "stacks/placement.dev.json no longer matches the workload spec of stack dev; 2 entries differ:\n" +
            "  services.api: has 4 replicas, not the 5 required.\n" +
            `  services.cache: group ${cache.cloud}:${cache.region} ${cache.instanceType}: ${offer.memoryGiB} GiB of memory is below the 64 GiB needed.\n` +
            "To fix: run `cloudfit plan --stack dev --write` to place these workloads again, then review and commit the new lock.",
        );
        return true;
      },
    );
  });
});
