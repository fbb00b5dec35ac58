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
// cheapest region; and in a re-plan, the moves any plan makes from the previous plan's regions
// (11, addForcedMoves below: a service's replicas that leave a region it ran in, a bucket's or
// database's leaving its region, a held workload's move).
// With `presence`, a small MIP over areas A: with "areas", a cloud on a continent, A = (c, K);
// with "continents", a continent (every cloud on it), which makes a model with a quarter of the
// rows, solved some twenty times faster (1.8 s against about 40 s at 500 services), with a lower
// bound (no rows 5, conn or traffic below):
//   y[s,A] ∈ {0,1} when s runs in A:  x_s(A) <= M·y[s,A] (M = R_s, or with areas the most one
//   cloud can hold, cloudCap in ilp-presence.ts),  x_s(A) >= y[s,A];  y[s,A] costs s's
//   cheapest presence (12) in A;  Σ_A y[s,A] + e_s >= max(minRegions_s, minClouds_s), e_s >= 0
//   costing s's cheapest presence anywhere (a region beyond one per area);  v[s,c] <= Σ_{A∈c}
//   y[s,A], Σ_c v[s,c] >= minClouds_s (5);  open[A], zone[A], ingress[A] >= y[s,A] cost the
//   cheapest network, private zone and public balancer of A's regions, the front door its zone;
//   each free bucket and database in one area: Σ_A z[w,A] = 1, z[w,A] costing its cheapest region
//   in A (held workloads: 1 in their area); a database on a continent one of its callers is on
//   (14.near by continent);
//   every link with a requirement, both ways: y[me,A] <= Σ_{A' near A} y[peer,A'], A' near A when
//   some region of A' is near some region of A (same-continent links: A' on A's continent)
//   (13.link by area, with "continents"; with "areas" the rows by continent below imply them),
//   in place of the 13.continent rows above;
//   every service link f→t and two areas A, A' of different clouds on one continent, or near for
//   the link's latency: conn[A,A'] >= y[f,A] + y[t,A'] − 1, costing the cheapest connection
//   between their regions, and gw[A] >= conn[A,A'] the cheapest VPN gateway of A (12 by area);
//   with "areas", gw[A] >= y[me,A] for every service link whose other end must use two clouds
//   or more (12.multi by area: wherever me runs, that end runs in another cloud, on whatever
//   continent), and Σ_{A∈c} gw[A] >= v[me,c] (with Σ conn[A,B] >= v[me,c], A in c and B not,
//   when every such pair has a column) over the areas of me and its peer, when me must use two
//   clouds or more (12.span by area, ilp-network.ts); and with `crossCuts`, for a link and an
//   area A of one end me, the areas C(A) of the other end that the link connects A to (the pairs
//   above): Σ_{B∈C(A)} conn[A,B] >= k·y[me,A] − Σ_{B∉C(A)} y[peer,B], where the peer must use k
//   clouds (1 when free to use one; 12.cross by area), and when k >= 2, Σ_{B∈C(A)} conn[A,B] >=
//   (k − 1)·y[me,A] − Σ over the peer's areas of other clouds outside C(A) (12.multi by area, its
//   connections; addCrossCuts);
//   with "areas", the traffic that must leave each area, and of a link to a bucket or database
//   what must leave its caller's clouds (9 by area and 9.cross, addAreaTraffic below);
//   u[w,K] when w runs on continent K (13 by continent, continentPresence below): y[w,A] <=
//   u[w,K] <= Σ_{A∈K} y[w,A], x_w(K) <= R_w·u[w,K], per user point Σ_K u[w,K] >= 1 over the
//   continents near it, and with "areas" the links' rows by continent, u[me,K] <= Σ_{K' near K}
//   u[peer,K']. By area alone, the linear relaxation lets a service run in three areas of a
//   continent at a third of a presence each, and a bucket split its one region across
//   continents, each part pinning a part of its callers: at 500 services its optimum was
//   $360,516 where the MIP's root, whose cuts recovered it, proved $398,832; with these rows,
//   $399,135 (at 2,000, $1,679,770 and $1,698,445; per continent, $1,664,021 and $1,679,521).
// Everything it leaves out (other traffic, connections other than those above, region-level
// latency, databases' quota, changes of instance type within a region) costs at least nothing,
// and every constraint it keeps is one of the exact model's or implied by it, with prices and
// vCPUs no higher than any offer's: so no plan of the spec costs less than its optimum. Its
// model has a few rows per service, quota, cloud share, user point and link: it solves in
// seconds where the relaxed placement model (all rows of 9, 12, 13) does not.

import type { Catalog } from "./catalog";
import type { Candidates } from "./candidates";
import { bucketMonthlyUSD, replicaMonthlyUSD } from "./ilp";
import { latencyReach } from "./ilp-latency";
import { areaOf as areaOfRegion, atLeastAll, multiCloudServices, networkRoles, presenceCost } from "./ilp-network";
import { cloudCap, maxValue, mostInOneCloud, presenceOnContinent } from "./ilp-presence";
import { fixedCosts } from "./network/costs";
import { latencyMatrix } from "./latency/matrix";
import { continentOf, linkNear } from "./latency/requirements";
import { cheapestDatabaseOffers, databaseMigrationUSD } from "./ilp-databases";
import { placedDatabaseOffer } from "./database-offers";
import { databaseCallers } from "./verify";
import { type RegionKey, splitKey } from "./evaluate";
import type { Plan, ReplicaGroup } from "./plan";
import { LinExpr, ModelBuilder } from "./solvers/builder";
import type { SparseModel } from "./solvers/types";
import type { NormalizedLink, NormalizedService, NormalizedSpec } from "./spec";
import { bucketMigrationUSD, DEFAULT_MIGRATION, type MigrationSettings, replicaMigrationUSD, serviceMoveUSD } from "./stability";
import { perCloudCap } from "./validate-fields";
import { trafficRates } from "./traffic";

/** The capacity relaxation's model, with what each replica column stands for. */
export interface CapacityModel {
  readonly model: SparseModel;
  /** Per column: its service, region and the vCPUs one of its replicas is charged. */
  readonly columns: readonly { readonly service: string; readonly key: RegionKey; readonly vcpus: number }[];
}

/** Where the capacity MIP places presence: nowhere (a linear program), per continent or per cloud and continent. */
export type CapacityPresence = "none" | "continents" | "areas";

/** Optional parts of the capacity model. */
export interface CapacityShape {
  /** With "areas", the gateways of 12.multi by area (default true): a higher bound, a slower MIP. */
  readonly multiCloudGateways?: boolean;
  /**
   * With "areas", 9.cross by area (default true): what a bucket's or database's callers must send
   * across clouds. A higher LP bound (generated specs: 100 services $86,860 to $86,870, 2,000
   * $1,696,361 to $1,696,717 in the lean model), a slower MIP (at 100 services in 10 s it proved
   * $87,185 where it reaches its optimum, $87,215, without).
   */
  readonly crossingTraffic?: boolean;
  /**
   * With "areas" and not `lean`, 12.cross and the connections of 12.multi by area
   * (default true; addCrossCuts). On the generated spec of 100 services (seed 1) its LP rises
   * from $86,874 to $86,962, and its MIP's root, solved alone, had $87,177 after 0.95 s where it
   * had $87,130 after 0.85 to 1.0 s; but a MIP given the time to reach its optimum reaches it
   * later (at 50 services in 10 s, in 6.3 to 6.5 s where it took 4.6 to 4.9). In the lean model
   * at 2,000 services, $102 more (0.006%) for half again its LP's time: left out there.
   */
  readonly crossCuts?: boolean;
  /**
   * For a linear relaxation that must fit in little memory: leaves out the rows that add least to
   * its bound for their number, y[w,A] <= u[w,K] (13 by continent; with it goes the links' rule
   * by area, 13.link, which those rows imply and which is therefore not written either) and the
   * networks' open[A], zone[A], ingress[A] >= y[s,A] (12 by area: what held workloads pay stays,
   * a constant). Still a relaxation, so still a bound. Measured
   * on the generated spec of 2,000 services, per area: 47,500 rows of 170,000 left out, its LP's
   * optimum $1,696,361 where the whole model's is $1,698,445 (0.12% lower; before 9.cross, with
   * which they are $1,696,717 and $1,698,679), in 2.0 s where that
   * took 2.6 to 2.8 s, and HiGHS's memory for it 313 MiB where it took 451 (leaving out only
   * y <= u and open: $1,697,266, 376 MiB).
   */
  readonly lean?: boolean;
  /**
   * A re-plan's previous plan: the moves any plan must make from it count (11 as a bound, see
   * addForcedMoves), with `migration`'s prices. Without them a re-plan's bound priced no
   * migration, and against a plan far from the optimum its gap stayed wide however good the plan.
   */
  readonly previous?: Plan;
  readonly migration?: MigrationSettings;
}

/** The capacity relaxation: a linear program, or with `presence` a small MIP (see above). */
export function capacityModel(
  spec: NormalizedSpec,
  catalog: Catalog,
  candidates: Candidates,
  held: Plan | undefined,
  presence: CapacityPresence = "none",
  /** latencyReach(spec, catalog, candidates, held), when the caller has it already. */
  reachable?: ReadonlyMap<string, ReadonlySet<string>>,
  shape: CapacityShape = {},
): CapacityModel {
  const { multiCloudGateways = true, crossingTraffic = true, crossCuts = true, lean = false, previous, migration = DEFAULT_MIGRATION } = shape;
  const mip = presence !== "none";
  const m = new ModelBuilder();
  const fc = spec.network ? fixedCosts(catalog, spec.network) : undefined;
  const roles = networkRoles(spec);
  // Areas: a cloud on a continent ("aws/Europe"), or a continent ("*/Europe"). With presence, per
  // workload and area A its presence there: y[s,A] ∈ {0,1} for a free service, z[w,A] for a free
  // bucket or database, 1 where a held one is.
  const areaOf = (key: string) => (presence === "areas" ? areaOfRegion(catalog, key) : `*/${continentOf(catalog, key) ?? ""}`);
  const continentOfArea = (area: string) => area.slice(area.indexOf("/") + 1);
  const cloudOfArea = (area: string) => area.slice(0, area.indexOf("/"));
  const regionsOfArea = new Map<string, RegionKey[]>();
  // v[s,c] of 5 by cloud, per "service@cloud".
  const cloudUsed = new Map<string, number>();
  for (const r of catalog.regions) {
    const key = `${r.cloud}:${r.region}` as RegionKey;
    (regionsOfArea.get(areaOf(key)) ?? regionsOfArea.set(areaOf(key), []).get(areaOf(key))!).push(key);
  }
  const present = new Map<string, Map<string, LinExpr>>();
  // Each service's share of its replicas per area (x_s(A) / R_s), for traffic between areas.
  const shareOn = new Map<string, Map<string, LinExpr>>();
  const heldOn = (name: string, keys: readonly string[]) => present.set(name, new Map(keys.map((k) => [areaOf(k), new LinExpr().addConstant(1)])));
  const openOn = new Map<string, LinExpr[]>();
  const zoneOn = new Map<string, LinExpr[]>();
  const ingressOn = new Map<string, LinExpr[]>();
  const push = (map: Map<string, LinExpr[]>, area: string, e: LinExpr) => (map.get(area) ?? map.set(area, []).get(area)!).push(e);
  const columns: { service: string; key: RegionKey; vcpus: number }[] = [];
  const fixed = held ?? { services: {}, buckets: {} };
  const reach = reachable ?? latencyReach(spec, catalog, candidates, fixed);
  const quota = new Map<string, LinExpr>();
  const quotaOf = (key: string) => quota.get(key) ?? quota.set(key, new LinExpr()).get(key)!;
  const rtt = latencyMatrix(catalog);
  // Replicas of each free service per continent, for the links' continent rows.
  const onContinent = new Map<string, Map<string, LinExpr>>();
  // With presence, per user point of each free service the areas near it.
  const usersNear = new Map<string, Set<string>[]>();

  for (const s of spec.services) {
    const h = fixed.services[s.name];
    if (h) {
      heldOn(s.name, h.groups.map((g) => `${g.cloud}:${g.region}`));
      const shares = new Map<string, LinExpr>();
      shareOn.set(s.name, shares);
      const all = h.groups.reduce((n, g) => n + g.count, 0);
      for (const g of h.groups) {
        const a = areaOf(`${g.cloud}:${g.region}`);
        (shares.get(a) ?? shares.set(a, new LinExpr()).get(a)!).addConstant(g.count / Math.max(1, all));
        const o = catalog.offer(g.cloud, g.region, g.instanceType);
        if (!o) continue;
        m.offset += (g.count - g.spot) * replicaMonthlyUSD(catalog, s, o, false) + g.spot * replicaMonthlyUSD(catalog, s, o, true);
        quotaOf(`${g.cloud}:${g.region}`).addConstant(o.vcpus * g.count);
      }
      const before = previous?.services[s.name]?.groups;
      if (before) m.offset += serviceMoveUSD(spec, catalog, s, before, h.groups, migration);
      if (mip) {
        for (const key of new Set(h.groups.map((g) => `${g.cloud}:${g.region}`))) {
          const one = new LinExpr().addConstant(1);
          push(openOn, areaOf(key), one);
          if (roles.callers.has(s.name)) push(zoneOn, areaOf(key), one);
          if (roles.publics.has(s.name)) push(ingressOn, areaOf(key), one);
        }
      }
      continue;
    }
    const total = new LinExpr();
    const spot = new LinExpr();
    const perCloud = new Map<string, LinExpr>();
    const onArea = new Map<string, LinExpr>();
    const near = (s.latency?.from ?? []).flatMap((place) => place.points.map(() => new LinExpr()));
    const points = (s.latency?.from ?? []).flatMap((place) => place.points);
    const nearAreas = points.map(() => new Set<string>());
    // Per area, the user points some region of it is near.
    const pointsOf = new Map<string, Set<number>>();
    // The cheapest presence (12) of s in each area.
    const presenceIn = new Map<string, number>();
    // The regions the previous plan ran s in keep columns of their own, for the moves it forces.
    const before = previous?.services[s.name]?.groups ?? [];
    const beforeIn = new Set<string>(before.map((g) => `${g.cloud}:${g.region}`));
    // Regions that stand in one column pair: each region alone, or with "areas" the regions of
    // an area near the same user points (a region with a quota, or one the previous plan ran s
    // in, keeps its own), priced at the cheapest of them and charged the fewest vCPUs: about a
    // quarter of the columns, with the same rows (measured at 2,000 services: 256,351 columns
    // down to 68,696; 17,619 at 500).
    const classes = new Map<string, { key: RegionKey; area: string; continent: string; cloud: string; near: number[]; offers: { usd: number; vcpus: number }[] }>();
    for (const ro of candidates.services.get(s.name) ?? []) {
      if (!reach.get(s.name)?.has(ro.key)) continue;
      const area = areaOf(ro.key);
      if (fc) presenceIn.set(area, Math.min(presenceIn.get(area) ?? Infinity, presenceCost(fc, roles, s.name, ro.key)));
      const nearTo = points.flatMap((p, i) => (rtt.rtt(ro.key, p) <= s.latency!.maxRttMs + 1e-9 ? [i] : []));
      const id = presence === "areas" && !(ro.key in spec.quotas) && !beforeIn.has(ro.key) ? `${area}|${nearTo.join(",")}` : ro.key;
      const offers = [ro.onDemand, s.spotReplicas > 0 ? ro.spot : []].map((list, i) =>
        list.length === 0 ? { usd: Infinity, vcpus: Infinity } : { usd: Math.min(...list.map((o) => replicaMonthlyUSD(catalog, s, o, i === 1))), vcpus: Math.min(...list.map((o) => o.vcpus)) },
      );
      const c = classes.get(id);
      if (!c) classes.set(id, { key: ro.key, area, continent: ro.region.continent, cloud: ro.region.cloud, near: nearTo, offers });
      else c.offers = c.offers.map((o, i) => ({ usd: Math.min(o.usd, offers[i].usd), vcpus: Math.min(o.vcpus, offers[i].vcpus) }));
    }
    const inRegion = new Map<string, LinExpr>();
    for (const [id, c] of classes) {
      const here = new LinExpr();
      if (beforeIn.has(id)) inRegion.set(id, here);
      c.offers.forEach((o, i) => {
        if (!Number.isFinite(o.usd)) return;
        const isSpot = i === 1;
        const col = m.addCol(`${isSpot ? "p" : "n"}[${s.name},${id}]`, o.usd, 0, Infinity, false);
        columns[col] = { service: s.name, key: c.key, vcpus: o.vcpus };
        here.add(col, 1);
        if (isSpot) spot.add(col, 1);
        if (id in spec.quotas) quotaOf(id).add(col, o.vcpus);
      });
      total.addExpr(here);
      (onArea.get(c.area) ?? onArea.set(c.area, new LinExpr()).get(c.area)!).addExpr(here);
      const perK = onContinent.get(s.name) ?? onContinent.set(s.name, new Map()).get(s.name)!;
      (perK.get(c.continent) ?? perK.set(c.continent, new LinExpr()).get(c.continent)!).addExpr(here);
      (perCloud.get(c.cloud) ?? perCloud.set(c.cloud, new LinExpr()).get(c.cloud)!).addExpr(here);
      for (const i of c.near) {
        near[i].addExpr(here);
        nearAreas[i].add(c.area);
        (pointsOf.get(c.area) ?? pointsOf.set(c.area, new Set()).get(c.area)!).add(i);
      }
    }
    m.addRow(`1.replicas[${s.name}]`, total, s.replicas, s.replicas);
    if (before.length > 0) addForcedMoves(m, spec, catalog, s, before, inRegion, migration);
    shareOn.set(s.name, new Map([...onArea].map(([a, e]) => [a, new LinExpr().addExpr(e, 1 / s.replicas)])));
    if (mip) {
      const ys = new Map<string, LinExpr>();
      const areas = new LinExpr();
      const inCloud = new Map<string, LinExpr>();
      // An area is in one cloud: at most cloudCap(s) replicas there (ilp-presence.ts).
      const most = presence === "areas" ? cloudCap(s) : s.replicas;
      for (const [area, e] of [...onArea].sort(([a], [b]) => (a < b ? -1 : 1))) {
        // Present in A: at least one replica there, and its cheapest presence there.
        const y = m.addCol(`y[${s.name},${area}]`, presenceIn.get(area) ?? 0, 0, 1, true);
        const ye = new LinExpr().add(y, 1);
        ys.set(area, ye);
        areas.add(y, 1);
        (inCloud.get(cloudOfArea(area)) ?? inCloud.set(cloudOfArea(area), new LinExpr()).get(cloudOfArea(area))!).add(y, 1);
        // An area some user point is too far from leaves a replica to another area (per area
        // only: the model per continent guides the groups, which it would change).
        const cap = presence === "areas" && (pointsOf.get(area)?.size ?? 0) < points.length ? Math.min(most, s.replicas - 1) : most;
        m.addRow(`13.present[${s.name},${area}]`, new LinExpr().addExpr(e).add(y, -cap), -Infinity, 0);
        m.addRow(`13.absent[${s.name},${area}]`, new LinExpr().addExpr(e).add(y, -1), 0, Infinity);
        push(openOn, area, ye);
        if (roles.callers.has(s.name)) push(zoneOn, area, ye);
        if (roles.publics.has(s.name)) push(ingressOn, area, ye);
      }
      present.set(s.name, ys);
      if (points.length > 0) usersNear.set(s.name, nearAreas);
      // 4 and 5: as many regions as minRegions and minClouds ask; a region beyond one per area
      // costs at least s's cheapest presence anywhere.
      const regionsNeeded = Math.max(s.minRegions, s.minClouds);
      if (fc && regionsNeeded > 1 && onArea.size > 0) {
        const extra = m.addCol(`e[${s.name}]`, Math.min(...presenceIn.values()), 0, Infinity, false);
        m.addRow(`4.minRegions[${s.name}]`, new LinExpr().addExpr(areas).add(extra, 1), regionsNeeded, Infinity);
      }
      if (s.minClouds > 1 && presence === "areas") {
        const clouds = new LinExpr();
        for (const [c, e] of inCloud) {
          const v = m.addCol(`v[${s.name},${c}]`, 0, 0, 1, false);
          cloudUsed.set(`${s.name}@${c}`, v);
          clouds.add(v, 1);
          m.addRow(`5.cloud[${s.name},${c}]`, new LinExpr().addExpr(e).add(v, -1), 0, Infinity);
        }
        m.addRow(`5.minClouds[${s.name}]`, clouds, s.minClouds, Infinity);
      }
    }
    if (s.spotReplicas < s.replicas) m.addRow(`2.spot[${s.name}]`, spot, -Infinity, s.spotReplicas);
    const cap = perCloudCap(s.maxSharePerCloud, s.replicas);
    if (cap < s.replicas) for (const [c, e] of perCloud) m.addRow(`3.share[${s.name},${c}]`, e, -Infinity, cap);
    near.forEach((e, i) => m.addRow(`13.users[${s.name},${points[i]}]`, e, 1, Infinity));
  }
  // Buckets and databases run in one region each: at their cheapest region (a constant), or
  // with presence in one area each, at their cheapest region there.
  const oneRegion = (name: string, prices: ReadonlyMap<string, number>) => {
    const perA = new Map<string, number>();
    for (const [key, usd] of prices) {
      const a = areaOf(key);
      if (Number.isFinite(usd) && usd < (perA.get(a) ?? Infinity)) perA.set(a, usd);
    }
    if (perA.size === 0) return;
    if (!mip) {
      m.offset += Math.min(...perA.values());
      return;
    }
    const one = new LinExpr();
    const on = new Map<string, LinExpr>();
    for (const [a, usd] of [...perA].sort(([x], [y]) => (x < y ? -1 : 1))) {
      const z = m.addCol(`z[${name},${a}]`, usd, 0, 1, true);
      one.add(z, 1);
      on.set(a, new LinExpr().add(z, 1));
    }
    m.addRow(`1.place[${name}]`, one, 1, 1);
    present.set(name, on);
  };
  // A bucket or database that leaves the previous plan's region pays its move there (11).
  const moveFrom = (was: { cloud: string; region: string } | undefined, usd: number) => (key: string) => (was && key !== `${was.cloud}:${was.region}` ? usd : 0);
  for (const b of spec.buckets) {
    const h = fixed.buckets[b.name];
    const at = h ? [`${h.cloud}:${h.region}`] : [...(reach.get(b.name) ?? [])];
    const was = previous?.buckets[b.name];
    const move = moveFrom(was, was ? bucketMigrationUSD(catalog, b.storageGiB, was.cloud, was.region, migration) : 0);
    const prices = new Map(
      at.map((key) => {
        const [cloud, region] = splitKey(key as RegionKey);
        return [key, bucketMonthlyUSD(catalog, b.storageGiB, b.internetEgressGiB, { cloud, region }) + move(key)] as const;
      }),
    );
    if (h) {
      m.offset += prices.get(at[0]) ?? 0;
      if (mip) heldOn(b.name, at);
    } else oneRegion(b.name, prices);
  }
  // Every area a workload may be in, per continent.
  const byContinent = (on: ReadonlyMap<string, LinExpr>, k: string) => [...on].filter(([a]) => continentOfArea(a) === k).map(([, e]) => e);
  for (const d of spec.databases ?? []) {
    const h = fixed.databases?.[d.name];
    const was = previous?.databases?.[d.name];
    const move = moveFrom(was, was ? databaseMigrationUSD(catalog, d, was, migration) : 0);
    if (h) {
      m.offset += (placedDatabaseOffer(catalog, d, h)?.monthlyUSD ?? 0) + move(`${h.cloud}:${h.region}`);
      if (mip) heldOn(d.name, [`${h.cloud}:${h.region}`]);
      continue;
    }
    oneRegion(d.name, new Map([...cheapestDatabaseOffers(catalog, d, spec.allowBurstable)].map(([key, o]) => [key, o.monthlyUSD + move(key)])));
    // 14.near, by continent: a database runs on a continent one of its callers runs on.
    const on = present.get(d.name);
    const callers = databaseCallers(spec, d.name);
    if (!on || callers.length === 0) continue;
    for (const [a, z] of on) {
      const row = new LinExpr().addExpr(z, -1);
      for (const caller of callers) for (const c of byContinent(present.get(caller) ?? new Map(), continentOfArea(a))) row.addExpr(c);
      m.addRow(`14.near[${d.name},${a}]`, row, 0, Infinity);
    }
  }

  const replicasOf = new Map(spec.services.map((x) => [x.name, x.replicas]));
  // Continents some region of which is near some region of K, for a link's requirement.
  const nearContinents = new Map<string, Map<string, Set<string>>>();
  const near = (l: NormalizedLink, k: string): Set<string> => {
    if (!l.latency) return new Set([k]);
    const id = l.latency.kind === "continent" ? "continent" : String(l.latency.maxRttMs);
    let byK = nearContinents.get(id);
    if (!byK) {
      byK = new Map();
      for (const a of catalog.regions)
        for (const b of catalog.regions) {
          const [ka, kb] = [`${a.cloud}:${a.region}`, `${b.cloud}:${b.region}`];
          if (linkNear(catalog, l.latency, ka, kb)) (byK.get(a.continent) ?? byK.set(a.continent, new Set()).get(a.continent)!).add(b.continent);
        }
      nearContinents.set(id, byK);
    }
    return byK.get(k) ?? new Set();
  };
  // Presence per continent (13 by continent, continentPresence below).
  const onK = mip ? continentPresence(m, present, onContinent, replicasOf, usersNear, continentOfArea, lean) : undefined;
  // With presence, every link with a requirement, both ways: wherever one end is present,
  // the other is present in an area of a continent some region of which is near one of the
  // first's: y[me,A] <= Σ_{A' near A} y[peer,A'] (13.link by area); with "areas", the same by
  // continent, u[me,K] <= Σ_{K' near K} u[peer,K'] (13.linkK), in their place.
  // Without, links whose ends must share a continent in replicas: x_t(K) >= x_f(K) / R_f, for
  // each continent K and both ways (a[f,r] >= x[f,r]/R_f and Σ_{q∈K} x[t,q] >= Σ_{q∈K} a[t,q] >= a[f,r] for r in K).
  for (const l of spec.links) {
    if (!l.latency) continue;
    for (const [me, peer] of [
      [l.from, l.to],
      [l.to, l.from],
    ]) {
      if (mip) {
        const mine = present.get(me);
        const theirs = present.get(peer);
        if (!mine || !theirs) continue;
        // By area, the rows below by continent imply these (y[me,A] <= u[me,K] and u[peer,K']
        // <= Σ_{A'∈K'} y[peer,A']): 19,240 rows fewer at 2,000 services.
        if (presence !== "areas")
          for (const [a, y] of mine) {
            const row = new LinExpr().addExpr(y, -1);
            for (const k2 of near(l, continentOfArea(a))) for (const t of byContinent(theirs, k2)) row.addExpr(t);
            if (row.isConstant && row.constant >= 0) continue;
            m.addRow(`13.link[${me}>${peer},${a}]`, row, 0, Infinity);
          }
        const mineK = presence === "areas" ? onK?.get(me) : undefined;
        const theirsK = onK?.get(peer);
        if (!mineK || !theirsK) continue;
        for (const [k, u] of mineK) {
          const row = new LinExpr().addExpr(u, -1);
          for (const k2 of near(l, k)) {
            const t = theirsK.get(k2);
            if (t) row.addExpr(t);
          }
          if (row.isConstant && row.constant >= 0) continue;
          m.addRow(`13.linkK[${me}>${peer},${k}]`, row, 0, Infinity);
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
  if (mip && fc) {
    // An area anyone runs in has a network open there, with a private zone when a caller runs
    // there and a public balancer when a public service does: each at the cheapest of the area's
    // regions (12, by area); and any public service, the front door's zone.
    const cheapest = (a: string, price: (key: RegionKey) => number) => Math.min(...(regionsOfArea.get(a) ?? []).map(price));
    const sorted = (map: Map<string, LinExpr[]>) => [...map].sort(([a], [b]) => (a < b ? -1 : 1));
    // Lean: only what held workloads pay for certain, a constant.
    const column = lean ? "none" : "priced";
    for (const [a, d] of sorted(openOn)) atLeastAll(m, `open[${a}]`, cheapest(a, (key) => fc.open(key)), d, column);
    for (const [a, d] of sorted(zoneOn)) atLeastAll(m, `zone[${a}]`, cheapest(a, (key) => fc.zone(key)), d, column);
    for (const [a, d] of sorted(ingressOn)) atLeastAll(m, `ingress[${a}]`, cheapest(a, (key) => fc.ingress(key)), d, column);
    if (roles.publics.size > 0) m.offset += fc.frontDoor();
    // Connections across clouds: a service link whose ends run in two areas of different clouds
    // on one continent (or near for its latency) connects a region of each, and each of those
    // regions has its VPN gateway (12, by area).
    const conns = new Map<string, LinExpr[]>();
    // Per link, the pairs of areas (its from end's, its to end's) it connects when its ends are there.
    const linkPairs = new Map<NormalizedLink, Set<string>>();
    for (const l of spec.links) {
      if (l.toKind !== "service") continue;
      const from = present.get(l.from);
      const to = present.get(l.to);
      if (!from || !to) continue;
      const pairs = new Set<string>();
      linkPairs.set(l, pairs);
      for (const [a, ya] of from)
        for (const k2 of near(l, continentOfArea(a)))
          for (const [b, yb] of to) {
            if (continentOfArea(b) !== k2 || cloudOfArea(a) === cloudOfArea(b)) continue;
            pairs.add(`${a}|${b}`);
            push(conns, a < b ? `${a}|${b}` : `${b}|${a}`, new LinExpr().addExpr(ya).addExpr(yb).addConstant(-1));
          }
    }
    const gateways = new Map<string, LinExpr[]>();
    const connOf = new Map<string, LinExpr>();
    for (const [pair, d] of sorted(conns)) {
      const [a, b] = pair.split("|");
      let usd = Infinity;
      for (const r of regionsOfArea.get(a) ?? []) for (const q of regionsOfArea.get(b) ?? []) usd = Math.min(usd, fc.pair(r, q));
      const conn = atLeastAll(m, `conn[${pair}]`, Number.isFinite(usd) ? usd : 0, d, "kept");
      connOf.set(pair, conn);
      if (conn.isConstant && conn.constant <= 0) continue;
      push(gateways, a, conn);
      push(gateways, b, conn);
    }
    // A service linked to one that must use two clouds or more connects across clouds from every
    // region it runs in (12.multi): each area it runs in has a gateway, whether or not the
    // connection is one of the pairs above. Measured (seed 1): at 100 services the MIP's optimum
    // rises from $87,128 to $87,206 (its solve from 9.2 to 14.1 s), beside the groups in 10 s its
    // bound from $87,107-87,110 to $87,170-87,173; at 500 services in 60 s, $400,576 to $400,751.
    // Where the relaxed model's MIP follows this one (optimizer/decompose.ts), its later start
    // cost more than the rows gave: at 100 services, 2.00% in 30 s (one run) and 1.69% in 60 s,
    // where without them the relaxed MIP ends at 1.95 to 2.03% and 1.67%.
    // A held peer is where it is held: 12.multi counts only what a free one must do.
    const needed = presence === "areas" && multiCloudGateways ? multiCloudServices(spec) : new Map<string, number>();
    for (const l of spec.links) {
      if (l.toKind !== "service") continue;
      for (const [me, peer] of [
        [l.from, l.to],
        [l.to, l.from],
      ]) {
        if (!needed.has(peer) || held?.services[peer]) continue;
        for (const [a, y] of present.get(me) ?? []) push(gateways, a, y);
      }
    }
    const gates = new Map<string, LinExpr>();
    for (const [a, d] of sorted(gateways)) gates.set(a, atLeastAll(m, `gw[${a}]`, cheapest(a, (key) => fc.gateway(key)), d));
    if (presence === "areas" && crossCuts && !lean) {
      const clouds = new Map([...multiCloudServices(spec)].filter(([name]) => !held?.services[name]));
      addCrossCuts(m, linkPairs, present, connOf, clouds, cloudOfArea);
    }
    // 12.span by area: a service that must use two clouds or more, linked to a peer, has a
    // connection from each cloud c it uses to another cloud, and a gateway in c, in areas of its
    // own or of the peer's (see addSpanCuts in ilp-network.ts): Σ conn[A,B] >= v[me,c] when
    // every such pair of areas, A in c and B outside, has a column (the connection may be any
    // of them), and Σ gw[A] >= v[me,c] over the areas in c.
    for (const l of spec.links) {
      if (l.toKind !== "service" || !needed.size) continue;
      for (const [me, peer] of [
        [l.from, l.to],
        [l.to, l.from],
      ]) {
        if (!needed.has(me)) continue;
        const areas = [...new Set([...(present.get(me)?.keys() ?? []), ...(present.get(peer)?.keys() ?? [])])];
        for (const c of new Set(areas.map(cloudOfArea))) {
          const v = cloudUsed.get(`${me}@${c}`);
          if (v === undefined) continue;
          const inside = areas.filter((a) => cloudOfArea(a) === c);
          const outside = areas.filter((a) => cloudOfArea(a) !== c);
          const pairs = inside.flatMap((a) => outside.map((b) => connOf.get(a < b ? `${a}|${b}` : `${b}|${a}`)));
          if (outside.length > 0 && pairs.every((e) => e !== undefined)) {
            const row = new LinExpr().add(v, -1);
            for (const e of pairs) row.addExpr(e!);
            m.addRow(`12.span[${me}>${peer},${c}]`, row, 0, Infinity);
          }
          if (!inside.every((a) => maxValue(gates.get(a) ?? new LinExpr()) > 1e-9)) continue;
          const row = new LinExpr().add(v, -1);
          for (const a of inside) row.addExpr(gates.get(a)!);
          m.addRow(`12.spanGate[${me}>${peer},${c}]`, row, 0, Infinity);
        }
      }
    }
  }
  if (presence === "areas") addAreaTraffic(m, spec, catalog, crossingTraffic ? fixed : undefined, shareOn, present, regionsOfArea);
  for (const [key, e] of quota) {
    const q = spec.quotas[key];
    if (q !== undefined && !e.isConstant) m.addRow(`6.quota[${key}]`, e, -Infinity, q);
  }
  return { model: m.build(), columns };
}

/**
 * 12.cross and 12.multi by area (valid inequalities; by region, addLeaveCuts and
 * addMultiCloudCuts in ilp-network.ts). For a link and an area A of one end, `me`, let C(A) be
 * the areas of the other end, `peer`, that the link connects A to (another cloud, near enough:
 * `linkPairs`), and k the clouds the peer must use (`clouds`; 1 when it may use one). Wherever
 * me runs in A, each area of the peer in C(A) is a connection of A's, and the peer runs in at
 * least k areas, of which at least k − 1 are in clouds other than A's; so
 *   12.cross:  Σ_{B∈C(A)} conn[A,B] >= k·y[me,A] − Σ_{B∉C(A)} y[peer,B],
 *   12.multi:  Σ_{B∈C(A)} conn[A,B] >= (k − 1)·y[me,A] − Σ_{B∉C(A), cloud(B) ≠ cloud(A)} y[peer,B]  (k >= 2).
 * The rows conn[A,B] >= y[me,A] + y[peer,B] − 1 alone let the linear relaxation, each presence a
 * fraction, pay for almost no connection; 12.span by area is not written when a peer may run on
 * a continent out of the link's reach (no column for those pairs), and 12.multi by area charged
 * the gateway only. Measured on the generated 100-service spec (seed 1): a service that must use
 * two clouds in Europe, called from a queue that its web's users keep in North America, had 0.48
 * of a connection across clouds in the LP; with the rows, 1. (Their gateway's row, gw[A] >= the
 * right side of 12.cross, raised none of the LPs of the generated specs of 10 services, seeds 1
 * to 3, 20 and 100: not written.)
 */
function addCrossCuts(
  m: ModelBuilder,
  linkPairs: ReadonlyMap<NormalizedLink, ReadonlySet<string>>,
  present: ReadonlyMap<string, ReadonlyMap<string, LinExpr>>,
  connOf: ReadonlyMap<string, LinExpr>,
  clouds: ReadonlyMap<string, number>,
  cloudOfArea: (area: string) => string,
): void {
  const conn = (a: string, b: string) => connOf.get(a < b ? `${a}|${b}` : `${b}|${a}`) ?? new LinExpr();
  for (const [l, pairs] of linkPairs) {
    for (const [me, peer, from] of [
      [l.from, l.to, true],
      [l.to, l.from, false],
    ] as const) {
      const theirs = present.get(peer)!;
      const k = clouds.get(peer) ?? 1;
      for (const [a, y] of present.get(me)!) {
        const into = new Set([...theirs.keys()].filter((b) => pairs.has(from ? `${a}|${b}` : `${b}|${a}`)));
        if (into.size === 0) continue;
        // Σ_{B∉C(A)} y[peer,B] − y[me,A], and the same over the other clouds' B only.
        const rest = new LinExpr().addExpr(y, -1);
        const away = new LinExpr().addExpr(y, -1);
        for (const [b, yb] of theirs) {
          if (into.has(b)) continue;
          rest.addExpr(yb);
          if (cloudOfArea(b) !== cloudOfArea(a)) away.addExpr(yb);
        }
        const conns = new LinExpr();
        for (const b of into) conns.addExpr(conn(a, b));
        const cross = new LinExpr().addExpr(conns).addExpr(rest).addExpr(y, 1 - k);
        if (!cross.isConstant) m.addRow(`12.cross[${me}>${peer},${a}]`, cross, 0, Infinity);
        if (k >= 2) {
          const multi = new LinExpr().addExpr(conns).addExpr(away).addExpr(y, 2 - k);
          if (!multi.isConstant) m.addRow(`12.multi[${me}>${peer},${a}]`, multi, 0, Infinity);
        }
      }
    }
  }
}

/**
 * 11 as a bound: the moves any plan makes from the previous plan's groups `before` of service s.
 * Per region r it ran c_r replicas in, moved[s,r] >= c_r − x_s(r) − dropped[s,r], costing what a
 * replica leaving r costs (replicaMigrationUSD), with Σ_r dropped[s,r] <= the replicas s no longer
 * has (a replica dropped is no move). `inRegion`: x_s(r), the replicas of s in r, for the regions
 * s may still use. Replicas kept in r on another instance type are moves in the exact model and
 * none here: a lower bound of its penalty.
 */
function addForcedMoves(
  m: ModelBuilder,
  spec: NormalizedSpec,
  catalog: Catalog,
  s: NormalizedService,
  before: readonly ReplicaGroup[],
  inRegion: ReadonlyMap<string, LinExpr>,
  settings: MigrationSettings,
): void {
  const counts = new Map<string, number>();
  for (const g of before) counts.set(`${g.cloud}:${g.region}`, (counts.get(`${g.cloud}:${g.region}`) ?? 0) + g.count);
  const shrink = [...counts.values()].reduce((a, b) => a + b, 0) - s.replicas;
  const drops = new LinExpr();
  for (const [key, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [cloud, region] = splitKey(key as RegionKey);
    const moved = m.addCol(`moved[${s.name},${key}]`, replicaMigrationUSD(spec, catalog, s, cloud, region, settings), 0, count, false);
    const row = new LinExpr().add(moved, 1);
    const x = inRegion.get(key);
    if (x) row.addExpr(x);
    if (shrink > 0) {
      const dropped = m.addCol(`dropped[${s.name},${key}]`, 0, 0, count, false);
      row.add(dropped, 1);
      drops.add(dropped, 1);
    }
    m.addRow(`11.moved[${s.name},${key}]`, row, count, Infinity);
  }
  if (shrink > 0) m.addRow(`11.dropped[${s.name}]`, drops, -Infinity, shrink);
}

/**
 * 13 by continent, with presence per area: u[w,K] when workload w runs on continent K, for the
 * rows that hold whether or not its areas there are one: y[w,A] <= u[w,K] <= Σ_{A∈K} y[w,A]
 * (a bucket or database, in one area, has u = Σ_{A∈K} z[w,A]; a continent with one area of w's,
 * u = y); x_w(K) <= R_w·u[w,K]; per user point, Σ_K u[w,K] >= 1 over the continents of the
 * areas near it; and (in the caller) the links' rows by continent. By area alone, a service
 * present in three areas of a continent at a third each pins its same-continent peers there at a
 * third, and a bucket's one region splits across continents with its callers' replicas.
 */
function continentPresence(
  m: ModelBuilder,
  present: ReadonlyMap<string, ReadonlyMap<string, LinExpr>>,
  /** Each free service's replicas per continent. */
  onContinent: ReadonlyMap<string, ReadonlyMap<string, LinExpr>>,
  replicasOf: ReadonlyMap<string, number>,
  usersNear: ReadonlyMap<string, readonly ReadonlySet<string>[]>,
  continentOfArea: (area: string) => string,
  lean: boolean,
): Map<string, Map<string, LinExpr>> {
  const onK = new Map<string, Map<string, LinExpr>>();
  for (const [name, areas] of present) {
    const byK = new Map<string, [string, LinExpr][]>();
    for (const [a, e] of areas) (byK.get(continentOfArea(a)) ?? byK.set(continentOfArea(a), []).get(continentOfArea(a))!).push([a, e]);
    const replicas = onContinent.get(name);
    const out = new Map<string, LinExpr>();
    for (const [k, list] of [...byK].sort(([p], [q]) => (p < q ? -1 : 1)))
      out.set(k, presenceOnContinent(m, name, k, list, replicas ? (replicas.get(k) ?? new LinExpr()) : undefined, replicasOf.get(name) ?? 0, lean));
    onK.set(name, out);
  }
  for (const [name, points] of usersNear) {
    const out = onK.get(name);
    if (!out) continue;
    points.forEach((areas, i) => {
      const row = new LinExpr();
      for (const k of new Set([...areas].map(continentOfArea))) {
        const u = out.get(k);
        if (u) row.addExpr(u);
      }
      m.addRow(`13.usersOn[${name},${i}]`, row, 1, Infinity);
    });
  }
  return onK;
}

/**
 * 9 by area: traffic between areas. In each direction x→y of a link with volume V, x sends
 * V·s_x(A) from area A and y receives V·s_y(A) there, so at least V·(s_x(A) − s_y(A)) leaves A,
 * each GiB at no less than the cheapest rate from a region of A to a region of another area y may
 * use (μ): d[x>y,A] >= V·(s_x(A) − s_y(A)), d >= 0, costing μ·d. Shares are x_s(A)/R_s for a
 * service and z[w,A] for a bucket or database (constants where held). Traffic within an area
 * counts nothing: a lower bound of the routing cost 9 prices exactly. With them 9.cross by area
 * (see ilp-traffic.ts): a free bucket or database sits in one area, so of a link to it, in each
 * direction, at least V·(1 − σ) leaves areas, σ the largest share of the service one cloud can
 * hold: Σ_A d[x>y,A] >= V·(1 − σ), an area without d counting V·s_x(A), all it can send.
 * `crossing`: the held plan, for 9.cross; undefined leaves 9.cross out.
 */
function addAreaTraffic(
  m: ModelBuilder,
  spec: NormalizedSpec,
  catalog: Catalog,
  crossing: Plan | undefined,
  shareOn: ReadonlyMap<string, ReadonlyMap<string, LinExpr>>,
  present: ReadonlyMap<string, ReadonlyMap<string, LinExpr>>,
  regionsOfArea: ReadonlyMap<string, readonly RegionKey[]>,
): void {
  const rates = trafficRates(catalog);
  const cheapest = new Map<string, number>();
  const between = (a: string, b: string): number => {
    const id = `${a}|${b}`;
    let usd = cheapest.get(id);
    if (usd === undefined) {
      usd = Infinity;
      for (const r of regionsOfArea.get(a) ?? []) for (const q of regionsOfArea.get(b) ?? []) usd = Math.min(usd, rates.cost(r, q));
      cheapest.set(id, usd);
    }
    return usd;
  };
  const sharesOf = (name: string) => shareOn.get(name) ?? present.get(name);
  const heldIn = (plan: Plan, w: string) => w in plan.buckets || w in (plan.databases ?? {});
  for (const l of spec.links) {
    const volume = l.monthlyGiB / 2;
    if (volume <= 0) continue;
    // 9.cross by area: of a link to a free bucket or database, the share that leaves areas.
    const leaves = !crossing || l.toKind === "service" || heldIn(crossing, l.to) ? 0 : 1 - mostInOneCloud(spec, crossing, l.from);
    for (const [x, y] of [
      [l.from, l.to],
      [l.to, l.from],
    ]) {
      const from = sharesOf(x);
      const to = sharesOf(y);
      if (!from || !to) continue;
      const leaving = new LinExpr();
      for (const [a, sx] of [...from].sort(([p], [q]) => (p < q ? -1 : 1))) {
        let usd = Infinity;
        for (const b of to.keys()) if (b !== a) usd = Math.min(usd, between(a, b));
        const row = new LinExpr().addExpr(sx, -volume);
        const sy = to.get(a);
        if (sy) row.addExpr(sy, volume);
        if (!Number.isFinite(usd) || usd <= 0 || row.isConstant) {
          leaving.addExpr(sx, volume);
          continue;
        }
        const d = m.addCol(`d[${x}>${y},${a}]`, usd, 0, Infinity, false);
        m.addRow(`9.area[${x}>${y},${a}]`, row.add(d, 1), 0, Infinity);
        leaving.add(d, 1);
      }
      if (leaves > 1e-12 && !leaving.isConstant) m.addRow(`9.crossArea[${x}>${y}]`, leaving, volume * leaves, Infinity);
    }
  }
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
