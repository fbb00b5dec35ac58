// Presence indicators of the placement ILP (see the comment block of ilp.ts, notation and 12):
// a[s,r] ∈ {0,1} is 1 exactly when service s has a replica in region r, tied to its replica
// count x[s,r] by x[s,r] <= M_s·a[s,r] and a[s,r] <= x[s,r], where M_s (regionCap) is the most
// replicas any one region can hold in a feasible plan, often below R_s (and, when the model
// asks, at most R_s − 1 in a region too far from one of the service's user points). Held
// workloads and regions a workload cannot use are constants. Created on demand, so a model that
// needs none has none.

import type { Catalog } from "./catalog";
import type { RegionKey } from "./evaluate";
import type { RegionVars } from "./ilp";
import type { Plan } from "./plan";
import { latencyMatrix } from "./latency/matrix";
import { LinExpr, ModelBuilder } from "./solvers/builder";
import type { NormalizedService, NormalizedSpec } from "./spec";
import { cloudsNeeded, perCloudCap } from "./validate-fields";

const ZERO = new LinExpr();

/** Presence of workloads in regions, as expressions over the model's columns. */
export class Presence {
  /**
   * Expressions made so far, by workload and region: of() is called 0.8 million times in the
   * bound-only model of 100 generated services, 2.1 million at 200.
   */
  private readonly made = new Map<string, Map<RegionKey, LinExpr>>();
  private readonly regionsOf = new Map<string, readonly RegionKey[]>();
  private readonly caps: ReadonlyMap<string, number>;
  private readonly specs: ReadonlyMap<string, NormalizedService>;
  /** y[s,c] of constraint 5 by "service@cloud", recorded by the model as it makes them. */
  private readonly clouds = new Map<string, number>();
  private readonly others = new Map<string, readonly { readonly key: RegionKey; readonly col: number }[]>();

  constructor(
    private readonly m: ModelBuilder,
    spec: NormalizedSpec,
    private readonly fixed: Plan,
    private readonly services: ReadonlyMap<string, readonly RegionVars[]>,
    private readonly buckets: ReadonlyMap<string, readonly { readonly key: RegionKey; readonly col: number }[]>,
    /** With it, regions too far from one of a service's user points hold one replica less (mostIn). */
    private readonly usersCap?: Catalog,
  ) {
    this.caps = new Map(spec.services.map((s) => [s.name, regionCap(s)]));
    this.specs = new Map(spec.services.map((s) => [s.name, s]));
  }

  /** Whether the workload is held where it is (its presence is then constant everywhere). */
  isHeld(name: string): boolean {
    return name in this.fixed.services || name in this.fixed.buckets || name in (this.fixed.databases ?? {});
  }

  /** Records y[s,c] of constraint 5: a 0/1 column that is 1 only when s runs in cloud c. */
  setCloudUsed(name: string, cloud: string, col: number): void {
    this.clouds.set(`${name}@${cloud}`, col);
  }

  /** y[s,c] of constraint 5 when the model has it (a service with minClouds > 1). */
  cloudUsed(name: string, cloud: string): LinExpr | undefined {
    const col = this.clouds.get(`${name}@${cloud}`);
    return col === undefined ? undefined : new LinExpr().add(col, 1);
  }

  /**
   * An expression at most 1 when the workload runs in some region outside cloud c, and at most
   * 0 otherwise: 1 for a service that must use two clouds or more; 1 − x[s,c]/R_s for another
   * free service (its replicas in c over all of them); else 1 − Σ_{r∈c} presence.
   */
  outside(name: string, cloud: string): LinExpr {
    const regions = this.regions(name);
    if (!regions.some((r) => r.slice(0, r.indexOf(":")) !== cloud)) return new LinExpr();
    const s = this.specs.get(name);
    const vars = this.services.get(name);
    if (s && s.minClouds > 1 && (vars || this.fixed.services[name])) return new LinExpr().addConstant(1);
    const e = new LinExpr().addConstant(1);
    if (s && vars && !this.fixed.services[name]) {
      for (const v of vars) if (v.cloud === cloud) for (const o of [...v.onDemand, ...v.spot]) e.add(o.col, -1 / s.replicas);
      return e;
    }
    for (const r of regions) if (r.slice(0, r.indexOf(":")) === cloud) e.addExpr(this.of(name, r), -1);
    return e;
  }

  /** A free service's replicas in some regions, Σ_{r∈keys} x[s,r]; undefined for any other workload. */
  replicasIn(name: string, keys: ReadonlySet<RegionKey>): LinExpr | undefined {
    const vars = this.services.get(name);
    if (!vars || this.fixed.services[name]) return undefined;
    const x = new LinExpr();
    for (const v of vars) if (keys.has(v.key)) for (const o of [...v.onDemand, ...v.spot]) x.add(o.col, 1);
    return x;
  }

  /** M_s of 12.present: the most replicas of a service one region can hold (1 for another workload). */
  regionCapOf(name: string): number {
    return this.caps.get(name) ?? 1;
  }

  /**
   * The most replicas of a service some regions can hold together: R_s, less one when the model
   * caps by user point (`usersCap`) and they leave one of its user points beyond its maxRttMs
   * (a plan then has a replica elsewhere, near that point); 0 for another workload.
   */
  mostIn(name: string, keys: readonly RegionKey[]): number {
    const s = this.specs.get(name);
    if (!s) return 0;
    return this.usersCap && missUsers(this.usersCap, s, keys) ? s.replicas - 1 : s.replicas;
  }

  /** Adds the one-region columns of another kind of workload (databases), built after the rest. */
  addColumns(name: string, cols: readonly { readonly key: RegionKey; readonly col: number }[]): void {
    this.others.set(name, cols);
    this.regionsOf.delete(name);
    this.made.delete(name);
  }

  /** The regions a workload may be in: its columns' regions, or where it is held. */
  regions(name: string): readonly RegionKey[] {
    const done = this.regionsOf.get(name);
    if (done) return done;
    const out = this.findRegions(name);
    this.regionsOf.set(name, out);
    return out;
  }

  private findRegions(name: string): RegionKey[] {
    const hd = this.fixed.databases?.[name];
    if (hd) return [`${hd.cloud}:${hd.region}`];
    const other = this.others.get(name);
    if (other) return other.map((c) => c.key);
    const held = this.fixed.services[name];
    if (held) return [...new Set(held.groups.filter((g) => g.count > 0).map((g) => `${g.cloud}:${g.region}`))].sort();
    const hb = this.fixed.buckets[name];
    if (hb) return [`${hb.cloud}:${hb.region}`];
    const sv = this.services.get(name);
    if (sv) return sv.filter((v) => v.onDemand.length + v.spot.length > 0).map((v) => v.key);
    return (this.buckets.get(name) ?? []).map((b) => b.key);
  }

  /** 1 when the workload runs in `key`, 0 otherwise: a constant, a bucket column or a[s,r]. */
  of(name: string, key: RegionKey): LinExpr {
    const byKey = this.made.get(name) ?? this.made.set(name, new Map()).get(name)!;
    const done = byKey.get(key);
    if (done) return done;
    const e = this.build(name, key);
    byKey.set(key, e);
    return e;
  }

  private build(name: string, key: RegionKey): LinExpr {
    const hd = this.fixed.databases?.[name];
    if (hd) return new LinExpr().addConstant(`${hd.cloud}:${hd.region}` === key ? 1 : 0);
    const other = this.others.get(name);
    if (other) {
      const c = other.find((x) => x.key === key);
      return c ? new LinExpr().add(c.col, 1) : ZERO;
    }
    const held = this.fixed.services[name];
    if (held) return new LinExpr().addConstant(held.groups.some((g) => g.count > 0 && `${g.cloud}:${g.region}` === key) ? 1 : 0);
    const hb = this.fixed.buckets[name];
    if (hb) return new LinExpr().addConstant(`${hb.cloud}:${hb.region}` === key ? 1 : 0);
    const bucket = this.buckets.get(name);
    if (bucket) {
      const b = bucket.find((x) => x.key === key);
      return b ? new LinExpr().add(b.col, 1) : ZERO;
    }
    const v = this.services.get(name)?.find((x) => x.key === key);
    if (!v || v.onDemand.length + v.spot.length === 0) return ZERO;
    // A region some user point is too far from leaves at least one replica to another region.
    const M = Math.min(this.caps.get(name) ?? 1, this.mostIn(name, [key]));
    const a = this.m.addCol(`a[${name},${key}]`, 0, 0, 1, true);
    const x = new LinExpr();
    for (const o of [...v.onDemand, ...v.spot]) x.add(o.col, 1);
    // 12.present: x[s,r] <= M_s·a[s,r] (M_s less one where a user point is too far) and a[s,r] <= x[s,r].
    this.m.addRow(`12.present[${name},${key}]`, new LinExpr().addExpr(x).add(a, -M), -Infinity, 0);
    this.m.addRow(`12.absent[${name},${key}]`, new LinExpr().add(a, 1).addExpr(x, -1), -Infinity, 0);
    return new LinExpr().add(a, 1);
  }
}

/** Whether regions `keys` together leave some user point of a service beyond its maxRttMs. */
function missUsers(catalog: Catalog, s: NormalizedService, keys: readonly RegionKey[]): boolean {
  if (!s.latency) return false;
  const rtt = latencyMatrix(catalog);
  const max = s.latency.maxRttMs + 1e-9;
  return s.latency.from.some((place) => place.points.some((p) => keys.every((r) => rtt.rtt(r, p) > max)));
}

/**
 * The most replicas of a service one cloud can hold in a plan meeting its availability: its
 * share cap (3), less one replica for each other cloud minClouds needs (5).
 */
export function cloudCap(s: NormalizedService): number {
  const cap = Math.min(s.replicas, perCloudCap(s.maxSharePerCloud, s.replicas), s.replicas - (s.minClouds - 1));
  return Math.max(1, cap);
}

/**
 * The largest share of a service's replicas any one cloud can hold: a held service's largest
 * share in one cloud; a free one's cloudCap (3 and 5) over its replicas.
 */
export function mostInOneCloud(spec: NormalizedSpec, fixed: Plan, name: string): number {
  const held = fixed.services[name];
  if (held) {
    const byCloud = new Map<string, number>();
    let total = 0;
    for (const g of held.groups) {
      byCloud.set(g.cloud, (byCloud.get(g.cloud) ?? 0) + g.count);
      total += g.count;
    }
    return total > 0 ? Math.max(...byCloud.values()) / total : 1;
  }
  const s = spec.services.find((x) => x.name === name);
  return s ? cloudCap(s) / s.replicas : 1;
}

/**
 * The most replicas of a service one region can hold in a plan meeting its availability: its
 * cloud's cap, less one replica for each other region minRegions needs (4). Every feasible
 * plan has x[s,r] <= regionCap(s), so x[s,r] <= regionCap(s)·a[s,r] is valid and, below R_s,
 * tighter: a service that must spread pays a larger share of each region's network in the LP.
 */
export function regionCap(s: NormalizedService): number {
  return Math.max(1, Math.min(cloudCap(s), s.replicas - (s.minRegions - 1)));
}

/**
 * The fewest regions a service runs in, in any plan meeting its availability: minRegions (4),
 * the clouds it needs (3, 5), and its replicas over the most one region can hold.
 */
export function regionsNeeded(s: NormalizedService): number {
  return Math.max(s.minRegions, cloudsNeeded(s), Math.ceil(s.replicas / regionCap(s)));
}

/** Largest value an expression of 0/1 variables can take. */
export function maxValue(e: LinExpr): number {
  let v = e.constant;
  for (const c of e.coefs) v += Math.max(0, c);
  return v;
}

/**
 * u[w,K], whether workload w runs on continent K (13 by continent), from its presences there
 * (`members`, by region or by area, with their labels): a[w,·] <= u[w,K] <= their sum
 * (13.onContinent, 13.continent) and its replicas there x_w(K) <= cap·u[w,K] (13.replicasOn).
 * Every plan meets them with u = 1 exactly where w runs; in a linear relaxation, u stays whole
 * where the presences there are spread thin. Without a column: a constant sum gives min(1, sum),
 * and a bucket or database (no `replicas`: its one region's columns add up to 1) or a single
 * member gives the sum itself. `lean` leaves out a[w,·] <= u[w,K]: a weaker relaxation, still a
 * bound, with a row fewer per member (capacityModel's `lean`).
 */
export function presenceOnContinent(
  m: ModelBuilder,
  name: string,
  continent: string,
  members: readonly (readonly [string, LinExpr])[],
  replicas: LinExpr | undefined,
  cap: number,
  lean = false,
): LinExpr {
  const sum = new LinExpr();
  for (const [, e] of members) sum.addExpr(e);
  if (sum.isConstant) return new LinExpr().addConstant(Math.min(1, sum.constant));
  if (!replicas || members.length === 1) return sum;
  const u = m.addCol(`u[${name},${continent}]`, 0, 0, 1, false);
  if (!lean) for (const [label, e] of members) m.addRow(`13.onContinent[${name},${label}]`, new LinExpr().addExpr(e).add(u, -1), -Infinity, 0);
  m.addRow(`13.continent[${name},${continent}]`, new LinExpr().add(u, 1).addExpr(sum, -1), -Infinity, 0);
  m.addRow(`13.replicasOn[${name},${continent}]`, new LinExpr().addExpr(replicas).add(u, -cap), -Infinity, 0);
  return new LinExpr().add(u, 1);
}
