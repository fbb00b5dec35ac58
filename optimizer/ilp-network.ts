// ILP constraint family 12 (see the comment block of ilp.ts): the fixed monthly costs of the
// network layer, as a facility-location model over the presence indicators a[s,r]:
//   open[r]    >= a[s,r] for every service s          cost open(r): the network and its NAT;
//   zone[r]    >= a[s,r] for every s calling a service cost zone(r): its private DNS zone;
//   ingress[r] >= a[s,r] for every public s           cost ingress(r): its public balancer;
//   a[s,r] itself costs publicTarget(r) when s is public, endpoint(r, ports_s) when it is called;
//   conn[r,q]  >= a[f,r] + a[t,q] − 1 for every service link f→t and r != q
//                                                      cost pair(r,q): peering or VPN tunnels;
//   gw[r]      >= conn[r,q] for every q of another cloud  cost gateway(r): its VPN gateway;
//   Σ_{s called} a[s,r] <= BALANCERS_PER_NETWORK (12.balancers: addresses for internal balancers);
//   the front door's zone is a constant when any service is public.
// Each indicator's rows are disaggregated (one per driver) rather than Σ drivers <= n·open[r]:
// the LP bound is then the tightest this form allows. Indicators other than a[s,r] may be
// continuous: with their costs non-negative, they take max(drivers) ∈ {0,1} at an optimum.
// Prices come from optimizer/network/costs.ts (the network layer's inventory priced as preview
// prices it), so the objective is what evaluatePlan charges for the network layer.

import type { Catalog } from "./catalog";
import type { RegionKey } from "./evaluate";
import { maxValue, Presence } from "./ilp-presence";
import { fixedCosts, FixedCosts } from "./network/costs";
import { BALANCERS_PER_NETWORK } from "./network/topology";
import { LinExpr, ModelBuilder } from "./solvers/builder";
import type { NormalizedSpec } from "./spec";

const EPS = 1e-9;
const cloudOf = (key: string) => key.slice(0, key.indexOf(":"));

/**
 * An indicator at least every driver (drivers of 0/1 variables): a constant when some driver is
 * always 1 (its cost goes to the offset) or none can be positive, else a column with one row
 * per driver. `keep` creates the column even when it costs nothing (another indicator uses it).
 */
export function atLeastAll(m: ModelBuilder, name: string, cost: number, drivers: readonly LinExpr[], keep = false): LinExpr {
  const live = drivers.filter((d) => maxValue(d) > EPS);
  if (live.length === 0) return new LinExpr();
  if (live.some((d) => d.isConstant && d.constant >= 1 - EPS)) {
    m.offset += cost;
    return new LinExpr().addConstant(1);
  }
  if (cost <= EPS && !keep) return new LinExpr();
  const col = m.addCol(name, cost, 0, 1, false);
  live.forEach((d, i) => m.addRow(`${name}.${i}`, new LinExpr().add(col, 1).addExpr(d, -1), 0, Infinity));
  return new LinExpr().add(col, 1);
}

/** Per region, what the network layer's fixed costs depend on in a spec. */
export interface NetworkRoles {
  /** Services other services call, with the ports they are called on. */
  readonly called: ReadonlyMap<string, readonly number[]>;
  /** Services that call another service. */
  readonly callers: ReadonlySet<string>;
  /** Services with public ports. */
  readonly publics: ReadonlySet<string>;
}

/** Which services are called, call others, or are public. */
export function networkRoles(spec: NormalizedSpec): NetworkRoles {
  const called = new Map<string, Set<number>>();
  const callers = new Set<string>();
  for (const l of spec.links) {
    if (l.toKind !== "service") continue;
    called.set(l.to, (called.get(l.to) ?? new Set()).add(l.port));
    callers.add(l.from);
  }
  return {
    called: new Map([...called].map(([k, v]) => [k, [...v].sort((a, b) => a - b)])),
    callers,
    publics: new Set(spec.services.filter((s) => s.publicPorts.length > 0).map((s) => s.name)),
  };
}

/** The cost a service's presence in a region adds by itself (its certificate and target, its internal balancer). */
export function presenceCost(fc: FixedCosts, roles: NetworkRoles, service: string, key: RegionKey): number {
  const ports = roles.called.get(service);
  return (roles.publics.has(service) ? fc.publicTarget(key) : 0) + (ports ? fc.endpoint(key, ports.length) : 0);
}

/**
 * 12. The network layer's fixed costs; nothing when the spec does not price its network. With
 * `relax`, connections are priced per pair of clouds rather than per pair of regions (12.relax),
 * which can only lower the cost of any placement: the model's bound is then a bound of the exact one.
 */
export function addNetworkCosts(m: ModelBuilder, spec: NormalizedSpec, catalog: Catalog, presence: Presence, relax = false): void {
  if (!spec.network || spec.services.length === 0) return;
  const fc = fixedCosts(catalog, spec.network);
  const roles = networkRoles(spec);
  const open = new Map<RegionKey, LinExpr[]>();
  const zone = new Map<RegionKey, LinExpr[]>();
  const ingress = new Map<RegionKey, LinExpr[]>();
  const push = (map: Map<RegionKey, LinExpr[]>, key: RegionKey, e: LinExpr) => (map.get(key) ?? map.set(key, []).get(key)!).push(e);
  for (const s of spec.services) {
    for (const key of presence.regions(s.name)) {
      const a = presence.of(s.name, key);
      push(open, key, a);
      if (roles.callers.has(s.name)) push(zone, key, a);
      if (roles.publics.has(s.name)) push(ingress, key, a);
      m.addObjective(a, presenceCost(fc, roles, s.name, key));
    }
  }
  for (const [key, d] of [...open].sort(byKey)) atLeastAll(m, `open[${key}]`, fc.open(key), d);
  for (const [key, d] of [...zone].sort(byKey)) atLeastAll(m, `zone[${key}]`, fc.zone(key), d);
  for (const [key, d] of [...ingress].sort(byKey)) atLeastAll(m, `ingress[${key}]`, fc.ingress(key), d);
  if (roles.publics.size > 0) m.offset += fc.frontDoor();
  // 12.balancers: a region's network has addresses for BALANCERS_PER_NETWORK internal balancers,
  // one per service called there (a row only where more than that many could run).
  const balancers = new Map<RegionKey, LinExpr[]>();
  for (const s of spec.services) if (roles.called.has(s.name)) for (const key of presence.regions(s.name)) push(balancers, key, presence.of(s.name, key));
  for (const [key, d] of [...balancers].sort(byKey)) {
    if (d.length <= BALANCERS_PER_NETWORK) continue;
    const row = new LinExpr();
    for (const e of d) row.addExpr(e);
    if (maxValue(row) > BALANCERS_PER_NETWORK) m.addRow(`12.balancers[${key}]`, row, -Infinity, BALANCERS_PER_NETWORK);
  }

  if (relax) return addCloudConnections(m, spec, presence, fc);
  // Connections: every pair of regions a service link may cross.
  const pairs = new Map<string, LinExpr[]>();
  for (const l of spec.links) {
    if (l.toKind !== "service") continue;
    const rf = presence.regions(l.from);
    const rt = presence.regions(l.to);
    for (const r of rf)
      for (const q of rt) {
        // A connection within a cloud (peering) that costs nothing fixed drives no gateway
        // either: it needs no column (measured: 3 of 4 conn rows of a generated spec).
        if (r === q || (cloudOf(r) === cloudOf(q) && fc.pair(r, q) <= EPS)) continue;
        const d = new LinExpr().addExpr(presence.of(l.from, r)).addExpr(presence.of(l.to, q)).addConstant(-1);
        push(pairs, r < q ? `${r}|${q}` : `${q}|${r}`, d);
      }
  }
  const gateways = new Map<RegionKey, LinExpr[]>();
  const conns = new Map<string, LinExpr>();
  for (const [pair, d] of [...pairs].sort(byKey)) {
    const [r, q] = pair.split("|");
    const conn = atLeastAll(m, `conn[${pair}]`, fc.pair(r, q), d, true);
    conns.set(pair, conn);
    if (cloudOf(r) !== cloudOf(q) && maxValue(conn) > EPS) {
      push(gateways, r, conn);
      push(gateways, q, conn);
    }
  }
  const gws = new Map<RegionKey, LinExpr>();
  for (const [key, d] of [...gateways].sort(byKey)) gws.set(key, atLeastAll(m, `gw[${key}]`, fc.gateway(key), d));
  addLeaveCuts(m, spec, presence, conns, gws);
}

/**
 * 12.relax: connections per pair of clouds, for the relaxed model of optimizer/decompose.ts.
 *   Y[w,c] >= a[w,r] for every region r of cloud c;   C[c,c'] >= Y[f,c] + Y[t,c'] − 1 per link;
 *   G[c] >= C[c,c'] for every other cloud c'.
 * C costs the cheapest connection between regions of c and c' that are in play, G the cheapest
 * gateway of c: every placement pays at least that for its connections across clouds. Links
 * within one cloud pay nothing here (exact when peering is free, as it is in every cloud today).
 */
function addCloudConnections(m: ModelBuilder, spec: NormalizedSpec, presence: Presence, fc: FixedCosts): void {
  const inPlay = new Map<string, Set<RegionKey>>();
  const cloudPresence = new Map<string, LinExpr>();
  const presenceIn = (w: string, c: string): LinExpr => {
    const id = `${w}@${c}`;
    const done = cloudPresence.get(id);
    if (done) return done;
    const drivers = presence.regions(w).filter((r) => cloudOf(r) === c).map((r) => presence.of(w, r));
    const e = atLeastAll(m, `Y[${w},${c}]`, 0, drivers, true);
    cloudPresence.set(id, e);
    return e;
  };
  const pairs = new Map<string, LinExpr[]>();
  for (const l of spec.links) {
    if (l.toKind !== "service") continue;
    const rf = presence.regions(l.from);
    const rt = presence.regions(l.to);
    for (const r of [...rf, ...rt]) (inPlay.get(cloudOf(r)) ?? inPlay.set(cloudOf(r), new Set()).get(cloudOf(r))!).add(r);
    const cf = [...new Set(rf.map(cloudOf))];
    const ct = [...new Set(rt.map(cloudOf))];
    for (const c of cf)
      for (const d of ct) {
        if (c === d) continue;
        const e = new LinExpr().addExpr(presenceIn(l.from, c)).addExpr(presenceIn(l.to, d)).addConstant(-1);
        const pair = c < d ? `${c}|${d}` : `${d}|${c}`;
        (pairs.get(pair) ?? pairs.set(pair, []).get(pair)!).push(e);
      }
  }
  const gateways = new Map<string, LinExpr[]>();
  for (const [pair, d] of [...pairs].sort(byKey)) {
    const [c, e] = pair.split("|");
    let cost = Infinity;
    for (const r of inPlay.get(c) ?? []) for (const q of inPlay.get(e) ?? []) cost = Math.min(cost, fc.pair(r, q));
    const conn = atLeastAll(m, `C[${pair}]`, Number.isFinite(cost) ? cost : 0, d, true);
    if (maxValue(conn) <= EPS) continue;
    for (const x of [c, e]) (gateways.get(x) ?? gateways.set(x, []).get(x)!).push(conn);
  }
  for (const [c, d] of [...gateways].sort(byKey)) {
    const cost = Math.min(Infinity, ...[...(inPlay.get(c) ?? [])].map((r) => fc.gateway(r)));
    atLeastAll(m, `G[${c}]`, Number.isFinite(cost) ? cost : 0, d);
  }
}

/**
 * 12.leave (valid inequalities that tighten the LP bound): for a service link f→t and a region r
 * of f, if f runs in r and t does not, t runs in some other region q, so r is connected to one:
 *   Σ_{q != r} conn[r,q] >= a[f,r] − a[t,r]   (and the same with f and t swapped);
 * a free connection within a cloud has no column, and a[t,q] stands in for conn[r,q];
 * 12.cross: likewise across clouds: Σ_{q ∉ cloud(r)} conn[r,q] >= a[f,r] − Σ_{q ∈ cloud(r)} a[t,q];
 * 12.gate: and then r has its gateway: gw[r] >= a[f,r] − Σ_{q ∈ cloud(r)} a[t,q] (the LP may
 *   otherwise spread 12.cross over many connections and pay a fraction of the gateway per each).
 */
function addLeaveCuts(
  m: ModelBuilder,
  spec: NormalizedSpec,
  presence: Presence,
  conns: ReadonlyMap<string, LinExpr>,
  gws: ReadonlyMap<RegionKey, LinExpr>,
): void {
  for (const l of spec.links) {
    if (l.toKind !== "service") continue;
    for (const [me, peer] of [
      [l.from, l.to],
      [l.to, l.from],
    ]) {
      const theirs = presence.regions(peer);
      for (const r of presence.regions(me)) {
        // A free connection within a cloud has no column: the peer's presence there stands in for
        // it. When no connection within r's cloud has a column, 12.leave is 12.cross and is skipped.
        const row = new LinExpr().addExpr(presence.of(me, r), -1).addExpr(presence.of(peer, r));
        let inCloud = false;
        for (const q of theirs) {
          if (q === r) continue;
          const conn = conns.get(r < q ? `${r}|${q}` : `${q}|${r}`);
          if (conn) {
            row.addExpr(conn);
            inCloud ||= cloudOf(q) === cloudOf(r);
          } else if (cloudOf(q) === cloudOf(r)) row.addExpr(presence.of(peer, q));
        }
        if (inCloud && !row.isConstant && maxValue(new LinExpr().addExpr(row, -1)) > EPS) m.addRow(`12.leave[${me}>${peer},${r}]`, row, 0, Infinity);
        // 12.cross: if me runs in r and peer runs nowhere in r's cloud, r connects to another cloud.
        const cross = new LinExpr().addExpr(presence.of(me, r), -1);
        for (const q of theirs) {
          if (cloudOf(q) === cloudOf(r)) cross.addExpr(presence.of(peer, q));
          else cross.addExpr(conns.get(r < q ? `${r}|${q}` : `${q}|${r}`) ?? new LinExpr());
        }
        if (!cross.isConstant && maxValue(new LinExpr().addExpr(cross, -1)) > EPS) m.addRow(`12.cross[${me}>${peer},${r}]`, cross, 0, Infinity);
        // 12.gate: and then r needs its gateway, however the connections split in the LP.
        const gw = gws.get(r);
        if (gw && !gw.isConstant) {
          const gate = new LinExpr().addExpr(gw).addExpr(presence.of(me, r), -1);
          for (const q of theirs) if (cloudOf(q) === cloudOf(r)) gate.addExpr(presence.of(peer, q));
          if (maxValue(new LinExpr().addExpr(gate, -1)) > EPS) m.addRow(`12.gate[${me}>${peer},${r}]`, gate, 0, Infinity);
        }
      }
    }
  }
}

function byKey<V>(a: [string, V], b: [string, V]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
