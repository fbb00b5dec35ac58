import * as assert from "assert";
import { loadCatalog } from "../../optimizer/catalog";
import { evaluatePlan } from "../../optimizer/evaluate";
import {
  assertLockMatches,
  compareLock,
  parseLock,
  PlacementLockError,
  serializeLock,
} from "../../optimizer/lock";
import { locateJsonError } from "../../optimizer/lock-json";
import type { Plan } from "../../optimizer/plan";
import { validateSpec } from "../../optimizer/validate";

const catalog = loadCatalog();
const FILE = "stacks/placement.dev.json";

/** A small valid spec; tests change one thing at a time. */
function spec(change: (s: any) => void = () => {}) {
  const raw: any = {
    services: {
      api: { replicas: 3, vcpu: 2, memoryGiB: 8, availability: { minClouds: 2 } },
      web: { replicas: 2, vcpu: 2, memoryGiB: 4, publicPorts: [443] },
    },
    buckets: { assets: { storageGiB: 100, residency: ["EU"] } },
    links: [{ from: "web", to: "api", monthlyGiB: 50 }],
  };
  change(raw);
  return validateSpec(raw, catalog);
}

/** A plan that satisfies spec() as it is. */
function plan(): Plan {
  return {
    services: {
      web: {
        groups: [
          {
            cloud: "gcp",
            region: "europe-west4",
            instanceType: "e2-standard-2",
            count: 2,
            spot: 0,
          },
        ],
      },
      api: {
        groups: [
          {
            cloud: "gcp",
            region: "europe-west4",
            instanceType: "e2-standard-2",
            count: 2,
            spot: 0,
          },
          { cloud: "aws", region: "eu-central-1", instanceType: "m7g.large", count: 1, spot: 0 },
        ],
      },
    },
    buckets: { assets: { cloud: "gcp", region: "europe-west4" } },
  };
}

/** The PlacementLockError `fn` throws. */
function lockError(fn: () => unknown): PlacementLockError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof PlacementLockError, `expected a PlacementLockError, got ${e}`);
    return e;
  }
  return assert.fail("expected a PlacementLockError");
}

describe("placement lock", () => {
  describe("serializeLock", () => {
    it("writes names sorted, groups sorted by cloud, region and type, one group per line", () => {
      const s = spec();
      const text = serializeLock(
        plan(),
        evaluatePlan(s, plan(), catalog, () => []),
      );
      const cost = evaluatePlan(s, plan(), catalog, () => []);
      assert.strictEqual(
        text,
        [
          "{",
          '  "version": 1,',
          `  "monthlyUSD": ${cost.total},`,
          '  "services": {',
          '    "api": {',
          `      "monthlyUSD": ${cost.services.api.total},`,
          '      "groups": [',
          '        { "cloud": "aws", "region": "eu-central-1", "instanceType": "m7g.large", "count": 1, "spot": 0 },',
          '        { "cloud": "gcp", "region": "europe-west4", "instanceType": "e2-standard-2", "count": 2, "spot": 0 }',
          "      ]",
          "    },",
          '    "web": {',
          `      "monthlyUSD": ${cost.services.web.total},`,
          '      "groups": [',
          '        { "cloud": "gcp", "region": "europe-west4", "instanceType": "e2-standard-2", "count": 2, "spot": 0 }',
          "      ]",
          "    }",
          "  },",
          '  "buckets": {',
          `    "assets": { "cloud": "gcp", "region": "europe-west4", "monthlyUSD": ${cost.buckets.assets.total} }`,
          "  }",
          "}",
          "",
        ].join("\n"),
      );
    });

    it("gives the same bytes for the same plan whatever the key and group order", () => {
      const p = plan();
      const shuffled: Plan = {
        buckets: p.buckets,
        services: { api: { groups: [...p.services.api.groups].reverse() }, web: p.services.web },
      };
      assert.strictEqual(serializeLock(shuffled), serializeLock(p));
    });

    it("round-trips through parseLock to the same plan and bytes", () => {
      const cost = evaluatePlan(spec(), plan(), catalog, () => []);
      const text = serializeLock(plan(), cost);
      const lock = parseLock(text, FILE, "dev");
      assert.strictEqual(serializeLock(lock.plan, cost), text);
      assert.deepStrictEqual(lock.costs.services, {
        api: cost.services.api.total,
        web: cost.services.web.total,
      });
      assert.strictEqual(lock.costs.totalUSD, cost.total);
    });

    it("writes valid JSON for an empty plan", () => {
      const text = serializeLock({ services: {}, buckets: {} });
      assert.deepStrictEqual(JSON.parse(text), { version: 1, services: {}, buckets: {} });
    });
  });

  describe("parseLock", () => {
    it("reports a JSON syntax error with its line and column and what to run", () => {
      const text = '{\n  "version": 1,\n  "services": {\n    "api": { "groups": [] },\n  }\n}\n';
      const e = lockError(() => parseLock(text, FILE, "dev"));
      assert.strictEqual(e.failure, "malformed");
      assert.strictEqual(
        e.message,
        `${FILE} is not valid JSON: line 5, column 3: expected a property name in double quotes, found "}". ` +
          "To fix: correct the file at line 5, column 3 or restore it from version control, " +
          "or write a new lock with `cloudfit plan --stack dev --write`.",
      );
    });

    it("reports a truncated file at its end", () => {
      const e = lockError(() => parseLock('{\n  "version": 1,\n  "services": {', FILE, "prod"));
      assert.match(
        e.message,
        /line 3, column 16: expected a property name in double quotes, found the end of the file/,
      );
      assert.match(e.message, /cloudfit plan --stack prod --write/);
    });

    it("lists every entry that is not a well-formed placement", () => {
      const text = JSON.stringify({
        version: 2,
        services: {
          api: { groups: [{ cloud: "ibm", region: "x", instanceType: "t", count: 0, spot: 0 }] },
          web: { groups: [], size: 3 },
        },
        buckets: { assets: { cloud: "aws" } },
      });
      const e = lockError(() => parseLock(text, FILE, "dev"));
      assert.strictEqual(e.failure, "invalid");
      assert.deepStrictEqual(
        e.problems.map((p) => `${p.path}: ${p.message}`),
        [
          "version: must be 1, got 2",
          'services.api.groups[0].cloud: must be one of aws, azure, gcp, got "ibm"',
          "services.api.groups[0].count: must be a whole number of at least 1, got 0",
          "services.web.size: is not a lock field (expected monthlyUSD, groups)",
          "services.web.groups: must be a non-empty list of replica groups, got []",
          "buckets.assets.region: must be a non-empty string, got nothing",
        ],
      );
      assert.match(e.message, /is not a valid placement lock \(6 problems\)/);
    });

    it("rejects, given the catalog, entries naming a region or instance type it does not have", () => {
      const text = serializeLock(plan())
        .replace('"instanceType": "m7g.large"', '"instanceType": "m7g.huge"')
        .replace('"assets": { "cloud": "gcp", "region": "europe-west4" }', '"assets": { "cloud": "gcp", "region": "mars-west1" }');
      assert.doesNotThrow(() => parseLock(text, FILE, "dev"));
      const e = lockError(() => parseLock(text, FILE, "dev", catalog));
      assert.strictEqual(e.failure, "invalid");
      assert.strictEqual(
        e.message,
        `${FILE} is not a valid placement lock (2 problems):\n` +
          "  services.api.groups[0].instanceType: m7g.huge is not an instance type the price catalog has in aws:eu-central-1\n" +
          "  buckets.assets.region: gcp:mars-west1 is not a region of the price catalog\n" +
          "To fix: correct these entries or restore the file from version control; or delete the workloads' entries and run " +
          "`cloudfit plan --stack dev --write` to place them again.",
      );
    });

    it("rejects a group whose spot exceeds its count", () => {
      const text = serializeLock(plan()).replace('"count": 1, "spot": 0', '"count": 1, "spot": 2');
      const e = lockError(() => parseLock(text, FILE, "dev"));
      assert.deepStrictEqual(e.problems, [
        {
          path: "services.api.groups[0].spot",
          message: "must be a whole number from 0 to count, got 2",
        },
      ]);
    });
  });

  describe("locateJsonError", () => {
    it("returns nothing for valid JSON", () => {
      assert.strictEqual(locateJsonError('{"a": [1, -2.5e3, "x\\n", true, null, {}]}'), undefined);
    });

    it("finds a missing comma between properties", () => {
      assert.deepStrictEqual(locateJsonError('{\n "a": 1\n "b": 2\n}'), {
        line: 3,
        column: 2,
        message: "expected ',' or '}' after a property value, found \"\\\"\"",
      });
    });

    it("finds trailing text after the value", () => {
      assert.strictEqual(locateJsonError("{} x")?.column, 4);
    });
  });

  describe("compareLock", () => {
    it("finds no difference when the lock satisfies the spec", () => {
      const c = compareLock(plan(), spec(), catalog);
      assert.deepStrictEqual(c.differences, []);
      assert.deepStrictEqual(c.held, plan());
    });

    it("reports a workload added to the spec and holds the rest", () => {
      const s = spec((raw) => (raw.services.worker = { replicas: 1, vcpu: 2, memoryGiB: 4 }));
      const c = compareLock(plan(), s, catalog);
      assert.deepStrictEqual(c.added, ["worker"]);
      assert.deepStrictEqual(c.mismatched, []);
      assert.deepStrictEqual(Object.keys(c.held.services).sort(), ["api", "web"]);
    });

    it("reports a workload removed from the spec and drops it from the held plan", () => {
      const s = spec((raw) => {
        delete raw.services.web;
        raw.links = [];
      });
      const c = compareLock(plan(), s, catalog);
      assert.deepStrictEqual(c.removed, ["web"]);
      assert.strictEqual(c.held.services.web, undefined);
      assert.deepStrictEqual(c.mismatched, []);
    });

    it("reports changed replicas and an instance type that no longer fits", () => {
      const s = spec((raw) => {
        raw.services.api.replicas = 4;
        raw.services.web.memoryGiB = 16;
      });
      const c = compareLock(plan(), s, catalog);
      assert.deepStrictEqual(
        c.mismatched.map((d) => `${d.path}: ${d.message}`),
        [
          "services.api: has 3 replicas, not the 4 required.",
          "services.web: group gcp:europe-west4 e2-standard-2: 8 GiB of memory is below the 16 GiB needed.",
        ],
      );
      assert.deepStrictEqual(Object.keys(c.held.services), []);
    });

    it("reports a bucket whose region breaks a new residency", () => {
      const s = spec((raw) => (raw.buckets.assets.residency = ["DE"]));
      const c = compareLock(plan(), s, catalog);
      assert.deepStrictEqual(
        c.mismatched.map((d) => d.path),
        ["buckets.assets"],
      );
      assert.match(c.mismatched[0].message, /breaks its residency DE/);
    });

    it("reports a quota the locked workloads together exceed", () => {
      const s = spec((raw) => (raw.global = { quotas: { "gcp:europe-west4": 4 } }));
      const c = compareLock(plan(), s, catalog);
      assert.deepStrictEqual(
        c.mismatched.map((d) => `${d.path}: ${d.message}`),
        ["global: Quota gcp:europe-west4: the plan uses 8 vCPUs, more than the quota of 4."],
      );
    });
  });

  describe("assertLockMatches", () => {
    it("names every differing entry and the command to run", () => {
      const s = spec((raw) => (raw.services.api.replicas = 5));
      const c = compareLock(plan(), s, catalog);
      const e = lockError(() => assertLockMatches(c, FILE, "dev"));
      assert.strictEqual(e.failure, "mismatch");
      assert.strictEqual(
        e.message,
        `${FILE} no longer matches the workload spec of stack dev; 1 entry differs:\n` +
          "  services.api: has 3 replicas, not the 5 required.\n" +
          "To fix: run `cloudfit plan --stack dev --write` to place these workloads again, then review and commit the new lock.",
      );
    });

    it("accepts added and removed workloads", () => {
      const s = spec((raw) => {
        delete raw.services.web;
        raw.links = [];
        raw.services.batch = { replicas: 1, vcpu: 1, memoryGiB: 2 };
      });
      assert.doesNotThrow(() => assertLockMatches(compareLock(plan(), s, catalog), FILE, "dev"));
    });
  });
});
