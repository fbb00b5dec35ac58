// Diagnosis with a solver: when no check on the catalog alone explains why a spec is infeasible,
// relax groups of constraints (quotas, maxClouds, each workload's availability, residency and
// allowed clouds/regions, spot limits) and ask the solver which smallest set must give way.

import type { Conflict } from "./errors";
import { CLOUDS, NormalizedBucket, NormalizedService, NormalizedSpec } from "./spec";
import { andList, pathOf, sentence } from "./diagnose-workload";
import { orList } from "./validate-fields";
import type { Feasibility } from "./diagnose-latency";

/** A group of constraints that can be lifted together. */
export interface RelaxGroup {
  readonly id: string;
  readonly workloads: readonly string[];
  /** The constraints in words, e.g. "global.maxClouds 1". */
  readonly requirement: string;
  /** How a user relaxes them, e.g. "raise global.maxClouds". */
  readonly fix: string;
  /** Lifts these constraints in a draft of the spec. */
  readonly relax: (draft: Draft) => void;
}

/** A spec being relaxed: workloads by name, so each group patches one in constant time. */
export interface Draft {
  quotas: Readonly<Record<string, number>>;
  maxClouds: number;
  readonly services: Map<string, NormalizedService>;
  readonly buckets: Map<string, NormalizedBucket>;
}

/** The spec with the given groups' constraints lifted. */
export function relaxed(spec: NormalizedSpec, groups: readonly RelaxGroup[]): NormalizedSpec {
  const draft: Draft = {
    quotas: spec.quotas,
    maxClouds: spec.maxClouds,
    services: new Map(spec.services.map((s) => [s.name, s])),
    buckets: new Map(spec.buckets.map((b) => [b.name, b])),
  };
  for (const g of groups) g.relax(draft);
  return {
    ...spec,
    quotas: draft.quotas,
    maxClouds: draft.maxClouds,
    services: spec.services.map((s) => draft.services.get(s.name)!),
    buckets: spec.buckets.map((b) => draft.buckets.get(b.name)!),
  };
}

/** Above this many groups, single relaxations are not tried one by one (each is a solve). */
const SINGLES_LIMIT = 16;

/** The constraint groups of a spec that narrow it, in a fixed order. */
export function relaxGroups(spec: NormalizedSpec): RelaxGroup[] {
  const groups: RelaxGroup[] = [];
  const keys = Object.keys(spec.quotas);
  if (keys.length > 0) {
    groups.push({
      id: "quotas",
      workloads: [],
      requirement: `the vCPU quotas of ${keys.join(", ")}`,
      fix: "raise the vCPU quotas in global.quotas",
      relax: (d) => {
        d.quotas = {};
      },
    });
  }
  if (spec.maxClouds < CLOUDS.length) {
    groups.push({
      id: "maxClouds",
      workloads: [],
      requirement: `global.maxClouds ${spec.maxClouds}`,
      fix: "raise global.maxClouds",
      relax: (d) => {
        d.maxClouds = CLOUDS.length;
      },
    });
  }
  for (const w of spec.services) {
    const path = pathOf(w);
    const parts = [
      w.minClouds > 1 ? `minClouds ${w.minClouds}` : "",
      w.minRegions > 1 ? `minRegions ${w.minRegions}` : "",
      w.maxSharePerCloud < 1 ? `maxSharePerCloud ${w.maxSharePerCloud}` : "",
    ].filter((x) => x);
    if (parts.length > 0) {
      groups.push({
        id: `availability:${w.name}`,
        workloads: [w.name],
        requirement: `the availability of ${path} (${parts.join(", ")})`,
        fix: `lower the availability of ${path}`,
        relax: (d) => patch(d, w, { minClouds: 1, minRegions: 1, maxSharePerCloud: 1 }),
      });
    }
  }
  for (const w of [...spec.services, ...spec.buckets]) {
    const path = pathOf(w);
    if (w.residency.length > 0) {
      groups.push({
        id: `residency:${path}`,
        workloads: [w.name],
        requirement: `residency ${orList(w.residency)} of ${path}`,
        fix: `relax the residency of ${path}`,
        relax: (d) => patch(d, w, { residency: [] }),
      });
    }
    if (w.clouds.length < spec.clouds.length || w.regions.length > 0) {
      groups.push({
        id: `placement:${path}`,
        workloads: [w.name],
        requirement: `the allowed clouds and regions of ${path}`,
        fix: `allow more clouds or regions for ${path}`,
        relax: (d) => patch(d, w, { clouds: spec.clouds, regions: [] }),
      });
    }
  }
  if (spec.services.some((s) => s.spotReplicas < s.replicas)) {
    groups.push({
      id: "spot",
      workloads: [],
      requirement: "the spot limits (spotReplicas)",
      fix: "allow more replicas on spot",
      relax: (d) => {
        for (const x of d.services.values()) {
          d.services.set(x.name, { ...x, spotReplicas: x.replicas });
        }
      },
    });
  }
  return groups;
}

function patch(
  d: Draft,
  w: NormalizedService | NormalizedBucket,
  change: Partial<NormalizedService> & Partial<NormalizedBucket>,
): void {
  if ("vcpu" in w) d.services.set(w.name, { ...d.services.get(w.name)!, ...change });
  else d.buckets.set(w.name, { ...d.buckets.get(w.name)!, ...change });
}

/**
 * Whether a relaxed spec has a plan: true or "feasible" when one was found, false or
 * "infeasible" when proven that none exists, "unknown" when the check ended first.
 */
export type FeasibilityCheck = (s: NormalizedSpec) => Promise<boolean | Feasibility>;

/**
 * The smallest set of groups found whose relaxation makes the spec feasible, as conflicts.
 * Tries each group alone first (when there are few), then narrows the full set down to a
 * minimal one with QuickXplain-style halving. Empty when even relaxing everything fails, when
 * every single relaxation's check ended without an answer, or when no check of the search gave
 * one. A check that ends without an answer counts as feasible in the search (nothing is blamed
 * on it without proof), but a conflict says the spec becomes feasible only when its
 * relaxation's check found a plan; otherwise it says that was not confirmed.
 */
export async function relaxationConflicts(spec: NormalizedSpec, isFeasible: FeasibilityCheck): Promise<Conflict[]> {
  const groups = relaxGroups(spec);
  if (groups.length === 0) return [];
  const memo = new Map<string, Feasibility>();
  const verdict = async (set: readonly RelaxGroup[]): Promise<Feasibility> => {
    // Relax in the groups' own order so that the same set always gives the same spec.
    const members = new Set(set);
    const chosen = groups.filter((g) => members.has(g));
    const key = chosen.map((g) => g.id).join("|");
    let v = memo.get(key);
    if (v === undefined) {
      const answer = await isFeasible(relaxed(spec, chosen));
      v = answer === true ? "feasible" : answer === false ? "infeasible" : answer;
      memo.set(key, v);
    }
    return v;
  };
  const feasible = async (set: readonly RelaxGroup[]): Promise<boolean> => (await verdict(set)) !== "infeasible";
  // With few groups, whether relaxing them all is enough is asked first, then each alone; with
  // many, the search starts at once (a spec relaxed of everything is the largest model to check)
  // and its answer is checked at the end.
  if (groups.length <= SINGLES_LIMIT) {
    if (!(await feasible(groups))) return [];
    const answers: Feasibility[] = [];
    for (const g of groups) answers.push(await verdict([g]));
    const singles = groups.filter((_, i) => answers[i] === "feasible");
    if (singles.length > 0) {
      const reqs = singles.map((g) => g.requirement);
      const explanation =
        singles.length === 1
          ? alone(reqs[0])
          : `No placement satisfies ${andList(reqs)} together; ` +
            "relaxing any one of them makes the spec feasible.";
      return [conflict(singles, explanation, sentence(singles.map((g) => g.fix)))];
    }
    // No single relaxation answered: nothing to narrow down from. Else some were proven not
    // enough: narrow down below.
    if (answers.every((v) => v === "unknown")) return [];
  }

  const minimal = await quickRelax([], groups, false, feasible);
  const reqs = minimal.map((g) => g.requirement);
  const found = await verdict(minimal);
  if (found !== "feasible") {
    // Proven not enough, nothing decided (every check ended first), or nothing narrowed: no
    // conflict to name.
    if (found === "infeasible" || minimal.length === groups.length || [...memo.values()].every((v) => v === "unknown")) return [];
    const explanation =
      `No placement satisfies ${andList(reqs)} together with the rest of the spec, as far as the checks ` +
      `went: relaxing ${minimal.length === 1 ? "it" : "all of them"} is the smallest change they did not rule out, ` +
      "but no check found a plan with it in the time it had (a longer time limit gives them more).";
    return [conflict(minimal, explanation, sentence([andList(minimal.map((g) => g.fix))]))];
  }
  const explanation =
    minimal.length === 1
      ? alone(reqs[0])
      : `No placement satisfies ${andList(reqs)} together; ` +
        "the spec becomes feasible only when all of them are relaxed.";
  return [conflict(minimal, explanation, sentence([andList(minimal.map((g) => g.fix))]))];
}

function alone(requirement: string): string {
  return (
    `No placement satisfies ${requirement} together with the rest of the spec; ` +
    "without it one exists."
  );
}

function conflict(groups: readonly RelaxGroup[], explanation: string, fix: string): Conflict {
  return {
    workloads: [...new Set(groups.flatMap((g) => g.workloads))].sort(),
    requirements: groups.map((g) => g.requirement),
    explanation,
    fixes: [fix],
  };
}

/**
 * A minimal subset D of `candidates` such that relaxing base + D is feasible, given that relaxing
 * base + candidates is. Feasibility only grows as more groups are relaxed, which makes halving
 * sound (QuickXplain, Junker 2004, with "consistent" read as "feasible after relaxing").
 */
async function quickRelax(
  base: readonly RelaxGroup[],
  candidates: readonly RelaxGroup[],
  baseGrew: boolean,
  feasible: (relaxed: readonly RelaxGroup[]) => Promise<boolean>,
): Promise<RelaxGroup[]> {
  if (baseGrew && (await feasible(base))) return [];
  if (candidates.length === 1) return [...candidates];
  const half = Math.ceil(candidates.length / 2);
  const first = candidates.slice(0, half);
  const second = candidates.slice(half);
  const d2 = await quickRelax([...base, ...first], second, first.length > 0, feasible);
  const d1 = await quickRelax([...base, ...d2], first, d2.length > 0, feasible);
  return [...d1, ...d2];
}
