// Explanations of databases: why each one runs where it does (the spec settings that bind it,
// or its cheapest offer with its traffic counted) and the cheapest alternative in each other
// allowed cloud, priced as the whole plan with only the database moved (its callers stay).
// No solver: a database's choice is one region and class, so every alternative is evaluated.

import type { Catalog } from "./catalog";
import { allowedRegions } from "./candidates";
import { evaluatePlan } from "./evaluate";
import { cheapestDatabaseOffers } from "./ilp-databases";
import type { Plan } from "./plan";
import type { ServiceExplanation } from "./result";
import { CLOUDS, Cloud, NormalizedDatabase, NormalizedSpec } from "./spec";

const round = (x: number) => Math.round(x * 100) / 100;

/** Spec settings that narrow where a database may run, as plain phrases. */
function bindingOf(spec: NormalizedSpec, d: NormalizedDatabase): string[] {
  const out: string[] = [];
  if (d.instanceClass) out.push(`it asks for ${d.instanceClass} (instanceClass)`);
  if (d.residency.length > 0) out.push(`its data must stay in ${d.residency.join(", ")} (residency ${d.residency.join(", ")})`);
  if (d.regions.length > 0) out.push(`it may only use ${d.regions.join(", ")} (regions)`);
  if (!d.instanceClass && d.clouds.length < spec.clouds.length) out.push(`it may only use ${d.clouds.join(", ")} (clouds)`);
  if (spec.links.some((l) => l.to === d.name && l.monthlyGiB > 0)) out.push("its traffic to the services linked to it is counted");
  return out;
}

/** Why each database runs where the plan puts it, and what each other allowed cloud would cost. */
export function explainDatabases(spec: NormalizedSpec, catalog: Catalog, plan: Plan): Record<string, ServiceExplanation> {
  const out: Record<string, ServiceExplanation> = {};
  const base = evaluatePlan(spec, plan, catalog);
  for (const d of spec.databases ?? []) {
    const p = plan.databases?.[d.name];
    if (!p) continue;
    const offers = cheapestDatabaseOffers(catalog, d, spec.allowBurstable);
    const best = new Map<Cloud, { placement: string; total: number }>();
    for (const r of allowedRegions(catalog, d)) {
      if (r.cloud === p.cloud) continue;
      const o = offers.get(`${r.cloud}:${r.region}`);
      if (!o) continue;
      const moved: Plan = { ...plan, databases: { ...plan.databases, [d.name]: { cloud: r.cloud, region: r.region, instanceClass: o.instanceClass } } };
      const total = evaluatePlan(spec, moved, catalog).total;
      const had = best.get(r.cloud);
      if (!had || total < had.total - 1e-9) best.set(r.cloud, { placement: `${o.instanceClass} in ${r.cloud}:${r.region}`, total });
    }
    out[d.name] = {
      service: d.name,
      placement: `${p.instanceClass} in ${p.cloud}:${p.region}`,
      monthlyUSD: base.databases?.[d.name]?.total ?? 0,
      binding: bindingOf(spec, d),
      alternatives: CLOUDS.filter((c) => best.has(c)).map((c) => ({
        cloud: c,
        placement: best.get(c)!.placement,
        deltaUSD: round(best.get(c)!.total - base.total),
        note: "the whole plan's monthly cost with only this database moved",
      })),
    };
  }
  return out;
}
