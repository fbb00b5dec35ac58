// A lower bound for specs too large to relax whole: the capacity relaxation. Per free service s
// and region r it may use (candidates, less the regions no plan meeting the links' latency can
// use), two continuous columns, on-demand n[s,r] and spot p[s,r], each priced at s's cheapest
// replica there and charged the fewest vCPUs any fitting offer there has:
//   Σ_r n[s,r] + p[s,r] = R_s;   Σ_r p[s,r] <= P_s;   Σ_{r∈c} (n + p)[s,r] <= floor(share_s·R_s);
//   Σ_s vcpus·(n + p)[s,r] <= quota_r − held vCPUs in r;
//   Σ_{r near p} (n + p)[s,r] >= 1 for every user point p of a user-facing service (13.users);
//   Σ_{r∈K} (n + p)[t,r] >= Σ_{r∈K} (n + p)[f,r] / R_f for every continent K and each direction
//   f→t of a link whose ends must share a continent (13.continent);
// plus, as constants, each held workload's cost and each free bucket and database at its
// cheapest region.
// With `continents`, a small MIP: y[s,K] ∈ {0,1} when s runs on continent K,
//   x_s(K) <= R_s·y[s,K],  x_s(K) >= y[s,K] (present: at least one replica there),
//   y[s,K] costs s's cheapest presence (12) on K; open[K], ingress[K] >= y[s,K] cost the cheapest
//   network and public balancer of K's regions;
//   each free bucket and database on one continent: Σ_K z[w,K] = 1, z[w,K] costing its cheapest
//   region on K (held workloads: 1 on their continent); a database on a continent one of its
//   callers is on (14.near by continent);
//   every link with a requirement, both ways: y[me,K] <= Σ_{K' near K} y[peer,K'], K' near K when
//   some region of K' is near some region of K (same-continent links: K' = K) (13.link by continent),
//   in place of the 13.continent rows above.
// Everything it leaves out (traffic, connections, gateways, region-level latency, availability
// spread, databases' quota, migration) costs at least nothing, and every constraint it keeps is one of
// the exact model's or implied by it, with prices and vCPUs no higher than any offer's: so no plan
// of the spec costs less than its optimum. Its model has a few rows per service, quota, cloud
// share, user point and link: it solves in seconds where the relaxed placement model (all rows of
// 9, 12, 13) does not.

import type { Catalog } from "./catalog";
import type { Candidates } from "./candidates";
import { bucketMonthlyUSD, replicaMonthlyUSD } from "./ilp";
import { latencyReach } from "./ilp-latency";
import { atLeastAll, networkRoles, presenceCost } from "./ilp-network";
import { fixedCosts } from "./network/costs";
import { latencyMatrix } from "./latency/matrix";
import { linkNear } from "./latency/requirements";
import { cheapestDatabaseOffers } from "./ilp-databases";
import { placedDatabaseOffer } from "./database-offers";
import { databaseCallers } from "./verify";
import { type RegionKey, splitKey } from "./evaluate";
import type { Plan } from "./plan";
import { LinExpr, ModelBuilder } from "./solvers/builder";
import type { SparseModel } from "./solvers/types";
import type { NormalizedLink, NormalizedSpec } from "./spec";
import { perCloudCap } from "./validate-fields";

/** The capacity relaxation's model, with what each replica column stands for. */
export interface CapacityModel {
  readonly model: SparseModel;
  /** Per column: its service, region and the vCPUs one of its replicas is charged. */
  readonly columns: readonly { readonly service: string; readonly key: RegionKey; readonly vcpus: number }[];
}

/** The capacity relaxation: a linear program, or with `continents` a small MIP (see above). */
export function capacityModel(spec: NormalizedSpec, catalog: Catalog, candidates: Candidates, held: Plan | undefined, continents = false): CapacityModel {
  const m = new ModelBuilder();
  const fc = spec.network ? fixedCosts(catalog, spec.network) : undefined;
  const roles = networkRoles(spec);
  // With `continents`: per workload and continent K, its presence there: y[s,K] ∈ {0,1} for a
  // free service (13.present), z[w,K] for a free bucket or database, 1 where a held one is.
  const present = new Map<string, Map<string, LinExpr>>();
  const continentOf = new Map(catalog.regions.map((r) => [`${r.cloud}:${r.region}`, r.continent]));
  const heldOn = (name: string, keys: readonly string[]) =>
    present.set(name, new Map(keys.map((k) => [continentOf.get(k) ?? "", new LinExpr().addConstant(1)])));
  const openOn = new Map<string, LinExpr[]>();
  const ingressOn = new Map<string, LinExpr[]>();
  const columns: { service: string; key: RegionKey; vcpus: number }[] = [];
  const fixed = held ?? { services: {}, buckets: {} };
  const reach = latencyReach(spec, catalog, candidates, fixed);
  const quota = new Map<string, LinExpr>();
  const quotaOf = (key: string) => quota.get(key) ?? quota.set(key, new LinExpr()).get(key)!;
  const rtt = latencyMatrix(catalog);
  // Replicas of each free service per continent, for the links' continent rows.
  const onContinent = new Map<string, Map<string, LinExpr>>();

  for (const s of spec.services) {
    const h = fixed.services[s.name];
    if (h) {
      heldOn(s.name, h.groups.map((g) => `${g.cloud}:${g.region}`));
      for (const g of h.groups) {
        const o = catalog.offer(g.cloud, g.region, g.instanceType);
        if (!o) continue;
        m.offset += (g.count - g.spot) * replicaMonthlyUSD(catalog, s, o, false) + g.spot * replicaMonthlyUSD(catalog, s, o, true);
        quotaOf(`${g.cloud}:${g.region}`).addConstant(o.vcpus * g.count);
      }
      continue;
    }
    const total = new LinExpr();
    const spot = new LinExpr();
    const perCloud = new Map<string, LinExpr>();
    const near = (s.latency?.from ?? []).flatMap((place) => place.points.map(() => new LinExpr()));
    const points = (s.latency?.from ?? []).flatMap((place) => place.points);
    // The cheapest presence (12) of s on each continent.
    const presenceOn = new Map<string, number>();
    for (const ro of candidates.services.get(s.name) ?? []) {
      if (!reach.get(s.name)?.has(ro.key)) continue;
      const here = new LinExpr();
      const offers = [
        { list: ro.onDemand, spot: false },
        { list: ro.spot, spot: true },
      ];
      for (const { list, spot: isSpot } of offers) {
        if (list.length === 0 || (isSpot && s.spotReplicas === 0)) continue;
        const usd = Math.min(...list.map((o) => replicaMonthlyUSD(catalog, s, o, isSpot)));
        const vcpus = Math.min(...list.map((o) => o.vcpus));
        const col = m.addCol(`${isSpot ? "p" : "n"}[${s.name},${ro.key}]`, usd, 0, Infinity, false);
        columns[col] = { service: s.name, key: ro.key, vcpus };
        here.add(col, 1);
        if (isSpot) spot.add(col, 1);
        if (ro.key in spec.quotas) quotaOf(ro.key).add(col, vcpus);
      }
      total.addExpr(here);
      const k = ro.region.continent;
      if (fc) presenceOn.set(k, Math.min(presenceOn.get(k) ?? Infinity, presenceCost(fc, roles, s.name, ro.key)));
      const perK = onContinent.get(s.name) ?? onContinent.set(s.name, new Map()).get(s.name)!;
      (perK.get(k) ?? perK.set(k, new LinExpr()).get(k)!).addExpr(here);
      const c = ro.region.cloud;
      (perCloud.get(c) ?? perCloud.set(c, new LinExpr()).get(c)!).addExpr(here);
      points.forEach((p, i) => {
        if (rtt.rtt(ro.key, p) <= s.latency!.maxRttMs + 1e-9) near[i].addExpr(here);
      });
    }
    m.addRow(`1.replicas[${s.name}]`, total, s.replicas, s.replicas);
    if (continents) {
      const ys = new Map<string, LinExpr>();
      for (const [k, e] of onContinent.get(s.name) ?? []) {
        // Present on K: at least one replica there, and its cheapest presence there.
        const y = m.addCol(`y[${s.name},${k}]`, presenceOn.get(k) ?? 0, 0, 1, true);
        ys.set(k, new LinExpr().add(y, 1));
        m.addRow(`13.present[${s.name},${k}]`, new LinExpr().addExpr(e).add(y, -s.replicas), -Infinity, 0);
        m.addRow(`13.absent[${s.name},${k}]`, new LinExpr().addExpr(e).add(y, -1), 0, Infinity);
        (openOn.get(k) ?? openOn.set(k, []).get(k)!).push(new LinExpr().add(y, 1));
        if (roles.publics.has(s.name)) (ingressOn.get(k) ?? ingressOn.set(k, []).get(k)!).push(new LinExpr().add(y, 1));
      }
      present.set(s.name, ys);
    }
    if (s.spotReplicas < s.replicas) m.addRow(`2.spot[${s.name}]`, spot, -Infinity, s.spotReplicas);
    const cap = perCloudCap(s.maxSharePerCloud, s.replicas);
    if (cap < s.replicas) for (const [c, e] of perCloud) m.addRow(`3.share[${s.name},${c}]`, e, -Infinity, cap);
    near.forEach((e, i) => m.addRow(`13.users[${s.name},${points[i]}]`, e, 1, Infinity));
  }
  // Buckets and databases run in one region each: at their cheapest region (a constant), or
  // with `continents` on one continent each, at their cheapest region there.
  const oneRegion = (name: string, prices: ReadonlyMap<string, number>) => {
    const perK = new Map<string, number>();
    for (const [key, usd] of prices) {
      const k = continentOf.get(key) ?? "";
      if (Number.isFinite(usd) && usd < (perK.get(k) ?? Infinity)) perK.set(k, usd);
    }
    if (perK.size === 0) return;
    if (!continents) {
      m.offset += Math.min(...perK.values());
      return;
    }
    const one = new LinExpr();
    const on = new Map<string, LinExpr>();
    for (const [k, usd] of [...perK].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const z = m.addCol(`z[${name},${k}]`, usd, 0, 1, true);
      one.add(z, 1);
      on.set(k, new LinExpr().add(z, 1));
    }
    m.addRow(`1.place[${name}]`, one, 1, 1);
    present.set(name, on);
  };
  for (const b of spec.buckets) {
    const h = fixed.buckets[b.name];
    const at = h ? [`${h.cloud}:${h.region}`] : [...(reach.get(b.name) ?? [])];
    const prices = new Map(
      at.map((key) => {
        const [cloud, region] = splitKey(key as RegionKey);
        return [key, bucketMonthlyUSD(catalog, b.storageGiB, b.internetEgressGiB, { cloud, region })] as const;
      }),
    );
    if (h) {
      m.offset += prices.get(at[0]) ?? 0;
      if (continents) heldOn(b.name, at);
    } else oneRegion(b.name, prices);
  }
  for (const d of spec.databases ?? []) {
    const h = fixed.databases?.[d.name];
    if (h) {
      m.offset += placedDatabaseOffer(catalog, d, h)?.monthlyUSD ?? 0;
      if (continents) heldOn(d.name, [`${h.cloud}:${h.region}`]);
      continue;
    }
    oneRegion(d.name, new Map([...cheapestDatabaseOffers(catalog, d, spec.allowBurstable)].map(([key, o]) => [key, o.monthlyUSD])));
    // 14.near, by continent: a database runs on a continent one of its callers runs on.
    const on = present.get(d.name);
    if (!on) continue;
    for (const [k, z] of on) {
      const row = new LinExpr().addExpr(z, -1);
      for (const caller of databaseCallers(spec, d.name)) {
        const c = present.get(caller)?.get(k);
        if (c) row.addExpr(c);
      }
      if (databaseCallers(spec, d.name).length > 0) m.addRow(`14.near[${d.name},${k}]`, row, 0, Infinity);
    }
  }

  const replicasOf = new Map(spec.services.map((x) => [x.name, x.replicas]));
  // With `continents`, every link with a requirement, both ways: wherever one end is present,
  // the other is present on a continent some region of which is near one of the first's
  //   y[me,K] <= Σ_{K' near K} y[peer,K']   (13.link by continent; K' = K for same-continent links).
  // Without, links whose ends must share a continent in replicas: x_t(K) >= x_f(K) / R_f, for
  // each continent K and both ways (a[f,r] >= x[f,r]/R_f and Σ_{q∈K} x[t,q] >= Σ_{q∈K} a[t,q] >= a[f,r] for r in K).
  const nearContinents = new Map<string, Map<string, Set<string>>>();
  const near = (l: NormalizedLink, k: string): Set<string> => {
    const id = l.latency!.kind === "continent" ? "continent" : String(l.latency!.maxRttMs);
    let byK = nearContinents.get(id);
    if (!byK) {
      byK = new Map();
      for (const a of catalog.regions)
        for (const b of catalog.regions) {
          const [ka, kb] = [`${a.cloud}:${a.region}`, `${b.cloud}:${b.region}`];
          if (linkNear(catalog, l.latency!, ka, kb)) (byK.get(a.continent) ?? byK.set(a.continent, new Set()).get(a.continent)!).add(b.continent);
        }
      nearContinents.set(id, byK);
    }
    return byK.get(k) ?? new Set();
  };
  for (const l of spec.links) {
    if (!l.latency) continue;
    for (const [me, peer] of [
      [l.from, l.to],
      [l.to, l.from],
    ]) {
      if (continents) {
        const mine = present.get(me);
        const theirs = present.get(peer);
        if (!mine || !theirs) continue;
        for (const [k, y] of mine) {
          const row = new LinExpr().addExpr(y, -1);
          for (const k2 of near(l, k)) {
            const t = theirs.get(k2);
            if (t) row.addExpr(t);
          }
          if (row.isConstant && row.constant >= 0) continue;
          m.addRow(`13.link[${me}>${peer},${k}]`, row, 0, Infinity);
        }
        continue;
      }
      if (l.latency.kind !== "continent") continue;
      const mine = onContinent.get(me);
      const theirs = onContinent.get(peer);
      const R = replicasOf.get(me);
      if (!mine || !theirs || !R) continue;
      for (const [k, e] of mine) {
        const row = new LinExpr().addExpr(e, -1 / R);
        const t = theirs.get(k);
        if (t) row.addExpr(t);
        m.addRow(`13.continent[${me}>${peer},${k}]`, row, 0, Infinity);
      }
    }
  }
  // A continent anyone runs on has a network open there, and one with a public service its
  // balancer: each at the cheapest price of the continent's regions (12, aggregated).
  if (continents && fc) {
    const cheapest = (k: string, price: (key: RegionKey) => number) =>
      Math.min(...catalog.regions.filter((r) => r.continent === k).map((r) => price(`${r.cloud}:${r.region}` as RegionKey)));
    for (const [k, d] of openOn) atLeastAll(m, `open[${k}]`, cheapest(k, (key) => fc.open(key)), d);
    for (const [k, d] of ingressOn) atLeastAll(m, `ingress[${k}]`, cheapest(k, (key) => fc.ingress(key)), d);
  }
  for (const [key, e] of quota) {
    const q = spec.quotas[key];
    if (q !== undefined && !e.isConstant) m.addRow(`6.quota[${key}]`, e, -Infinity, q);
  }
  return { model: m.build(), columns };
}

/**
 * Where a solution of the capacity relaxation puts each service, and the vCPUs it takes in each
 * region: a guide for placing group by group (the relaxation shares out scarce quota at its
 * best, which placing groups one after another cannot see).
 */
export function capacityGuide(cm: CapacityModel, values: ArrayLike<number>): { regions: Map<string, Set<RegionKey>>; vcpus: Map<string, Map<RegionKey, number>> } {
  const regions = new Map<string, Set<RegionKey>>();
  const vcpus = new Map<string, Map<RegionKey, number>>();
  cm.columns.forEach((c, j) => {
    if (!c || values[j] <= 1e-6) return;
    (regions.get(c.service) ?? regions.set(c.service, new Set()).get(c.service)!).add(c.key);
    const per = vcpus.get(c.service) ?? vcpus.set(c.service, new Map()).get(c.service)!;
    per.set(c.key, (per.get(c.key) ?? 0) + values[j] * c.vcpus);
  });
  return { regions, vcpus };
}
