import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findCbc, runCbc } from "../../bench/cbc";
import { planFromSolution, writePerTypeLp, type PerTypeModel } from "../../bench/pertype";
import { loadCatalog } from "../../optimizer/catalog";
import { buildCandidates, fits } from "../../optimizer/candidates";
import { evaluatePlan } from "../../optimizer/evaluate";
import { optimize } from "../../optimizer/optimize";
import type { Plan } from "../../optimizer/plan";
import type { NormalizedSpec, WorkloadSpec } from "../../optimizer/spec";
import { validateSpec } from "../../optimizer/validate";
import { verifyPlan } from "../../optimizer/verify";

const catalog = loadCatalog();
// One region per cloud: there the pairwise flows and cloudfit's locality-first traffic model
// price every plan alike, so both formulations share their optimum.
const REGIONS = ["us-east-1", "eastus", "us-central1"];
const tinyInput: WorkloadSpec = {
  services: {
    api: {
      replicas: 3,
      vcpu: 2,
      memoryGiB: 8,
      spotReplicas: 1,
      regions: REGIONS,
      availability: { minClouds: 2, maxSharePerCloud: 0.67 },
    },
    db: {
      replicas: 2,
      vcpu: 4,
      memoryGiB: 16,
      arch: "x86_64",
      regions: REGIONS,
      availability: { minRegions: 2 },
    },
    web: { replicas: 2, vcpu: 1, memoryGiB: 2, arch: "arm64", regions: REGIONS },
  },
  buckets: { assets: { storageGiB: 1000, internetEgressGiB: 200, regions: REGIONS } },
  links: [
    { from: "web", to: "api", monthlyGiB: 500 },
    { from: "api", to: "db", monthlyGiB: 2000 },
    { from: "api", to: "assets", monthlyGiB: 300 },
  ],
  // The quota and maxClouds both bind: without them the optimum is cheaper.
  global: { maxClouds: 2, quotas: { "gcp:us-central1": 6 } },
};
// First without the network layer's fixed costs and latency (compute, storage and traffic alone),
// then with both, over regions on two continents so that latency decides where things run.
const validated = validateSpec(tinyInput, catalog);
const withoutNetwork: NormalizedSpec = { ...validated, network: undefined, links: validated.links.map(({ latency: _, ...l }) => l) };
const TWO_CONTINENTS = [...REGIONS, "eu-central-1", "westeurope", "europe-west3"];
// The same workloads over regions of two continents, public web users in Germany, api and db
// within 20 ms of each other, and no quota or cloud limit.
const netInput: WorkloadSpec = {
  services: Object.fromEntries(
    Object.entries(tinyInput.services ?? {}).map(([name, s]) => [
      name,
      { ...s, regions: TWO_CONTINENTS, ...(name === "web" ? { publicPorts: [443], latency: { maxRttMs: 30, from: ["DE"] } } : {}) },
    ]),
  ),
  buckets: { assets: { ...tinyInput.buckets!.assets, regions: TWO_CONTINENTS } },
  links: tinyInput.links!.map((l) => (l.to === "db" ? { ...l, maxRttMs: 20 } : l)),
};
const withNetwork = validateSpec(netInput, catalog);

interface LpRow {
  readonly name: string;
  readonly coefs: Map<string, number>;
  readonly sense: "<=" | ">=" | "=";
  readonly rhs: number;
}

interface ParsedLp {
  readonly objective: Map<string, number>;
  readonly rows: LpRow[];
  readonly generals: Set<string>;
  readonly binaries: Set<string>;
}

/** A reader for the subset of CPLEX LP the writer emits, independent of the writer's code. */
function parseLp(text: string): ParsedLp {
  const sections = new Map<string, string[]>();
  let current = "";
  for (const line of text.split("\n")) {
    if (line.startsWith("\\") || line.trim() === "") continue;
    if (!line.startsWith(" ")) {
      current = line.trim();
      sections.set(current, []);
    } else sections.get(current)!.push(line);
  }
  const statements = (lines: string[]) =>
    lines
      .join("\n")
      .split(/\n(?= \w+:)/)
      .filter((s) => s.trim());
  const terms = (s: string) => {
    const m = new Map<string, number>();
    for (const [, sign, c, v] of s.matchAll(/([+-]) (\S+) ([a-z]\d+)/g))
      m.set(v, (m.get(v) ?? 0) + (sign === "-" ? -1 : 1) * Number(c));
    return m;
  };
  const objective = terms(statements(sections.get("Minimize")!)[0].replace(/^ obj:/, ""));
  const rows = statements(sections.get("Subject To")!).map((st): LpRow => {
    const [, name, body] = st.match(/^ (\w+):([\s\S]*)$/)!;
    const [, lhs, sense, rhs] = body.match(/^([\s\S]*?)(<=|>=|=) (\S+)\s*$/)!;
    return { name, coefs: terms(lhs), sense: sense as LpRow["sense"], rhs: Number(rhs) };
  });
  const names = (k: string) =>
    new Set(
      (sections.get(k) ?? [])
        .join(" ")
        .split(/\s+/)
        .filter((x) => x),
    );
  return { objective, rows, generals: names("Generals"), binaries: names("Binaries") };
}

/** Column values that put a plan into the per-type model; flows served within a region first. */
function pointOf(model: PerTypeModel, lp: ParsedLp, spec: NormalizedSpec, plan: Plan): Map<string, number> {
  const v = new Map<string, number>();
  const regionCount = new Map<string, number>();
  const used = new Set<string>();
  for (const [name, p] of Object.entries(plan.services)) {
    for (const g of p.groups) {
      const key = `${g.cloud}:${g.region}`;
      regionCount.set(`${name}@${key}`, (regionCount.get(`${name}@${key}`) ?? 0) + g.count);
      regionCount.set(`${name}@${g.cloud}`, (regionCount.get(`${name}@${g.cloud}`) ?? 0) + g.count);
      used.add(g.cloud);
      model.offers.forEach((c, i) => {
        if (c.service !== name || c.offer.cloud !== g.cloud || c.offer.region !== g.region) return;
        if (c.offer.instanceType === g.instanceType)
          v.set(`x${i}`, c.spot ? g.spot : g.count - g.spot);
      });
    }
  }
  model.buckets.forEach((c, i) => {
    const p = plan.buckets[c.bucket];
    used.add(p.cloud);
    v.set(`z${i}`, c.region === `${p.cloud}:${p.region}` ? 1 : 0);
  });
  model.binaries.forEach((b, i) => {
    const on =
      b.kind === "global" ? used.has(b.at) : (regionCount.get(`${b.service}@${b.at}`) ?? 0) > 0;
    v.set(`u${i}`, on ? 1 : 0);
  });
  // Network indicators take the least value their rows allow (gateways after connections).
  for (const r of lp.rows) {
    const w = [...r.coefs].filter(([name, c]) => name[0] === "w" && c === 1);
    if (w.length !== 1 || r.sense !== ">=") continue;
    let rest = 0;
    for (const [name, c] of r.coefs) if (name !== w[0][0]) rest += c * (v.get(name) ?? 0);
    v.set(w[0][0], Math.max(v.get(w[0][0]) ?? 0, r.rhs - rest));
  }
  const replicas = new Map(spec.services.map((s) => [s.name, s.replicas]));
  const share = (end: { kind: string; name: string }, key: string) =>
    end.kind === "bucket"
      ? Number(`${plan.buckets[end.name].cloud}:${plan.buckets[end.name].region}` === key)
      : (regionCount.get(`${end.name}@${key}`) ?? 0) / replicas.get(end.name)!;
  for (const blk of model.flowBlocks) {
    const supply = blk.from.map((r) => blk.volume * share(blk.src, r));
    const demand = blk.to.map((q) => blk.volume * share(blk.dst, q));
    const f = (i: number, j: number, x: number) => {
      const name = `f${blk.base + i * blk.to.length + j}`;
      v.set(name, (v.get(name) ?? 0) + x);
      supply[i] -= x;
      demand[j] -= x;
    };
    blk.from.forEach((r, i) =>
      blk.to.forEach((q, j) => r === q && f(i, j, Math.min(supply[i], demand[j]))),
    );
    blk.from.forEach((_, i) =>
      blk.to.forEach((_q, j) => f(i, j, Math.max(0, Math.min(supply[i], demand[j])))),
    );
  }
  return v;
}

/** The rows a point breaks, each with its left-hand side. */
function brokenRows(lp: ParsedLp, point: ReadonlyMap<string, number>): string[] {
  const broken: string[] = [];
  for (const r of lp.rows) {
    let lhs = 0;
    for (const [name, c] of r.coefs) lhs += c * (point.get(name) ?? 0);
    const ok =
      r.sense === "=" ? Math.abs(lhs - r.rhs) < 1e-6 : r.sense === "<=" ? lhs <= r.rhs + 1e-6 : lhs >= r.rhs - 1e-6;
    if (!ok) broken.push(`row ${r.name}: ${lhs} ${r.sense} ${r.rhs}`);
  }
  return broken;
}

function writeLp(spec: NormalizedSpec): { model: PerTypeModel; text: string } {
  const chunks: string[] = [];
  const model = writePerTypeLp(spec, catalog, (c) => chunks.push(c));
  return { model, text: chunks.join("") };
}

for (const [title, spec] of [
  ["per-instance-type LP model", withoutNetwork],
  ["per-instance-type LP model with the network layer and latency", withNetwork],
] as const) {
  describe(title, () => {
    const { model, text } = writeLp(spec);
    const lp = parseLp(text);
    let cloudfit: Awaited<ReturnType<typeof optimize>>;

    before(async () => {
      cloudfit = await optimize(spec, catalog, { relativeGap: 1e-9, explain: false });
    });

    it("has one integer column per service and fitting offer, and one more per spot-priced one", () => {
      const cands = buildCandidates(spec, catalog);
      let expected = 0;
      for (const s of spec.services) {
        for (const key of cands.regionsOf(s.name)) {
          const [cloud, region] = key.split(":") as ["aws", string];
          for (const o of catalog.offersIn(cloud, region)) {
            if (fits(o, s, false)) expected += s.spotReplicas > 0 && o.spotHourlyUSD !== null ? 2 : 1;
          }
        }
      }
      assert.strictEqual(model.offers.length, expected);
      assert.strictEqual(lp.generals.size, expected);
      assert.strictEqual(lp.binaries.size, model.buckets.length + model.binaries.length);
      assert.strictEqual(lp.rows.length, model.rows);
    });

    it("uses only declared columns, each in the objective or a row", () => {
      const declared = new Set([
        ...lp.generals,
        ...lp.binaries,
        ...Array.from({ length: model.flows }, (_, i) => `f${i}`),
        ...model.network.map((_, i) => `w${i}`),
      ]);
      const seen = new Set([...lp.objective.keys(), ...lp.rows.flatMap((r) => [...r.coefs.keys()])]);
      for (const name of seen) assert.ok(declared.has(name), `${name} is not declared`);
      for (const name of declared) assert.ok(seen.has(name), `${name} is never used`);
      assert.strictEqual(
        lp.rows.reduce((n, r) => n + r.coefs.size, 0),
        model.nonzeros,
      );
    });

    it("accepts cloudfit's optimal plan and prices it at its evaluated cost", () => {
      const point = pointOf(model, lp, spec, cloudfit.plan);
      assert.deepStrictEqual(brokenRows(lp, point), []);
      let objective = model.offset;
      for (const [name, c] of lp.objective) objective += c * (point.get(name) ?? 0);
      const cost = evaluatePlan(
        spec,
        cloudfit.plan,
        catalog,
        buildCandidates(spec, catalog).regionsOf,
      );
      assert.ok(
        Math.abs(objective - cost.total) <= 0.01,
        `LP ${objective} vs evaluated ${cost.total}`,
      );
    });

    it("turns a solution back into the plan it encodes", () => {
      const point = pointOf(model, lp, spec, cloudfit.plan);
      assert.deepStrictEqual(planFromSolution(model, point), cloudfit.plan);
    });

    it("reaches cloudfit's optimum when CBC solves it (CBC is required: apt-get install -y coinor-cbc)", async () => {
      const cbc = findCbc();
      assert.ok(
        cbc,
        "No cbc on the PATH. To fix: apt-get install -y coinor-cbc, then run the tests again.",
      );
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-pertype-"));
      try {
        const lpPath = path.join(dir, "model.lp");
        fs.writeFileSync(lpPath, text);
        const r = await runCbc(cbc, lpPath, { timeLimitSec: 60, gap: 0 });
        assert.strictEqual(r.status, "optimal", r.tail);
        const want = cloudfit.report.objective;
        assert.ok(
          Math.abs(r.objective! + model.offset - want) <= 1e-6 * want,
          `CBC ${r.objective} vs cloudfit ${want}`,
        );
        const plan = planFromSolution(model, r.values);
        assert.deepStrictEqual(verifyPlan(spec, catalog, plan), []);
        const cost = evaluatePlan(spec, plan, catalog, buildCandidates(spec, catalog).regionsOf);
        assert.ok(
          Math.abs(cost.total - r.objective! - model.offset) <= 0.01,
          `CBC plan costs ${cost.total}, CBC says ${r.objective}`,
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe("per-instance-type LP model: the network layer's and latency's rows", () => {
  const { model, text } = writeLp(withNetwork);
  const lp = parseLp(text);
  let plan: Plan;

  before(async () => {
    plan = (await optimize(withNetwork, catalog, { relativeGap: 1e-9, explain: false })).plan;
  });

  it("charges the network layer as cloudfit prices it, connections across clouds included", () => {
    const point = pointOf(model, lp, withNetwork, plan);
    let charged = model.offset;
    for (const [name, c] of lp.objective) if (name[0] === "w" || (name[0] === "u" && model.binaries[+name.slice(1)].kind === "region")) charged += c * (point.get(name) ?? 0);
    const network = evaluatePlan(withNetwork, plan, catalog).network!;
    assert.ok(network.total > 0);
    assert.ok(Math.abs(charged - network.total) <= 0.01, `LP charges ${charged}, the network layer costs ${network.total}`);
    const paid = model.network.filter((w, i) => w.kind === "conn" && w.cost > 0 && point.get(`w${i}`) === 1);
    assert.ok(paid.length > 0, "the optimum connects two clouds (api runs in two, db in one)");
  });

  it("breaks a latency row when the public service leaves its users' reach", () => {
    // Virginia, on an offer the model has a column for: only latency can break.
    const offer = model.offers.find((c) => c.service === "web" && !c.spot && c.offer.region === "us-east-1")!.offer;
    const far = (p: Plan): Plan => ({
      ...p,
      services: { ...p.services, web: { groups: [{ cloud: "aws", region: "us-east-1", instanceType: offer.instanceType, count: 2, spot: 0 }] } },
    });
    assert.ok(verifyPlan(withNetwork, catalog, far(plan)).length > 0);
    const broken = brokenRows(lp, pointOf(model, lp, withNetwork, far(plan)));
    assert.ok(broken.length > 0);
    assert.deepStrictEqual(brokenRows(lp, pointOf(model, lp, withNetwork, plan)), []);
  });
});
