// Infeasibility diagnosis of latency requirements (on the catalog alone): a user-facing service
// whose allowed regions are all too far from a user location, a link whose two ends may not run
// near each other (their residency, clouds or regions keep them apart), and a chain of links no
// region meets all of at once, each named with the requirements that clash and the smallest
// change that resolves it.

import type { Catalog } from "./catalog";
import type { RegionFit } from "./diagnose-workload";
import type { Conflict } from "./errors";
import { latencyFeasibleRegions } from "./ilp-latency";
import { latencyMatrix } from "./latency/matrix";
import { continentOf, linkLabel, linkNear, linkRequirement } from "./latency/requirements";
import type { NormalizedBucket, NormalizedLink, NormalizedService, NormalizedSpec } from "./spec";

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
  if (out.length === 0) out.push(chainConflict(spec, catalog, regions, left, byName));
  return out;
}

/** Whether regions `keys` leave a service the regions and clouds its availability asks for (a bucket needs one). */
function spreads(w: NormalizedService | NormalizedBucket | undefined, keys: ReadonlySet<string>): boolean {
  if (!w || !("minClouds" in w)) return true;
  return keys.size >= w.minRegions && new Set([...keys].map((k) => k.slice(0, k.indexOf(":")))).size >= w.minClouds;
}

/** Links whose new maxRttMs chainConflict names as a fix, at most. */
const CHAIN_FIXES = 3;
/**
 * Links in a chain beyond which chainConflict searches no new maxRttMs: each step of the search
 * propagates the whole chain's latency again.
 */
const CHAIN_SEARCH_LINKS = 12;

/**
 * No single link explains it: a chain of links does, each end near the next but no region of some
 * workload near all of its peers at once. Named with the links and what limits where the
 * workloads along them may run; the fixes are the smallest maxRttMs that, set on one of those
 * links alone, leaves every workload a region (found on the catalog's round trips between the
 * link's two ends), and relaxing those limits.
 */
function chainConflict(
  spec: NormalizedSpec,
  catalog: Catalog,
  regions: ReadonlyMap<string, readonly string[]>,
  left: ReadonlyMap<string, ReadonlySet<string>>,
  byName: ReadonlyMap<string, NormalizedService | NormalizedBucket>,
): Conflict {
  const lost = [...left].filter(([, v]) => v.size === 0).map(([k]) => k).sort();
  // The workloads latency links join to those with no region left, and those links.
  const part = new Set(lost);
  for (let grew = true; grew; ) {
    grew = false;
    for (const l of spec.links)
      if (l.latency && regions.has(l.from) && regions.has(l.to) && part.has(l.from) !== part.has(l.to)) {
        part.add(l.from).add(l.to);
        grew = true;
      }
  }
  const links = spec.links.filter((l) => l.latency && part.has(l.from) && part.has(l.to));
  const setting = (l: NormalizedLink) => (l.latency!.kind === "continent" ? "same continent" : `maxRttMs ${l.latency!.maxRttMs}`);
  const limited = [...part]
    .sort()
    .map((n) => ({ n, lim: byName.get(n) ? limits(byName.get(n)!) : "" }))
    .filter((x) => x.lim);
  // Within the part alone, whether every workload keeps a region with `l` set to maxRttMs `ms`.
  const sub: NormalizedSpec = { ...spec, links };
  const only = new Map([...part].map((n) => [n, regions.get(n) ?? []]));
  const holds = (l: NormalizedLink, ms: number) => {
    const changed = { ...sub, links: links.map((x) => (x === l ? { ...x, latency: { kind: "rtt" as const, maxRttMs: ms } } : x)) };
    return [...latencyFeasibleRegions(changed, catalog, only)].every(([n, v]) => v.size > 0 && spreads(byName.get(n), v));
  };
  const m = latencyMatrix(catalog);
  const raised: { l: NormalizedLink; ms: number }[] = [];
  for (const l of links.length <= CHAIN_SEARCH_LINKS ? links : []) {
    // The round trips between the two ends' regions, above what the link allows now.
    const now = l.latency!.kind === "rtt" ? l.latency!.maxRttMs : -Infinity;
    const steps = [...new Set((only.get(l.from) ?? []).flatMap((a) => (only.get(l.to) ?? []).map((b) => Math.ceil(m.rtt(a, b)))))]
      .filter((ms) => ms > now)
      .sort((a, b) => a - b);
    if (steps.length === 0 || !holds(l, steps[steps.length - 1])) continue;
    // The smallest that holds: more allows more, so a binary search finds it.
    let lo = 0;
    let hi = steps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (holds(l, steps[mid])) hi = mid;
      else lo = mid + 1;
    }
    raised.push({ l, ms: steps[lo] });
  }
  raised.sort((a, b) => a.ms - b.ms || (linkLabel(a.l) < linkLabel(b.l) ? -1 : 1));
  const linkList = links.map((l) => `${l.from} -> ${l.to} (${setting(l)})`).join(", ");
  const limitList = limited.map((x) => `${kind(spec, x.n)}.${x.n} may only run where ${x.lim} allows`).join("; ");
  const relax = limited.length > 0 ? `relax ${limited.map((x) => `${x.n}'s ${x.lim}`).join(" or ")}` : "widen where they may run";
  const fix =
    raised.length > 0
      ? `Set ${raised
          .slice(0, CHAIN_FIXES)
          .map((x) => `maxRttMs: ${x.ms} on the link ${x.l.from} -> ${x.l.to}`)
          .join(", or ")} (any one of these alone lets every workload run near its peers), or ${relax} so that they may share a continent.`
      : `Set a larger maxRttMs on the links between them, or ${relax} so that they may share a continent.`;
  return {
    workloads: lost,
    requirements: [...links.map((l) => `${linkLabel(l)}: ${setting(l)}`), ...limited.map((x) => `${x.n}: ${x.lim}`)],
    explanation:
      `No region of ${lost.join(", ")} is near enough to all of its linked workloads at once: the links ${linkList} chain them together` +
      `${limitList ? `; ${limitList}` : ""}.`,
    fixes: [fix],
  };
}
