// ILP build: turns a normalized spec and its candidates into a solver-neutral mixed-integer
// program, and decodes the solver's values back into a Plan.
//
// Notation
//   s service with R_s replicas, spot limit P_s; k bucket; c cloud; r cloud-region ("cloud:region").
//   O_sr / Q_sr   on-demand / spot offers of s in r: the Pareto sets of buildCandidates, plus the
//                 offers a previous plan used there (so that staying is always possible). Regions
//                 another region dominates for a whole group of linked workloads are dropped
//                 first (optimizer/prune.ts), and so are regions where a link's latency
//                 requirement cannot hold (ilp-latency.ts); neither changes the optimum.
//   n[s,r,o] ∈ Z+ on-demand replicas of s on offer o in r;  p[s,r,o] ∈ Z+ spot replicas.
//   x[s,r] = Σ_o n[s,r,o] + Σ_o p[s,r,o];   X[s,c] = Σ_{r∈c} x[s,r].
//   b[k,r] ∈ {0,1} bucket k lives in r.   z[s,r], y[s,c], u[c] ∈ {0,1} region / cloud / global
//   cloud used (created only when a constraint needs them).
//   Shares: s_w(r) = x[w,r]/R_w for a service, b[w,r] for a bucket.
//   a[s,r] ∈ {0,1} s has a replica in r (12, created only where 12 or 13 needs it); for a bucket
//   its b[k,r]. open[r], zone[r], ingress[r], gw[r], conn[r,q] ∈ [0,1] network indicators (12).
//   Held workloads (hold/lock, and every other workload when explaining one) enter as constants:
//   their shares are numbers, their cost goes to the objective's offset, their vCPUs reduce quotas.
//
// Objective (monthly USD)
//   Σ n·(730·onDemand_o + disk_s·diskPrice_r) + Σ p·(730·spot_o + disk_s·diskPrice_r)
//   + Σ b[k,r]·(storage_k·storagePrice_r + internetEgress_k·egressPrice_r)
//   + Σ over link directions x→y of the cheapest routing of its traffic (9)
//   + the network layer's fixed costs (12)
//   + migration penalties (11), which are reported apart from the plan's cost.
//
// Constraints (numbered as in the code)
//   1. Replicas exact:  Σ_r x[s,r] = R_s.
//   2. Spot limit:      Σ p[s,·,·] <= P_s.
//   3. Max share:       X[s,c] <= floor(maxSharePerCloud_s · R_s) for every cloud c.
//   4. Min regions:     z[s,r] <= x[s,r];  Σ_r z[s,r] >= minRegions_s   (when minRegions_s > 1).
//   5. Min clouds:      y[s,c] <= X[s,c];  Σ_c y[s,c] >= minClouds_s     (when minClouds_s > 1).
//      With presence indicators in the model (12, 13), the tighter z[s,r] <= a[s,r] and
//      y[s,c] <= Σ_{r∈c} a[s,r] replace z <= x and y <= X.
//   6. vCPU quota:      Σ_{s,o} vcpus_o·(n+p)[s,r,o] <= quota_r − vCPUs of held workloads in r.
//   7. Max clouds:      X[s,c] <= R_s·u[c];  Σ_{r∈c} b[k,r] <= u[c];  Σ_c u[c] <= maxClouds
//                       (when maxClouds is below the number of clouds in play).
//   8. Buckets:         Σ_r b[k,r] = 1.
//  14. Databases:       Σ_r d[k,r] = 1, priced at their cheapest offer per region; links to them
//                       carry traffic as to buckets (optimizer/ilp-databases.ts); 14.near: a
//                       database with callers runs where one runs, d[k,r] <= Σ_{s→k} a[s,r].
//   9. Traffic, per link direction x→y with V = monthlyGiB/2, priced at the rate between the
//      regions actually used (see optimizer/traffic.ts and optimizer/ilp-traffic.ts): the exact
//      min-cost routing of V·s_x to V·s_y, as an LP over rate zones Z (regions of one cloud
//      with the same rates), with ν_r the internet egress of r and ρ(Z,Z') the in-cloud rate:
//        out[r] = V·s_x(r) where y cannot be in r; else e[r] >= V·(s_x(r) − s_y(r)), e[r] >= 0;
//        in[q]  = out[q] − V·(s_x(q) − s_y(q));  OUT_Z = Σ_{r∈Z} out[r];  IN_Z = Σ_{q∈Z} in[q];
//        Σ_{Z'} F[Z,Z'] <= OUT_Z;  Σ_Z F[Z,Z'] <= IN_Z'   for zones of one cloud with ρ < ν_Z;
//      cost Σ_r ν_r·out[r] + Σ (ρ(Z,Z') − ν_Z)·F[Z,Z'] (in a cloud priced by sender only, one
//      F[Z,c] per sending zone into the pool of the cloud's receivers). No binaries: the routing cost is convex
//      in the shares. When one end sits in one known region the cost is linear in the other's
//      shares and enters the objective directly. 9.cross (valid; in the relaxed model, and in
//      the exact one with option `wholeModelCuts`): of a link to a free bucket or database, in
//      each direction, Σ_r out[r] − Σ F >= V·(1 − σ), σ the largest share of the service one
//      cloud can hold: the bucket sits in one cloud (ilp-traffic.ts).
//  10. Hold: held workloads are constants (see Notation); a restricted service (explanations)
//      keeps only its variables in the allowed clouds, and may be required to use one cloud:
//        X[s,c] >= 1.
//  11. Stability, for a previous plan with prev[s,r,o] replicas: kept κ[s,r,o] <= x[s,r,o] and
//      <= prev[s,r,o]; when replicas shrink, dropped δ[s,r,o] with κ + δ <= prev and
//      Σ δ <= Σ prev − R_s. Penalty Σ m_r·(prev − κ − δ) with m_r = fixed + months ·
//      (link GiB_s / R_s + disk_s) · egressPrice_r per moved replica; a moved bucket costs
//      fixed + months · storage_k · egressPrice_r, i.e. m·(1 − b[k,r_old]). Replicas whose type
//      or region is no longer a column (their entry no longer fits) have no κ: their migration
//      is a constant of the objective, so it counts every forced move; so is the move of a
//      workload held (fixed) elsewhere than the previous plan had it, so that a model holding
//      part of a plan prices the whole plan's moves. Keep (to price staying):
//      κ as above for the groups to keep, and Σ κ >= the number to keep.
//  12. Network fixed costs (optimizer/ilp-network.ts, when the spec prices its network), a
//      facility-location model priced from the network layer's inventory (network/costs.ts):
//        presence  x[s,r] <= M_s·a[s,r],  a[s,r] <= x[s,r], with M_s <= R_s the most replicas
//                  one region can hold in a plan meeting 3, 4 and 5 (ilp-presence.ts, regionCap);
//                  in the relaxed model and with `wholeModelCuts`, at most R_s − 1 in a region
//                  beyond maxRttMs of one of s's user points (13 needs a replica elsewhere);
//        open[r] >= a[s,r] ∀s;  zone[r] >= a[s,r] ∀ callers s;  ingress[r] >= a[s,r] ∀ public s;
//        conn[r,q] >= a[f,r] + a[t,q] − 1 ∀ service links f→t, r != q;
//        gw[r] >= conn[r,q] ∀ q in another cloud;
//      12.balancers: Σ_{s called} a[s,r] <= 250 (the internal balancers a region's network has
//      addresses for; a row only where more could run);
//      with the valid inequalities 12.leave, 12.cross, 12.gate and 12.spread (ilp-network.ts)
//      for the LP bound; 12.leave, for a peer t that must run in k >= 2 regions (regionsNeeded:
//      minRegions, its clouds, its replicas over M_t), as 12.regions: r connects to k − 1 of
//      t's regions, k when t is not in r; and 12.pair, for a link with an end in one region
//      (one replica, or held there): conn[r,q] >= a[f,r] + a[f,q] + a[t,r] + a[t,q] − 2;
//      12.via: where a link with an end whose regions are known (held, or one candidate) drives
//      a connection from r into an area A (a cloud on a continent), the rows 12.leave,
//      12.regions, 12.cross, 12.multi and 12.few of another link f→t count r's connections into
//      A as a column via <= Σ_{q∈A} conn[r,q] and via <= Σ_{q∈A} a[t,q] (so too per pair of
//      areas in 12.relax).
//      12.relax (option `relax`) prices connections per pair of areas (a cloud on a continent)
//      instead: a relaxation, whose bound optimizer/decompose.ts uses for specs
//      too large to solve whole; with it, and in the exact model with option `wholeModelCuts`
//      (the whole model optimize.ts solves), 12.multi: a region of a service linked to one that
//      must use k clouds connects to k − 1 other clouds and has its gateway (12.few: as many
//      as the peer's regionsNeeded exceed its regions in r's cloud); and 12.span: a
//      service that must use two clouds or more, linked to a peer, connects each cloud c it uses
//      to another, from a region of its own or of the peer's in c, which has its gateway:
//      Σ_{u in c, v not} conn[u,v] >= y[s,c] and Σ_{u in c} gw[u] >= y[s,c].
//      cost open(r)·open[r] + zone(r)·zone[r] + ingress(r)·ingress[r] + pair(r,q)·conn[r,q]
//      + gateway(r)·gw[r] + Σ a[s,r]·(publicTarget(r) if s public + endpoint(r, ports_s) if
//      called) + the front door's zone (a constant when any service is public).
//  13. Latency (optimizer/ilp-latency.ts): per link f–t with a requirement, both ways,
//        a[f,r] <= Σ_{q near r} a[t,q]   (near: within maxRttMs, or on r's continent);
//      per user-facing service and user point p: Σ_{r: rtt(r,p) <= maxRttMs} a[s,r] >= 1.
//      By continent K, for every workload these name: u[w,K] ∈ [0,1] with a[w,r] <= u[w,K] <=
//      Σ_{r∈K} a[w,r] (r ∈ K), x_s(K) <= min(R_s, M_s·|K|)·u[s,K] (R_s − 1 for a continent
//      beyond a user point, as for 12.present); Σ_{K near p} u[s,K] >= 1 per user point;
//      u[f,K] <= Σ_{K' near K} u[t,K'] per link direction (valid for every plan:
//      u is then 1 exactly where w runs; for the linear relaxation, see ilp-latency.ts).
//
// Option `boundOnly` builds the exact model with wholeModelCuts for its bound alone and leaves
// out the rows BOUND_ONLY_OMITS names (conn's own rows, 12.pair, 13.onContinent, 9.relay and
// 9.cloud): a relaxation whose LP is nearly the whole model's at a quarter of its rows, which
// optimizer/decompose.ts solves beside the groups in place of 12.relax's.

import type { Catalog, Offer } from "./catalog";
import { HOURS_PER_MONTH } from "./catalog";
import { Candidates, fits, RegionOffers } from "./candidates";
import { directionCost, endShares, RegionKey, serviceShares, splitKey } from "./evaluate";
import { trafficRates } from "./traffic";
import { addDirection } from "./ilp-traffic";
import type { BucketPlacement, Plan, ReplicaGroup } from "./plan";
import { LinExpr, ModelBuilder } from "./solvers/builder";
import type { SparseModel } from "./solvers/types";
import type { Cloud, NormalizedService, NormalizedSpec } from "./spec";
import { perCloudCap } from "./validate-fields";
import { databaseCallers } from "./verify";
import { dominatedRegions } from "./prune";
import { networkDominance } from "./prune-network";
import { addKeep, addStability, MigrationSettings } from "./stability";
import { mostInOneCloud, Presence } from "./ilp-presence";
import { addNetworkCosts } from "./ilp-network";
import { addLatency, hasLatency, latencyFeasibleRegions } from "./ilp-latency";
import { addDatabases, DatabaseColumn, databaseRegionCosts, databasesAsBuckets, databaseStability, decodeDatabases } from "./ilp-databases";

/** How to build the model beyond the spec itself. */
export interface IlpOptions {
  /** Workloads held where this plan puts them; they enter the model as constants. */
  readonly fixed?: Plan;
  /** Previous plan: moving away from it is penalized (constraint 11). */
  readonly previous?: Plan;
  readonly migration?: MigrationSettings;
  /** Restrict one service to some clouds, optionally requiring one of them to be used. */
  readonly restrict?: { readonly service: string; readonly clouds: readonly Cloud[]; readonly requireCloud?: Cloud };
  /** Clouds used by workloads left out of the model; they count against maxClouds. */
  readonly usedClouds?: readonly Cloud[];
  /** Drop dominated regions before building (see prune.ts); default true. */
  readonly prune?: boolean;
  /**
   * Keep at least `atLeast` replicas of a free service on the instance types and in the regions
   * of `groups` (11.keep), to price what keeping a workload's replicas would cost.
   */
  readonly keep?: { readonly service: string; readonly groups: readonly ReplicaGroup[]; readonly atLeast: number };
  /**
   * Only these regions, per free workload (a workload not listed keeps all of its own): the
   * restricted model of optimizer/decompose.ts. Its plans are plans of the whole model.
   */
  readonly regions?: ReadonlyMap<string, ReadonlySet<RegionKey>>;
  /** Price connections per pair of areas, a cloud on a continent (12.relax): a relaxation whose bound holds for the exact model. */
  readonly relax?: boolean;
  /**
   * Add the valid inequalities 12.multi, 12.span and 9.cross, and 12.present's caps by user
   * point, to the exact model too (the relaxed model always has them): they raise its LP and
   * shorten a whole model's proof, but slow the many small models of the groups and
   * explanations, which leave them out (see addMultiCloudCuts in ilp-network.ts; with 9.cross in
   * the groups' models, 100 generated services in 10 s ended at $89,690 where they end at
   * $89,117 without).
   */
  readonly wholeModelCuts?: boolean;
  /** Keep the model's column and row names (e.g. "a[api,aws:us-east-1]"), for reading it; they cost memory. */
  readonly names?: boolean;
  /**
   * The exact model for its bound alone (what optimizer/decompose.ts solves beside the groups):
   * wholeModelCuts, less the rows of BOUND_ONLY_OMITS, which its LP does not need. A relaxation
   * of the exact model, so its LP's optimum and its MIP's bound are proven bounds; its solutions
   * need not be plans (a connection it leaves out is not paid for).
   */
  readonly boundOnly?: boolean;
}

/**
 * The families of rows the bound-only exact model leaves out (IlpOptions.boundOnly). Measured on
 * the generated spec of 100 services (seed 1), the whole model's LP with each family left out
 * in turn against $87,645.35 with all (189,501 rows, 11.2 s): the connections' own rows (conn,
 * conn[r,q] >= a[f,r] + a[t,q] − 1, 106,842 rows: 12.leave, 12.cross, 12.multi and the others
 * give the LP what they would) −$10.73; 12.pair (20,413 rows), 13.onContinent (4,595), 9.relay
 * (5,252) and 9.cloud (300) nothing. All five left out: 52,099 rows, $87,634.57 in 3.9 s.
 */
export const BOUND_ONLY_OMITS: ReadonlySet<string> = new Set(["conn", "12.pair", "13.onContinent", "9.relay", "9.cloud"]);

/** A row's family: its name up to its first "[" ("12.pair[api>cache,…]" is 12.pair's). */
function rowFamily(name: string): string {
  const i = name.indexOf("[");
  return i < 0 ? name : name.slice(0, i);
}

/** Variables of one free service in one region. */
export interface RegionVars {
  readonly key: RegionKey;
  readonly cloud: Cloud;
  /** On-demand columns with their offers. */
  readonly onDemand: readonly { readonly col: number; readonly offer: Offer }[];
  /** Spot columns with their offers. */
  readonly spot: readonly { readonly col: number; readonly offer: Offer }[];
}

/** The built model with what is needed to read a plan out of the solver's values. */
export interface PlacementModel {
  readonly model: SparseModel;
  /** Free services' variables by service name. */
  readonly services: ReadonlyMap<string, readonly RegionVars[]>;
  /** Free buckets' columns by bucket name, with their region keys. */
  readonly buckets: ReadonlyMap<string, readonly { readonly key: RegionKey; readonly col: number }[]>;
  /** Free databases' columns by database name (optimizer/ilp-databases.ts). */
  readonly databases: ReadonlyMap<string, readonly DatabaseColumn[]>;
  /** The migration penalty as an expression over the columns (zero without a previous plan). */
  readonly penalty: LinExpr;
  /** Workloads that have no candidate region at all (the model is then trivially infeasible). */
  readonly unplaceable: readonly string[];
  /** Reads the plan (held workloads included) out of column values. */
  decode(values: ArrayLike<number>): Plan;
}

/** Compute + disk cost per month of one replica on an offer, on-demand or spot. */
export function replicaMonthlyUSD(catalog: Catalog, s: NormalizedService, o: Offer, spot: boolean): number {
  const hourly = spot ? (o.spotHourlyUSD ?? o.onDemandHourlyUSD) : o.onDemandHourlyUSD;
  return HOURS_PER_MONTH * hourly + s.diskGiB * catalog.diskPerGiBMonth(o.cloud, o.region);
}

/** A service's cheapest replica in a region, on-demand and on spot (Infinity where none is offered). */
export function regionReplicaUSD(catalog: Catalog, s: NormalizedService, ro: RegionOffers): { onDemand: number; spot: number } {
  return {
    onDemand: Math.min(Infinity, ...ro.onDemand.map((o) => replicaMonthlyUSD(catalog, s, o, false))),
    spot: Math.min(Infinity, ...ro.spot.map((o) => replicaMonthlyUSD(catalog, s, o, true))),
  };
}

/** Builds the placement ILP for a spec; see the comment block at the top of this module. */
export function buildPlacementModel(
  spec: NormalizedSpec,
  catalog: Catalog,
  candidates: Candidates,
  opts: IlpOptions = {},
): PlacementModel {
  const m = new ModelBuilder(opts.names, opts.boundOnly ? (name) => BOUND_ONLY_OMITS.has(rowFamily(name)) : undefined);
  const wholeModelCuts = opts.wholeModelCuts || opts.boundOnly;
  const fixed = opts.fixed ?? { services: {}, buckets: {} };
  const shares = new Map<string, Map<RegionKey, LinExpr>>();
  const serviceVars = new Map<string, RegionVars[]>();
  const bucketVars = new Map<string, { key: RegionKey; col: number }[]>();
  const unplaceable: string[] = [];
  const quotaUse = new Map<RegionKey, LinExpr>();
  const cloudUse: { cloud: Cloud; expr: LinExpr; cap: number }[] = [];
  const heldClouds = new Set<Cloud>(opts.usedClouds ?? []);
  const quotaOf = (key: RegionKey) => quotaUse.get(key) ?? quotaUse.set(key, new LinExpr()).get(key)!;
  // Presence indicators a[s,r] (12, 13), made on demand; with them, 4 and 5 use the tighter a.
  // 12.present's cap less one where a user point is too far: in the relaxed model and the whole
  // one (wholeModelCuts); the groups' models solved slower with it (100 generated services in
  // 10 s: plans of $89,503 to $90,021 where they are $89,117 without).
  const presence = new Presence(m, spec, fixed, serviceVars, bucketVars, opts.relax || wholeModelCuts ? catalog : undefined);
  const tight = spec.network !== undefined || hasLatency(spec);

  // Where workloads were before (previous plan, or the groups to keep): those offers stay
  // columns and those regions are never pruned, so that staying is always possible.
  const prior: Plan | undefined = opts.keep
    ? {
        services: { ...opts.previous?.services, [opts.keep.service]: { groups: opts.keep.groups } },
        buckets: opts.previous?.buckets ?? {},
      }
    : opts.previous;
  // Candidate regions of the free workloads, less those another region dominates.
  const freeRegions = new Map<string, readonly RegionOffers[]>();
  for (const s of spec.services) {
    if (fixed.services[s.name]) continue;
    let regions = withPreviousOffers(candidates.services.get(s.name) ?? [], prior, s, spec, catalog);
    if (opts.restrict?.service === s.name) regions = regions.filter((r) => opts.restrict!.clouds.includes(r.region.cloud));
    const only = opts.regions?.get(s.name);
    if (only) regions = regions.filter((r) => only.has(r.key));
    freeRegions.set(s.name, regions);
  }
  // Regions no plan meeting the links' latency can use (13) are dropped before anything else.
  const reach = latencyFeasibleRegions(spec, catalog, workloadRegions(spec, fixed, freeRegions, candidates));
  for (const [name, regions] of freeRegions) freeRegions.set(name, regions.filter((r) => reach.get(name)!.has(r.key)));
  const bucketRegions = (name: string) =>
    (candidates.buckets.get(name) ?? []).filter((r) => reach.get(name)!.has(`${r.cloud}:${r.region}`) && (opts.regions?.get(name)?.has(`${r.cloud}:${r.region}`) ?? true));
  const bucketCosts = new Map<string, Map<RegionKey, number>>();
  for (const k of spec.buckets) {
    if (fixed.buckets[k.name]) continue;
    const costs = new Map<RegionKey, number>();
    for (const r of bucketRegions(k.name)) {
      costs.set(`${r.cloud}:${r.region}`, bucketMonthlyUSD(catalog, k.storageGiB, k.internetEgressGiB, r));
    }
    bucketCosts.set(k.name, costs);
  }
  const rates = trafficRates(catalog);
  const pruned =
    opts.prune === false
      ? new Map<string, Set<RegionKey>>()
      : dominatedRegions({
          spec,
          catalog,
          candidates,
          services: freeRegions,
          buckets: new Map([...bucketCosts, ...databaseRegionCosts(spec, catalog, fixed)]),
          fixed: databasesAsBuckets(fixed)!,
          previous: databasesAsBuckets(prior),
          rates,
          extra: networkDominance(spec, catalog),
          wholeSpec: spec.network !== undefined,
          regionCost: (s, ro) => regionReplicaUSD(catalog, s, ro),
        });

  for (const s of spec.services) {
    const held = fixed.services[s.name];
    const byRegion = new Map<RegionKey, LinExpr>();
    shares.set(s.name, byRegion);
    if (held) {
      for (const [key, share] of serviceShares(fixed, s.name).regions) byRegion.set(key, new LinExpr().addConstant(share));
      for (const g of held.groups) {
        const o = catalog.offer(g.cloud, g.region, g.instanceType);
        if (!o) continue; // verified before the build; unknown types cannot be held
        m.offset += (g.count - g.spot) * replicaMonthlyUSD(catalog, s, o, false) + g.spot * replicaMonthlyUSD(catalog, s, o, true);
        quotaOf(`${g.cloud}:${g.region}`).addConstant(o.vcpus * g.count);
        heldClouds.add(g.cloud);
      }
      continue;
    }
    const drop = pruned.get(s.name);
    const regions = (freeRegions.get(s.name) ?? []).filter((r) => !drop?.has(r.key));
    if (regions.length === 0) unplaceable.push(s.name);
    const vars: RegionVars[] = [];
    const total = new LinExpr();
    const spotTotal = new LinExpr();
    const byCloud = new Map<Cloud, LinExpr>();
    for (const ro of regions) {
      const x = new LinExpr();
      const cloud = ro.region.cloud;
      const onDemand = ro.onDemand.map((offer) => {
        const col = m.addCol(`n[${s.name},${ro.key},${offer.instanceType}]`, replicaMonthlyUSD(catalog, s, offer, false), 0, s.replicas, true);
        return { col, offer };
      });
      const spot = ro.spot.map((offer) => {
        const col = m.addCol(`p[${s.name},${ro.key},${offer.instanceType}]`, replicaMonthlyUSD(catalog, s, offer, true), 0, Math.min(s.spotReplicas, s.replicas), true);
        return { col, offer };
      });
      for (const v of [...onDemand, ...spot]) {
        x.add(v.col, 1);
        quotaOf(ro.key).add(v.col, v.offer.vcpus);
      }
      for (const v of spot) spotTotal.add(v.col, 1);
      total.addExpr(x);
      (byCloud.get(cloud) ?? byCloud.set(cloud, new LinExpr()).get(cloud)!).addExpr(x);
      byRegion.set(ro.key, new LinExpr().addExpr(x, 1 / s.replicas));
      vars.push({ key: ro.key, cloud, onDemand, spot });
    }
    serviceVars.set(s.name, vars);
    // 1. Replicas exact.
    m.addRow(`1.replicas[${s.name}]`, total, s.replicas, s.replicas);
    // 2. At most spotReplicas on spot.
    if (spotTotal.cols.length > 1) m.addRow(`2.spot[${s.name}]`, spotTotal, -Infinity, s.spotReplicas);
    // 3. At most maxShare of a service's replicas in one cloud.
    const cap = perCloudCap(s.maxSharePerCloud, s.replicas);
    if (cap < s.replicas) for (const [c, e] of byCloud) m.addRow(`3.share[${s.name},${c}]`, e, -Infinity, cap);
    // 4. Region-used indicators and minRegions.
    if (s.minRegions > 1) {
      const used = new LinExpr();
      for (const v of vars) {
        const z = m.addCol(`z[${s.name},${v.key}]`, 0, 0, 1, true);
        const x = new LinExpr().add(z, 1);
        if (tight) x.addExpr(presence.of(s.name, v.key), -1);
        else for (const o of [...v.onDemand, ...v.spot]) x.add(o.col, -1);
        m.addRow(`4.region[${s.name},${v.key}]`, x, -Infinity, 0);
        used.add(z, 1);
      }
      m.addRow(`4.minRegions[${s.name}]`, used, s.minRegions, Infinity);
    }
    // 5. Cloud-used indicators and minClouds.
    if (s.minClouds > 1) {
      const used = new LinExpr();
      for (const [c, e] of byCloud) {
        const y = m.addCol(`y[${s.name},${c}]`, 0, 0, 1, true);
        const row = new LinExpr().add(y, 1);
        if (tight) presence.setCloudUsed(s.name, c, y);
        if (tight) for (const v of vars) v.cloud === c && row.addExpr(presence.of(s.name, v.key), -1);
        else row.addExpr(e, -1);
        m.addRow(`5.cloud[${s.name},${c}]`, row, -Infinity, 0);
        used.add(y, 1);
      }
      m.addRow(`5.minClouds[${s.name}]`, used, s.minClouds, Infinity);
    }
    // 10. A restricted service may be required to use one cloud.
    const req = opts.restrict?.service === s.name ? opts.restrict.requireCloud : undefined;
    if (req !== undefined) m.addRow(`10.require[${s.name},${req}]`, byCloud.get(req) ?? new LinExpr(), 1, Infinity);
    for (const [cloud, expr] of byCloud) cloudUse.push({ cloud, expr, cap: s.replicas });
  }

  for (const k of spec.buckets) {
    const byRegion = new Map<RegionKey, LinExpr>();
    shares.set(k.name, byRegion);
    const held = fixed.buckets[k.name];
    if (held) {
      byRegion.set(`${held.cloud}:${held.region}`, new LinExpr().addConstant(1));
      m.offset += bucketMonthlyUSD(catalog, k.storageGiB, k.internetEgressGiB, held);
      heldClouds.add(held.cloud);
      continue;
    }
    const drop = pruned.get(k.name);
    const regions = bucketRegions(k.name).filter((r) => !drop?.has(`${r.cloud}:${r.region}`));
    if (regions.length === 0) unplaceable.push(k.name);
    const cols: { key: RegionKey; col: number }[] = [];
    const one = new LinExpr();
    const byCloud = new Map<Cloud, LinExpr>();
    for (const r of regions) {
      const key = `${r.cloud}:${r.region}`;
      const col = m.addCol(`b[${k.name},${key}]`, bucketCosts.get(k.name)!.get(key)!, 0, 1, true);
      cols.push({ key, col });
      one.add(col, 1);
      byRegion.set(key, new LinExpr().add(col, 1));
      (byCloud.get(r.cloud) ?? byCloud.set(r.cloud, new LinExpr()).get(r.cloud)!).add(col, 1);
    }
    bucketVars.set(k.name, cols);
    // 8. Each bucket in exactly one region.
    m.addRow(`8.bucket[${k.name}]`, one, 1, 1);
    for (const [cloud, expr] of byCloud) cloudUse.push({ cloud, expr, cap: 1 });
  }

  // 12. Databases (optimizer/ilp-databases.ts).
  // Region dominance does not hold for a database bound to its callers' regions (14.near).
  const dbPruned = new Map([...pruned].filter(([name]) => databaseCallers(spec, name).length === 0));
  for (const [name, only] of opts.regions ?? []) {
    if (!(spec.databases ?? []).some((d) => d.name === name)) continue;
    const drop = new Set(dbPruned.get(name));
    for (const key of catalog.regions.map((r) => `${r.cloud}:${r.region}`)) if (!only.has(key)) drop.add(key);
    dbPruned.set(name, drop);
  }
  const dbPart = addDatabases(m, spec, catalog, fixed, dbPruned, shares);
  unplaceable.push(...dbPart.unplaceable);
  cloudUse.push(...dbPart.cloudUse);
  for (const c of dbPart.heldClouds) heldClouds.add(c);
  // Databases take part in the latency rows (13) as one-region workloads, like buckets.
  for (const [name, cols] of dbPart.vars) presence.addColumns(name, cols);
  // 14.near: a database runs where one of its callers runs (the network layer links only the
  // regions services call each other across): d[k,r] <= Σ_{s calls k} a[s,r].
  for (const d of spec.databases ?? []) {
    const callers = databaseCallers(spec, d.name);
    if (callers.length === 0) continue;
    for (const key of presence.regions(d.name)) {
      const row = new LinExpr().addExpr(presence.of(d.name, key), -1);
      for (const s of callers) row.addExpr(presence.of(s, key));
      if (row.isConstant && row.constant >= 0) continue;
      m.addRow(`14.near[${d.name},${key}]`, row, 0, Infinity);
    }
  }

  // 6. vCPU quota per cloud-region.
  for (const key of Object.keys(spec.quotas).sort()) {
    const use = quotaUse.get(key);
    if (use && !use.isConstant) m.addRow(`6.quota[${key}]`, use, -Infinity, spec.quotas[key]);
  }

  // 7. At most maxClouds clouds in the whole plan.
  const inPlay = [...new Set<Cloud>([...heldClouds, ...cloudUse.map((u) => u.cloud)])].sort();
  if (spec.maxClouds < inPlay.length) {
    const u = new Map<Cloud, number>();
    const count = new LinExpr();
    for (const c of inPlay) {
      const col = m.addCol(`u[${c}]`, 0, heldClouds.has(c) ? 1 : 0, 1, true);
      u.set(c, col);
      count.add(col, 1);
    }
    cloudUse.forEach((w, i) => m.addRow(`7.cloud[${i},${w.cloud}]`, new LinExpr().addExpr(w.expr).add(u.get(w.cloud)!, -w.cap), -Infinity, 0));
    m.addRow("7.maxClouds", count, -Infinity, spec.maxClouds);
  }

  // 9. Link traffic, both directions of every link.
  for (const link of spec.links) {
    const volume = link.monthlyGiB / 2;
    if (volume <= 0) continue;
    const heldA = link.from in fixed.services;
    const heldB =
      link.toKind === "service" ? link.to in fixed.services : link.toKind === "bucket" ? link.to in fixed.buckets : link.to in (fixed.databases ?? {});
    // A bucket or database sits in one cloud: the caller's share outside it crosses clouds (9.cross).
    const crossing = (opts.relax || wholeModelCuts) && link.toKind !== "service" && !heldB ? 1 - mostInOneCloud(spec, fixed, link.from) : 0;
    for (const [x, y] of [
      [link.from, link.to],
      [link.to, link.from],
    ]) {
      if (heldA && heldB) {
        const sh = (w: string) => (w === link.to ? endShares(fixed, w, link.toKind) : serviceShares(fixed, w));
        for (const usd of directionCost(volume, sh(x), sh(y), rates).values()) m.offset += usd;
        continue;
      }
      addDirection(m, `${x}>${y}`, volume, shares.get(x)!, shares.get(y)!, rates, crossing);
    }
  }

  // 12. Network fixed costs and 13. latency, over presence indicators.
  addNetworkCosts(m, spec, catalog, presence, opts.relax, wholeModelCuts);
  addLatency(m, spec, catalog, presence);

  // 11. Stability: penalties for moving away from the previous plan.
  const penalty = opts.previous
    ? addStability(m, spec, catalog, opts.previous, opts.migration, serviceVars, bucketVars, fixed).addExpr(
        databaseStability(spec, catalog, opts.previous, opts.migration, dbPart.vars, fixed),
      )
    : new LinExpr();
  m.addObjective(penalty);
  // 11. Keep: at least some replicas stay where they were.
  const keepVars = opts.keep && serviceVars.get(opts.keep.service);
  if (opts.keep && keepVars) addKeep(m, opts.keep.service, opts.keep.groups, opts.keep.atLeast, keepVars);

  const model = m.build();
  return {
    model,
    services: serviceVars,
    buckets: bucketVars,
    databases: dbPart.vars,
    penalty,
    unplaceable,
    decode: (values) => {
      const plan = decodePlan(spec, fixed, serviceVars, bucketVars, values);
      const databases = decodeDatabases(spec, fixed, dbPart.vars, values);
      return databases ? { ...plan, databases } : plan;
    },
  };
}

/** Every workload's possible regions: where it is held, else its candidates. */
function workloadRegions(
  spec: NormalizedSpec,
  fixed: Plan,
  free: ReadonlyMap<string, readonly RegionOffers[]>,
  candidates: Candidates,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of spec.services) {
    const held = fixed.services[s.name];
    out.set(s.name, held ? held.groups.map((g) => `${g.cloud}:${g.region}`) : (free.get(s.name) ?? []).map((r) => r.key));
  }
  for (const k of spec.buckets) {
    const held = fixed.buckets[k.name];
    out.set(k.name, held ? [`${held.cloud}:${held.region}`] : (candidates.buckets.get(k.name) ?? []).map((r) => `${r.cloud}:${r.region}`));
  }
  return out;
}

/** Monthly storage and internet egress of a bucket in a region. */
export function bucketMonthlyUSD(catalog: Catalog, storageGiB: number, egressGiB: number, r: { cloud: Cloud; region: string }): number {
  return storageGiB * catalog.storagePerGiBMonth(r.cloud, r.region) + egressGiB * catalog.internetEgressPerGiB(r.cloud, r.region);
}

/**
 * Candidate regions of a service with the offers a previous plan used added (when they still fit
 * and their region is still a candidate), so that keeping a workload where it is stays possible.
 */
function withPreviousOffers(
  regions: readonly RegionOffers[],
  previous: Plan | undefined,
  s: NormalizedService,
  spec: NormalizedSpec,
  catalog: Catalog,
): readonly RegionOffers[] {
  const groups = previous?.services[s.name]?.groups;
  if (!groups || groups.length === 0) return regions;
  return regions.map((ro) => {
    let onDemand = ro.onDemand;
    let spot = ro.spot;
    for (const g of groups) {
      if (`${g.cloud}:${g.region}` !== ro.key) continue;
      const o = catalog.offer(g.cloud, g.region, g.instanceType);
      if (!o || !fits(o, s, spec.allowBurstable)) continue;
      if (!onDemand.some((x) => x.instanceType === o.instanceType)) onDemand = [...onDemand, o];
      if (s.spotReplicas > 0 && o.spotHourlyUSD !== null && !spot.some((x) => x.instanceType === o.instanceType)) spot = [...spot, o];
    }
    return onDemand === ro.onDemand && spot === ro.spot ? ro : { ...ro, onDemand, spot };
  });
}

/** Reads a plan from column values; held workloads are copied from the fixed plan. */
function decodePlan(
  spec: NormalizedSpec,
  fixed: Plan,
  serviceVars: ReadonlyMap<string, readonly RegionVars[]>,
  bucketVars: ReadonlyMap<string, readonly { key: RegionKey; col: number }[]>,
  values: ArrayLike<number>,
): Plan {
  const services: Record<string, { groups: ReplicaGroup[] }> = {};
  const buckets: Record<string, BucketPlacement> = {};
  for (const s of spec.services) {
    const held = fixed.services[s.name];
    if (held) {
      services[s.name] = { groups: sortGroups(held.groups.map((g) => ({ ...g }))) };
      continue;
    }
    const groups = new Map<string, ReplicaGroup>();
    for (const v of serviceVars.get(s.name) ?? []) {
      for (const [list, isSpot] of [
        [v.onDemand, false],
        [v.spot, true],
      ] as const) {
        for (const { col, offer } of list) {
          const n = Math.round(values[col]);
          if (n <= 0) continue;
          const id = `${v.key}:${offer.instanceType}`;
          const g = groups.get(id) ?? { cloud: offer.cloud, region: offer.region, instanceType: offer.instanceType, count: 0, spot: 0 };
          groups.set(id, { ...g, count: g.count + n, spot: g.spot + (isSpot ? n : 0) });
        }
      }
    }
    services[s.name] = { groups: sortGroups([...groups.values()]) };
  }
  for (const k of spec.buckets) {
    const held = fixed.buckets[k.name];
    if (held) {
      buckets[k.name] = { cloud: held.cloud, region: held.region };
      continue;
    }
    let best: { key: RegionKey; v: number } | undefined;
    for (const { key, col } of bucketVars.get(k.name) ?? []) {
      if (!best || values[col] > best.v + 1e-9) best = { key, v: values[col] };
    }
    if (best && best.v > 0.5) {
      const [cloud, region] = splitKey(best.key);
      buckets[k.name] = { cloud, region };
    }
  }
  return { services, buckets };
}

/** Sorts replica groups by cloud, region, instance type (the plan's canonical order). */
export function sortGroups(groups: ReplicaGroup[]): ReplicaGroup[] {
  const key = (g: ReplicaGroup) => `${g.cloud}\u0000${g.region}\u0000${g.instanceType}`;
  return groups.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
