// Resource-level cost diff, as Infracost shows it: every added, changed or removed resource with
// its monthly cost or delta, grouped by cloud, and the total change. Pure.

import type { PricedResource, PricingResult, UnpricedResource } from "../policies/cost/types";
import { CloudCost, cloudCosts } from "./planDiff";

/** One resource's change. */
export interface ResourceChange {
  readonly change: "added" | "changed" | "removed";
  readonly urn: string;
  readonly name: string;
  readonly type: string;
  readonly cloud: string;
  readonly beforeUSD: number;
  readonly afterUSD: number;
  readonly detail: string;
}

/** The cost diff of a preview. */
export interface CostDiff {
  /** Changes sorted by cloud, then kind (added, changed, removed), then URN. */
  readonly resources: readonly ResourceChange[];
  /** Workloads the lock places but the spec dropped, priced from the lock's recorded costs. */
  readonly removedWorkloads: readonly { readonly workload: string; readonly beforeUSD: number }[];
  readonly unpriced: readonly UnpricedResource[];
  readonly beforeUSD: number;
  readonly afterUSD: number;
  readonly deltaUSD: number;
  /** Percent change, or null when nothing cost anything before. */
  readonly deltaPct: number | null;
  /** Resources present before and after with the same inputs and cost. */
  readonly unchanged: number;
  /** Priced resources' monthly cost per cloud before and after (dropped workloads are not in it). */
  readonly clouds: readonly CloudCost[];
}

const round = (x: number) => Math.round(x * 100) / 100;
const ORDER = { added: 0, changed: 1, removed: 2 } as const;

/**
 * Compares priced resources before and after. A resource is matched by URN; it has changed when
 * its inputs (given by `fingerprint`) or its price differ.
 */
export function diffResources(
  before: PricingResult,
  after: PricingResult,
  fingerprint: (urn: string, side: "before" | "after") => string,
  removedWorkloads: readonly { workload: string; beforeUSD: number }[] = [],
): CostDiff {
  const b = new Map<string, PricedResource>(before.priced.map((p) => [p.urn, p]));
  const a = new Map<string, PricedResource>(after.priced.map((p) => [p.urn, p]));
  const resources: ResourceChange[] = [];
  let unchanged = 0;
  for (const [urn, p] of a) {
    const old = b.get(urn);
    if (!old) {
      resources.push({ change: "added", urn, name: p.name, type: p.type, cloud: p.cloud, beforeUSD: 0, afterUSD: p.monthlyUSD, detail: p.detail });
    } else if (round(old.monthlyUSD) !== round(p.monthlyUSD) || fingerprint(urn, "before") !== fingerprint(urn, "after")) {
      resources.push({ change: "changed", urn, name: p.name, type: p.type, cloud: p.cloud, beforeUSD: old.monthlyUSD, afterUSD: p.monthlyUSD, detail: p.detail });
    } else {
      unchanged++;
    }
  }
  for (const [urn, p] of b) {
    if (!a.has(urn)) {
      resources.push({ change: "removed", urn, name: p.name, type: p.type, cloud: p.cloud, beforeUSD: p.monthlyUSD, afterUSD: 0, detail: p.detail });
    }
  }
  resources.sort((x, y) => (x.cloud < y.cloud ? -1 : x.cloud > y.cloud ? 1 : ORDER[x.change] - ORDER[y.change] || (x.urn < y.urn ? -1 : x.urn > y.urn ? 1 : 0)));
  const sum = (m: Map<string, PricedResource>) => [...m.values()].reduce((n, p) => n + p.monthlyUSD, 0);
  const rawBefore = sum(b) + removedWorkloads.reduce((n, w) => n + w.beforeUSD, 0);
  const rawAfter = sum(a);
  const beforeUSD = round(rawBefore);
  const afterUSD = round(rawAfter);
  return {
    resources,
    removedWorkloads,
    unpriced: after.unpriced,
    beforeUSD,
    afterUSD,
    // From the unrounded totals, so the delta equals the sum of the changes to the cent.
    deltaUSD: round(rawAfter - rawBefore),
    deltaPct: beforeUSD === 0 ? null : round(((afterUSD - beforeUSD) / beforeUSD) * 100),
    unchanged,
    clouds: cloudCosts(perCloud(b), perCloud(a)),
  };
}

function perCloud(m: Map<string, PricedResource>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of m.values()) out[p.cloud] = (out[p.cloud] ?? 0) + p.monthlyUSD;
  return out;
}
