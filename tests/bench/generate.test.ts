import * as assert from "assert";
import { generateSpec, mulberry32, unconstrainedLoad } from "../../bench/generate";
import { loadCatalog } from "../../optimizer/catalog";
import { buildCandidates } from "../../optimizer/candidates";
import type { WorkloadSpec } from "../../optimizer/spec";
import { validateSpec } from "../../optimizer/validate";

const catalog = loadCatalog();

describe("benchmark spec generator", () => {
  const at500 = generateSpec(catalog, { services: 500, seed: 7 });
  const services = Object.values(at500.services);

  it("draws the same sequence from the same seed and a different one from another", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 5 }, () => a());
    assert.deepStrictEqual(
      Array.from({ length: 5 }, () => b()),
      xs,
    );
    assert.notDeepStrictEqual(
      Array.from({ length: 5 }, () => c()),
      xs,
    );
    for (const x of xs) assert.ok(x >= 0 && x < 1, `draw ${x} outside [0, 1)`);
  });

  it("gives byte-identical specs for the same size and seed", () => {
    const again = generateSpec(catalog, { services: 500, seed: 7 });
    assert.strictEqual(JSON.stringify(again), JSON.stringify(at500));
  });

  it("gives a different spec for another seed", () => {
    const other = generateSpec(catalog, { services: 500, seed: 8 });
    assert.notStrictEqual(JSON.stringify(other), JSON.stringify(at500));
  });

  it("produces specs that validate at every benchmark size", () => {
    for (const n of [10, 100, 500, 2000]) {
      const spec = validateSpec(generateSpec(catalog, { services: n, seed: 1 }), catalog);
      assert.strictEqual(spec.services.length, n);
      assert.strictEqual(spec.links.length, Math.round(n / 2), `links at ${n}`);
      assert.strictEqual(spec.buckets.length, Math.max(1, Math.round(n / 10)), `buckets at ${n}`);
    }
  });

  it("makes 30% of services highly available, half across clouds and half across regions", () => {
    const ha = services.filter((s) => s.availability);
    assert.strictEqual(ha.length, 150);
    const clouds = ha.filter((s) => s.availability!.minClouds === 2);
    const regions = ha.filter((s) => s.availability!.minRegions === 2);
    assert.strictEqual(clouds.length + regions.length, 150);
    assert.strictEqual(clouds.length, 75);
    for (const s of clouds) assert.ok(s.availability!.maxSharePerCloud! <= 0.67);
    for (const s of ha) assert.ok(s.replicas >= 2, "an HA service needs two replicas");
  });

  it("keeps 20% of services in the EU, a quarter of them in Germany", () => {
    const resident = services.filter((s) => s.residency);
    assert.strictEqual(resident.length, 100);
    assert.strictEqual(resident.filter((s) => s.residency!.join() === "DE").length, 25);
    assert.strictEqual(resident.filter((s) => s.residency!.join() === "EU").length, 75);
  });

  it("allows spot on a third of services, never more replicas than the service has", () => {
    const spot = services.filter((s) => (s.spotReplicas ?? 0) > 0);
    assert.strictEqual(spot.length, Math.round(500 / 3));
    for (const s of spot) assert.ok(s.spotReplicas! <= s.replicas);
  });

  it("draws realistic shapes: 1 to 64 vCPUs, 2, 4 or 8 GiB per vCPU, 1 to 20 replicas", () => {
    for (const s of services) {
      assert.ok([1, 2, 4, 8, 16, 32, 64].includes(s.vcpu), `vcpu ${s.vcpu}`);
      assert.ok([2, 4, 8].includes(s.memoryGiB / s.vcpu), `memory ratio ${s.memoryGiB / s.vcpu}`);
      assert.ok(s.replicas >= 1 && s.replicas <= 20, `replicas ${s.replicas}`);
    }
    const arch = (a: string) => services.filter((s) => (s.arch ?? "any") === a).length;
    assert.ok(arch("arm64") > 0 && arch("x86_64") > 0 && arch("any") > arch("x86_64"));
    assert.ok(new Set(services.map((s) => s.vcpu)).size >= 6, "most sizes appear");
  });

  it("links services mostly within their application and to buckets", () => {
    const links = at500.links!;
    const app = (name: string) => name.split("-")[0];
    const toBuckets = links.filter((l) => at500.buckets![l.to]);
    const sameApp = links.filter((l) => app(l.from) === app(l.to));
    assert.ok(toBuckets.length > 0.1 * links.length && toBuckets.length < 0.3 * links.length);
    assert.ok(
      sameApp.length > 0.6 * links.length,
      `${sameApp.length} of ${links.length} within an app`,
    );
    assert.strictEqual(
      new Set(links.map((l) => [l.from, l.to].sort().join(">"))).size,
      links.length,
    );
    for (const l of links) assert.ok(l.monthlyGiB >= 1 && l.monthlyGiB <= 50_000);
  });

  it("sets quotas the cheapest unconstrained placement overflows", () => {
    for (const n of [100, 2000]) {
      const spec: WorkloadSpec = generateSpec(catalog, { services: n, seed: 1 });
      const load = unconstrainedLoad(catalog, spec.services);
      const quotas = spec.global!.quotas!;
      const over = [...load].filter(([key, vcpus]) => vcpus > quotas[key]);
      assert.ok(over.length >= 2, `only ${over.length} regions overflow at ${n}`);
      // Quotas on the hot regions only, as a team has them.
      assert.ok(Object.keys(quotas).length >= 2 && Object.keys(quotas).length < catalog.regions.length / 4, `${Object.keys(quotas).length} quotas`);
    }
  });

  it("makes each application's front end public with its users' round trip, and bounds links between applications", () => {
    const spec = validateSpec(at500, catalog);
    const fronts = spec.services.filter((s) => s.publicPorts.length > 0);
    assert.strictEqual(fronts.length, Math.ceil(500 / 8));
    for (const s of fronts) assert.ok(s.latency && s.latency.maxRttMs === 80 && s.latency.from.length === 1, s.name);
    const app = (n: string) => n.slice(0, n.indexOf("-"));
    for (const l of spec.links) {
      if (l.toKind !== "service") continue;
      assert.deepStrictEqual(l.latency, app(l.from) === app(l.to) ? { kind: "continent" } : { kind: "rtt", maxRttMs: 200 });
    }
  });

  it("gives every service a fitting offer in enough clouds and regions for its spread", () => {
    const spec = validateSpec(at500, catalog);
    const cands = buildCandidates(spec, catalog);
    for (const s of spec.services) {
      const regions = cands.services.get(s.name)!;
      assert.ok(regions.length >= s.minRegions, `${s.name} has ${regions.length} regions`);
      assert.ok(
        new Set(regions.map((r) => r.region.cloud)).size >= s.minClouds,
        `${s.name} clouds`,
      );
    }
  });
});
