// Infeasibility diagnosis: names the requirements that cannot all hold and how to relax them.
// Checks on the catalog alone come first (no region for a workload, too few clouds or regions
// for its availability, latency no allowed region can meet, maxClouds, vCPU quotas); only if none explains it are constraint groups
// relaxed and the solver asked, through `isFeasible`, which smallest set must give way.

import type { Catalog } from "./catalog";
import { relaxationConflicts, type FeasibilityCheck } from "./diagnose-relax";
import {
  RegionFit,
  Variant,
  andList,
  cloudsOf,
  conflictSets,
  describe,
  fitting,
  fixesFor,
  noRegionConflicts,
  pathOf,
  sentence,
  variantOf,
} from "./diagnose-workload";
import type { Conflict } from "./errors";
import { latencyConflicts, type Feasibility } from "./diagnose-latency";
import { CLOUDS, Cloud, NormalizedService, NormalizedSpec } from "./spec";
import { cloudsNeeded, join, minShare, orList, perCloudCap } from "./validate-fields";

export type { Feasibility };

/**
 * The conflicts that make a spec infeasible, in a deterministic order: workloads by name, then
 * global limits, then (only if nothing else explains it) the smallest relaxation the solver
 * accepts. Empty when no explanation was found.
 */
export async function diagnoseInfeasibility(
  spec: NormalizedSpec,
  catalog: Catalog,
  isFeasible: FeasibilityCheck,
  /** Whether a changed spec has a plan, to confirm the figures of latency fixes; without it they are not confirmed. */
  feasibility?: (s: NormalizedSpec) => Promise<Feasibility>,
): Promise<Conflict[]> {
  const conflicts: Conflict[] = [];
  const fits = new Map<string, readonly RegionFit[]>();
  for (const w of [...spec.services, ...spec.buckets]) {
    const v = variantOf(w, spec);
    const f = fitting(v, catalog);
    if (f.length === 0) {
      conflicts.push(...noRegionConflicts(v, catalog));
      continue;
    }
    fits.set(w.name, f);
    if ("vcpu" in w) conflicts.push(...availabilityConflicts(w, v, f, catalog));
  }
  if (conflicts.length === 0) conflicts.push(...(await latencyConflicts(spec, catalog, fits, feasibility)));
  if (conflicts.length === 0) conflicts.push(...maxCloudsConflicts(spec, fits));
  conflicts.push(...quotaConflicts(spec, fits));
  if (conflicts.length > 0) return conflicts;
  return relaxationConflicts(spec, isFeasible);
}

/** Too few clouds or regions with a fitting offer for a service's availability spread. */
function availabilityConflicts(
  s: NormalizedService,
  v: Variant,
  f: readonly RegionFit[],
  catalog: Catalog,
): Conflict[] {
  const path = pathOf(s);
  const clouds = cloudsOf(f);
  const k = clouds.length;
  const offer = `${k === 1 ? "offers" : "offer"} a fitting region`;
  const out: Conflict[] = [];
  if (s.minClouds > k) {
    out.push(
      spreadConflict(v, catalog, {
        own: `minClouds ${s.minClouds}`,
        ok: (x) => cloudsOf(x).length >= s.minClouds,
        ownFix: `lower ${path}.availability.minClouds to ${k}`,
        tail: `only ${k} ${k === 1 ? "cloud" : "clouds"} (${clouds.join(", ")}) ${offer}`,
      }),
    );
  } else if (cloudsNeeded(s) > k) {
    const cap = perCloudCap(s.maxSharePerCloud, s.replicas);
    const need = cloudsNeeded(s);
    out.push(
      spreadConflict(v, catalog, {
        own:
          `at most ${cap} of ${s.replicas} replicas per cloud ` +
          `(maxSharePerCloud ${s.maxSharePerCloud})`,
        ok: (x) => cloudsOf(x).length >= need,
        ownFix:
          `raise ${path}.availability.maxSharePerCloud ` +
          `to at least ${minShare(s.replicas, k)}`,
        tail: `that takes ${need} clouds, but only ${k} (${clouds.join(", ")}) ${offer}`,
      }),
    );
  }
  if (s.minRegions > f.length) {
    const n = f.length;
    out.push(
      spreadConflict(v, catalog, {
        own: `minRegions ${s.minRegions}`,
        ok: (x) => x.length >= s.minRegions,
        ownFix: `lower ${path}.availability.minRegions to ${n}`,
        tail:
          `only ${n} ${n === 1 ? "region" : "regions"} (${f.map((r) => r.key).join(", ")}) ` +
          `${n === 1 ? "offers" : "offer"} a fitting instance type`,
      }),
    );
  }
  return out;
}

/** A spread requirement and the conflict it makes with what narrows the workload's regions. */
interface Spread {
  /** The spread requirement in words, e.g. "minClouds 3". */
  readonly own: string;
  /** Whether a set of fitting regions satisfies the spread. */
  readonly ok: (f: readonly RegionFit[]) => boolean;
  /** How to lower the spread requirement itself. */
  readonly ownFix: string;
  /** The end of the explanation: what the catalog offers instead. */
  readonly tail: string;
}

/** A spread requirement against the workload's own requirements that narrow its regions. */
function spreadConflict(v: Variant, catalog: Catalog, spread: Spread): Conflict {
  const sets = conflictSets(v, spread.ok, catalog);
  const fixes = sets.flatMap((set) => {
    const others = sets.filter((x) => x !== set).flat();
    return fixesFor(v, set, others, spread.ok, catalog);
  });
  const requirements = [spread.own, ...sets.flat().map((r) => describe(v, r))];
  // Several independent sets must all be lifted: their fixes go together, as one alternative.
  const alternatives =
    sets.length <= 1 ? [spread.ownFix, ...fixes] : [spread.ownFix, andList(fixes)];
  return {
    workloads: [v.w.name],
    requirements,
    explanation: `${pathOf(v.w)} needs ${andList(requirements)}; ${spread.tail}.`,
    fixes: [sentence(alternatives)],
  };
}

/** Whether some set of at most `max` clouds gives every workload the clouds it needs. */
function cloudSetExists(
  needs: readonly { clouds: readonly Cloud[]; need: number }[],
  max: number,
): boolean {
  for (let mask = 1; mask < 1 << CLOUDS.length; mask++) {
    const set = CLOUDS.filter((_, i) => mask & (1 << i));
    if (set.length > max) continue;
    if (needs.every((n) => n.clouds.filter((c) => set.includes(c)).length >= n.need)) return true;
  }
  return false;
}

/** Workloads whose clouds cannot all fit within global.maxClouds. */
function maxCloudsConflicts(
  spec: NormalizedSpec,
  fits: ReadonlyMap<string, readonly RegionFit[]>,
): Conflict[] {
  if (spec.maxClouds >= CLOUDS.length) return [];
  const entries = [...spec.services, ...spec.buckets].map((w) => ({
    w,
    clouds: cloudsOf(fits.get(w.name) ?? []),
    need: "vcpu" in w ? cloudsNeeded(w) : 1,
  }));
  if (cloudSetExists(entries, spec.maxClouds)) return [];
  // Deletion: drop every workload whose absence still leaves the clouds impossible to choose.
  let set = entries.filter((e) => e.clouds.length < CLOUDS.length || e.need > 1);
  for (const e of set.slice()) {
    const without = set.filter((x) => x !== e);
    if (!cloudSetExists(without, spec.maxClouds)) set = without;
  }
  const parts = set.map((e) =>
    e.need > 1
      ? `${pathOf(e.w)} needs ${e.need} of ${andList(e.clouds)}`
      : `${pathOf(e.w)} can only run in ${orList(e.clouds)}`,
  );
  const enough = [1, 2, 3].find((k) => cloudSetExists(entries, k)) ?? CLOUDS.length;
  return [{
    workloads: set.map((e) => e.w.name),
    requirements: [`global.maxClouds ${spec.maxClouds}`, ...parts],
    explanation: `global.maxClouds is ${spec.maxClouds}, but ${andList(parts)}.`,
    fixes: [sentence([
      `raise global.maxClouds to ${enough}`,
      `widen the clouds, residency or regions of ${andList(set.map((e) => pathOf(e.w)))}`,
    ])],
  }];
}

/** Services that cannot fit in the vCPU quotas of the regions they may use, alone or together. */
function quotaConflicts(
  spec: NormalizedSpec,
  fits: ReadonlyMap<string, readonly RegionFit[]>,
): Conflict[] {
  const out: Conflict[] = [];
  const bound: { s: NormalizedService; regions: readonly RegionFit[]; minVcpu: number }[] = [];
  for (const s of spec.services) {
    const f = fits.get(s.name);
    if (!f) continue;
    const minV = (r: RegionFit) => Math.min(...r.vcpus);
    if (f.some((r) => spec.quotas[r.key] === undefined)) continue;
    const room = f.reduce((n, r) => n + Math.floor(spec.quotas[r.key] / minV(r)), 0);
    const minVcpu = Math.min(...f.map(minV));
    bound.push({ s, regions: f, minVcpu });
    if (room >= s.replicas) continue;
    const path = pathOf(s);
    const same = f.every((r) => minV(r) === minVcpu);
    const size = same ? `${minVcpu} vCPU` : `at least ${minVcpu} vCPU`;
    const best = f.find((r) => minV(r) === minVcpu)!;
    const raised = (Math.floor(spec.quotas[best.key] / minVcpu) + s.replicas - room) * minVcpu;
    const quotaList = f.map((r) => `${r.key} ${spec.quotas[r.key]}`);
    out.push({
      workloads: [s.name],
      requirements: [`${s.replicas} replicas of ${size}`, ...quotaList.map((q) => `quota ${q}`)],
      explanation:
        `${path} needs ${s.replicas} replicas of ${size}, but the vCPU quotas of the regions ` +
        `it may use (${quotaList.join(", ")}) leave room for only ${room}.`,
      fixes: [sentence([
        `raise ${join("global.quotas", best.key)} to ${raised}`,
        "allow more regions",
        ...(room > 0 ? [`lower ${path}.replicas to ${room}`] : []),
      ])],
    });
  }
  if (out.length > 0) return out;

  // Services bound by quotas everywhere they may run, grouped (union-find) by shared regions.
  const parent = bound.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const owner = new Map<string, number>();
  bound.forEach((b, i) => {
    for (const r of b.regions) {
      const j = owner.get(r.key);
      if (j === undefined) owner.set(r.key, i);
      else parent[root(i)] = root(j);
    }
  });
  const byRoot = new Map<number, typeof bound>();
  bound.forEach((b, i) => byRoot.set(root(i), [...(byRoot.get(root(i)) ?? []), b]));
  const groups = [...byRoot.values()];
  for (const g of groups) {
    if (g.length < 2) continue;
    const keys = [...new Set(g.flatMap((x) => x.regions.map((r) => r.key)))].sort();
    const need = g.reduce((n, x) => n + x.s.replicas * x.minVcpu, 0);
    const have = keys.reduce((n, k) => n + spec.quotas[k], 0);
    if (need <= have) continue;
    const paths = g.map((x) => pathOf(x.s));
    out.push({
      workloads: g.map((x) => x.s.name),
      requirements: [
        ...g.map((x) => `${x.s.replicas} replicas of ${x.minVcpu} vCPU for ${pathOf(x.s)}`),
        ...keys.map((k) => `quota ${k} ${spec.quotas[k]}`),
      ],
      explanation:
        `${andList(paths)} together need at least ${need} vCPU, but the vCPU quotas of the ` +
        `regions they may use (${keys.map((k) => `${k} ${spec.quotas[k]}`).join(", ")}) ` +
        `total ${have}.`,
      fixes: [
        sentence([
          `raise those quotas by at least ${need - have} vCPU in total`,
          "allow more regions",
          "lower replicas",
        ]),
      ],
    });
  }
  return out;
}
