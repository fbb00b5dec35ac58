// Reconciles the resource estimate (plus traffic) of a stack with `plan`'s evaluation of its
// placement: per workload, every difference is itemized with its cause, so that the two totals
// agree once the items are taken out, or the rest is shown as unexplained.

import type { PlanCost } from "../plan";
import type { TrafficEstimate } from "./traffic";
import type { CostEstimate, ResourceEstimate } from "./types";

/** One itemized difference: preview minus plan for a workload and kind of cost. */
export interface PlanDifference {
  /** The workload (cloudfit-service tag), or "shared" for resources of no single workload. */
  readonly workload: string;
  readonly kind: "compute" | "disk" | "storage" | "not in plan" | "network";
  readonly usd: number;
  /** Why the two differ, or "unexplained". */
  readonly why: string;
}

/** The reconciliation of a preview estimate with a plan evaluation. */
export interface PlanReconciliation {
  readonly planUSD: number;
  /** Resources plus traffic. */
  readonly previewUSD: number;
  readonly differences: readonly PlanDifference[];
  /** Preview minus plan minus every explained difference (0 when everything is explained). */
  readonly unexplainedUSD: number;
}

const WORKLOAD_TAG = "cloudfit-service";

/** Sums component costs of one kind over estimates. */
function sumKind(list: readonly ResourceEstimate[], kind: string | undefined): number {
  let n = 0;
  for (const e of list) for (const c of e.components) if ((c.kind ?? undefined) === kind && c.monthlyUSD !== null) n += c.monthlyUSD;
  return n;
}

/** The cause of a compute difference: GCP's sustained-use discount, which `plan` does not apply. */
function computeWhy(list: readonly ResourceEstimate[]): string {
  return list.some((e) => e.components.some((c) => c.kind === "compute" && /sustained-use discount/.test(c.name)))
    ? "Google Cloud's sustained-use discount, which plan's list prices leave out"
    : "unexplained";
}

/** The cause of a disk difference: Azure's size tiers, which `plan`'s per-GiB price leaves out. */
function diskWhy(list: readonly ResourceEstimate[]): string {
  return list.some((e) => e.cloud === "azure" && e.components.some((c) => c.kind === "disk" && /^(.*: )?Storage \([SEP]\d+, LRS\)/.test(c.name)))
    ? "Azure bills managed disks per size tier (e.g. E4 = 32 GiB); plan charges the per-GiB equivalent"
    : "unexplained";
}

/**
 * Compares the estimate of a stack's resources plus its traffic with `plan`'s evaluation of its
 * placement (traffic.plan). Components `plan` does not model (keys, requests, ...) and the
 * known modelling differences are itemized per workload; whatever remains is unexplained.
 */
export function reconcileWithPlan(resources: CostEstimate, traffic: TrafficEstimate): PlanReconciliation {
  const plan = traffic.plan;
  const byWorkload = new Map<string, ResourceEstimate[]>();
  for (const e of resources.resources) {
    if (e.monthlyUSD === null || e.monthlyUSD === 0) continue;
    const w = e.tags[WORKLOAD_TAG] ?? "shared";
    (byWorkload.get(w) ?? byWorkload.set(w, []).get(w)!).push(e);
  }
  const differences: PlanDifference[] = [];
  const add = (workload: string, kind: PlanDifference["kind"], usd: number, why: string) => {
    if (Math.abs(usd) >= 0.005) differences.push({ workload, kind, usd, why });
  };
  const planOf = (w: string) => plan.services[w] ?? plan.buckets[w] ?? plan.databases?.[w];
  const names = new Set([...byWorkload.keys(), ...Object.keys(plan.services), ...Object.keys(plan.buckets), ...Object.keys(plan.databases ?? {})]);
  for (const w of [...names].sort()) {
    const list = byWorkload.get(w) ?? [];
    const p = planOf(w);
    add(w, "compute", sumKind(list, "compute") - (p?.compute ?? 0), computeWhy(list));
    add(w, "disk", sumKind(list, "disk") - (p?.disk ?? 0), diskWhy(list));
    add(w, "storage", sumKind(list, "storage") - (p?.storage ?? 0), "unexplained");
    const other = sumKind(list, undefined);
    const types = [...new Set(list.filter((e) => e.components.some((c) => !c.kind && c.monthlyUSD)).map((e) => e.type))].sort();
    add(w, "not in plan", other, `billed by resources or parts plan does not list one by one: ${types.join(", ")}`);
  }
  // plan prices the network layer as one line; preview lists its resources one by one above.
  const network = plan.network?.total ?? 0;
  add("network", "network", -network, "plan's network line (NAT, balancers, links between networks, DNS, front door), whose resources preview lists one by one");
  const previewUSD = resources.totalUSD + traffic.totalUSD;
  const explained = differences.filter((d) => d.why !== "unexplained").reduce((n, d) => n + d.usd, 0);
  return { planUSD: plan.total, previewUSD, differences, unexplainedUSD: previewUSD - plan.total - explained };
}
