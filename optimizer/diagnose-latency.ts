// Infeasibility diagnosis of latency requirements (on the catalog alone): a user-facing service
// whose allowed regions are all too far from a user location, and a link whose two ends may not
// run near each other (their residency, clouds or regions keep them apart), each named with the
// requirements that clash and the smallest change that resolves it.

import type { Catalog } from "./catalog";
import type { RegionFit } from "./diagnose-workload";
import type { Conflict } from "./errors";
import { latencyFeasibleRegions } from "./ilp-latency";
import { latencyMatrix } from "./latency/matrix";
import { continentOf, linkLabel, linkNear, linkRequirement } from "./latency/requirements";
import type { NormalizedBucket, NormalizedService, NormalizedSpec } from "./spec";

/** What limits where a workload may run, in words ("residency EU", "clouds aws"), or "". */
function limits(w: NormalizedService | NormalizedBucket): string {
  const parts = [
    ...(w.residency.length > 0 ? [`residency ${w.residency.join(", ")}`] : []),
    ...(w.regions.length > 0 ? [`regions ${w.regions.join(", ")}`] : []),
    ...(w.clouds.length < 3 ? [`clouds ${w.clouds.join(", ")}`] : []),
  ];
  return parts.join(", ");
}

const kind = (spec: NormalizedSpec, name: string) => (spec.services.some((s) => s.name === name) ? "services" : "buckets");

/** Latency requirements no placement can meet, given where each workload may run (`fits`). */
export function latencyConflicts(spec: NormalizedSpec, catalog: Catalog, fits: ReadonlyMap<string, readonly RegionFit[]>): Conflict[] {
  const out: Conflict[] = [];
  const m = latencyMatrix(catalog);
  const byName = new Map<string, NormalizedService | NormalizedBucket>([...spec.services, ...spec.buckets].map((w) => [w.name, w]));
  for (const s of spec.services) {
    const f = fits.get(s.name);
    if (!s.latency || !f) continue;
    for (const place of s.latency.from) {
      // The farthest point of the place from every allowed region: what the nearest replica can reach.
      let worst: { point: string; key: string; ms: number } | undefined;
      for (const p of place.points) {
        let best: { key: string; ms: number } | undefined;
        for (const r of f) {
          const ms = m.rtt(r.key, p);
          if (!best || ms < best.ms) best = { key: r.key, ms };
        }
        if (best && best.ms > s.latency.maxRttMs + 1e-9 && (!worst || best.ms > worst.ms)) worst = { point: p, ...best };
      }
      if (!worst) continue;
      const lim = limits(s);
      out.push({
        workloads: [s.name],
        requirements: [`latency.maxRttMs ${s.latency.maxRttMs} from ${place.name}`, ...(lim ? [lim] : [])],
        explanation:
          `services.${s.name} must have a replica within ${s.latency.maxRttMs} ms of its users in ${place.name}, but the nearest region it may use ` +
          `to ${worst.point} is ${worst.key} at ${worst.ms} ms${lim ? ` (it is limited by ${lim})` : ""}.`,
        fixes: [
          `Raise services.${s.name}.latency.maxRttMs to ${Math.ceil(worst.ms)}${lim ? `, or widen ${lim} to allow a region near ${place.name}` : ""}, or remove ${place.name} from services.${s.name}.latency.from.`,
        ],
      });
    }
  }
  // Links: propagate what each end's peers allow; a link whose ends lose every region clashes.
  const regions = new Map([...fits].map(([k, v]) => [k, v.map((r) => r.key)]));
  const left = latencyFeasibleRegions(spec, catalog, regions);
  if (![...left.values()].some((v) => v.size === 0)) return out;
  for (const l of spec.links) {
    if (!l.latency) continue;
    const a = fits.get(l.from);
    const b = fits.get(l.to);
    if (!a || !b) continue;
    let best: { x: string; y: string; ms: number } | undefined;
    for (const x of a)
      for (const y of b) {
        const ms = m.rtt(x.key, y.key);
        if (!best || ms < best.ms) best = { x: x.key, y: y.key, ms };
      }
    if (!best || a.some((x) => b.some((y) => linkNear(catalog, l.latency!, x.key, y.key)))) continue;
    const la = limits(byName.get(l.from)!);
    const lb = limits(byName.get(l.to)!);
    const where = (name: string, lim: string, key: string) =>
      `${kind(spec, name)}.${name} may only run ${lim ? `where ${lim} allows` : "in its regions"} (nearest: ${key}, ${continentOf(catalog, key)})`;
    const setting = l.latency.kind === "continent" ? "the default: linked workloads on one continent" : `maxRttMs ${l.latency.maxRttMs}`;
    out.push({
      workloads: [l.from, l.to].sort(),
      requirements: [`${linkLabel(l)}: ${setting}`, ...(la ? [`${l.from}: ${la}`] : []), ...(lb ? [`${l.to}: ${lb}`] : [])],
      explanation:
        `${linkLabel(l)} requires ${l.from} to run ${linkRequirement(l.latency, l.to)}, but ${where(l.from, la, best.x)} and ` +
        `${where(l.to, lb, best.y)}: the nearest pair is ${best.ms} ms apart.`,
      fixes: [
        `Set maxRttMs: ${Math.ceil(best.ms)} on the link ${l.from} -> ${l.to} (or higher), or relax ${la && lb ? `${l.from}'s ${la} or ${l.to}'s ${lb}` : la ? `${l.from}'s ${la}` : lb ? `${l.to}'s ${lb}` : "where the two may run"} so that both may run on one continent.`,
      ],
    });
  }
  if (out.length === 0) {
    // No single link explains it: a chain of links does (each end near the next, none near all).
    const lost = [...left].filter(([, v]) => v.size === 0).map(([k]) => k).sort();
    out.push({
      workloads: lost,
      requirements: spec.links.filter((l) => l.latency && (lost.includes(l.from) || lost.includes(l.to))).map((l) => `${linkLabel(l)}: ${l.latency!.kind === "continent" ? "same continent" : `maxRttMs ${l.latency!.maxRttMs}`}`),
      explanation: `No region of ${lost.join(", ")} is near enough to all of its linked workloads at once, given where each of them may run.`,
      fixes: ["Set a larger maxRttMs on the links between them, or relax their residency so that they may share a continent."],
    });
  }
  return out;
}
