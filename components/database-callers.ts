// Who may reach a database: the networks of the regions where the services linked to it run,
// on the engine's port. Pure: derived from the spec and the plan.

import { regionCidr } from "./addressing";
import type { Plan } from "../optimizer/plan";
import type { NormalizedDatabase, NormalizedSpec } from "../optimizer/spec";
import type { IngressRule } from "./service";

/** One rule per region a linked service runs in, in region order, on the database's port. */
export function databaseCallers(spec: NormalizedSpec, plan: Plan, d: NormalizedDatabase): IngressRule[] {
  const rules = new Map<string, IngressRule>();
  for (const l of spec.links) {
    if (l.toKind !== "database" || l.to !== d.name) continue;
    for (const g of plan.services[l.from]?.groups ?? []) {
      const cidr = regionCidr(g.cloud, g.region);
      if (!cidr) continue;
      const from = `${l.from} in ${g.cloud}:${g.region}`;
      const had = rules.get(cidr);
      rules.set(cidr, { port: d.port, cidr, from: had ? `${had.from}, ${l.from}` : from });
    }
  }
  return [...rules.values()].sort((a, b) => (a.cidr < b.cidr ? -1 : a.cidr > b.cidr ? 1 : 0));
}
