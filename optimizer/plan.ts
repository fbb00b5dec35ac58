// The placement plan: where every service's replicas and every bucket go. Plain data, the shape
// of stacks/placement.<stack>.json, consumed by the components and the command line.

import type { Cloud } from "./spec";

/** Replicas of one service on one instance type in one cloud-region. */
export interface ReplicaGroup {
  readonly cloud: Cloud;
  readonly region: string;
  readonly instanceType: string;
  /** Replicas in this group, spot ones included. */
  readonly count: number;
  /** How many of `count` run on spot/preemptible capacity. */
  readonly spot: number;
}

/** Where one service runs: one or more replica groups, sorted by cloud, region, instance type. */
export interface ServicePlacement {
  readonly groups: readonly ReplicaGroup[];
}

/** Where one bucket lives. */
export interface BucketPlacement {
  readonly cloud: Cloud;
  readonly region: string;
}

/** Where one database runs and on which class (the rest of its shape comes from the spec). */
export interface DatabasePlacement {
  readonly cloud: Cloud;
  readonly region: string;
  /** The instance class, SKU or tier: db.r6g.large, GP_Standard_D2ds_v5, db-custom-2-8192. */
  readonly instanceClass: string;
}

/**
 * A complete placement. Keys are sorted by name and groups by (cloud, region, instanceType),
 * so that serializing the same plan always gives the same bytes.
 */
export interface Plan {
  readonly services: Readonly<Record<string, ServicePlacement>>;
  readonly buckets: Readonly<Record<string, BucketPlacement>>;
  /** Databases; absent in plans of specs without databases. */
  readonly databases?: Readonly<Record<string, DatabasePlacement>>;
}

/** The workloads of a plan that `names` holds, wherever the plan puts them. */
export function onlyWorkloads(plan: Plan, names: ReadonlySet<string>): Plan {
  const pick = <T>(r: Readonly<Record<string, T>> | undefined) => Object.fromEntries(Object.entries(r ?? {}).filter(([n]) => names.has(n)));
  return { services: pick(plan.services), buckets: pick(plan.buckets), ...(plan.databases ? { databases: pick(plan.databases) } : {}) };
}

/** The names of the workloads a plan places (services, buckets, databases), sorted. */
export function workloadNames(plan: Plan): string[] {
  return [...Object.keys(plan.services), ...Object.keys(plan.buckets), ...Object.keys(plan.databases ?? {})].sort();
}

/** The workloads of a plan but those `names` lists. */
export function withoutWorkloads(plan: Plan, names: Iterable<string>): Plan {
  const drop = new Set(names);
  const keep = <T>(r: Readonly<Record<string, T>>) => Object.fromEntries(Object.entries(r).filter(([n]) => !drop.has(n)));
  return { services: keep(plan.services), buckets: keep(plan.buckets), ...(plan.databases ? { databases: keep(plan.databases) } : {}) };
}

/**
 * The workloads of a plan that `names` holds, looked up by name: for a few names in a large plan,
 * where onlyWorkloads reads every entry of the plan (at 2,000 services, 1,087 moves were reported
 * in 0.75 to 1.04 s that way, 0.17 to 0.47 s this way).
 */
export function pickWorkloads(plan: Plan, names: Iterable<string>): Plan {
  const services: Record<string, ServicePlacement> = {};
  const buckets: Record<string, BucketPlacement> = {};
  const databases: Record<string, DatabasePlacement> = {};
  for (const n of [...names].sort()) {
    if (plan.services[n]) services[n] = plan.services[n];
    if (plan.buckets[n]) buckets[n] = plan.buckets[n];
    if (plan.databases?.[n]) databases[n] = plan.databases[n];
  }
  return { services, buckets, ...(plan.databases ? { databases } : {}) };
}

/** Two plans as one; a workload both place is where `b` puts it. */
export function joinPlans(a: Plan, b: Partial<Plan>): Plan {
  const databases = a.databases || b.databases ? { databases: { ...a.databases, ...b.databases } } : {};
  return { services: { ...a.services, ...b.services }, buckets: { ...a.buckets, ...b.buckets }, ...databases };
}

/** Monthly cost in USD, by kind. */
export interface CostBreakdown {
  readonly compute: number;
  readonly disk: number;
  readonly storage: number;
  /** Buckets' reads out to the internet. */
  readonly internetEgress: number;
  /** Traffic of links between workloads that are not co-located. */
  readonly traffic: number;
  readonly total: number;
}

/** Monthly cost of one service: its breakdown and what each of its replica groups costs. */
export interface ServiceCost extends CostBreakdown {
  /**
   * Monthly USD of each replica group, in the order of the plan's groups: compute, disk and the
   * traffic the group's region sends (shared by its groups by replicas); sums to `total`.
   */
  readonly groups?: readonly number[];
}

/** Monthly cost of the network layer a plan deploys (NAT, balancers, peering and VPN, DNS, front door). */
export interface NetworkCostSummary {
  readonly total: number;
  /** By the cloud that bills it. */
  readonly clouds: Readonly<Partial<Record<Cloud, number>>>;
  /** By cloud-region network ("cloud:region"). */
  readonly regions: Readonly<Record<string, number>>;
  /** By connection between two networks ("a|b"). */
  readonly pairs: Readonly<Record<string, number>>;
  /** The front door's public zone and health checks. */
  readonly frontDoor: number;
}

/** Monthly cost of a plan, in total and per workload and cloud. */
export interface PlanCost extends CostBreakdown {
  /** The network layer, counted in `total` and in `clouds` (absent: not priced). */
  readonly network?: NetworkCostSummary;
  /** Per service: its compute, disk and the traffic it sends. */
  readonly services: Readonly<Record<string, ServiceCost>>;
  /** Per bucket: its storage, internet egress and the traffic it sends. */
  readonly buckets: Readonly<Record<string, CostBreakdown>>;
  /** Per database: its instances (compute), storage and the traffic it sends. */
  readonly databases?: Readonly<Record<string, CostBreakdown>>;
  readonly clouds: Readonly<Partial<Record<Cloud, number>>>;
}
