// Latency for the cost baselines: a greedy baseline places each workload on its own, so it is
// made to keep the spec's latency by narrowing where each workload may run before it is built.
// Every group of workloads linked on one continent is pinned to a continent (where its users
// are, else where its residency puts it, else where its members cost least among the continents
// its round-trip links allow), and a user-facing service to the
// regions within its round trip of every user location. The baseline's plan is then checked
// against the full spec like any plan.

import type { Catalog } from "./catalog";
import { allowedRegions, fits } from "./candidates";
import { HOURS_PER_MONTH } from "./catalog";
import { latencyMatrix } from "./latency/matrix";
import type { NormalizedBucket, NormalizedService, NormalizedSpec } from "./spec";

/** The spec with each linked group on one continent and user-facing services near their users. */
export function pinnedForLatency(spec: NormalizedSpec, catalog: Catalog): NormalizedSpec {
  const parent = new Map<string, string>();
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  for (const w of [...spec.services, ...spec.buckets]) parent.set(w.name, w.name);
  // Links whose ends must share a continent join groups; a link with a round-trip bound (between
  // applications, 200 ms in the generated specs) does not: joining along those would chain most
  // of a large spec into one group, pinned to one continent against its own users.
  for (const l of spec.links) if (l.latency?.kind === "continent") parent.set(find(l.from), find(l.to));
  const groups = new Map<string, (NormalizedService | NormalizedBucket)[]>();
  for (const w of [...spec.services, ...spec.buckets]) (groups.get(find(w.name)) ?? groups.set(find(w.name), []).get(find(w.name))!).push(w);
  const rtt = latencyMatrix(catalog);
  const continentOfKey = (k: string) => catalog.regionByKey(k)?.continent;
  const pinned = new Map<string, string>();
  // Continents a link with a round-trip bound allows between its ends' groups: every pair of
  // regions of the two within the bound (the greedy placement may pick any of them).
  const continents = [...new Set(catalog.regions.map((r) => r.continent))].sort();
  const keysOn = new Map(continents.map((c) => [c, catalog.regions.filter((r) => r.continent === c).map((r) => `${r.cloud}:${r.region}`)]));
  const compatible = (a: string, b: string, ms: number) => keysOn.get(a)!.every((x) => keysOn.get(b)!.every((y) => rtt.rtt(x, y) <= ms));
  // Groups joined by round-trip links, both ways, with the bound.
  const rttPeers = new Map<string, { other: string; ms: number }[]>();
  for (const l of spec.links) {
    if (l.latency?.kind !== "rtt") continue;
    const [a, b] = [find(l.from), find(l.to)];
    if (a === b) continue;
    (rttPeers.get(a) ?? rttPeers.set(a, []).get(a)!).push({ other: b, ms: l.latency.maxRttMs });
    (rttPeers.get(b) ?? rttPeers.set(b, []).get(b)!).push({ other: a, ms: l.latency.maxRttMs });
  }
  const groupContinent = new Map<string, string>();
  const free: [string, (NormalizedService | NormalizedBucket)[]][] = [];
  for (const [root, members] of [...groups].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const users = members.flatMap((m) => ("latency" in m && m.latency ? m.latency.from.flatMap((f) => f.points) : []));
    const resident = members.flatMap((m) => m.residency);
    let continent = users.length > 0 ? continentOfKey(users[0]) : undefined;
    if (!continent && resident.length > 0) continent = catalog.regions.find((r) => resident.includes(r.continent) || resident.includes(r.country))?.continent;
    if (continent) groupContinent.set(root, continent);
    else if (members.length >= 2 || rttPeers.has(root)) free.push([root, members]);
  }
  // The other groups, nearest (in round-trip links) to a group with users or residency first:
  // where their members' cheapest replicas (or storage) cost least in total, among the
  // continents their round-trip links allow next to the groups pinned before them.
  const hops = new Map<string, number>([...groupContinent.keys()].map((k) => [k, 0]));
  for (let frontier = [...hops.keys()]; frontier.length > 0; ) {
    const next: string[] = [];
    for (const x of frontier) {
      for (const { other } of rttPeers.get(x) ?? []) {
        if (hops.has(other)) continue;
        hops.set(other, hops.get(x)! + 1);
        next.push(other);
      }
    }
    frontier = next;
  }
  free.sort((x, y) => (hops.get(x[0]) ?? Infinity) - (hops.get(y[0]) ?? Infinity) || (x[0] < y[0] ? -1 : 1));
  for (const [root, members] of free) {
    const costs: { c: string; usd: number }[] = [];
    for (const c of continents) {
      let usd = 0;
      for (const m of members) {
        const regions = allowedRegions(catalog, m).filter((r) => r.continent === c);
        let least = Infinity;
        for (const r of regions) {
          if ("vcpu" in m) {
            for (const o of catalog.offersIn(r.cloud, r.region)) if (fits(o, m, spec.allowBurstable)) least = Math.min(least, m.replicas * HOURS_PER_MONTH * o.onDemandHourlyUSD);
          } else least = Math.min(least, m.storageGiB * catalog.storagePerGiBMonth(r.cloud, r.region));
        }
        usd += least;
      }
      if (Number.isFinite(usd)) costs.push({ c, usd });
    }
    costs.sort((x, y) => x.usd - y.usd || (x.c < y.c ? -1 : 1));
    const placedPeers = (rttPeers.get(root) ?? []).filter((p) => groupContinent.has(p.other));
    const allowed = (c: string) => placedPeers.every((p) => compatible(c, groupContinent.get(p.other)!, p.ms));
    // None allowed: the continent of a group it is linked to.
    const neighbour = placedPeers.length > 0 ? groupContinent.get(placedPeers[0].other) : undefined;
    const best = costs.find((x) => allowed(x.c)) ?? costs.find((x) => x.c === neighbour) ?? costs[0];
    if (best) groupContinent.set(root, best.c);
  }
  for (const [root, members] of groups) {
    const c = groupContinent.get(root);
    if (c) for (const m of members) pinned.set(m.name, c);
  }
  const near = (s: NormalizedService) => {
    if (!s.latency) return s.regions;
    const ok = allowedRegions(catalog, s).filter((r) => s.latency!.from.every((f) => f.points.every((p) => rtt.rtt(`${r.cloud}:${r.region}`, p) <= s.latency!.maxRttMs)));
    return [...new Set(ok.map((r) => r.region))];
  };
  const pin = <W extends NormalizedService | NormalizedBucket>(w: W): W => {
    const c = pinned.get(w.name);
    return c && w.residency.length === 0 ? { ...w, residency: [c] } : w;
  };
  return { ...spec, services: spec.services.map((s) => ({ ...pin(s), regions: near(s) })), buckets: spec.buckets.map(pin) };
}
