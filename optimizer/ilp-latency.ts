// ILP constraint family 13 (see the comment block of ilp.ts): latency, over the presence
// indicators a[s,r] (and bucket columns b[k,r]).
//   13.link  For a link f–t with a requirement (within maxRttMs, or on the same continent), in
//            both directions: a[f,r] <= Σ_{q near r} a[t,q] for every region r of f: wherever one
//            end runs, the other end runs near.
//   13.users For a service with latency { maxRttMs, from }, for every point p standing for a user
//            location: Σ_{r : rtt(r,p) <= maxRttMs} a[s,r] >= 1.
// Constant sides (held workloads) fold into the bounds; a requirement no region can meet makes
// an empty row with a positive lower bound, so the model is infeasible and diagnosis names it.

import type { Catalog } from "./catalog";
import type { Candidates } from "./candidates";
import type { Plan } from "./plan";
import { Presence } from "./ilp-presence";
import { latencyMatrix } from "./latency/matrix";
import { continentOf, linkNear } from "./latency/requirements";
import { LinExpr, ModelBuilder } from "./solvers/builder";
import type { NormalizedSpec } from "./spec";

/** 13. Latency between linked workloads and from users to user-facing services. */
export function addLatency(m: ModelBuilder, spec: NormalizedSpec, catalog: Catalog, presence: Presence): void {
  for (const l of spec.links) {
    if (!l.latency) continue;
    for (const [me, peer] of [
      [l.from, l.to],
      [l.to, l.from],
    ]) {
      const theirs = presence.regions(peer);
      for (const r of presence.regions(me)) {
        const mine = presence.of(me, r);
        if (mine.isConstant && mine.constant <= 0) continue;
        const row = new LinExpr().addExpr(mine, -1);
        for (const q of theirs) if (linkNear(catalog, l.latency, r, q)) row.addExpr(presence.of(peer, q));
        if (row.isConstant && row.constant >= 0) continue;
        m.addRow(`13.link[${me}>${peer},${r}]`, row, 0, Infinity);
      }
    }
  }
  const rtt = latencyMatrix(catalog);
  for (const s of spec.services) {
    if (!s.latency) continue;
    const regions = presence.regions(s.name);
    for (const place of s.latency.from)
      for (const p of place.points) {
        const row = new LinExpr();
        for (const r of regions) if (rtt.rtt(r, p) <= s.latency.maxRttMs + 1e-9) row.addExpr(presence.of(s.name, r));
        if (row.isConstant && row.constant >= 1) continue;
        m.addRow(`13.users[${s.name},${place.name},${p}]`, row, 1, Infinity);
      }
  }
}

/** Whether a spec has any latency requirement the ILP must model. */
export function hasLatency(spec: NormalizedSpec): boolean {
  return spec.links.some((l) => l.latency) || spec.services.some((s) => s.latency);
}

/**
 * The regions of each workload that can meet every link requirement, found by propagation to a
 * fixpoint: r stays for w only while every linked peer keeps a region near r. A region dropped
 * here is in no feasible plan, so filtering before the build never changes the optimum (and
 * makes every latency row hold a near peer). `regions` maps each workload to its candidates
 * (held workloads: where they are); the result has the same keys.
 */
export function latencyFeasibleRegions(
  spec: NormalizedSpec,
  catalog: Catalog,
  regions: ReadonlyMap<string, readonly string[]>,
): Map<string, Set<string>> {
  const left = new Map([...regions].map(([k, v]) => [k, new Set(v)]));
  const links = spec.links.filter((l) => l.latency && left.has(l.from) && left.has(l.to));
  let changed = true;
  while (changed) {
    changed = false;
    for (const l of links)
      for (const [me, peer] of [
        [l.from, l.to],
        [l.to, l.from],
      ]) {
        const mine = left.get(me)!;
        const theirs = [...left.get(peer)!];
        // Same-continent links: the peer's continents, once per link and direction.
        const continents = l.latency!.kind === "continent" ? new Set(theirs.map((q) => continentOf(catalog, q))) : undefined;
        for (const r of [...mine]) {
          if (continents ? continents.has(continentOf(catalog, r)) : theirs.some((q) => linkNear(catalog, l.latency!, r, q))) continue;
          mine.delete(r);
          changed = true;
        }
      }
  }
  return left;
}

/**
 * latencyFeasibleRegions over a whole spec before any model is built: each free workload from its
 * candidates, each held one where it is held.
 */
export function latencyReach(spec: NormalizedSpec, catalog: Catalog, candidates: Candidates, held: Plan): Map<string, Set<string>> {
  const regions = new Map<string, string[]>();
  for (const s of spec.services) {
    const h = held.services[s.name];
    regions.set(s.name, h ? h.groups.map((g) => `${g.cloud}:${g.region}`) : [...candidates.regionsOf(s.name)]);
  }
  for (const b of spec.buckets) {
    const h = held.buckets[b.name];
    regions.set(b.name, h ? [`${h.cloud}:${h.region}`] : [...candidates.regionsOf(b.name)]);
  }
  return latencyFeasibleRegions(spec, catalog, regions);
}
