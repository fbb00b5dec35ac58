// ILP constraint family 13 (see the comment block of ilp.ts): latency, over the presence
// indicators a[s,r] (and bucket columns b[k,r]).
//   13.link  For a link f–t with a requirement (within maxRttMs, or on the same continent), in
//            both directions: a[f,r] <= Σ_{q near r} a[t,q] for every region r of f: wherever one
//            end runs, the other end runs near.
//   13.users For a service with latency { maxRttMs, from }, for every point p standing for a user
//            location: Σ_{r : rtt(r,p) <= maxRttMs} a[s,r] >= 1.
//   13 by continent (addContinentRows): the same requirements over u[w,K], whether w runs on
//            continent K, which the linear relaxation cannot spread over a continent's regions.
// Constant sides (held workloads) fold into the bounds; a requirement no region can meet makes
// an empty row with a positive lower bound, so the model is infeasible and diagnosis names it.

import type { Catalog } from "./catalog";
import type { RegionKey } from "./evaluate";
import type { Candidates } from "./candidates";
import type { Plan } from "./plan";
import { Presence, presenceOnContinent } from "./ilp-presence";
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
  addContinentRows(m, spec, catalog, presence);
}

/**
 * 13 by continent: u[w,K] when workload w runs on continent K, for every workload a latency
 * requirement names. a[w,r] <= u[w,K] <= Σ_{r∈K} a[w,r] (13.onContinent, 13.continent; a
 * bucket's or database's u is that sum, a continent with one region of w's is that region's a,
 * a held workload's u is 1 where it runs and 0 elsewhere);
 * x_s(K) <= min(R_s, M_s·|K|)·u[s,K] (13.replicasOn); per user point, Σ_K u[s,K] >= 1 over the
 * continents with a region near it (13.usersOn); per link direction and continent K of me,
 * u[me,K] <= Σ_{K' near K} u[peer,K'] (13.linkOn), K' near K when a region of peer's there is near
 * one of me's in K. Every plan meets them (u is then 1 exactly where w runs); the rows by region
 * alone let the linear relaxation spread a presence over three regions of a continent at a third
 * each, which pins a same-continent peer there at a third only, and split a bucket's one region
 * across continents, each part holding a part of its callers' replicas. Measured on the
 * generated 100-service spec (seed 1): the relaxed model's LP rose from $86,972 to $87,294 (above
 * the capacity MIP per area's optimum, $87,215) and solved in 3.2 s where it took 4.1; its MIP's
 * bound, 30 s beside the groups, from $87,323 to $87,448. At 10 services the exact model's LP
 * barely moves ($9,959.91 to $9,962.11): there the network per region is what it misses.
 */
function addContinentRows(m: ModelBuilder, spec: NormalizedSpec, catalog: Catalog, presence: Presence): void {
  const names = new Set<string>();
  for (const l of spec.links) if (l.latency) names.add(l.from).add(l.to);
  for (const s of spec.services) if (s.latency) names.add(s.name);
  const onK = new Map<string, Map<string, { readonly u: LinExpr; readonly regions: readonly RegionKey[] }>>();
  const continent = (r: RegionKey) => continentOf(catalog, r) ?? r;
  for (const name of [...names].sort()) {
    const byK = new Map<string, RegionKey[]>();
    for (const r of presence.regions(name)) (byK.get(continent(r)) ?? byK.set(continent(r), []).get(continent(r))!).push(r);
    const out = new Map<string, { u: LinExpr; regions: readonly RegionKey[] }>();
    for (const [k, regions] of [...byK].sort(([p], [q]) => (p < q ? -1 : 1))) {
      const cap = Math.min(presence.mostIn(name, regions), presence.regionCapOf(name) * regions.length);
      const members = regions.map((r) => [r, presence.of(name, r)] as const);
      out.set(k, { u: presenceOnContinent(m, name, k, members, presence.replicasIn(name, new Set(regions)), cap), regions });
    }
    onK.set(name, out);
  }
  const rtt = latencyMatrix(catalog);
  for (const s of spec.services) {
    if (!s.latency) continue;
    const out = onK.get(s.name)!;
    for (const place of s.latency.from)
      for (const p of place.points) {
        const row = new LinExpr();
        for (const { u, regions } of out.values()) if (regions.some((r) => rtt.rtt(r, p) <= s.latency!.maxRttMs + 1e-9)) row.addExpr(u);
        if (row.isConstant && row.constant >= 1) continue;
        m.addRow(`13.usersOn[${s.name},${place.name},${p}]`, row, 1, Infinity);
      }
  }
  for (const l of spec.links) {
    if (!l.latency) continue;
    for (const [me, peer] of [
      [l.from, l.to],
      [l.to, l.from],
    ]) {
      const theirs = [...onK.get(peer)!];
      for (const [k, mine] of onK.get(me)!) {
        if (mine.u.isConstant && mine.u.constant <= 0) continue;
        const row = new LinExpr().addExpr(mine.u, -1);
        for (const [, t] of theirs) if (mine.regions.some((r) => t.regions.some((q) => linkNear(catalog, l.latency!, r, q)))) row.addExpr(t.u);
        if (row.isConstant && row.constant >= 0) continue;
        m.addRow(`13.linkOn[${me}>${peer},${k}]`, row, 0, Infinity);
      }
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
