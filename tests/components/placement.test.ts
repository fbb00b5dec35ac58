import * as assert from "assert";
import { formatUSD, resolvePlacement } from "../../components/placement";
import { loadCatalog } from "../../optimizer/catalog";
import { PlacementLockError, serializeLock } from "../../optimizer/lock";
import type { Plan } from "../../optimizer/plan";
import { validateSpec } from "../../optimizer/validate";
import { verifyPlan } from "../../optimizer/verify";

const catalog = loadCatalog();
const FILE = "stacks/placement.test.json";

function spec(change: (raw: any) => void = () => {}) {
  const raw: any = {
    services: {
      web: { replicas: 2, vcpu: 2, memoryGiB: 4, publicPorts: [443] },
      api: { replicas: 2, vcpu: 2, memoryGiB: 8 },
    },
    buckets: { assets: { storageGiB: 100, residency: ["EU"] } },
    links: [{ from: "web", to: "api", monthlyGiB: 100 }],
  };
  change(raw);
  return validateSpec(raw, catalog);
}

const locked: Plan = {
  services: {
    web: {
      groups: [
        { cloud: "gcp", region: "europe-west4", instanceType: "e2-standard-2", count: 2, spot: 0 },
      ],
    },
    api: {
      groups: [
        { cloud: "gcp", region: "europe-west4", instanceType: "e2-standard-2", count: 2, spot: 0 },
      ],
    },
  },
  buckets: { assets: { cloud: "gcp", region: "europe-west4" } },
};

describe("placement from the lock", () => {
  it("deploys the lock as it is when it covers the spec, with nothing to log", async () => {
    const r = await resolvePlacement({
      spec: spec(),
      catalog,
      stack: "test",
      lockFile: FILE,
      lockText: serializeLock(locked),
    });
    assert.deepStrictEqual(r.plan, locked);
    assert.strictEqual(r.result, undefined);
    assert.strictEqual(r.summary, undefined);
  });

  it("places an added service with every locked workload held fixed and summarizes the change", async () => {
    const s = spec((raw) => {
      raw.services.reports = { replicas: 1, vcpu: 2, memoryGiB: 4, residency: ["EU"] };
      raw.links.push({ from: "reports", to: "api", monthlyGiB: 10 });
    });
    const r = await resolvePlacement({
      spec: s,
      catalog,
      stack: "test",
      lockFile: FILE,
      lockText: serializeLock(locked),
    });
    assert.deepStrictEqual(verifyPlan(s, catalog, r.plan), []);
    for (const name of ["web", "api"])
      assert.deepStrictEqual(r.plan.services[name], locked.services[name]);
    assert.deepStrictEqual(r.plan.buckets, locked.buckets);
    assert.ok(r.plan.services.reports);
    const lines = r.summary!.split("\n");
    assert.strictEqual(lines[0], `cloudfit: the plan differs from ${FILE}.`);
    assert.match(
      lines[1],
      /^Monthly cost \$[\d,]+\.\d\d → \$[\d,]+\.\d\d \(\+\$[\d,]+\.\d\d, \+\d+\.\d%\)\.$/,
    );
    assert.match(
      lines[2],
      /^ {2}\+ reports: 1 x \S+ in \w+:[\w-]+, \$[\d.]+\/month; new in the spec; placed with the 3 locked workloads held fixed; binding: .*residency EU/,
    );
    assert.strictEqual(
      lines[3],
      `To keep this plan, run \`cloudfit plan --stack test --write\` and commit ${FILE}.`,
    );
    assert.strictEqual(lines.length, 4);
  });

  it("drops a removed service and reports what it cost", async () => {
    const s = spec((raw) => {
      delete raw.services.web;
      raw.links = [];
    });
    const cost = { services: { web: { total: 120.5 } }, buckets: {}, total: 0 } as any;
    const text = serializeLock(locked, {
      ...cost,
      services: { ...cost.services, api: { total: 98 } },
      buckets: { assets: { total: 2 } },
      total: 220.5,
    });
    const r = await resolvePlacement({
      spec: s,
      catalog,
      stack: "test",
      lockFile: FILE,
      lockText: text,
    });
    assert.strictEqual(r.result, undefined);
    assert.deepStrictEqual(Object.keys(r.plan.services), ["api"]);
    const lines = r.summary!.split("\n");
    assert.strictEqual(
      lines[2],
      "  - web: was 2 x e2-standard-2 in gcp:europe-west4, $120.50/month; no longer in the spec, so its resources are deleted.",
    );
    const after = r.cost.total;
    assert.strictEqual(
      lines[1].startsWith(
        `Monthly cost ${formatUSD(after + 120.5)} → ${formatUSD(after)} (-$120.50,`,
      ),
      true,
      lines[1],
    );
  });

  it("stops with the differing entries when the lock no longer fits the spec", async () => {
    const s = spec((raw) => (raw.services.api.memoryGiB = 32));
    await assert.rejects(
      resolvePlacement({
        spec: s,
        catalog,
        stack: "test",
        lockFile: FILE,
        lockText: serializeLock(locked),
      }),
      (e: unknown) => {
        assert.ok(e instanceof PlacementLockError);
        assert.strictEqual(
          e.message,
          `${FILE} no longer matches the workload spec of stack test; 1 entry differs:\n` +
            "  services.api: group gcp:europe-west4 e2-standard-2: 8 GiB of memory is below the 32 GiB needed.\n" +
            "To fix: run `cloudfit plan --stack test --write` to place these workloads again, then review and commit the new lock.",
        );
        return true;
      },
    );
  });

  it("stops on a malformed lock rather than placing anew", async () => {
    await assert.rejects(
      resolvePlacement({
        spec: spec(),
        catalog,
        stack: "test",
        lockFile: FILE,
        lockText: serializeLock(locked).slice(0, 120),
      }),
      (e: unknown) =>
        e instanceof PlacementLockError &&
        e.failure === "malformed" &&
        /line \d+, column \d+/.test(e.message),
    );
  });

  it("places every workload when the stack has no lock yet, and says so", async () => {
    const s = spec();
    const r = await resolvePlacement({
      spec: s,
      catalog,
      stack: "test",
      lockFile: FILE,
      lockText: undefined,
    });
    assert.deepStrictEqual(verifyPlan(s, catalog, r.plan), []);
    const lines = r.summary!.split("\n");
    assert.strictEqual(
      lines[0],
      `cloudfit: ${FILE} does not exist yet; every workload was placed by the optimizer.`,
    );
    assert.strictEqual(
      lines[1],
      `Monthly cost $0.00 → ${formatUSD(r.cost.total)} (+${formatUSD(r.cost.total)}).`,
    );
    assert.deepStrictEqual(
      lines.slice(2, 5).map((l) => l.split(":")[0]),
      ["  + api", "  + web", "  + assets"],
    );
    assert.ok(lines.slice(2, 5).every((l) => l.includes("not locked yet")));
  });

  it("formats dollars with cents and thousands separators", () => {
    assert.deepStrictEqual(
      [formatUSD(1234.5), formatUSD(-0.25), formatUSD(0)],
      ["$1,234.50", "-$0.25", "$0.00"],
    );
  });
});
