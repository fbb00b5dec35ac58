// Small readers of the databases part of a plan, shared by the optimizer's stages.

import type { Plan } from "./plan";
import type { NormalizedSpec } from "./spec";

/** The databases of `hold` that the spec still has, as the `databases` part of a plan (none: {}). */
export function heldDatabases(spec: NormalizedSpec, hold: Plan): Pick<Plan, "databases"> {
  const names = (spec.databases ?? []).filter((d) => hold.databases?.[d.name]).map((d) => d.name);
  return names.length === 0 ? {} : { databases: Object.fromEntries(names.map((n) => [n, hold.databases![n]])) };
}
