// Presence indicators of the placement ILP (see the comment block of ilp.ts, notation and 12):
// a[s,r] ∈ {0,1} is 1 exactly when service s has a replica in region r, tied to its replica
// count x[s,r] by x[s,r] <= R_s·a[s,r] and a[s,r] <= x[s,r]. Held workloads and regions a
// workload cannot use are constants. Created on demand, so a model that needs none has none.

import type { RegionKey } from "./evaluate";
import type { RegionVars } from "./ilp";
import type { Plan } from "./plan";
import { LinExpr, ModelBuilder } from "./solvers/builder";
import type { NormalizedSpec } from "./spec";

const ZERO = new LinExpr();

/** Presence of workloads in regions, as expressions over the model's columns. */
export class Presence {
  private readonly made = new Map<string, LinExpr>();
  private readonly replicas: ReadonlyMap<string, number>;
  private readonly others = new Map<string, readonly { readonly key: RegionKey; readonly col: number }[]>();

  constructor(
    private readonly m: ModelBuilder,
    spec: NormalizedSpec,
    private readonly fixed: Plan,
    private readonly services: ReadonlyMap<string, readonly RegionVars[]>,
    private readonly buckets: ReadonlyMap<string, readonly { readonly key: RegionKey; readonly col: number }[]>,
  ) {
    this.replicas = new Map(spec.services.map((s) => [s.name, s.replicas]));
  }

  /** Adds the one-region columns of another kind of workload (databases), built after the rest. */
  addColumns(name: string, cols: readonly { readonly key: RegionKey; readonly col: number }[]): void {
    this.others.set(name, cols);
  }

  /** The regions a workload may be in: its columns' regions, or where it is held. */
  regions(name: string): RegionKey[] {
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
    const id = `${name}@${key}`;
    const done = this.made.get(id);
    if (done) return done;
    const e = this.build(name, key);
    this.made.set(id, e);
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
    const R = this.replicas.get(name) ?? 1;
    const a = this.m.addCol(`a[${name},${key}]`, 0, 0, 1, true);
    const x = new LinExpr();
    for (const o of [...v.onDemand, ...v.spot]) x.add(o.col, 1);
    // 12.present: x[s,r] <= R_s·a[s,r] and a[s,r] <= x[s,r].
    this.m.addRow(`12.present[${name},${key}]`, new LinExpr().addExpr(x).add(a, -R), -Infinity, 0);
    this.m.addRow(`12.absent[${name},${key}]`, new LinExpr().add(a, 1).addExpr(x, -1), -Infinity, 0);
    return new LinExpr().add(a, 1);
  }
}

/** Largest value an expression of 0/1 variables can take. */
export function maxValue(e: LinExpr): number {
  let v = e.constant;
  for (const c of e.coefs) v += Math.max(0, c);
  return v;
}
