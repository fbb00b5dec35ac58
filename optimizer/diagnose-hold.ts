// Infeasibility that the hold causes: the spec has a plan once some held workloads are placed
// again, but none with every held workload where it is (a lock kept while the spec changed
// around it). Names the fewest held workloads found whose release leaves a plan.

import { limits, linkList, places, type Feasibility, type Limited } from "./diagnose-latency";
import { andList } from "./diagnose-workload";
import type { Conflict } from "./errors";
import { workloadNames, type Plan } from "./plan";
import { specWorkloads, type NormalizedSpec } from "./spec";

/** Whether the spec has a plan with these held workloads placed again and the others held. */
export type ReleaseCheck = (release: readonly string[]) => Promise<Feasibility>;

/** Where a held workload runs, as "cloud:region" keys in order. */
function heldRegions(held: Plan, name: string): string[] {
  const s = held.services[name];
  if (s) return [...new Set(s.groups.map((g) => `${g.cloud}:${g.region}`))].sort();
  const p = held.buckets[name] ?? held.databases?.[name];
  return p ? [`${p.cloud}:${p.region}`] : [];
}

/**
 * Each workload's distance, in links, from the nearest workload the hold leaves free (Infinity
 * when no link path leads to one). The held workloads nearest the free ones are the likeliest to
 * stand in their way, so they are released first.
 */
export function linkDistances(spec: NormalizedSpec, held: ReadonlySet<string>): Map<string, number> {
  const names = specWorkloads(spec).map((w) => w.name);
  const next = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const l of spec.links) {
    next.get(l.from)?.push(l.to);
    next.get(l.to)?.push(l.from);
  }
  const dist = new Map<string, number>(names.map((n) => [n, held.has(n) ? Infinity : 0]));
  let frontier = names.filter((n) => !held.has(n));
  for (let d = 1; frontier.length > 0; d++) {
    const reached: string[] = [];
    for (const n of frontier)
      for (const m of next.get(n) ?? [])
        if (dist.get(m) === Infinity) {
          dist.set(m, d);
          reached.push(m);
        }
    frontier = reached;
  }
  return dist;
}

/**
 * The hold's conflict, or undefined when the spec has no plan even with every held workload
 * placed again (the spec itself is then to blame, and the usual diagnosis says why) or when that
 * is not known in time.
 *
 * Held workloads are released ring by ring, nearest the free workloads first, until the spec has
 * a plan (after the first ring, every held workload at once: the spec with nothing held must have
 * a plan for the hold to be to blame); then each released one is held again in turn, farthest
 * first, and stays held when a plan remains. No smaller subset of what is left was found to
 * leave a plan: it is minimal when every check of a workload held again was made (at most
 * `maxChecks` in all) and answered; a check that answers "unknown" keeps its workload released,
 * and the conflict says so.
 */
export async function holdConflicts(spec: NormalizedSpec, held: Plan, check: ReleaseCheck, maxChecks = 16): Promise<Conflict[] | undefined> {
  const names = workloadNames(held);
  if (names.length === 0) return undefined;
  const dist = linkDistances(spec, new Set(names));
  const order = [...names].sort((a, b) => dist.get(a)! - dist.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  const rings = [...new Set(order.map((n) => dist.get(n)!))]
    .filter((d) => Number.isFinite(d))
    .map((d) => order.filter((n) => dist.get(n)! <= d))
    .filter((ring) => ring.length < names.length);
  // The first ring, then everything (whether the hold is to blame at all; nearest first, so that
  // workloads are held again farthest first), then the other rings: the first ring is often
  // enough, and checks of a large spec take seconds each.
  let checks = 0;
  let release: readonly string[] | undefined;
  for (const ring of [...rings.slice(0, 1), order, ...rings.slice(1)]) {
    if (checks >= maxChecks) break;
    checks++;
    if ((await check(ring)) === "feasible") {
      release = ring;
      if (ring !== order) break;
    } else if (ring === order) return undefined;
  }
  if (!release) return undefined;
  let minimal = true;
  for (const n of [...release].reverse()) {
    if (release.length === 1) break;
    if (checks >= maxChecks) {
      minimal = false;
      break;
    }
    checks++;
    const fewer: readonly string[] = release.filter((m) => m !== n);
    const answer = await check(fewer);
    if (answer === "feasible") release = fewer;
    else if (answer === "unknown") minimal = false;
  }
  release = [...release].sort();
  const releaseSet = new Set(release);
  // The free workloads linked to a released one (those the hold keeps from a plan), each with
  // the released workloads it is linked to.
  const partners = new Map<string, Set<string>>();
  for (const l of spec.links)
    for (const [free, kept] of [
      [l.from, l.to],
      [l.to, l.from],
    ])
      if (releaseSet.has(kept) && dist.get(free) === 0) (partners.get(free) ?? partners.set(free, new Set()).get(free)!).add(kept);
  const neighbours = [...partners.keys()].sort();
  // What the free neighbours ask that the held ones may stand in the way of: their links to
  // them with a latency requirement, their users' latency, their own limits.
  const byName = new Map<string, Limited>(specWorkloads(spec).map((w) => [w.name, w] as const));
  const services = new Map(spec.services.map((w) => [w.name, w] as const));
  const needs: string[] = [];
  for (const n of neighbours) {
    const links = spec.links.filter((l) => l.latency && ((l.from === n && releaseSet.has(l.to)) || (l.to === n && releaseSet.has(l.from))));
    const w = byName.get(n);
    const users = services.get(n)?.latency;
    const own = [
      ...(links.length > 0 ? [`link${links.length === 1 ? "" : "s"} ${linkList(links, spec.links)}`] : []),
      ...(users ? [`users in ${places(services.get(n)!)} within ${users.maxRttMs} ms`] : []),
      ...(w && limits(w) ? [limits(w)] : []),
    ];
    if (own.length > 0) needs.push(`${n}: ${own.join(", ")}`);
  }
  const one = release.length === 1;
  const where = one ? `${release[0]} in ${andList(heldRegions(held, release[0]))}` : andList(release.map((n) => `${n} (${heldRegions(held, n).join(", ")})`));
  const others =
    neighbours.length > 0 ? andList(neighbours.map((n) => (one ? n : `${n} (linked to ${andList([...partners.get(n)!].sort())})`))) : "the other workloads";
  return [
    {
      workloads: release,
      requirements: release.map((n) => `held: ${n} in ${andList(heldRegions(held, n))}`),
      explanation:
        `The hold keeps ${where}; with ${one ? "it" : "them"} there, no placement of ${others} meets the spec, ` +
        `while with ${andList(release)} placed again the spec has a plan.` +
        (minimal ? "" : " Fewer held workloads may be enough: not every one could be tried."),
      fixes: [
        `Release ${andList(release)} from the hold so that ${one ? "it is" : "they are"} placed again (the other held workloads may stay).`,
        `Change what ${neighbours.length > 0 ? andList(neighbours) : "the other workloads"} ${neighbours.length === 1 ? "asks" : "ask"}` +
          (needs.length > 0 ? ` (${needs.join("; ")})` : "") +
          ` so that ${neighbours.length === 1 ? "it" : "they"} can run beside ${andList(release)} where ${one ? "it is" : "they are"}.`,
      ],
      release,
    },
  ];
}
