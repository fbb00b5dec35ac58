// Infeasibility diagnosis of latency requirements, on the catalog's round trips: a user-facing
// service whose allowed regions are all too far from a user location, or too far apart for its
// replicas to be near every one; a link whose two ends may not run near each other (their
// residency, clouds or regions keep them apart); a chain of links no region meets all of at once;
// and a service its links keep away from its users. Each is named with the requirements that
// clash and the smallest change that resolves it; the figures found on the round trips alone
// (lower bounds: no plan does with less) are then checked with the solver (Confirm).

import type { Catalog } from "./catalog";
import type { RegionFit } from "./diagnose-workload";
import type { Conflict } from "./errors";
import { latencyFeasibleRegions } from "./ilp-latency";
import { latencyMatrix } from "./latency/matrix";
import { continentOf, fewestRegionsNear, linkLabel, linkName, linkNear, linkRequirement, nearest } from "./latency/requirements";
import { subSpec, workloadCount, type NormalizedBucket, type NormalizedLink, type NormalizedService, type NormalizedSpec } from "./spec";

/** What may limit where a workload runs: a service, a bucket or a database. */
export type Limited = Pick<NormalizedService, "residency" | "regions" | "clouds">;

/** What limits where a workload may run, in words ("residency EU", "clouds aws"), or "". */
export function limits(w: Limited): string {
  const parts = [
    ...(w.residency.length > 0 ? [`residency ${w.residency.join(", ")}`] : []),
    ...(w.regions.length > 0 ? [`regions ${w.regions.join(", ")}`] : []),
    ...(w.clouds.length < 3 ? [`clouds ${w.clouds.join(", ")}`] : []),
  ];
  return parts.join(", ");
}

const kind = (spec: NormalizedSpec, name: string) => (spec.services.some((s) => s.name === name) ? "services" : "buckets");

/** Whether a spec has a plan: one was found, none can be (proven), or neither is known. */
export type Feasibility = "feasible" | "infeasible" | "unknown";

/**
 * Latency requirements no placement can meet, given where each workload may run (`fits`). The
 * figures of fixes found on the catalog's round trips (a user round trip, replicas, a link's
 * maxRttMs) are checked with `feasibility` when given (Confirm).
 */
export async function latencyConflicts(
  spec: NormalizedSpec,
  catalog: Catalog,
  fits: ReadonlyMap<string, readonly RegionFit[]>,
  feasibility?: (s: NormalizedSpec) => Promise<Feasibility>,
): Promise<Conflict[]> {
  const out: Conflict[] = [];
  const confirm = new Confirm(feasibility);
  const byName = new Map<string, NormalizedService | NormalizedBucket>([...spec.services, ...spec.buckets].map((w) => [w.name, w]));
  for (const s of spec.services) {
    const f = fits.get(s.name);
    if (!s.latency || !f) continue;
    const short = tooFewReplicas(catalog, s, f.map((r) => r.key));
    if (short) {
      const lim = limits(s);
      out.push({
        workloads: [s.name],
        requirements: [`latency.maxRttMs ${s.latency.maxRttMs} from ${places(s)}`, `replicas ${s.replicas}`, ...(lim ? [lim] : [])],
        explanation:
          `services.${s.name} must have a replica within ${s.latency.maxRttMs} ms of every one of its user locations (${places(s)}), which takes ` +
          `${regionCount(short, s)}${lim ? ` where ${lim} allows` : ""}, but it runs ${replicasOf(s)}.`,
        fixes: [`${capitalized([...(await userFixes(subSpec(spec, new Set([s.name])), confirm, s, short)), `serve fewer locations from services.${s.name}.latency.from`].join(", or "))}.`],
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
  const scope: Propagated = { spec, catalog, regions, left, byName, confirm };
  if (![...left.values()].some((v) => v.size === 0)) return out.length > 0 ? out : usersAfterLinks(scope);
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
      requirements: [`${linkLabel(l, spec.links)}: ${setting}`, ...(la ? [`${l.from}: ${la}`] : []), ...(lb ? [`${l.to}: ${lb}`] : [])],
      explanation:
        `${linkLabel(l, spec.links)} requires ${l.from} to run ${linkRequirement(l.latency, l.to)}, but ${where(l.from, la, best.x)} and ` +
        `${where(l.to, lb, best.y)}: the nearest pair is ${best.ms} ms apart.`,
      fixes: [
        `Set maxRttMs: ${Math.ceil(best.ms)} on the link ${linkName(l, spec.links)} (or higher), or relax ${la && lb ? `${l.from}'s ${la} or ${l.to}'s ${lb}` : la ? `${l.from}'s ${la}` : lb ? `${l.to}'s ${lb}` : "where the two may run"} so that both may run on one continent.`,
      ],
    });
  }
  if (out.length === 0) out.push(...(await chainConflicts(scope)));
  return out;
}

/**
 * Of a place's user points, the one farthest from every region in `keys`, with its nearest region
 * and round trip, when that is beyond `maxRttMs` (undefined when every point has a region near).
 */
function farthestUnserved(catalog: Catalog, maxRttMs: number, points: readonly string[], keys: Iterable<string>): { point: string; key: string; ms: number } | undefined {
  const list = [...keys];
  let worst: { point: string; key: string; ms: number } | undefined;
  for (const point of points) {
    const best = nearest(catalog, point, list);
    if (best && best.ms > maxRttMs + 1e-9 && (!worst || best.ms > worst.ms)) worst = { point, ...best };
  }
  return worst;
}

/** A service's user locations in words: "US, DE". */
export const places = (s: NormalizedService) => (s.latency?.from ?? []).map((p) => p.name).join(", ");

/** Every user point of a service. */
const userPoints = (s: NormalizedService) => (s.latency?.from ?? []).flatMap((p) => p.points);

/** "2 replicas", "1 replica". */
const replicasOf = (s: NormalizedService) => `${s.replicas} ${s.replicas === 1 ? "replica" : "replicas"}`;

/** A service whose replicas are too few to be near every user point (tooFewReplicas). */
interface TooFew {
  /** The fewest regions near every point found: the fewest when `fewest`, else more than the replicas. */
  readonly cover: readonly string[];
  readonly fewest: boolean;
  /** Round trips from the least with which as many regions as the replicas can be near every point, up. */
  readonly maxRttMs?: readonly number[];
}

/** "at least 3 regions (such as …)", or "more than 2 regions (such as these 4: …)" when the cover may not be the fewest. */
const regionCount = (t: TooFew, s: NormalizedService) =>
  t.fewest ? `at least ${t.cover.length} regions (such as ${t.cover.join(", ")})` : `more than ${s.replicas} regions (such as these ${t.cover.length}: ${t.cover.join(", ")})`;

/**
 * When a service's replicas are proven too few to be near every user point from regions `keys`,
 * though each point has a region near: the regions that are (TooFew). Undefined otherwise.
 */
function tooFewReplicas(catalog: Catalog, s: NormalizedService, keys: readonly string[]): TooFew | undefined {
  if (!s.latency) return undefined;
  const points = userPoints(s);
  // A point each is always enough, when each has a region near.
  if (s.replicas >= new Set(points).size) return undefined;
  const few = fewestRegionsNear(catalog, s.latency.maxRttMs, points, keys, s.replicas, true);
  if (few.cover || !few.exhaustive) return undefined;
  const all = fewestRegionsNear(catalog, s.latency.maxRttMs, points, keys, points.length);
  if (!all.cover) return undefined; // a point with no region near: named on its own
  const m = latencyMatrix(catalog);
  const steps = [...new Set(keys.flatMap((k) => points.map((p) => Math.ceil(m.rtt(k, p)))))].filter((ms) => ms > s.latency!.maxRttMs).sort((a, b) => a - b);
  const out = { cover: all.cover, fewest: all.exhaustive };
  const lo = leastThat(steps, (ms) => servable(catalog, s, ms, keys));
  return lo < 0 ? out : { ...out, maxRttMs: steps.slice(lo) };
}

/**
 * The index of the least of `steps` (ascending) for which `ok` holds, where it holds of every
 * step above one it holds of: a bisection; -1 when it does not hold of the last.
 */
function leastThat(steps: readonly number[], ok: (step: number) => boolean): number {
  if (steps.length === 0 || !ok(steps[steps.length - 1])) return -1;
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ok(steps[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Whether a service's replicas may be near every one of its user points from regions `keys` at
 * round trip `maxRttMs`: false only when proven (a cover search cut short counts as true).
 */
function servable(catalog: Catalog, s: NormalizedService, maxRttMs: number, keys: Iterable<string>): boolean {
  const r = fewestRegionsNear(catalog, maxRttMs, userPoints(s), keys, s.replicas, true);
  return r.cover !== undefined || !r.exhaustive;
}

/** Whether regions `keys` (some) give a service as many regions and clouds as its availability asks; a bucket, true. */
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
 * Workloads (services, buckets, databases) of a conflict's own spec (subSpec) above which its
 * figures are not confirmed: each check builds that spec's model whole (larger specs are solved
 * in parts, optimizer/decompose.ts). The spec around it may be of any size.
 */
const CONFIRM_UP_TO_WORKLOADS = 60;

/**
 * A fix's figure: confirmed by the solver ("sure"), a lower bound it could not check ("unsure":
 * the solves ran out, or one could not tell), or none of those tried works ("refuted").
 */
type Figure = { readonly kind: "sure" | "unsure"; readonly value: number } | { readonly kind: "refuted" };

/** A figure in a fix: "87", "at least 75"; undefined when refuted (the fix is left out). */
const figure = (f: Figure): string | undefined => (f.kind === "sure" ? `${f.value}` : f.kind === "unsure" ? `at least ${f.value}` : undefined);

/**
 * Checks a fix's figure with the solver. The catalog's round trips give the least figure no plan
 * can do with less (latency propagation and a cover of the user points are necessary
 * conditions); other requirements (a bucket in one region for all of its callers, a spread over
 * clouds) may ask for more, so the least figure the solver finds a plan with is named, within
 * CONFIRM_SOLVES. Only a plan found confirms; only a proof refutes; anything else (no time left,
 * no solves left, a solver error) leaves the figure a lower bound.
 */
class Confirm {
  private solves = 0;
  constructor(private readonly feasibility?: (s: NormalizedSpec) => Promise<Feasibility>) {}

  private async ask(s: NormalizedSpec): Promise<Feasibility> {
    if (!this.feasibility || this.solves >= CONFIRM_SOLVES || workloadCount(s) > CONFIRM_UP_TO_WORKLOADS) return "unknown";
    this.solves++;
    try {
      return await this.feasibility(s);
    } catch {
      return "unknown";
    }
  }

  /**
   * The least of `steps` (ascending from the least the round trips allow) whose spec `make`
   * builds has a plan, where a larger step only allows more (a round trip): the least first, then
   * the largest (when it has none, none has), then a bisection.
   */
  async least(steps: readonly number[], make: (v: number) => NormalizedSpec): Promise<Figure> {
    if (steps.length === 0) return { kind: "refuted" };
    const first = await this.ask(make(steps[0]));
    if (first !== "infeasible") return { kind: first === "feasible" ? "sure" : "unsure", value: steps[0] };
    // Every step below `lo` is refuted.
    let lo = 1;
    let hi = steps.length - 1;
    if (lo > hi) return { kind: "refuted" };
    const last = await this.ask(make(steps[hi]));
    if (last === "infeasible") return { kind: "refuted" };
    if (last === "unknown") return { kind: "unsure", value: steps[lo] };
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const a = await this.ask(make(steps[mid]));
      if (a === "unknown") return { kind: "unsure", value: steps[lo] };
      if (a === "feasible") hi = mid;
      else lo = mid + 1;
    }
    return { kind: "sure", value: steps[lo] };
  }

  /** The first of `values` whose spec has a plan, in order, where a larger one need not allow more (replicas). */
  async first(values: readonly number[], make: (v: number) => NormalizedSpec): Promise<Figure> {
    for (const v of values) {
      const a = await this.ask(make(v));
      if (a !== "infeasible") return { kind: a === "feasible" ? "sure" : "unsure", value: v };
    }
    return { kind: "refuted" };
  }
}

/** Links whose new maxRttMs a fix names, at most. */
const CHAIN_FIXES = 3;
/**
 * Links in a chain beyond which no new maxRttMs is searched: each step of the search propagates
 * the whole chain's latency again.
 */
const CHAIN_SEARCH_LINKS = 12;

/**
 * The latency links that join `names` to other workloads, as far as they reach (links of a
 * workload to itself left out), with the workloads they join and those workloads' regions.
 */
function latencyPart(
  spec: NormalizedSpec,
  regions: ReadonlyMap<string, readonly string[]>,
  names: Iterable<string>,
): { part: Set<string>; links: NormalizedLink[]; only: Map<string, readonly string[]> } {
  const joins = (l: NormalizedLink) => l.latency !== undefined && l.from !== l.to && regions.has(l.from) && regions.has(l.to);
  const part = new Set(names);
  for (let grew = true; grew; ) {
    grew = false;
    for (const l of spec.links)
      if (joins(l) && part.has(l.from) !== part.has(l.to)) {
        part.add(l.from).add(l.to);
        grew = true;
      }
  }
  return { part, links: spec.links.filter((l) => joins(l) && part.has(l.from)), only: new Map([...part].map((n) => [n, regions.get(n) ?? []])) };
}

/** A link's latency requirement in a list of requirements: "same continent" or "maxRttMs 20". */
const settingOf = (l: NormalizedLink) => (l.latency!.kind === "continent" ? "same continent" : `maxRttMs ${l.latency!.maxRttMs}`);

/** Links in words: "api -> store (same continent), web -> api (maxRttMs 20)"; `all` tells which need their port. */
export const linkList = (links: readonly NormalizedLink[], all: readonly NormalizedLink[] = links) => links.map((l) => `${linkName(l, all)} (${settingOf(l)})`).join(", ");

/**
 * What limits where workloads may run (limitedOf), in words: as a clause ("services.web may only
 * run where residency US allows; …") and as what to relax ("web's residency US or …").
 */
function limitWords(spec: NormalizedSpec, limited: readonly { n: string; lim: string }[]): { where: string; relax: string } {
  return {
    where: limited.map((x) => `${kind(spec, x.n)}.${x.n} may only run where ${x.lim} allows`).join("; "),
    relax: limited.map((x) => `${x.n}'s ${x.lim}`).join(" or "),
  };
}

/** Orders links by label, ties kept (two links of one pair on different ports). */
const byLabel = (a: NormalizedLink, b: NormalizedLink) => (linkLabel(a) < linkLabel(b) ? -1 : linkLabel(a) > linkLabel(b) ? 1 : 0);

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
  const holds = (l: NormalizedLink, ms: number) => ok(latencyFeasibleRegions(withLink({ ...spec, links: [...links] }, l, ms), catalog, only));
  const m = latencyMatrix(catalog);
  const raised: { l: NormalizedLink; ms: number; steps: readonly number[] }[] = [];
  for (const l of links.length <= CHAIN_SEARCH_LINKS ? links : []) {
    // The round trips between the two ends' regions, above what the link allows now.
    const now = l.latency!.kind === "rtt" ? l.latency!.maxRttMs : -Infinity;
    const steps = [...new Set((only.get(l.from) ?? []).flatMap((a) => (only.get(l.to) ?? []).map((b) => Math.ceil(m.rtt(a, b)))))]
      .filter((ms) => ms > now)
      .sort((a, b) => a - b);
    const lo = leastThat(steps, (ms) => holds(l, ms));
    if (lo >= 0) raised.push({ l, ms: steps[lo], steps: steps.slice(lo) });
  }
  return raised.sort((a, b) => a.ms - b.ms || byLabel(a.l, b.l));
}

/**
 * The fix that raises one link's maxRttMs, for up to CHAIN_FIXES of `raised` (in their order),
 * each figure the least the solver confirms (links for which it refutes every one are left out);
 * undefined when none is left. `what`: what any one of them does alone.
 */
async function raiseOne(spec: NormalizedSpec, confirm: Confirm, raised: readonly { l: NormalizedLink; steps: readonly number[] }[], what: string): Promise<string | undefined> {
  const found: { l: NormalizedLink; f: Figure & { kind: "sure" | "unsure" } }[] = [];
  // Links whose every figure is refuted count too: a long chain does not spend every solve.
  for (const r of raised.slice(0, 2 * CHAIN_FIXES)) {
    if (found.length >= CHAIN_FIXES) break;
    const f = await confirm.least(r.steps, (v) => withLink(spec, r.l, v));
    if (f.kind !== "refuted") found.push({ l: r.l, f });
  }
  if (found.length === 0) return undefined;
  found.sort((a, b) => a.f.value - b.f.value || byLabel(a.l, b.l));
  const each = found.map((x) => `maxRttMs: ${figure(x.f)} on the link ${linkName(x.l, spec.links)}`);
  const sure = found.every((x) => x.f.kind === "sure");
  // Figures the solver could not check read "at least …", and what one of them does is not claimed.
  return `set ${each.join(", or ")}${sure ? ` (${each.length > 1 ? "any one of these alone" : "that alone"} ${what})` : ""}`;
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
 * The fixes of a service with too few replicas for its user points (TooFew): as many replicas as
 * its cover has regions (or the next counts: with maxSharePerCloud, a count may need more clouds
 * than the next), or a longer round trip; each figure the least the solver confirms, a lower
 * bound when it cannot tell, left out when it refutes every one tried. `spec`: cut to the
 * conflict's workloads (subSpec), so that another conflict of the spec does not refute them.
 */
async function userFixes(spec: NormalizedSpec, confirm: Confirm, s: NormalizedService, short: TooFew): Promise<string[]> {
  const k = short.fewest ? short.cover.length : s.replicas + 1;
  // With a cover that may not be the fewest, its size is tried too: on the round trips it does.
  const counts = [...new Set([k, k + 1, k + 2, short.cover.length])].sort((a, b) => a - b);
  const replicas = figure(await confirm.first(counts, (v) => withService(spec, s.name, () => ({ replicas: v }))));
  const rtt = short.maxRttMs ? await confirm.least(short.maxRttMs, (v) => withService(spec, s.name, (x) => ({ latency: { ...x.latency!, maxRttMs: v } }))) : undefined;
  const regions = s.replicas === 1 ? "region does" : "regions do";
  return [
    ...(replicas ? [`raise services.${s.name}.replicas to ${replicas}`] : []),
    ...(rtt && rtt.kind !== "refuted" ? [`raise services.${s.name}.latency.maxRttMs to ${figure(rtt)}${rtt.kind === "sure" ? ` (with which ${s.replicas} ${regions})` : ""}`] : []),
  ];
}

/**
 * The fix of a user round trip the links put out of reach: the least maxRttMs the solver
 * confirms, from the nearest region's `ms` up over the round trips from the service's own regions
 * (`keys`) to its user points; undefined when it refutes every one.
 */
async function farFix(spec: NormalizedSpec, catalog: Catalog, confirm: Confirm, s: NormalizedService, keys: readonly string[], ms: number): Promise<string | undefined> {
  const m = latencyMatrix(catalog);
  const from = Math.ceil(ms);
  const steps = [...new Set([from, ...keys.flatMap((k) => userPoints(s).map((p) => Math.ceil(m.rtt(k, p))))])].filter((x) => x >= from).sort((a, b) => a - b);
  const v = figure(await confirm.least(steps, (x) => withService(spec, s.name, (w) => ({ latency: { ...w.latency!, maxRttMs: x } }))));
  return v ? `raise services.${s.name}.latency.maxRttMs to ${v}` : undefined;
}

/** What the diagnosis of chains and of users after links works from: latency propagated over the spec. */
interface Propagated {
  readonly spec: NormalizedSpec;
  readonly catalog: Catalog;
  /** Each workload's allowed regions. */
  readonly regions: ReadonlyMap<string, readonly string[]>;
  /** What latency propagation leaves of them. */
  readonly left: ReadonlyMap<string, ReadonlySet<string>>;
  readonly byName: ReadonlyMap<string, NormalizedService | NormalizedBucket>;
  readonly confirm: Confirm;
}

/**
 * No single link explains it: chains of links do, each end near the next but no region of some
 * workload near all of its peers at once. One conflict per set of workloads latency links join
 * that has such workloads, named with the links and what limits where the workloads along them
 * may run; the fixes are the least maxRttMs that, set on one of those links alone, leaves every
 * workload regions near its peers in as many clouds as its availability asks (leastMaxRtt, then
 * Confirm), and relaxing those limits.
 */
async function chainConflicts(scope: Propagated): Promise<Conflict[]> {
  const { spec, catalog, regions, left, byName, confirm } = scope;
  const out: Conflict[] = [];
  const done = new Set<string>();
  for (const w of [...left].filter(([, v]) => v.size === 0).map(([k]) => k).sort()) {
    if (done.has(w)) continue;
    const { part, links, only } = latencyPart(spec, regions, [w]);
    for (const n of part) done.add(n);
    const lost = [...part].filter((n) => left.get(n)?.size === 0).sort();
    const limited = limitedOf(part, byName);
    const words = limitWords(spec, limited);
    const raised = leastMaxRtt(spec, catalog, links, only, (l) => [...l].every(([n, v]) => v.size > 0 && spreads(byName.get(n), v)));
    const raise = await raiseOne(subSpec(spec, part), confirm, raised, "lets every workload run near its peers");
    out.push({
      workloads: lost,
      requirements: [...links.map((l) => `${linkLabel(l, spec.links)}: ${settingOf(l)}`), ...limited.map((x) => `${x.n}: ${x.lim}`)],
      explanation:
        `No region of ${lost.join(", ")} is near enough to all of its linked workloads at once: the links ${linkList(links, spec.links)} chain them together` +
        `${words.where ? `; ${words.where}` : ""}.`,
      fixes: [`${capitalized(raise ?? "set a larger maxRttMs on the links between them")}, or ${words.relax ? `relax ${words.relax}` : "widen where they may run"} so that they may share a continent.`],
    });
  }
  return out;
}

/**
 * A user-facing service that its links keep away from its users: the regions latency propagation
 * leaves it (its linked workloads' limits, through links that must hold wherever it runs) are too
 * far from a user point, or too far apart for its replicas to be near every one. Named with the
 * user requirement, the links and the limits along them; the fixes: a longer round trip for its
 * users (or more replicas), the least maxRttMs on one link that leaves it regions its replicas
 * can be near every user point from (leastMaxRtt, then Confirm), or relaxing those limits.
 */
async function usersAfterLinks(scope: Propagated): Promise<Conflict[]> {
  const { spec, catalog, regions, left, byName, confirm } = scope;
  const out: Conflict[] = [];
  for (const s of spec.services) {
    const mine = left.get(s.name);
    if (!s.latency || !mine) continue;
    const far = s.latency.from.map((place) => ({ place, worst: farthestUnserved(catalog, s.latency!.maxRttMs, place.points, mine) })).find((x) => x.worst);
    const short = far ? undefined : tooFewReplicas(catalog, s, [...mine]);
    if (!far && !short) continue;
    const { part, links, only } = latencyPart(spec, regions, [s.name]);
    const limited = limitedOf(part, byName).filter((x) => x.n !== s.name);
    const words = limitWords(spec, limited);
    const served = (l: ReadonlyMap<string, ReadonlySet<string>>) =>
      [...l].every(([n, v]) => v.size > 0 && spreads(byName.get(n), v)) && servable(catalog, s, s.latency!.maxRttMs, l.get(s.name) ?? []);
    const mended = subSpec(spec, part);
    const raise = await raiseOne(mended, confirm, leastMaxRtt(spec, catalog, links, only, served), `leaves ${s.name} regions near every user location`);
    const why = `the links ${linkList(links, spec.links)} keep it near its linked workloads${words.where ? `, and ${words.where}` : ""}`;
    const own = far ? [await farFix(mended, catalog, confirm, s, regions.get(s.name) ?? [], far.worst!.ms)] : await userFixes(mended, confirm, s, short!);
    const fixes = [...own.filter((x): x is string => x !== undefined), ...(raise ? [raise] : []), ...(words.relax ? [`relax ${words.relax}`] : [])];
    out.push({
      workloads: [...part].sort(),
      requirements: [
        `${s.name}: latency.maxRttMs ${s.latency.maxRttMs} from ${far ? far.place.name : places(s)}`,
        ...(short ? [`${s.name}: replicas ${s.replicas}`] : []),
        ...links.map((l) => `${linkLabel(l, spec.links)}: ${settingOf(l)}`),
        ...limited.map((x) => `${x.n}: ${x.lim}`),
      ],
      explanation: far
        ? `services.${s.name} must have a replica within ${s.latency.maxRttMs} ms of its users in ${far.place.name}, but ${why}: ` +
          `the nearest region it may use to ${far.worst!.point} is ${far.worst!.key} at ${far.worst!.ms} ms.`
        : `services.${s.name} must have a replica within ${s.latency.maxRttMs} ms of every one of its user locations (${places(s)}), but ${why}: ` +
          `from the regions they leave it, being near every one takes ${regionCount(short!, s)}, while it runs ${replicasOf(s)}.`,
      fixes: [fixes.length > 0 ? `${capitalized(fixes.join(", or "))}.` : `Widen where the workloads linked to ${s.name} may run, or serve fewer locations from services.${s.name}.latency.from.`],
    });
  }
  return out;
}
