// ILP constraint 9 (see the comment block of ilp.ts): the traffic of one link direction, priced
// at the rate between the regions actually used, exactly as optimizer/evaluate.ts prices it.
//
// The cost of a direction x -> y is the min-cost transportation from V·s_x to V·s_y (see
// optimizer/traffic.ts). Its LP, aggregated by rate zone (regions of a cloud that send and
// receive at the same rates), is embedded in the ILP; minimizing over it gives the exact cost:
//   out[r] = V·s_x(r) where y cannot be in r, else a column e[r] >= V·(s_x(r) − s_y(r)), >= 0;
//   in[q]  = V·s_y(q) where x cannot be in q, else out[q] − V·(s_x(q) − s_y(q));
//   OUT_Z = Σ_{r∈Z} out[r], IN_Z = Σ_{q∈Z} in[q];
//   F[Z,Z'] >= 0 for zones Z, Z' of one cloud whose rate ρ(Z,Z') is below Z's internet rate ν_Z:
//     Σ_{Z'} F[Z,Z'] <= OUT_Z,   Σ_Z F[Z,Z'] <= IN_Z'.
//   Cost: Σ_r ν_r·out[r] + Σ (ρ(Z,Z') − ν_Z)·F[Z,Z'].
//   Where a cloud prices traffic by sender only (ρ(Z,·) one rate), F[Z,c] routes into the pool
//   of all the cloud's receivers: Σ_Z F[Z,c] <= Σ_{Z'∈c} IN_Z'.
// Everything leaves at the internet rate unless it is routed to a zone of the same cloud, which
// credits the difference. Where the catalog's rates are not a metric, or some in-cloud rate is
// above internet egress, guard rows keep the flow from relaying or detouring (see TrafficRates).
// When one end sits in a single known region, the cost is linear and no column is needed.

import type { RateZone, RegionKey, TrafficRates } from "./traffic";
import { LinExpr, ModelBuilder } from "./solvers/builder";
import type { Cloud } from "./spec";

const EPS = 1e-12;

/**
 * Largest value a share expression can take, within its columns' bounds (a share is replicas
 * over R_s: one column of an offer may hold several of them, so its term is not at most its
 * coefficient; counted so, a free service with 2 of its 3 replicas on one offer beside a held
 * peer with half of its own was taken never to exceed the peer's share there, and what it
 * sends out of that region went unpriced).
 */
function maxShare(m: ModelBuilder, e: LinExpr | undefined): number {
  return e ? Math.min(1, m.maxOf(e)) : 0;
}

/** The one region a constant distribution sits in, if it sits in exactly one. */
function singleRegion(m: ModelBuilder, s: ReadonlyMap<RegionKey, LinExpr>): RegionKey | undefined {
  const used = [...s].filter(([, e]) => maxShare(m, e) > EPS);
  return used.length === 1 && used[0][1].isConstant && Math.abs(used[0][1].constant - 1) <= 1e-9 ? used[0][0] : undefined;
}

/** Per-zone sums of expressions, and the cloud of each zone. */
class ZoneSums {
  readonly sums = new Map<number, LinExpr>();
  readonly zones = new Map<number, RateZone>();
  add(zone: RateZone, e: LinExpr): void {
    this.zones.set(zone.id, zone);
    (this.sums.get(zone.id) ?? this.sums.set(zone.id, new LinExpr()).get(zone.id)!).addExpr(e);
  }
}

/**
 * 9. Traffic of one link direction x→y with volume V, where `sx` and `sy` are the share
 * expressions of x and y per region (constants for held workloads). `crossing`: a share of V
 * that leaves its cloud in every plan (9.cross), 0 when none is known.
 */
export function addDirection(
  m: ModelBuilder,
  name: string,
  V: number,
  sx: ReadonlyMap<RegionKey, LinExpr>,
  sy: ReadonlyMap<RegionKey, LinExpr>,
  rates: TrafficRates,
  crossing = 0,
): void {
  // One end in a single known region: every GiB goes to (or comes from) there.
  const yAt = singleRegion(m, sy);
  if (yAt !== undefined) {
    for (const [r, share] of sx) if (r !== yAt) m.addObjective(share, V * rates.cost(r, yAt));
    return;
  }
  const xAt = singleRegion(m, sx);
  if (xAt !== undefined) {
    for (const [q, share] of sy) if (q !== xAt) m.addObjective(share, V * rates.cost(xAt, q));
    return;
  }

  const senders = [...sx].filter(([, e]) => maxShare(m, e) > EPS);
  const receivers = [...sy].filter(([, e]) => maxShare(m, e) > EPS);
  const receiving = new Map(receivers);
  const OUT = new ZoneSums();
  const IN = new ZoneSums();
  const outOf = new Map<RegionKey, LinExpr>();
  for (const [r, share] of senders) {
    const peer = receiving.get(r);
    let out: LinExpr;
    if (!peer) {
      out = new LinExpr().addExpr(share, V);
    } else {
      const diff = new LinExpr().addExpr(share, V).addExpr(peer, -V);
      if (diff.isConstant) {
        out = new LinExpr().addConstant(Math.max(0, diff.constant));
      } else if (V * (maxShare(m, share) - peer.constant) <= EPS) {
        out = new LinExpr(); // y always holds at least x's share in r: nothing leaves r
      } else {
        const e = m.addCol(`e[${name},${r}]`, 0, 0, V, false);
        m.addRow(`9.e[${name},${r}]`, new LinExpr().add(e, 1).addExpr(diff, -1), 0, Infinity);
        if (!rates.triangle) m.addRow(`9.relay[${name},${r}]`, new LinExpr().add(e, 1).addExpr(share, -V), -Infinity, 0);
        out = new LinExpr().add(e, 1);
      }
    }
    outOf.set(r, out);
    m.addObjective(out, rates.zoneOf(r).internet);
    OUT.add(rates.zoneOf(r), out);
  }
  for (const [q, share] of receivers) {
    const out = outOf.get(q);
    const sent = sx.get(q);
    const inflow = out && sent ? new LinExpr().addExpr(out).addExpr(sent, -V).addExpr(share, V) : new LinExpr().addExpr(share, V);
    IN.add(rates.zoneOf(q), inflow);
  }

  // Routes within a cloud that are cheaper than leaving it (or every route, when some are not).
  // Routes within a cloud that are cheaper than leaving it (or every route, when some are not):
  // one flow per pair of zones, or per sending zone where the cloud's rates depend on the sender
  // only (then the receivers of the cloud form one pool).
  const pooled = (c: Cloud) => rates.withinCloudCheaper && rates.senderPriced.has(c);
  const inCloud = (z: RateZone, of: readonly [RegionKey, LinExpr][]) => of.filter(([k]) => rates.zoneOf(k).cloud === z.cloud).map(([k]) => k);
  const inZone = (z: RateZone, of: readonly [RegionKey, LinExpr][]) => of.filter(([k]) => rates.zoneOf(k).id === z.id).map(([k]) => k);
  const distinctPair = (a: readonly RegionKey[], b: readonly RegionKey[]) => a.some((x) => b.some((y) => y !== x));
  const fromZone = new Map<number, LinExpr>();
  const toZone = new Map<string, { expr: LinExpr; cap: LinExpr }>();
  const target = (key: string, cap: () => LinExpr) => toZone.get(key) ?? toZone.set(key, { expr: new LinExpr(), cap: cap() }).get(key)!;
  const receiverZones = [...IN.zones.values()].sort((a, b) => a.id - b.id);
  for (const from of [...OUT.zones.values()].sort((a, b) => a.id - b.id)) {
    const route = (to: string, rho: number, cap: () => LinExpr) => {
      const col = m.addCol(`F[${name},${from.id}>${to}]`, rho - from.internet, 0, V, false);
      (fromZone.get(from.id) ?? fromZone.set(from.id, new LinExpr()).get(from.id)!).add(col, 1);
      target(to, cap).expr.add(col, 1);
    };
    if (pooled(from.cloud)) {
      const rho = rates.zoneRate(from, from.regions.length > 1 ? from : rates.zones.find((z) => z.cloud === from.cloud && z.id !== from.id) ?? from);
      if (rho >= from.internet - EPS || !distinctPair(inZone(from, senders), inCloud(from, receivers))) continue;
      route(from.cloud, rho, () => {
        const cap = new LinExpr();
        for (const z of receiverZones) if (z.cloud === from.cloud) cap.addExpr(IN.sums.get(z.id)!);
        return cap;
      });
      continue;
    }
    for (const to of receiverZones) {
      if (from.cloud !== to.cloud) continue;
      const rho = rates.zoneRate(from, to);
      if (rates.withinCloudCheaper && rho >= from.internet - EPS) continue;
      if (from.id === to.id && !distinctPair(inZone(from, senders), inZone(to, receivers))) continue; // one region: nothing to route
      route(String(to.id), rho, () => new LinExpr().addExpr(IN.sums.get(to.id)!));
    }
  }
  for (const [z, f] of fromZone) m.addRow(`9.out[${name},${z}]`, new LinExpr().addExpr(f).addExpr(OUT.sums.get(z)!, -1), -Infinity, 0);
  for (const [z, t] of toZone) m.addRow(`9.in[${name},${z}]`, new LinExpr().addExpr(t.expr).addExpr(t.cap, -1), -Infinity, 0);

  if (!rates.withinCloudCheaper) addCloudBalance(m, name, OUT, IN, fromZone, toZone);

  // 9.cross (valid inequality): per cloud c, the flows within c carry at most what arrives in c,
  // IN_c = OUT_c − V·(X_c − Y_c) (X_c, Y_c: x's and y's shares in c), so what leaves clouds,
  // Σ_r out[r] − Σ F, is at least V·Σ_c max(0, X_c − Y_c). For one end in one region and the
  // other with at most a share σ in any one cloud, that is at least V·(1 − σ) = V·crossing. The
  // LP otherwise splits a bucket across its callers' regions and clouds to follow their shares,
  // and its traffic costs almost nothing.
  if (crossing > EPS) {
    const row = new LinExpr();
    for (const out of outOf.values()) row.addExpr(out);
    for (const f of fromZone.values()) row.addExpr(f, -1);
    if (!row.isConstant) m.addRow(`9.cross[${name}]`, row, V * crossing, Infinity);
  }
}

/**
 * Guard for catalogs where some in-cloud rate is above internet egress: what is left to leave a
 * cloud must arrive in other clouds, i.e. per cloud c, arriving_c <= Σ_{c' != c} leaving_c'.
 */
function addCloudBalance(
  m: ModelBuilder,
  name: string,
  OUT: ZoneSums,
  IN: ZoneSums,
  fromZone: ReadonlyMap<number, LinExpr>,
  toZone: ReadonlyMap<string, { readonly expr: LinExpr }>,
): void {
  const leaving = new Map<Cloud, LinExpr>();
  const arriving = new Map<Cloud, LinExpr>();
  const into = (map: Map<Cloud, LinExpr>, c: Cloud) => map.get(c) ?? map.set(c, new LinExpr()).get(c)!;
  for (const [id, sum] of OUT.sums) {
    const e = into(leaving, OUT.zones.get(id)!.cloud).addExpr(sum);
    const f = fromZone.get(id);
    if (f) e.addExpr(f, -1);
  }
  for (const [id, sum] of IN.sums) {
    const e = into(arriving, IN.zones.get(id)!.cloud).addExpr(sum);
    const f = toZone.get(String(id));
    if (f) e.addExpr(f.expr, -1);
  }
  for (const [c, arrive] of arriving) {
    const row = new LinExpr().addExpr(arrive);
    for (const [d, leave] of leaving) if (d !== c) row.addExpr(leave, -1);
    if (!row.isConstant) m.addRow(`9.cloud[${name},${c}]`, row, -Infinity, 0);
  }
}
