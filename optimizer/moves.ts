// Moves: which workloads a plan moved away from a previous plan, how many replicas had to move
// (their entry no longer fits the spec) and how many moved by choice, what the migration cost,
// and what moving saves against the cheapest plan that keeps every replica that could stay.

import type { Catalog } from "./catalog";
import { evaluatePlan } from "./evaluate";
import { NetworkChanges } from "./network/costs";
import { joinPlans, pickWorkloads, type Plan, type ReplicaGroup, type ServicePlacement } from "./plan";
import { planUse } from "./explain";
import type { Move } from "./result";
import { linksByWorkload, type NormalizedService, type NormalizedSpec } from "./spec";
import {
  bucketMigrationUSD,
  DEFAULT_MIGRATION,
  keptReplicas,
  MigrationSettings,
  movedReplicas,
  serviceMoveUSD,
} from "./stability";
import { bucketRegionProblems, databaseProblems, groupProblems, serviceViolations } from "./verify";
import { linkLatencyViolations } from "./latency/requirements";
import { BALANCERS_PER_NETWORK } from "./network/topology";
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

/**
 * Whether running a service as `from`, the rest of `plan` held, breaks a rule of the whole plan
 * (vCPU quotas, maxClouds, its links' latency, balancer addresses, a caller beside each database)
 * that `plan` keeps: checked for that service alone against what the rest of the plan uses. For
 * a plan that breaks none of them (the optimizer's, verified), the same answer as checking the
 * whole changed plan (globalViolations and databaseReachViolations), which took 4.5 s for 1,057
 * moves at 2,000 services.
 */
export function keepingBreaks(spec: NormalizedSpec, catalog: Catalog, plan: Plan): (s: NormalizedService, from: readonly ReplicaGroup[]) => boolean {
  const use = planTotals(spec, catalog, plan);
  return (s, from) => {
    const now = plan.services[s.name]?.groups ?? [];
    const vcpus = new Map<string, number>();
    for (const [groups, sign] of [
      [now, -1],
      [from, 1],
    ] as const)
      for (const g of groups) {
        const o = catalog.offer(g.cloud, g.region, g.instanceType);
        const k = `${g.cloud}:${g.region}`;
        if (o) vcpus.set(k, (vcpus.get(k) ?? 0) + sign * o.vcpus * g.count);
      }
    for (const [k, d] of vcpus) if (k in spec.quotas && (use.vcpus.get(k) ?? 0) + d > spec.quotas[k]) return true;
    const users = new Map(use.cloudUsers);
    for (const c of new Set(now.map((g) => g.cloud))) users.set(c, users.get(c)! - 1);
    for (const c of new Set(from.map((g) => g.cloud))) users.set(c, (users.get(c) ?? 0) + 1);
    if ([...users.values()].filter((n) => n > 0).length > spec.maxClouds) return true;
    // Its links, with the workloads at their other ends where the plan has them.
    const links = use.linksOf.get(s.name) ?? [];
    const ends = joinPlans(pickWorkloads(plan, links.flatMap((l) => [l.from, l.to])), { services: { [s.name]: { groups: from } } });
    if (linkLatencyViolations({ ...spec, links }, catalog, ends).length > 0) return true;
    // A database whose callers all leave its region would have no route from them (14.near).
    for (const l of links) {
      const db = l.toKind === "database" && l.from === s.name ? plan.databases?.[l.to] : undefined;
      if (!db) continue;
      const there = (g: ReplicaGroup) => g.count > 0 && g.cloud === db.cloud && g.region === db.region;
      const others = [...(use.callersIn.get(l.to) ?? [])].filter((c) => c !== s.name);
      if (others.length === 0 && !from.some(there)) return true;
    }
    if (spec.network && use.called.has(s.name)) {
      const was = new Set(now.filter((g) => g.count > 0).map((g) => `${g.cloud}:${g.region}`));
      for (const k of new Set(from.filter((g) => g.count > 0).map((g) => `${g.cloud}:${g.region}`)))
        if (!was.has(k) && (use.calledIn.get(k) ?? 0) + 1 > BALANCERS_PER_NETWORK) return true;
    }
    return false;
  };
}

/**
 * What a plan uses that its whole-plan rules count: vCPUs per region, workloads per cloud, the
 * services other services call and how many of them run in each region.
 */
function planTotals(spec: NormalizedSpec, catalog: Catalog, plan: Plan) {
  const { vcpus, cloudUsers: servicesAndBuckets } = planUse(catalog, plan);
  // maxClouds counts databases too.
  const cloudUsers = new Map(servicesAndBuckets);
  for (const d of Object.values(plan.databases ?? {})) cloudUsers.set(d.cloud, (cloudUsers.get(d.cloud) ?? 0) + 1);
  const called = new Set(spec.links.filter((l) => l.toKind === "service").map((l) => l.to));
  const calledIn = new Map<string, number>();
  for (const name of called)
    for (const k of new Set((plan.services[name]?.groups ?? []).filter((g) => g.count > 0).map((g) => `${g.cloud}:${g.region}`))) calledIn.set(k, (calledIn.get(k) ?? 0) + 1);
  const linksOf = linksByWorkload(spec.links);
  // Per database: its callers that run in its region.
  const callersIn = new Map<string, Set<string>>();
  for (const l of spec.links) {
    const db = l.toKind === "database" ? plan.databases?.[l.to] : undefined;
    if (db && plan.services[l.from]?.groups.some((g) => g.count > 0 && g.cloud === db.cloud && g.region === db.region))
      (callersIn.get(l.to) ?? callersIn.set(l.to, new Set()).get(l.to)!).add(l.from);
  }
  return { vcpus, cloudUsers, called, calledIn, linksOf, callersIn };
}

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
  /** The plan's network changes, when the caller has them already (optimize shares them with the explanations). */
  changes = new NetworkChanges(spec, plan, catalog),
): Promise<Move[]> {
  const moves: Move[] = [];
  // What the plan saves against an alternative that differs from it in one workload only: that
  // workload's own cost and its links' traffic, priced on it and the workloads it is linked with
  // (every other workload costs the same in both), and for a service the network layer's change
  // (buckets and databases have no network of their own). Pricing both whole plans took 2.7 s
  // for 298 moves at 500 services.
  const linksOf = linksByWorkload(spec.links);
  const byName = <T extends { readonly name: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.name, x]));
  const workloadsByName = { services: byName(spec.services), buckets: byName(spec.buckets), databases: byName(spec.databases ?? []) };
  // `changed`: the one workload's placement in the alternative (none: the plan itself).
  const saving = (name: string, changed?: Partial<Plan>) => {
    if (!changed) return 0;
    const links = linksOf.get(name) ?? [];
    const names = new Set([name, ...links.flatMap((l) => [l.from, l.to])]);
    const pick = <T>(all: ReadonlyMap<string, T>): T[] => [...names].flatMap((n) => (all.has(n) ? [all.get(n)!] : []));
    const local: NormalizedSpec = {
      ...spec,
      network: undefined,
      services: pick(workloadsByName.services),
      buckets: pick(workloadsByName.buckets),
      ...(spec.databases ? { databases: pick(workloadsByName.databases) } : {}),
      links,
    };
    const part = pickWorkloads(plan, names);
    const workloads = (p: Plan) => evaluatePlan(local, p, catalog).total;
    const network = changed.services?.[name] ? changes.of(name, changed.services[name].groups) : 0;
    return round(workloads(joinPlans(part, changed)) - workloads(part) + network);
  };
  const revertBreaks = keepingBreaks(spec, catalog, plan);
  const serviceMove = (s: NormalizedService, from: readonly ReplicaGroup[], to: readonly ReplicaGroup[], canKeep: number, reasons: string[], alternative?: ServicePlacement): Move => {
    const before = from.reduce((n, g) => n + g.count, 0);
    return {
      workload: s.name,
      kind: "service",
      from,
      to,
      moved: movedReplicas(s.replicas, from, to),
      forced: Math.max(0, Math.min(s.replicas, before) - canKeep),
      reasons: Math.min(s.replicas, before) > canKeep ? reasons : [],
      savingUSD: saving(s.name, alternative && { services: { [s.name]: alternative } }),
      migrationUSD: round(serviceMoveUSD(spec, catalog, s, from, to, settings)),
    };
  };
  // Services of which only some replicas can stay: the cheapest plan keeping the most of them is
  // solved (`stay`) once every other move is priced, so that the solves, which end at the
  // deadline, cannot hold the others' pricing past it (at 2,000 services, 0.2 to 0.3 s for
  // 1,079 moves).
  const partial: { index: number; s: NormalizedService; from: readonly ReplicaGroup[]; to: readonly ReplicaGroup[]; canKeep: number; reasons: string[] }[] = [];
  for (const s of spec.services) {
    const from = previous.services[s.name]?.groups;
    const to = plan.services[s.name]?.groups;
    if (!from || from.length === 0 || !to) continue;
    if (movedReplicas(s.replicas, from, to) === 0) continue;
    const fit = keepable(spec, catalog, s, from);
    const canKeep = Math.min(s.replicas, fit.count);
    const reasons = [...fit.reasons];
    if (canKeep > 0 && serviceViolations(spec, catalog, s, { groups: from }).length === 0 && !revertBreaks(s, from)) {
      moves.push(serviceMove(s, from, to, canKeep, reasons, { groups: from }));
      continue;
    }
    if (canKeep > keptReplicas(from, to)) partial.push({ index: moves.length, s, from, to, canKeep, reasons });
    moves.push(serviceMove(s, from, to, canKeep, reasons));
  }
  for (const k of spec.buckets) {
    const from = previous.buckets[k.name];
    const to = plan.buckets[k.name];
    if (!from || !to || (from.cloud === to.cloud && from.region === to.region)) continue;
    const problems = bucketRegionProblems(spec, catalog, k, from);
    moves.push({
      workload: k.name,
      kind: "bucket",
      from: { cloud: from.cloud, region: from.region },
      to: { cloud: to.cloud, region: to.region },
      moved: 1,
      forced: problems.length > 0 ? 1 : 0,
      reasons: problems.map((p) => `${from.cloud}:${from.region}: ${p}`),
      savingUSD: problems.length > 0 ? 0 : saving(k.name, { buckets: { [k.name]: from } }),
      migrationUSD: round(bucketMigrationUSD(catalog, k.storageGiB, from.cloud, from.region, settings)),
    });
  }
  for (const d of spec.databases ?? []) {
    const from = previous.databases?.[d.name];
    const to = plan.databases?.[d.name];
    // A new class in the same region is a resize in place, not a move.
    if (!from || !to || (from.cloud === to.cloud && from.region === to.region)) continue;
    const problems = databaseProblems(spec, catalog, d, from);
    moves.push({
      workload: d.name,
      kind: "database",
      from: { cloud: from.cloud, region: from.region },
      to: { cloud: to.cloud, region: to.region },
      moved: 1,
      forced: problems.length > 0 ? 1 : 0,
      reasons: problems.map((p) => `${from.cloud}:${from.region} ${from.instanceClass}: ${p}`),
      savingUSD: problems.length > 0 ? 0 : saving(d.name, { databases: { [d.name]: from } }),
      migrationUSD: round(databaseMigrationUSD(catalog, d, from, settings)),
    });
  }
  for (const { index, s, from, to, canKeep, reasons } of partial) {
    // Keep as many as the plan's quotas and cloud limits allow, most first.
    let k = canKeep;
    let alternative: ServicePlacement | undefined;
    for (; k > keptReplicas(from, to); k--) {
      const kept = stay ? await stay(s, from, k) : undefined;
      if (kept === "infeasible") continue;
      if (kept === undefined) reasons.push("what keeping its replicas would cost was not priced: the time limit was reached");
      else alternative = kept.services[s.name];
      break;
    }
    if (k < canKeep) reasons.push(`${k === 0 ? "none" : `only ${k}`} of its replicas can stay where they are within the spec's quotas, cloud limits and latency`);
    moves[index] = serviceMove(s, from, to, k, reasons, alternative);
  }
  return moves;
}
