// Latency for the cost baselines: a greedy baseline places each workload on its own, so it is
// made to keep the spec's latency by narrowing where each workload may run before it is built.
// Every group of linked workloads is pinned to one continent (where its users are, else where
// its residency puts it, else where its members cost least), and a user-facing service to the
// regions within its round trip of every user location. The baseline's plan is then checked
// against the full spec like any plan.

import type { Catalog } from "../optimizer/catalog";
import { allowedRegions, fits } from "../optimizer/candidates";
import { HOURS_PER_MONTH } from "../optimizer/catalog";
import { latencyMatrix } from "../optimizer/latency/matrix";
import type { NormalizedBucket, NormalizedService, NormalizedSpec } from "../optimizer/spec";

/** The spec with each linked group on one continent and user-facing services near their users. */
export function pinnedForLatency(spec: NormalizedSpec, catalog: Catalog): NormalizedSpec {
  const parent = new Map<string, string>();
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  for (const w of [...spec.services, ...spec.buckets]) parent.set(w.name, w.name);
  for (const l of spec.links) if (l.latency) parent.set(find(l.from), find(l.to));
  const groups = new Map<string, (NormalizedService | NormalizedBucket)[]>();
  for (const w of [...spec.services, ...spec.buckets]) (groups.get(find(w.name)) ?? groups.set(find(w.name), []).get(find(w.name))!).push(w);
  const rtt = latencyMatrix(catalog);
  const continentOfKey = (k: string) => catalog.regions.find((r) => `${r.cloud}:${r.region}` === k)?.continent;
  const pinned = new Map<string, string>();
  for (const members of groups.values()) {
    if (members.length < 2 && !members.some((m) => "latency" in m && m.latency)) continue;
    const users = members.flatMap((m) => ("latency" in m && m.latency ? m.latency.from.flatMap((f) => f.points) : []));
    const resident = members.flatMap((m) => m.residency);
    let continent = users.length > 0 ? continentOfKey(users[0]) : undefined;
    if (!continent && resident.length > 0) continent = catalog.regions.find((r) => resident.includes(r.continent) || resident.includes(r.country))?.continent;
    if (!continent) {
      // Where the members' cheapest replicas (or storage) cost least in total.
      let best: { c: string; usd: number } | undefined;
      for (const c of [...new Set(catalog.regions.map((r) => r.continent))].sort()) {
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
        if (Number.isFinite(usd) && (!best || usd < best.usd)) best = { c, usd };
      }
      continent = best?.c;
    }
    if (continent) for (const m of members) pinned.set(m.name, continent);
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
