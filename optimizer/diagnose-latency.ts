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
import { continentOf, fewestRegionsNear, linkLabel, linkNear, linkRequirement } from "./latency/requirements";
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

/**
 * Latency requirements no placement can meet, given where each workload may run (`fits`). The
 * figures of fixes found on the catalog's round trips alone (a user round trip, replicas, a
 * link's maxRttMs) are checked with `isFeasible` (Confirm).
 */
export async function latencyConflicts(
  spec: NormalizedSpec,
  catalog: Catalog,
  fits: ReadonlyMap<string, readonly RegionFit[]>,
  isFeasible: (s: NormalizedSpec) => Promise<boolean>,
): Promise<Conflict[]> {
  const out: Conflict[] = [];
  const confirm = new Confirm(spec, isFeasible);
  const byName = new Map<string, NormalizedService | NormalizedBucket>([...spec.services, ...spec.buckets].map((w) => [w.name, w]));
  for (const s of spec.services) {
    const f = fits.get(s.name);
    if (!s.latency || !f) continue;
    const short = tooFewReplicas(catalog, s, f.map((r) => r.key));
    if (short) {
      const lim = limits(s);
      const raise = await userFixes(spec, confirm, s, short);
      out.push({
        workloads: [s.name],
        requirements: [`latency.maxRttMs ${s.latency.maxRttMs} from ${places(s)}`, `replicas ${s.replicas}`, ...(lim ? [lim] : [])],
        explanation:
          `services.${s.name} must have a replica within ${s.latency.maxRttMs} ms of every one of its user locations (${places(s)}), which takes at least ` +
          `${short.cover.length} regions (such as ${short.cover.join(", ")})${lim ? ` where ${lim} allows` : ""}, but it runs ${s.replicas} ${s.replicas === 1 ? "replica" : "replicas"}.`,
        fixes: [`${capitalized(raise)}, or serve fewer locations from services.${s.name}.latency.from.`],
      });
      continue;
    }
    for (const place of s.latency.from) {
      const worst = farthestUnserved(catalog, s.latency.maxRttMs, place.points, f.map((r) => r.key));
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
  if (![...left.values()].some((v) => v.size === 0)) return out.length > 0 ? out : usersAfterLinks(spec, catalog, regions, left, byName, confirm);
  const m = latencyMatrix(catalog);
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
  if (out.length === 0) out.push(await chainConflict(spec, catalog, regions, left, byName, confirm));
  return out;
}

/**
 * Of a place's user points, the one farthest from every region in `keys`, with its nearest region
 * and round trip, when that is beyond `maxRttMs` (undefined when every point has a region near).
 */
function farthestUnserved(catalog: Catalog, maxRttMs: number, points: readonly string[], keys: Iterable<string>): { point: string; key: string; ms: number } | undefined {
  const m = latencyMatrix(catalog);
  const list = [...keys];
  let worst: { point: string; key: string; ms: number } | undefined;
  for (const p of points) {
    let best: { key: string; ms: number } | undefined;
    for (const k of list) {
      const ms = m.rtt(k, p);
      if (!best || ms < best.ms) best = { key: k, ms };
    }
    if (best && best.ms > maxRttMs + 1e-9 && (!worst || best.ms > worst.ms)) worst = { point: p, ...best };
  }
  return worst;
}

/** A service's user locations in words: "US, DE". */
const places = (s: NormalizedService) => (s.latency?.from ?? []).map((p) => p.name).join(", ");

/** Every user point of a service. */
const userPoints = (s: NormalizedService) => (s.latency?.from ?? []).flatMap((p) => p.points);

/**
 * When a service's replicas are too few to be near every user point from regions `keys`, though
 * each point has a region near: the fewest regions that are (`cover`), and the round trips from
 * the least with which as many regions as it has replicas are, up (undefined when none is).
 * Undefined otherwise.
 */
function tooFewReplicas(catalog: Catalog, s: NormalizedService, keys: readonly string[]): { cover: string[]; maxRttMs?: readonly number[] } | undefined {
  if (!s.latency) return undefined;
  const points = userPoints(s);
  const all = fewestRegionsNear(catalog, s.latency.maxRttMs, points, keys, points.length);
  if (!all || all.length <= s.replicas) return undefined;
  const m = latencyMatrix(catalog);
  const steps = [...new Set(keys.flatMap((k) => points.map((p) => Math.ceil(m.rtt(k, p)))))].filter((ms) => ms > s.latency!.maxRttMs).sort((a, b) => a - b);
  const enough = (ms: number) => fewestRegionsNear(catalog, ms, points, keys, s.replicas) !== undefined;
  if (steps.length === 0 || !enough(steps[steps.length - 1])) return { cover: all };
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (enough(steps[mid])) hi = mid;
    else lo = mid + 1;
  }
  return { cover: all, maxRttMs: steps.slice(lo) };
}

/** Whether regions `keys` leave a service the regions and clouds its availability asks for (a bucket needs one). */
function spreads(w: NormalizedService | NormalizedBucket | undefined, keys: ReadonlySet<string>): boolean {
  if (!w || !("minClouds" in w)) return true;
  return keys.size >= w.minRegions && new Set([...keys].map((k) => k.slice(0, k.indexOf(":")))).size >= w.minClouds;
}

/** The spec with link `l` allowing `ms` round trips. */
function withLink(spec: NormalizedSpec, l: NormalizedLink, ms: number): NormalizedSpec {
  return { ...spec, links: spec.links.map((x) => (x === l ? { ...x, latency: { kind: "rtt" as const, maxRttMs: ms } } : x)) };
}

/** The spec with service `name` changed by `patch`. */
function withService(spec: NormalizedSpec, name: string, patch: (s: NormalizedService) => Partial<NormalizedService>): NormalizedSpec {
  return { ...spec, services: spec.services.map((x) => (x.name === name ? { ...x, ...patch(x) } : x)) };
}

/** Solves the diagnosis may spend confirming its figures, at most (each up to 5 s, usually far less). */
const CONFIRM_SOLVES = 24;
/**
 * Workloads (services, buckets, databases) above which no figure is confirmed: each solve builds
 * the spec's whole model, which larger specs only build in parts (optimizer/decompose.ts).
 */
const CONFIRM_UP_TO_WORKLOADS = 60;

/**
 * Confirms a fix's figure with the solver. The catalog's round trips give the least figure no
 * plan can do with less (latency propagation, a cover of user points is a necessary condition);
 * other requirements (a bucket in one region for all of its callers, a spread over clouds) may
 * ask for more, so the least figure the solver finds feasible is named, within CONFIRM_SOLVES.
 */
class Confirm {
  private solves = 0;
  private readonly enabled: boolean;
  constructor(
    spec: NormalizedSpec,
    private readonly isFeasible: (s: NormalizedSpec) => Promise<boolean>,
  ) {
    this.enabled = spec.services.length + spec.buckets.length + (spec.databases?.length ?? 0) <= CONFIRM_UP_TO_WORKLOADS;
  }

  /**
   * The least of `steps` (ascending from the least the round trips allow; a larger figure only
   * allows more) whose spec `make` builds is feasible (`sure`); the first, not sure, when no solve
   * is left for it; undefined when the solver finds none feasible.
   */
  async least(steps: readonly number[], make: (v: number) => NormalizedSpec): Promise<{ value: number; sure: boolean } | undefined> {
    if (steps.length === 0) return undefined;
    const unsure = { value: steps[0], sure: false };
    const ok = async (v: number) => {
      if (!this.enabled || this.solves >= CONFIRM_SOLVES) throw unsure;
      this.solves++;
      return this.isFeasible(make(v));
    };
    try {
      if (await ok(steps[0])) return { value: steps[0], sure: true };
      if (steps.length === 1 || !(await ok(steps[steps.length - 1]))) return undefined;
      let lo = 1;
      let hi = steps.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (await ok(steps[mid])) hi = mid;
        else lo = mid + 1;
      }
      return { value: steps[lo], sure: true };
    } catch (e) {
      if (e === unsure) return unsure;
      throw e;
    }
  }
}

/** A figure in a fix: "87", or "at least 75" when the solver did not confirm it. */
const figure = (x: { value: number; sure: boolean }) => (x.sure ? `${x.value}` : `at least ${x.value}`);

/** Links whose new maxRttMs chainConflict names as a fix, at most. */
const CHAIN_FIXES = 3;

/**
 * Links in a chain beyond which chainConflict searches no new maxRttMs: each step of the search
 * propagates the whole chain's latency again.
 */
const CHAIN_SEARCH_LINKS = 12;

/** The latency links that join `names` to other workloads, as far as they reach, with the workloads they join. */
function latencyPart(spec: NormalizedSpec, regions: ReadonlyMap<string, readonly string[]>, names: Iterable<string>): { part: Set<string>; links: NormalizedLink[] } {
  const part = new Set(names);
  for (let grew = true; grew; ) {
    grew = false;
    for (const l of spec.links)
      if (l.latency && regions.has(l.from) && regions.has(l.to) && part.has(l.from) !== part.has(l.to)) {
        part.add(l.from).add(l.to);
        grew = true;
      }
  }
  return { part, links: spec.links.filter((l) => l.latency && part.has(l.from) && part.has(l.to)) };
}

/** A link's latency requirement in a list of requirements: "same continent" or "maxRttMs 20". */
const setting = (l: NormalizedLink) => (l.latency!.kind === "continent" ? "same continent" : `maxRttMs ${l.latency!.maxRttMs}`);

/**
 * Per link of `links` (at most CHAIN_SEARCH_LINKS of them, else none), the least maxRttMs that,
 * set on it alone, makes `ok` hold of the regions latency propagation leaves the workloads of
 * `only` (each workload's allowed regions), least first, with the round trips from it up (`steps`,
 * for Confirm): a bisection over the round trips between the link's two ends, as a longer round
 * trip only leaves more regions.
 */
function leastMaxRtt(
  spec: NormalizedSpec,
  catalog: Catalog,
  links: readonly NormalizedLink[],
  only: ReadonlyMap<string, readonly string[]>,
  ok: (left: ReadonlyMap<string, ReadonlySet<string>>) => boolean,
): { l: NormalizedLink; ms: number; steps: readonly number[] }[] {
  const holds = (l: NormalizedLink, ms: number) =>
    ok(latencyFeasibleRegions({ ...spec, links: links.map((x) => (x === l ? { ...x, latency: { kind: "rtt" as const, maxRttMs: ms } } : x)) }, catalog, only));
  const m = latencyMatrix(catalog);
  const raised: { l: NormalizedLink; ms: number; steps: readonly number[] }[] = [];
  for (const l of links.length <= CHAIN_SEARCH_LINKS ? links : []) {
    // The round trips between the two ends' regions, above what the link allows now.
    const now = l.latency!.kind === "rtt" ? l.latency!.maxRttMs : -Infinity;
    const steps = [...new Set((only.get(l.from) ?? []).flatMap((a) => (only.get(l.to) ?? []).map((b) => Math.ceil(m.rtt(a, b)))))]
      .filter((ms) => ms > now)
      .sort((a, b) => a - b);
    if (steps.length === 0 || !holds(l, steps[steps.length - 1])) continue;
    let lo = 0;
    let hi = steps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (holds(l, steps[mid])) hi = mid;
      else lo = mid + 1;
    }
    raised.push({ l, ms: steps[lo], steps: steps.slice(lo) });
  }
  return raised.sort((a, b) => a.ms - b.ms || (linkLabel(a.l) < linkLabel(b.l) ? -1 : 1));
}

/**
 * The fix that raises one link's maxRttMs, for up to CHAIN_FIXES of `raised`, each figure the
 * least the solver confirms (links it confirms none for are left out); "" when none.
 */
async function raiseOne(spec: NormalizedSpec, confirm: Confirm, raised: readonly { l: NormalizedLink; steps: readonly number[] }[], what: string): Promise<string> {
  const found: { l: NormalizedLink; ms: { value: number; sure: boolean } }[] = [];
  for (const r of raised) {
    if (found.length >= CHAIN_FIXES) break;
    const ms = await confirm.least(r.steps, (v) => withLink(spec, r.l, v));
    if (ms) found.push({ l: r.l, ms });
  }
  found.sort((x, y) => x.ms.value - y.ms.value || (linkLabel(x.l) < linkLabel(y.l) ? -1 : 1));
  const each = found.map((x) => `maxRttMs: ${figure(x.ms)} on the link ${x.l.from} -> ${x.l.to}`);
  if (each.length === 0) return "";
  return `set ${each.join(", or ")} (${each.length > 1 ? "any one of these alone" : "that alone"} ${what})`;
}

/** The workloads of `names` whose residency, regions or clouds limit where they may run, with those limits. */
function limitedOf(names: Iterable<string>, byName: ReadonlyMap<string, NormalizedService | NormalizedBucket>): { n: string; lim: string }[] {
  return [...names]
    .sort()
    .map((n) => ({ n, lim: byName.get(n) ? limits(byName.get(n)!) : "" }))
    .filter((x) => x.lim);
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The fixes of a service with too few replicas for its user points (tooFewReplicas): as many
 * replicas as its cover has regions, or a longer round trip, each figure the least the solver
 * confirms ("at least …" when it confirms none).
 */
async function userFixes(spec: NormalizedSpec, confirm: Confirm, s: NormalizedService, short: { cover: readonly string[]; maxRttMs?: readonly number[] }): Promise<string> {
  const k = short.cover.length;
  const replicas = await confirm.least([k, k + 1, k + 2], (v) => withService(spec, s.name, () => ({ replicas: v })));
  const rtt = short.maxRttMs ? await confirm.least(short.maxRttMs, (v) => withService(spec, s.name, (x) => ({ latency: { ...x.latency!, maxRttMs: v } }))) : undefined;
  const one = s.replicas === 1 ? "region does" : "regions do";
  return (
    `raise services.${s.name}.replicas to ${figure(replicas ?? { value: k, sure: false })}` +
    (short.maxRttMs ? `, or services.${s.name}.latency.maxRttMs to ${figure(rtt ?? { value: short.maxRttMs[0], sure: false })} (with which ${s.replicas} ${one})` : "")
  );
}

/**
 * The fix of a user round trip the links put out of reach: the least maxRttMs the solver confirms,
 * from the nearest region's `ms` up over the round trips from the service's own regions
 * (`keys`) to its user points ("at least …" when it confirms none).
 */
async function farFix(spec: NormalizedSpec, catalog: Catalog, confirm: Confirm, s: NormalizedService, keys: readonly string[], ms: number): Promise<string> {
  const m = latencyMatrix(catalog);
  const from = Math.ceil(ms);
  const steps = [...new Set([from, ...keys.flatMap((k) => userPoints(s).map((p) => Math.ceil(m.rtt(k, p))))])].filter((x) => x >= from).sort((a, b) => a - b);
  const v = await confirm.least(steps, (x) => withService(spec, s.name, (w) => ({ latency: { ...w.latency!, maxRttMs: x } })));
  return `raise services.${s.name}.latency.maxRttMs to ${figure(v ?? { value: from, sure: false })}`;
}

/**
 * No single link explains it: a chain of links does, each end near the next but no region of some
 * workload near all of its peers at once. Named with the links and what limits where the
 * workloads along them may run; the fixes are the least maxRttMs that, set on one of those links
 * alone, leaves every workload regions near its peers in as many clouds as its availability asks
 * (leastMaxRtt), and relaxing those limits.
 */
async function chainConflict(
  spec: NormalizedSpec,
  catalog: Catalog,
  regions: ReadonlyMap<string, readonly string[]>,
  left: ReadonlyMap<string, ReadonlySet<string>>,
  byName: ReadonlyMap<string, NormalizedService | NormalizedBucket>,
  confirm: Confirm,
): Promise<Conflict> {
  const lost = [...left].filter(([, v]) => v.size === 0).map(([k]) => k).sort();
  const { part, links } = latencyPart(spec, regions, lost);
  const limited = limitedOf(part, byName);
  const only = new Map([...part].map((n) => [n, regions.get(n) ?? []]));
  const raised = leastMaxRtt(spec, catalog, links, only, (l) => [...l].every(([n, v]) => v.size > 0 && spreads(byName.get(n), v)));
  const linkList = links.map((l) => `${l.from} -> ${l.to} (${setting(l)})`).join(", ");
  const limitList = limited.map((x) => `${kind(spec, x.n)}.${x.n} may only run where ${x.lim} allows`).join("; ");
  const relax = limited.length > 0 ? `relax ${limited.map((x) => `${x.n}'s ${x.lim}`).join(" or ")}` : "widen where they may run";
  const raise = await raiseOne(spec, confirm, raised, "lets every workload run near its peers");
  return {
    workloads: lost,
    requirements: [...links.map((l) => `${linkLabel(l)}: ${setting(l)}`), ...limited.map((x) => `${x.n}: ${x.lim}`)],
    explanation:
      `No region of ${lost.join(", ")} is near enough to all of its linked workloads at once: the links ${linkList} chain them together` +
      `${limitList ? `; ${limitList}` : ""}.`,
    fixes: [`${capitalized(raise || "set a larger maxRttMs on the links between them")}, or ${relax} so that they may share a continent.`],
  };
}

/**
 * A user-facing service that its links keep away from its users: the regions latency propagation
 * leaves it (its linked workloads' limits, through links that must hold wherever it runs) are too
 * far from a user point, or too far apart for its replicas to be near every one. Named with the
 * user requirement, the links and the limits along them; the fixes: a longer round trip for its
 * users (or more replicas), the least maxRttMs on one link that leaves it regions its replicas
 * can serve every user point from (leastMaxRtt), or relaxing those limits.
 */
async function usersAfterLinks(
  spec: NormalizedSpec,
  catalog: Catalog,
  regions: ReadonlyMap<string, readonly string[]>,
  left: ReadonlyMap<string, ReadonlySet<string>>,
  byName: ReadonlyMap<string, NormalizedService | NormalizedBucket>,
  confirm: Confirm,
): Promise<Conflict[]> {
  const out: Conflict[] = [];
  for (const s of spec.services) {
    const mine = left.get(s.name);
    if (!s.latency || !mine) continue;
    const points = userPoints(s);
    const far = s.latency.from.map((place) => ({ place, worst: farthestUnserved(catalog, s.latency!.maxRttMs, place.points, mine) })).find((x) => x.worst);
    const short = far ? undefined : tooFewReplicas(catalog, s, [...mine]);
    if (!far && !short) continue;
    const { part, links } = latencyPart(spec, regions, [s.name]);
    const limited = limitedOf(part, byName).filter((x) => x.n !== s.name);
    const only = new Map([...part].map((n) => [n, regions.get(n) ?? []]));
    const served = (l: ReadonlyMap<string, ReadonlySet<string>>) =>
      [...l].every(([n, v]) => v.size > 0 && spreads(byName.get(n), v)) && fewestRegionsNear(catalog, s.latency!.maxRttMs, points, l.get(s.name) ?? [], s.replicas) !== undefined;
    const raise = await raiseOne(spec, confirm, leastMaxRtt(spec, catalog, links, only, served), "leaves it regions its replicas can serve them all from");
    const limitList = limited.map((x) => `${kind(spec, x.n)}.${x.n} may only run where ${x.lim} allows`).join("; ");
    const why = `the links ${links.map((l) => `${l.from} -> ${l.to} (${setting(l)})`).join(", ")} keep it near its linked workloads${limitList ? `, and ${limitList}` : ""}`;
    const rest = `${raise ? `, or ${raise}` : ""}${limited.length > 0 ? `, or relax ${limited.map((x) => `${x.n}'s ${x.lim}`).join(" or ")}` : ""}.`;
    out.push({
      workloads: [...part].sort(),
      requirements: [
        `${s.name}: latency.maxRttMs ${s.latency.maxRttMs} from ${far ? far.place.name : places(s)}`,
        ...(short ? [`${s.name}: replicas ${s.replicas}`] : []),
        ...links.map((l) => `${linkLabel(l)}: ${setting(l)}`),
        ...limited.map((x) => `${x.n}: ${x.lim}`),
      ],
      explanation: far
        ? `services.${s.name} must have a replica within ${s.latency.maxRttMs} ms of its users in ${far.place.name}, but ${why}: ` +
          `the nearest region it may use to ${far.worst!.point} is ${far.worst!.key} at ${far.worst!.ms} ms.`
        : `services.${s.name} must have a replica within ${s.latency.maxRttMs} ms of every one of its user locations (${places(s)}), but ${why}: ` +
          `from the regions that leaves it, that takes at least ${short!.cover.length} (such as ${short!.cover.join(", ")}), and it runs ${s.replicas} ${s.replicas === 1 ? "replica" : "replicas"}.`,
      fixes: [`${capitalized(far ? await farFix(spec, catalog, confirm, s, regions.get(s.name) ?? [], far.worst!.ms) : await userFixes(spec, confirm, s, short!))}${rest}`],
    });
  }
  return out;
}
