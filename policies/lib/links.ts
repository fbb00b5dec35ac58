// Linking resources to each other in a stack check: which resource a configuration resource
// belongs to (the bucket of a BucketPublicAccessBlock, say). The engine records, for each input
// property, the resources its value came from (`propertyDependencies`); that is the reliable
// link, because during preview the referenced name or ID is usually not known yet. Matching the
// property's value against the candidates' names is the fallback for hand-written stacks that
// name an existing bucket literally.

import type { PolicyResource } from "@pulumi/policy";
import { asString, field, pathOf } from "./read";
import { UNKNOWN, Unknown } from "./unknown";

/** Resources of the given types, in stack order. */
export function resourcesOfType(
  resources: readonly PolicyResource[],
  types: readonly string[],
): PolicyResource[] {
  const wanted = new Set(types);
  return resources.filter((r) => {
    try {
      return wanted.has(r.type);
    } catch {
      return false;
    }
  });
}

/** A list-valued field of a PolicyResource (its dependencies, say), read without throwing. */
function resourceList(read: () => unknown): PolicyResource[] {
  try {
    const v = read();
    if (!Array.isArray(v)) return [];
    return v.filter((r): r is PolicyResource => r !== null && typeof r === "object");
  } catch {
    return [];
  }
}

/** Finds which candidates other resources point at; built once per stack check. */
export interface Linker {
  /**
   * The candidates `from` points at through one of its properties: first by the property's
   * recorded dependencies, then by matching its value against each candidate's `idProps`
   * ("bucket", "id"), then by its plain dependencies when exactly one candidate is among them.
   * UNKNOWN when nothing links it and the property's value is not known yet.
   */
  linkedThrough(from: PolicyResource, property: string): PolicyResource[] | Unknown;
}

/** A linker over some candidates, indexed by URN and by the values of their `idProps`. */
export function linker(candidates: readonly PolicyResource[], idProps: readonly string[]): Linker {
  const byUrn = new Map(candidates.map((c) => [c.urn, c] as const));
  const byId = new Map<string, PolicyResource[]>();
  for (const c of candidates) {
    for (const p of idProps) {
      const v = asString(pathOf(c.props, p));
      if (typeof v === "string" && v !== "") append(byId, v, c);
    }
  }
  return {
    linkedThrough(from, property) {
      const viaProperty = resourceList(() => from.propertyDependencies[property])
        .map((d) => byUrn.get(d.urn))
        .filter((c): c is PolicyResource => c !== undefined);
      if (viaProperty.length > 0) return [...new Set(viaProperty)];

      const value = asString(field<Record<string, unknown>>(from.props, property));
      if (typeof value === "string" && value !== "") {
        const matches = byId.get(value);
        if (matches) return [...new Set(matches)];
      }

      const viaDependencies = resourceList(() => from.dependencies)
        .map((d) => byUrn.get(d.urn))
        .filter((c): c is PolicyResource => c !== undefined);
      if (new Set(viaDependencies).size === 1) return [viaDependencies[0]];

      return value === UNKNOWN ? UNKNOWN : [];
    },
  };
}

/** What configuration resources of some types say about each candidate they link to. */
export interface LinkedConfigs {
  /** Configurations by the URN of the candidate they belong to. */
  readonly byCandidate: ReadonlyMap<string, PolicyResource[]>;
  /** How many configurations could not be linked because their target is not known yet. */
  readonly unlinked: number;
}

/** Links every resource of `configTypes` to the candidates it names through `property`. */
export function linkConfigs(
  resources: readonly PolicyResource[],
  candidates: readonly PolicyResource[],
  idProps: readonly string[],
  configTypes: readonly string[],
  property: string,
): LinkedConfigs {
  const links = linker(candidates, idProps);
  const byCandidate = new Map<string, PolicyResource[]>();
  let unlinked = 0;
  for (const cfg of resourcesOfType(resources, configTypes)) {
    const linked = links.linkedThrough(cfg, property);
    if (linked === UNKNOWN) unlinked++;
    else for (const c of linked) append(byCandidate, c.urn, cfg);
  }
  return { byCandidate, unlinked };
}

/** Appends a value to the list kept under a key. */
export function append<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
