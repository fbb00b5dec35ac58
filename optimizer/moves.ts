// Moves: which workloads a plan moved away from a previous plan, how many replicas had to move
// (their entry no longer fits the spec) and how many moved by choice, what the migration cost,
// and what moving saves against the cheapest plan that keeps every replica that could stay.

import type { Catalog } from "./catalog";
import { evaluatePlan } from "./evaluate";
import type { Plan, ReplicaGroup } from "./plan";
import type { Move } from "./result";
import type { NormalizedService, NormalizedSpec } from "./spec";
import {
  bucketMigrationUSD,
  DEFAULT_MIGRATION,
  keptReplicas,
  MigrationSettings,
  movedReplicas,
  serviceMoveUSD,
} from "./stability";
import { bucketRegionProblems, databaseProblems, globalViolations, groupProblems, serviceViolations } from "./verify";
import { databaseMigrationUSD } from "./ilp-databases";

/**
 * The cheapest plan in which a service keeps at least `atLeast` of its previous replicas where
 * they are (everything else as in the new plan); "infeasible" when no such plan exists, and
 * undefined when it could not be solved in time. Provided by the optimizer, which owns the solver.
 */
export type StaySolver = (
  service: NormalizedService,
  from: readonly ReplicaGroup[],
  atLeast: number,
) => Promise<Plan | "infeasible" | undefined>;

const round = (x: number) => Math.round(x * 100) / 100;

/** Replicas of `from` on an instance type and in a region the service may still use, with why not. */
function keepable(spec: NormalizedSpec, catalog: Catalog, s: NormalizedService, from: readonly ReplicaGroup[]) {
  let count = 0;
  const reasons: string[] = [];
  for (const g of from) {
    const problems = groupProblems(spec, catalog, s, g);
    if (problems.length === 0) count += g.count;
    else {
      // "1 x e2-highmem-2: gcp:europe-west4 (NL, EU) breaks its residency US" names the region once.
      const at = `${g.cloud}:${g.region}`;
      const head = problems[0].startsWith(at) ? `${g.count} x ${g.instanceType}` : `${g.count} x ${g.instanceType} in ${at}`;
      reasons.push(`${head}: ${problems.join("; ")}`);
    }
  }
  return { count, reasons };
}

/**
 * The workloads a plan moved relative to the previous plan, services first, each sorted by name,
 * with the replicas forced to move and the saving of moving by choice. `stay` prices keeping a
 * service's replicas when putting it back as it was would not fit the spec (its replica count
 * changed, or some of its entries no longer fit).
 */
export async function reportMoves(
  spec: NormalizedSpec,
  catalog: Catalog,
  previous: Plan,
  plan: Plan,
  settings: MigrationSettings = DEFAULT_MIGRATION,
  stay?: StaySolver,
): Promise<Move[]> {
  const moves: Move[] = [];
  // Whole-plan totals, in cents as the plan reports them, so that the saving is their difference.
  const total = evaluatePlan(spec, plan, catalog).total;
  const saving = (alternative: Plan) => round(evaluatePlan(spec, alternative, catalog).total - total);
  for (const s of spec.services) {
    const from = previous.services[s.name]?.groups;
    const to = plan.services[s.name]?.groups;
    if (!from || from.length === 0 || !to) continue;
    const moved = movedReplicas(s.replicas, from, to);
    if (moved === 0) continue;
    const before = from.reduce((n, g) => n + g.count, 0);
    const fit = keepable(spec, catalog, s, from);
    let canKeep = Math.min(s.replicas, fit.count);
    let alternative: Plan = plan;
    const reasons = [...fit.reasons];
    const reverted: Plan = { ...plan, services: { ...plan.services, [s.name]: { groups: from } } };
    if (canKeep > 0 && serviceViolations(spec, catalog, s, { groups: from }).length === 0 && globalViolations(spec, catalog, reverted).length === 0) {
      alternative = reverted;
    } else if (canKeep > keptReplicas(from, to)) {
      // Keep as many as the plan's quotas and cloud limits allow, most first.
      let k = canKeep;
      for (; k > keptReplicas(from, to); k--) {
        const kept = stay ? await stay(s, from, k) : undefined;
        if (kept === "infeasible") continue;
        if (kept === undefined) reasons.push("what keeping its replicas would cost was not priced: the time limit was reached");
        else alternative = kept;
        break;
      }
      if (k < canKeep) reasons.push(`only ${k} of its replicas can stay where they are within the spec's quotas, cloud limits and latency`);
      canKeep = k;
    }
    moves.push({
      workload: s.name,
      kind: "service",
      from,
      to,
      moved,
      forced: Math.max(0, Math.min(s.replicas, before) - canKeep),
      reasons: Math.min(s.replicas, before) > canKeep ? reasons : [],
      savingUSD: saving(alternative),
      migrationUSD: round(serviceMoveUSD(spec, catalog, s, from, to, settings)),
    });
  }
  for (const k of spec.buckets) {
    const from = previous.buckets[k.name];
    const to = plan.buckets[k.name];
    if (!from || !to || (from.cloud === to.cloud && from.region === to.region)) continue;
    const problems = bucketRegionProblems(spec, catalog, k, from);
    const reverted: Plan = { ...plan, buckets: { ...plan.buckets, [k.name]: from } };
    moves.push({
      workload: k.name,
      kind: "bucket",
      from: { cloud: from.cloud, region: from.region },
      to: { cloud: to.cloud, region: to.region },
      moved: 1,
      forced: problems.length > 0 ? 1 : 0,
      reasons: problems.map((p) => `${from.cloud}:${from.region}: ${p}`),
      savingUSD: problems.length > 0 ? 0 : saving(reverted),
      migrationUSD: round(bucketMigrationUSD(catalog, k.storageGiB, from.cloud, from.region, settings)),
    });
  }
  for (const d of spec.databases ?? []) {
    const from = previous.databases?.[d.name];
    const to = plan.databases?.[d.name];
    // A new class in the same region is a resize in place, not a move.
    if (!from || !to || (from.cloud === to.cloud && from.region === to.region)) continue;
    const problems = databaseProblems(spec, catalog, d, from);
    const reverted: Plan = { ...plan, databases: { ...plan.databases, [d.name]: from } };
    moves.push({
      workload: d.name,
      kind: "database",
      from: { cloud: from.cloud, region: from.region },
      to: { cloud: to.cloud, region: to.region },
      moved: 1,
      forced: problems.length > 0 ? 1 : 0,
      reasons: problems.map((p) => `${from.cloud}:${from.region} ${from.instanceClass}: ${p}`),
      savingUSD: problems.length > 0 ? 0 : saving(reverted),
      migrationUSD: round(databaseMigrationUSD(catalog, d, from, settings)),
    });
  }
  return moves;
}
