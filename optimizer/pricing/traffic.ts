// Traffic and internet egress of a placed stack, as `plan` prices them: bucket reads out to the
// internet and the links between workloads (traffic model of optimizer/evaluate.ts), per
// workload and per cloud. Resource prices cannot see traffic; preview adds this estimate to them,
// and the budget policy counts it through its `traffic` setting (see trafficPolicyConfig).

import { Catalog, loadCatalog } from "../catalog";
import { directionCost, endShares, evaluatePlan, splitKey } from "../evaluate";
import { trafficRates } from "../traffic";
import type { Plan, PlanCost } from "../plan";
import type { Cloud, NormalizedLink, NormalizedSpec } from "../spec";
import { formatUSD } from "./format";
import type { ResourceEstimate, TrafficUsage, UsageFile } from "./types";

/** Traffic cost of one workload in one cloud (the cloud of the regions it sends from). */
export interface TrafficItem {
  readonly workload: string;
  readonly cloud: Cloud;
  /** A bucket's reads out to the internet. */
  readonly internetEgressUSD: number;
  /** Data the workload sends to its linked workloads in other regions or clouds. */
  readonly trafficUSD: number;
}

/** The traffic estimate of a placed stack. */
export interface TrafficEstimate {
  readonly pricesOf: string;
  readonly items: readonly TrafficItem[];
  readonly internetEgressUSD: number;
  readonly trafficUSD: number;
  readonly totalUSD: number;
  /** The plan's own evaluation of the same spec and placement (what `plan` prints). */
  readonly plan: PlanCost;
}

/** The spec with the usage file's link volumes and bucket egress in place of its own. */
export function withTrafficUsage(spec: NormalizedSpec, traffic: TrafficUsage | undefined): NormalizedSpec {
  if (!traffic) return spec;
  const known = new Set(spec.links.map((l) => `${l.from}->${l.to}`));
  for (const k of Object.keys(traffic.links)) {
    if (!known.has(k)) throw new RangeError(`the usage file's traffic.links names ${k}, which is not a link of the spec. To fix: use one of ${[...known].join(", ") || "(none)"}.`);
  }
  for (const b of Object.keys(traffic.bucketEgressGiB)) {
    if (!spec.buckets.some((x) => x.name === b)) throw new RangeError(`the usage file's traffic.buckets names ${b}, which is not a bucket of the spec.`);
  }
  return {
    ...spec,
    links: spec.links.map((l) => ({ ...l, monthlyGiB: traffic.links[`${l.from}->${l.to}`] ?? l.monthlyGiB })),
    buckets: spec.buckets.map((b) => ({ ...b, internetEgressGiB: traffic.bucketEgressGiB[b.name] ?? b.internetEgressGiB })),
  };
}

/**
 * Estimates the traffic and internet egress of a stack placed as `plan`, exactly as `plan`
 * evaluates them (same catalog rates, between the regions actually used), split by
 * workload and cloud. The usage file's `traffic` section replaces the spec's volumes.
 */
export function estimateStackTraffic(spec: NormalizedSpec, plan: Plan, catalog: Catalog = loadCatalog(), usage?: UsageFile): TrafficEstimate {
  const s = withTrafficUsage(spec, usage?.traffic);
  const rates = trafficRates(catalog);
  const items = new Map<string, { workload: string; cloud: Cloud; internetEgressUSD: number; trafficUSD: number }>();
  const item = (workload: string, cloud: Cloud) => {
    const k = `${workload}|${cloud}`;
    let it = items.get(k);
    if (!it) items.set(k, (it = { workload, cloud, internetEgressUSD: 0, trafficUSD: 0 }));
    return it;
  };
  for (const b of s.buckets) {
    const p = plan.buckets[b.name];
    if (p && b.internetEgressGiB > 0) item(b.name, p.cloud).internetEgressUSD += b.internetEgressGiB * catalog.internetEgressPerGiB(p.cloud, p.region);
  }
  const shares = (name: string, kind: NormalizedLink["toKind"]) => endShares(plan, name, kind);
  for (const link of s.links) {
    const ends = [
      { name: link.from, kind: "service" as const },
      { name: link.to, kind: link.toKind },
    ];
    for (const [x, y] of [
      [ends[0], ends[1]],
      [ends[1], ends[0]],
    ]) {
      const charged = directionCost(link.monthlyGiB / 2, shares(x.name, x.kind), shares(y.name, y.kind), rates);
      for (const [r, usd] of charged) item(x.name, splitKey(r)[0]).trafficUSD += usd;
    }
  }
  const list = [...items.values()].sort((a, b) => (a.workload < b.workload ? -1 : a.workload > b.workload ? 1 : a.cloud < b.cloud ? -1 : 1));
  const internetEgressUSD = list.reduce((n, i) => n + i.internetEgressUSD, 0);
  const trafficUSD = list.reduce((n, i) => n + i.trafficUSD, 0);
  return { pricesOf: catalog.pricesOf, items: list, internetEgressUSD, trafficUSD, totalUSD: internetEgressUSD + trafficUSD, plan: evaluatePlan(s, plan, catalog) };
}

/** The traffic estimate as one priced pseudo-resource per workload and cloud, to list beside the stack's resources. */
export function trafficEstimates(t: TrafficEstimate): ResourceEstimate[] {
  return t.items.map((i) => {
    const components = [];
    if (i.internetEgressUSD > 0) components.push({ name: "Internet egress", unit: "USD", quantity: 1, unitUSD: i.internetEgressUSD, monthlyUSD: i.internetEgressUSD, source: `catalog internet egress rates (prices of ${t.pricesOf})` });
    if (i.trafficUSD > 0) components.push({ name: "Traffic to linked workloads", unit: "USD", quantity: 1, unitUSD: i.trafficUSD, monthlyUSD: i.trafficUSD, source: `catalog inter-region and internet egress rates (prices of ${t.pricesOf})` });
    return {
      urn: `cloudfit:traffic:${i.workload}:${i.cloud}`,
      type: "cloudfit:traffic:Workload",
      name: `${i.workload} traffic (${i.cloud})`,
      billing: "priced" as const,
      monthlyUSD: i.internetEgressUSD + i.trafficUSD,
      components,
      note: "estimated from the spec's links and bucket egress as `plan` evaluates them",
      cloud: i.cloud,
      tags: { "cloudfit-service": i.workload },
    };
  });
}

/** The `traffic` setting of the cost-monthly-budget policy: a plain JSON document of the estimate. */
export interface TrafficPolicySetting {
  readonly pricesOf: string;
  readonly items: readonly { readonly workload: string; readonly cloud: Cloud; readonly monthlyUSD: number; readonly detail: string }[];
}

/** The traffic estimate as the budget policy's `traffic` setting (what preview puts in the policy config). */
export function trafficPolicyConfig(t: TrafficEstimate): TrafficPolicySetting {
  return {
    pricesOf: t.pricesOf,
    items: t.items.map((i) => ({
      workload: i.workload,
      cloud: i.cloud,
      monthlyUSD: Math.round((i.internetEgressUSD + i.trafficUSD) * 1e6) / 1e6,
      detail: [i.internetEgressUSD > 0 ? `internet egress ${formatUSD(i.internetEgressUSD)}` : "", i.trafficUSD > 0 ? `traffic to linked workloads ${formatUSD(i.trafficUSD)}` : ""].filter(Boolean).join(", "),
    })),
  };
}
