// The difference between two plans, workload by workload, with costs before and after. Pure.

import type { BucketPlacement, DatabasePlacement, Plan, PlanCost, ReplicaGroup } from "../optimizer/plan";

/** How one workload changed between the locked plan and the new one. */
export interface WorkloadChange {
  readonly workload: string;
  readonly kind: "service" | "bucket" | "database";
  readonly change: "added" | "removed" | "changed" | "unchanged";
  readonly before?: string;
  readonly after?: string;
  readonly beforeUSD: number;
  readonly afterUSD: number;
}

/** The whole difference, with totals. */
export interface PlanDiff {
  readonly changes: readonly WorkloadChange[];
  readonly beforeUSD: number;
  readonly afterUSD: number;
  readonly deltaUSD: number;
  /** Relative change in percent, or null when there was no cost before. */
  readonly deltaPct: number | null;
  /** Monthly cost per cloud before and after, in cloud order (workloads the lock alone prices are not in it). */
  readonly clouds: readonly CloudCost[];
}

/** One cloud's monthly cost before and after. */
export interface CloudCost {
  readonly cloud: string;
  readonly beforeUSD: number;
  readonly afterUSD: number;
}

/** Per-cloud costs of two sides, every cloud either side uses, in name order. */
export function cloudCosts(
  before: Readonly<Partial<Record<string, number>>>,
  after: Readonly<Partial<Record<string, number>>>,
): CloudCost[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names.map((cloud) => ({ cloud, beforeUSD: round(before[cloud] ?? 0), afterUSD: round(after[cloud] ?? 0) }));
}

/** Describes a service placement in words: "2 x m7g.large aws:us-east-1 (1 spot)". */
export function describeGroups(groups: readonly ReplicaGroup[]): string {
  return groups
    .map((g) => `${g.count} x ${g.instanceType} ${g.cloud}:${g.region}${g.spot > 0 ? ` (${g.spot} spot)` : ""}`)
    .join(", ");
}

/** Describes a bucket placement: "gcp:europe-west4". */
export function describeBucket(b: BucketPlacement): string {
  return `${b.cloud}:${b.region}`;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Compares the locked plan (with its cost, or undefined when there is no lock) with the new plan.
 * Workloads are listed in name order, services first.
 */
export function diffPlans(
  before: { plan: Plan; cost: PlanCost } | undefined,
  after: { plan: Plan; cost: PlanCost },
): PlanDiff {
  const changes: WorkloadChange[] = [];
  const kinds = [
    { kind: "service" as const, get: (p: Plan) => p.services, text: (x: unknown) => describeGroups((x as { groups: ReplicaGroup[] }).groups), cost: (c: PlanCost, n: string) => c.services[n]?.total ?? 0 },
    { kind: "bucket" as const, get: (p: Plan) => p.buckets, text: (x: unknown) => describeBucket(x as BucketPlacement), cost: (c: PlanCost, n: string) => c.buckets[n]?.total ?? 0 },
    {
      kind: "database" as const,
      get: (p: Plan) => p.databases ?? {},
      text: (x: unknown) => `${describeBucket(x as BucketPlacement)} ${(x as DatabasePlacement).instanceClass}`,
      cost: (c: PlanCost, n: string) => c.databases?.[n]?.total ?? 0,
    },
  ];
  for (const k of kinds) {
    const b = before ? k.get(before.plan) : {};
    const a = k.get(after.plan);
    const names = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
    for (const name of names) {
      const bt = b[name] !== undefined ? k.text(b[name]) : undefined;
      const at = a[name] !== undefined ? k.text(a[name]) : undefined;
      changes.push({
        workload: name,
        kind: k.kind,
        change: bt === undefined ? "added" : at === undefined ? "removed" : bt === at ? "unchanged" : "changed",
        before: bt,
        after: at,
        beforeUSD: before && bt !== undefined ? k.cost(before.cost, name) : 0,
        afterUSD: at !== undefined ? k.cost(after.cost, name) : 0,
      });
    }
  }
  const beforeUSD = before ? before.cost.total : 0;
  const afterUSD = after.cost.total;
  return {
    changes,
    beforeUSD,
    afterUSD,
    deltaUSD: round(afterUSD - beforeUSD),
    deltaPct: beforeUSD === 0 ? null : round(((afterUSD - beforeUSD) / beforeUSD) * 100),
    clouds: cloudCosts(before ? before.cost.clouds : {}, after.cost.clouds),
  };
}
