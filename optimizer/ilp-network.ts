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
import { maxValue, Presence, regionsNeeded } from "./ilp-presence";
import { continentOf } from "./latency/requirements";
import { fixedCosts, FixedCosts } from "./network/costs";
import { BALANCERS_PER_NETWORK } from "./network/topology";
import { LinExpr, ModelBuilder } from "./solvers/builder";
import type { NormalizedSpec } from "./spec";
import { cloudsNeeded } from "./validate-fields";

const EPS = 1e-9;
const cloudOf = (key: string) => key.slice(0, key.indexOf(":"));
const cloudOfArea = (area: string) => area.slice(0, area.indexOf("/"));
/** The area of a region key: its cloud on its continent ("aws/Europe"). */
export function areaOf(catalog: Catalog, key: string): string {
  return `${cloudOf(key)}/${continentOf(catalog, key) ?? ""}`;
}
/** The key of an unordered pair of regions or areas. */
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * An indicator at least every driver (drivers of 0/1 variables): a constant when some driver is
 * always 1 (its cost goes to the offset) or none can be positive, else a column with one row
 * per driver. `column`: "kept" creates the column even when it costs nothing (another indicator
 * uses it); "none" never creates one, leaving out what only a column would charge (a weaker
 * relaxation, capacityModel's `lean`).
 */
export function atLeastAll(m: ModelBuilder, name: string, cost: number, drivers: readonly LinExpr[], column: "priced" | "kept" | "none" = "priced"): LinExpr {
  const live = drivers.filter((d) => maxValue(d) > EPS);
  if (live.length === 0) return new LinExpr();
  if (live.some((d) => d.isConstant && d.constant >= 1 - EPS)) {
    m.offset += cost;
    return new LinExpr().addConstant(1);
  }
  if (column === "none" || (cost <= EPS && column !== "kept")) return new LinExpr();
  const col = m.addCol(name, cost, 0, 1, false);
  live.forEach((d, i) => m.addRow(`${name}.${i}`, new LinExpr().add(col, 1).addExpr(d, -1), 0, Infinity));
  return new LinExpr().add(col, 1);
}

/**
 * atLeastAll's indicator, "kept", for drivers whose rows the builder leaves out, from what it
 * reads of them: whether any may be positive (`live`), and whether one is always 1 (`always`).
 */
function indicator(m: ModelBuilder, name: string, cost: number, drivers: { readonly live: boolean; readonly always: boolean }): LinExpr {
  if (!drivers.live) return new LinExpr();
  if (drivers.always) {
    m.offset += cost;
    return new LinExpr().addConstant(1);
  }
  return new LinExpr().add(m.addCol(name, cost, 0, 1, false), 1);
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

/** The services that must use more than one cloud (cloudsNeeded), with how many. */
export function multiCloudServices(spec: NormalizedSpec): Map<string, number> {
  return new Map(spec.services.map((s) => [s.name, cloudsNeeded(s)] as const).filter(([, k]) => k > 1));
}

/**
 * 12.multi (valid inequalities): a peer that must use k clouds runs in at least k − 1 clouds
 * other than r's, whichever region r of me is; so r connects to that many regions in other
 * clouds, and has its VPN gateway:
 *   Σ_{q ∉ cloud(r)} conn[r,q] >= (k − 1)·a[me,r];   gw[r] >= a[me,r].
 * 12.cross asks a connection only when the peer runs nowhere in r's cloud, which fractions of the
 * peer's presence there meet in the LP. `conns` gives r's connections to the peer's regions in
 * other clouds (relaxed, r's area's to the peer's areas there: k − 1 clouds are as many areas),
 * asked for only when a row may be written (not for k <= 1, a held peer, or me never in r: counting
 * them may add 12.via's columns); `gate` is r's gateway (relaxed, its area's); `needed` the regions
 * the peer's clouds ask for (k) and those 12.few counts, the larger of which names the row. In the
 * relaxed model they raise its LP (generated specs: $9,941 to $9,999 at 10 services, $86,832 to
 * $86,972 at 100) and its MIP's bound beside the groups in 60 s at 100 services ($87,307 to
 * $87,479). In the exact model they raise the LP too ($9,962 to $10,051 at 10 services) and shorten
 * the whole model's proof (10-service generated specs, seeds 1 to 8, HiGHS alone: 276 s in all to
 * 106, seed 6 from no proof in 120 s to 12.6 s, seed 1 slower, 11.0 to 15.7 s), but the groups'
 * models solved slower with them (100 services in 10 s: plans of $89,708 to $90,124 where they are
 * $89,059 to $89,437 without): the exact model has them only with IlpOptions.wholeModelCuts, which
 * optimize sets for the whole model.
 */
function addMultiCloudCuts(
  m: ModelBuilder,
  presence: Presence,
  me: string,
  peer: string,
  r: RegionKey,
  needed: { readonly multi: number; readonly few: number },
  conns: () => readonly LinExpr[],
  gate: LinExpr | undefined,
): void {
  // 12.multi when the peer's clouds ask for as many regions as 12.few counts, or more.
  const k = Math.max(needed.multi, needed.few);
  const label = needed.multi >= needed.few ? "multi" : "few";
  if (k <= 1 || presence.isHeld(peer)) return; // a held peer's presence is known: 12.cross is exact then
  const a = presence.of(me, r);
  if (maxValue(a) <= EPS) return;
  const row = new LinExpr().addExpr(a, -(k - 1));
  for (const c of conns()) row.addExpr(c);
  if (!row.isConstant && maxValue(new LinExpr().addExpr(row, -1)) > EPS) m.addRow(`12.${label}[${me}>${peer},${r}]`, row, 0, Infinity);
  if (gate && !gate.isConstant && maxValue(gate) > EPS) m.addRow(`12.${label}Gate[${me}>${peer},${r}]`, new LinExpr().addExpr(gate).addExpr(a, -1), 0, Infinity);
}

/** regionsNeeded of each free service (a held one is where it is held: nothing to count). */
function freeRegionsNeeded(spec: NormalizedSpec, presence: Presence): ReadonlyMap<string, number> {
  return new Map(spec.services.filter((s) => !presence.isHeld(s.name)).map((s) => [s.name, regionsNeeded(s)] as const));
}

/**
 * 12.few: how many regions outside r's cloud a free peer runs in at least, whatever the plan:
 * the regions it must use (`needs`, freeRegionsNeeded) less those it may use in r's cloud.
 */
function outsideNeeded(presence: Presence, needs: ReadonlyMap<string, number>): (peer: string, r: RegionKey) => number {
  return (peer, r) => {
    const k = needs.get(peer) ?? 1;
    if (k <= 1) return 0;
    const c = cloudOf(r);
    return Math.max(0, k - presence.regions(peer).filter((q) => cloudOf(q) === c).length);
  };
}

/**
 * Whether a workload runs in one region in every plan: a free service of one replica, or a
 * workload whose regions are one (held, or with one candidate). 12.pair: for a link f→t one of
 * whose ends runs in one region, and two regions r, q of its ends,
 *   conn[r,q] >= a[f,r] + a[f,q] + a[t,r] + a[t,q] − 2:
 * with the ends in three of those four places, the other end is in both and this one in
 * either, so the link crosses the pair; conn[r,q] >= a[f,r] + a[t,q] − 1 alone lets the LP put
 * half of each end in each region and pay for no connection.
 */
function singleRegion(spec: NormalizedSpec, presence: Presence): (name: string) => boolean {
  const replicas = new Map(spec.services.map((s) => [s.name, s.replicas]));
  return (name) => presence.regions(name).length <= 1 || (!presence.isHeld(name) && replicas.get(name) === 1);
}

/**
 * 12.via (valid inequalities): what the rows 12.leave, 12.regions, 12.cross, 12.multi and 12.few
 * of a service link me→peer, at a region (or area) r of me, count of r's connections to the
 * peer's regions in one area A (a cloud on a continent): a column via at most those connections
 * and at most the peer's presence in A,
 *   via <= Σ_{q∈A} conn[r,q];   via <= Σ_{q∈A} a[peer,q]   (12.via.conn, 12.via.peer),
 * where the rows counted the connections alone. Valid: when me runs in r, r connects to every
 * region q != r the peer runs in (conn[r,q] >= a[me,r] + a[peer,q] − 1), so via = the peer's
 * regions in A meets both; when it does not, the rows ask nothing. Without the cap, a
 * connection that another link pays for in full (to a workload whose regions are known: held,
 * or with one candidate) counts for this link too, wherever the peer is: the edited dev stack
 * below put web beside api in Oregon and let the connection api pays to the cache, held in the
 * Netherlands, stand for the one web needs to api's other cloud. Added only where A has such a
 * connection (a pair `forced` by a link with such an end): measured on the dev stack with web's
 * users in the US within 40 ms and api, assets, orders and worker released, the whole model's
 * LP $1,623.96 to $1,695.83 (the optimum $1,732.67) and HiGHS's proof 7.9 s to 1.5 to 3 s;
 * everywhere (with the generated ten-service specs' links as well), their LPs rose by $0 to
 * $23 and their proofs took 25% longer (84 to 109 s for seeds 1 to 8). The groups' models
 * (optimizer/groups.ts) hold most of the spec, and have them: on generated specs in 10 s, 100
 * services end at $88,956 where they ended at $88,972 (peak RSS 622 to 700 MiB, was 600) and
 * 2,000 at 2.87 to 3.01% over the bound in five runs (2.96% in one without them).
 * `label` names the column (via[label]) and its rows.
 */
function peerCapped(m: ModelBuilder, label: string, conns: LinExpr, peerIn: LinExpr): LinExpr {
  if (maxValue(conns) <= EPS) return new LinExpr();
  // A held peer's presence is a constant: the connections to it are what a plan has.
  if (peerIn.isConstant) return conns;
  // Connections that are there in every plan (both ends of some link held across them): the
  // peer's presence alone, when the connections are at least as many as its regions in A.
  if (conns.isConstant && conns.constant >= maxValue(peerIn) - EPS) return peerIn;
  const via = m.addCol(`via[${label}]`, 0, 0, conns.isConstant ? conns.constant : Infinity, false);
  if (!conns.isConstant) m.addRow(`12.via.conn[${label}]`, new LinExpr().addExpr(conns).add(via, -1), 0, Infinity);
  m.addRow(`12.via.peer[${label}]`, new LinExpr().addExpr(peerIn).add(via, -1), 0, Infinity);
  return new LinExpr().add(via, 1);
}

/**
 * peerCapped once per label (one via column per end, region and list, whichever link asks for
 * it); the connections and the peer's presence are made only for a new label.
 */
function viaCaps(m: ModelBuilder): (label: string, conns: () => LinExpr, peerIn: () => LinExpr) => LinExpr {
  const capped = new Map<string, LinExpr>();
  return (label, conns, peerIn) => capped.get(label) ?? capped.set(label, peerCapped(m, label, conns(), peerIn())).get(label)!;
}

/** Whether a workload's regions are known: held, or with one candidate. */
const knownRegions = (presence: Presence) => (w: string) => presence.isHeld(w) || presence.regions(w).length <= 1;

/** The cost a service's presence in a region adds by itself (its certificate and target, its internal balancer). */
export function presenceCost(fc: FixedCosts, roles: NetworkRoles, service: string, key: RegionKey): number {
  const ports = roles.called.get(service);
  return (roles.publics.has(service) ? fc.publicTarget(key) : 0) + (ports ? fc.endpoint(key, ports.length) : 0);
}

/**
 * 12. The network layer's fixed costs; nothing when the spec does not price its network. With
 * `relax`, connections are priced per pair of areas (a cloud on a continent) rather than per pair
 * of regions (12.relax), which can only lower the cost of any placement: the model's bound is
 * then a bound of the exact one.
 */
export function addNetworkCosts(m: ModelBuilder, spec: NormalizedSpec, catalog: Catalog, presence: Presence, relax = false, multiCloud = false): void {
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

  if (relax) return addAreaConnections(m, spec, catalog, presence, fc);
  // Connections: every pair of regions a service link may cross.
  const pairs = new Map<string, LinExpr[]>();
  const pairCuts: { name: string; pair: string; need: LinExpr }[] = [];
  // A model that leaves out conn's own rows and 12.pair (IlpOptions.boundOnly) needs of each pair
  // only whether a link may cross it, and whether one always does (its cost is then a constant):
  // neither their drivers nor their cuts are formed (at 200 generated services, 281,032 and
  // 52,313 rows of the whole model; the bound-only model's build there, 1.6 to 2.2 s where it
  // took 2.5 to 3.0).
  const connRows = !m.omits("conn[");
  const pairRows = !m.omits("12.pair[");
  const crossing = new Map<string, { live: boolean; always: boolean }>();
  const oneRegion = singleRegion(spec, presence);
  const known = knownRegions(presence);
  // Pairs of regions a link with an end whose regions are known may cross (12.via).
  const forced = new Set<string>();
  for (const l of spec.links) {
    if (l.toKind !== "service") continue;
    const rf = presence.regions(l.from);
    const rt = presence.regions(l.to);
    const cut = pairRows && (oneRegion(l.from) || oneRegion(l.to)) ? new Set<string>() : undefined;
    if (known(l.from) || known(l.to)) for (const r of rf) for (const q of rt) if (r !== q) forced.add(pairKey(r, q));
    for (const r of rf)
      for (const q of rt) {
        // A connection within a cloud (peering) that costs nothing fixed drives no gateway
        // either: it needs no column (measured: 3 of 4 conn rows of a generated spec).
        if (r === q || (cloudOf(r) === cloudOf(q) && fc.pair(r, q) <= EPS)) continue;
        const key = pairKey(r, q);
        const from = presence.of(l.from, r);
        const to = presence.of(l.to, q);
        if (connRows) push(pairs, key, new LinExpr().addExpr(from).addExpr(to).addConstant(-1));
        else {
          // As atLeastAll reads a driver a[f,r] + a[t,q] − 1 of 0/1 terms.
          const c = crossing.get(key) ?? crossing.set(key, { live: false, always: false }).get(key)!;
          c.live ||= maxValue(from) + maxValue(to) - 1 > EPS;
          c.always ||= from.isConstant && to.isConstant && from.constant + to.constant - 1 >= 1 - EPS;
        }
        if (cut && !cut.has(key)) {
          cut.add(key);
          const need = new LinExpr().addConstant(-2);
          for (const w of [l.from, l.to]) need.addExpr(presence.of(w, r)).addExpr(presence.of(w, q));
          if (maxValue(need) > EPS) pairCuts.push({ name: `12.pair[${l.from}>${l.to},${key}]`, pair: key, need });
        }
      }
  }
  const gateways = new Map<RegionKey, LinExpr[]>();
  const conns = new Map<string, LinExpr>();
  for (const pair of [...(connRows ? pairs : crossing).keys()].sort()) {
    const [r, q] = pair.split("|");
    const [name, cost] = [`conn[${pair}]`, fc.pair(r, q)];
    const conn = connRows ? atLeastAll(m, name, cost, pairs.get(pair)!, "kept") : indicator(m, name, cost, crossing.get(pair)!);
    conns.set(pair, conn);
    if (cloudOf(r) !== cloudOf(q) && maxValue(conn) > EPS) {
      push(gateways, r, conn);
      push(gateways, q, conn);
    }
  }
  const gws = new Map<RegionKey, LinExpr>();
  for (const [key, d] of [...gateways].sort(byKey)) gws.set(key, atLeastAll(m, `gw[${key}]`, fc.gateway(key), d));
  for (const { name, pair, need } of pairCuts) {
    const conn = conns.get(pair)!;
    if (!conn.isConstant) m.addRow(name, new LinExpr().addExpr(conn).addExpr(need, -1), 0, Infinity);
  }
  addLeaveCuts(m, spec, catalog, presence, conns, gws, multiCloud, forced);
}

/**
 * 12.relax: connections per pair of areas (an area is one cloud on one continent), for the
 * relaxed model of optimizer/decompose.ts.
 *   Y[w,A] >= a[w,r] for every region r of area A;   C[A,A'] >= Y[f,A] + Y[t,A'] − 1 per link
 *   and pair of areas of different clouds;   G[A] >= C[A,A'].
 * C costs the cheapest connection between regions of A and A' that are in play, G the cheapest
 * gateway of A: every placement pays at least that for its connections across clouds, since a
 * link whose ends run in A and A' connects a region of each. Links within one cloud pay nothing
 * here (exact when peering is free, as it is in every cloud today). With them, valid
 * inequalities as in the exact model, and 12.multi (addMultiCloudCuts):
 *   12.cross per area: Σ_{A' of another cloud} C[A,A'] >= a[me,r] − Σ_{q∈cloud(r)} a[peer,q]
 *   and G[A] >= the same, for r in A (me in r, peer nowhere in r's cloud);
 *   12.spread per cloud (see addSpreadCuts), summed over the areas of each side.
 */
function addAreaConnections(m: ModelBuilder, spec: NormalizedSpec, catalog: Catalog, presence: Presence, fc: FixedCosts): void {
  const areaOfKey = (key: string) => areaOf(catalog, key);
  const inPlay = new Map<string, Set<RegionKey>>();
  const areaPresence = new Map<string, LinExpr>();
  const presenceIn = (w: string, area: string): LinExpr => {
    const id = `${w}@${area}`;
    const done = areaPresence.get(id);
    if (done) return done;
    const drivers = presence.regions(w).filter((r) => areaOfKey(r) === area).map((r) => presence.of(w, r));
    const e = atLeastAll(m, `Y[${w},${area}]`, 0, drivers, "kept");
    areaPresence.set(id, e);
    return e;
  };
  const pairs = new Map<string, LinExpr[]>();
  const known = knownRegions(presence);
  // Pairs of areas a link with an end whose regions are known may cross (12.via).
  const forced = new Set<string>();
  for (const l of spec.links) {
    if (l.toKind !== "service") continue;
    const rf = presence.regions(l.from);
    const rt = presence.regions(l.to);
    if (known(l.from) || known(l.to)) for (const r of rf) for (const q of rt) forced.add(pairKey(areaOfKey(r), areaOfKey(q)));
    for (const r of [...rf, ...rt]) (inPlay.get(areaOfKey(r)) ?? inPlay.set(areaOfKey(r), new Set()).get(areaOfKey(r))!).add(r);
    const af = [...new Set(rf.map(areaOfKey))];
    const at = [...new Set(rt.map(areaOfKey))];
    for (const a of af)
      for (const b of at) {
        if (cloudOfArea(a) === cloudOfArea(b)) continue;
        const e = new LinExpr().addExpr(presenceIn(l.from, a)).addExpr(presenceIn(l.to, b)).addConstant(-1);
        const pair = pairKey(a, b);
        (pairs.get(pair) ?? pairs.set(pair, []).get(pair)!).push(e);
      }
  }
  const gateways = new Map<string, LinExpr[]>();
  const areaConns = new Map<string, LinExpr>();
  for (const [pair, d] of [...pairs].sort(byKey)) {
    const [a, b] = pair.split("|");
    let cost = Infinity;
    for (const r of inPlay.get(a) ?? []) for (const q of inPlay.get(b) ?? []) cost = Math.min(cost, fc.pair(r, q));
    const conn = atLeastAll(m, `C[${pair}]`, Number.isFinite(cost) ? cost : 0, d, "kept");
    areaConns.set(pair, conn);
    if (maxValue(conn) <= EPS) continue;
    for (const x of [a, b]) (gateways.get(x) ?? gateways.set(x, []).get(x)!).push(conn);
  }
  const areaGates = new Map<string, LinExpr>();
  for (const [a, d] of [...gateways].sort(byKey)) {
    const cost = Math.min(Infinity, ...[...(inPlay.get(a) ?? [])].map((r) => fc.gateway(r)));
    areaGates.set(a, atLeastAll(m, `G[${a}]`, Number.isFinite(cost) ? cost : 0, d));
  }
  const connOf = (a: string, b: string) => areaConns.get(pairKey(a, b)) ?? new LinExpr();
  const needed = multiCloudServices(spec);
  const fewIn = outsideNeeded(presence, freeRegionsNeeded(spec, presence));
  const hasGate = (a: string) => maxValue(areaGates.get(a) ?? new LinExpr()) > EPS;
  const capped = viaCaps(m);
  for (const l of spec.links) {
    if (l.toKind !== "service") continue;
    for (const [me, peer] of [
      [l.from, l.to],
      [l.to, l.from],
    ]) {
      const theirs = presence.regions(peer);
      const peerAreas = [...new Set(theirs.map(areaOfKey))];
      const mine = presence.regions(me);
      // The connection of area a to the peer's area b as the rows below count it (12.via).
      const counted = (a: string, b: string): LinExpr =>
        !forced.has(pairKey(a, b))
          ? connOf(a, b)
          : capped(
              `${me}>${peer},${a},${b}`,
              () => connOf(a, b),
              () => LinExpr.sum(theirs.filter((q) => areaOfKey(q) === b).map((q) => presence.of(peer, q))),
            );
      // 12.cross per area: me in r while peer runs nowhere in r's cloud.
      for (const r of mine) {
        const a = areaOfKey(r);
        const others = peerAreas.filter((b) => cloudOfArea(b) !== cloudOfArea(a));
        if (others.length === 0) continue;
        // 12.multi, and 12.few: a peer with more regions to use than it has in r's cloud runs in another.
        addMultiCloudCuts(m, presence, me, peer, r, { multi: needed.get(peer) ?? 1, few: fewIn(peer, r) ? 2 : 1 }, () => others.map((b) => counted(a, b)), areaGates.get(a));
        const need = new LinExpr().addExpr(presence.of(me, r));
        for (const q of theirs) if (cloudOf(q) === cloudOf(r)) need.addExpr(presence.of(peer, q), -1);
        if (maxValue(need) <= EPS) continue;
        const conn = new LinExpr().addExpr(need, -1);
        for (const b of others) conn.addExpr(counted(a, b));
        m.addRow(`12.cross[${me}>${peer},${r}]`, conn, 0, Infinity);
        if (hasGate(a)) m.addRow(`12.gate[${me}>${peer},${r}]`, new LinExpr().addExpr(need, -1).addExpr(areaGates.get(a)!), 0, Infinity);
      }
      // 12.spread and 12.span per cloud, summed over the areas of each side.
      const units: SpreadUnits = { of: areaOfKey, conn: (a, b) => areaConns.get(pairKey(a, b)), gate: (a) => areaGates.get(a) };
      addSpreadCuts(m, presence, me, peer, units);
      if (needed.has(me) && !presence.isHeld(me)) addSpanCuts(m, presence, me, peer, units);
    }
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
 * 12.regions: 12.leave when t must run in k >= 2 regions (regionsNeeded), in its place:
 *   Σ_{q != r} conn[r,q] >= k·a[f,r] − a[t,r]   (r connects to the k − 1 others, k without t);
 * with `multiCloud`, 12.few (addMultiCloudCuts, as 12.multi): Σ_{q ∉ cloud(r)} conn[r,q] >=
 *   (k − m)·a[f,r] and gw[r] >= a[f,r] when t has only m < k regions in r's cloud.
 * Measured with 12.pair (addNetworkCosts), on the generated ten-service specs (seeds 1 to 8):
 * the LP rises at seeds 1, 2 and 4 ($10,066.87 to $10,086.29, $2,462.20 to $2,466.67, $7,090.50
 * to $7,094.31; 8, 7 and 4% of its distance to the optimum) and the proofs take as long (96 s in
 * all, then 93 s); at 100 services in 10 s, the groups' exact models end at better plans (seed
 * 1: $88,972 to $88,985 where they ended at $89,107 to $89,109; seed 2: $121,035 for $121,103;
 * seed 3 unchanged). On small specs they close more: a caller of a service that must run in
 * two regions and has one region per cloud, LP 73.8% of the optimum without 12.few, 84.4% with.
 */
function addLeaveCuts(
  m: ModelBuilder,
  spec: NormalizedSpec,
  catalog: Catalog,
  presence: Presence,
  conns: ReadonlyMap<string, LinExpr>,
  gws: ReadonlyMap<RegionKey, LinExpr>,
  multiCloud: boolean,
  forced: ReadonlySet<string>,
): void {
  const needed = multiCloud ? multiCloudServices(spec) : new Map<string, number>();
  const spanning = new Set([...needed.keys()].filter((s) => !presence.isHeld(s)));
  const spread = freeRegionsNeeded(spec, presence);
  const fewIn = outsideNeeded(presence, spread);
  // 12.via's counts, and each region's area.
  const capped = viaCaps(m);
  const areas = new Map<RegionKey, string>();
  const areaOfKey = (q: RegionKey) => areas.get(q) ?? areas.set(q, areaOf(catalog, q)).get(q)!;
  for (const l of spec.links) {
    // Between two held workloads every row below is constant (and met): a group of
    // optimizer/groups.ts holds most of the spec.
    if (l.toKind !== "service" || (presence.isHeld(l.from) && presence.isHeld(l.to))) continue;
    for (const [me, peer] of [
      [l.from, l.to],
      [l.to, l.from],
    ]) {
      const theirs = presence.regions(peer);
      addSpreadCuts(m, presence, me, peer, { of: (r) => r, conn: (r, q) => conns.get(pairKey(r, q)), gate: (r) => gws.get(r) });
      const spans = spanning.has(me);
      if (spans) addSpanCuts(m, presence, me, peer, { of: (r) => r, conn: (r, q) => conns.get(pairKey(r, q)), gate: (r) => gws.get(r) });
      // 12.span per region: the regions either end may use (its connections run to them).
      const ends = spans ? [...new Set([...theirs, ...presence.regions(me)])] : [];
      // r's connections to the peer's regions `qs` as the rows below count them: per area, capped
      // by the peer's presence there where a forced pair makes one (12.via).
      const counted = (r: RegionKey, qs: readonly RegionKey[]): LinExpr => {
        const connsTo = (list: readonly RegionKey[]) => LinExpr.sum(list.map((q) => conns.get(pairKey(r, q)) ?? new LinExpr()));
        const anyForced = (list: readonly RegionKey[]) => list.some((q) => forced.has(pairKey(r, q)));
        if (!anyForced(qs)) return connsTo(qs);
        const byArea = new Map<string, RegionKey[]>();
        for (const q of qs) {
          const area = areaOfKey(q);
          (byArea.get(area) ?? byArea.set(area, []).get(area)!).push(q);
        }
        return LinExpr.sum(
          [...byArea.values()].map((list) =>
            anyForced(list)
              ? capped(`${me}>${peer},${r},${list.join("+")}`, () => connsTo(list), () => LinExpr.sum(list.map((q) => presence.of(peer, q))))
              : connsTo(list),
          ),
        );
      };
      for (const r of presence.regions(me)) {
        // 12.multi, with `multiCloud`: r connects to k − 1 of the peer's regions in other clouds;
        // 12.few: to as many as the peer needs beyond its regions in r's cloud.
        if (multiCloud) {
          const across = () => [counted(r, theirs.filter((q) => cloudOf(q) !== cloudOf(r)))];
          addMultiCloudCuts(m, presence, me, peer, r, { multi: needed.get(peer) ?? 1, few: 1 + fewIn(peer, r) }, across, gws.get(r));
        }
        // A free connection within a cloud has no column: the peer's presence there stands in for
        // it. When no connection within r's cloud has a column, 12.leave is 12.cross and is skipped.
        const row = new LinExpr().addExpr(presence.of(me, r), -1).addExpr(presence.of(peer, r));
        let inCloud = false;
        const connected: RegionKey[] = [];
        for (const q of theirs) {
          if (q === r) continue;
          if (conns.has(pairKey(r, q))) {
            connected.push(q);
            inCloud ||= cloudOf(q) === cloudOf(r);
          } else if (cloudOf(q) === cloudOf(r)) row.addExpr(presence.of(peer, q));
        }
        row.addExpr(counted(r, connected));
        // 12.leave with the peer's k >= 2 regions (12.regions): r connects to k − 1 of them, k
        // when the peer is not in r itself; it replaces 12.leave, which it implies.
        const k2 = spread.get(peer) ?? 1;
        if (k2 > 1) row.addExpr(presence.of(me, r), 1 - k2);
        if ((inCloud || k2 > 1) && !row.isConstant && maxValue(new LinExpr().addExpr(row, -1)) > EPS) m.addRow(`12.${k2 > 1 ? "regions" : "leave"}[${me}>${peer},${r}]`, row, 0, Infinity);
        // 12.cross: if me runs in r and peer runs nowhere in r's cloud, r connects to another cloud.
        const cross = new LinExpr().addExpr(presence.of(me, r), -1);
        for (const q of theirs) if (cloudOf(q) === cloudOf(r)) cross.addExpr(presence.of(peer, q));
        cross.addExpr(counted(r, theirs.filter((q) => cloudOf(q) !== cloudOf(r))));
        if (!cross.isConstant && maxValue(new LinExpr().addExpr(cross, -1)) > EPS) m.addRow(`12.cross[${me}>${peer},${r}]`, cross, 0, Infinity);
        // 12.gate: and then r needs its gateway, however the connections split in the LP.
        // 12.span, with `multiCloud`, when me must use two clouds or more: the peer in r itself
        // connects to me's regions in other clouds, so only the peer's other regions of r's
        // cloud excuse r's gateway and connection (see addSpanCuts).
        const gw = gws.get(r);
        if (gw && !gw.isConstant) {
          const gate = new LinExpr().addExpr(gw).addExpr(presence.of(me, r), -1);
          for (const q of theirs) if (cloudOf(q) === cloudOf(r) && !(spans && q === r)) gate.addExpr(presence.of(peer, q));
          if (maxValue(new LinExpr().addExpr(gate, -1)) > EPS) m.addRow(`12.${spans ? "spanGate" : "gate"}[${me}>${peer},${r}]`, gate, 0, Infinity);
        }
        if (spans) {
          const span = new LinExpr().addExpr(presence.of(me, r), -1);
          for (const q of theirs) if (cloudOf(q) === cloudOf(r) && q !== r) span.addExpr(presence.of(peer, q));
          for (const q of ends) if (cloudOf(q) !== cloudOf(r)) span.addExpr(conns.get(pairKey(r, q)) ?? new LinExpr());
          if (!span.isConstant && maxValue(new LinExpr().addExpr(span, -1)) > EPS) m.addRow(`12.span[${me}>${peer},${r}]`, span, 0, Infinity);
        }
      }
    }
  }
}

/**
 * 12.span (valid inequalities): a service me that must use two clouds or more, linked to a peer.
 * Whenever me runs in cloud c, a connection crosses between c and another cloud with its end in
 * c at a region of me or of the peer: if the peer runs outside c, it connects to me's region in
 * c; if it runs only in c, its region there connects to me's region in another cloud. Over the
 * units (regions or areas) U of me and the peer, with y[me,c] of 5:
 *   Σ_{u∈U in c, v∈U outside c} conn[u,v] >= y[me,c];   Σ_{u∈U in c} gw[u] >= y[me,c].
 * 12.spread asks them only as far as the peer runs outside c, which the LP spreads thin. Per
 * region (12.span and 12.spanGate in addLeaveCuts), the peer in r itself no longer excuses r.
 * Measured on the generated 10-service specs, the whole model's LP (seeds 1 to 8): seed 2
 * $2,317 to $2,421 (8.5% to 4.4% under the optimum, $2,532), seed 3 $8,287 to $8,459 (3.2% to
 * 1.1%), seeds 6 and 7 +$46 and +$47, the others within $6; HiGHS's proofs of the eight, 82 s in
 * all where they took 93 (seeds 2 and 4 from 45 and 7.6 s to 32 and 2.2 s, seeds 1 and 5 from
 * 12 and 3.8 s to 16 and 7.1 s). The relaxed model's LP at 100 services: $87,328 to $87,386.
 */
function addSpanCuts(m: ModelBuilder, presence: Presence, me: string, peer: string, units: SpreadUnits): void {
  const all = [...new Set([...presence.regions(me), ...presence.regions(peer)])];
  for (const c of new Set(presence.regions(me).map(cloudOf))) {
    const y = presence.cloudUsed(me, c);
    if (!y) continue;
    const inside = [...new Set(all.filter((r) => cloudOf(r) === c).map(units.of))];
    const outside = [...new Set(all.filter((r) => cloudOf(r) !== c).map(units.of))];
    if (outside.length === 0) continue;
    const conn = new LinExpr().addExpr(y, -1);
    for (const u of inside) for (const v of outside) conn.addExpr(units.conn(u, v) ?? new LinExpr());
    m.addRow(`12.span[${me}>${peer},${c}]`, conn, 0, Infinity);
    if (!inside.every((k) => maxValue(units.gate(k) ?? new LinExpr()) > EPS)) continue;
    const gate = new LinExpr().addExpr(y, -1);
    for (const k of inside) gate.addExpr(units.gate(k)!);
    m.addRow(`12.spanGate[${me}>${peer},${c}]`, gate, 0, Infinity);
  }
}

/** How 12.spread groups regions: each region alone (the exact model), or by area (12.relax). */
interface SpreadUnits {
  /** The unit a region belongs to. */
  of(key: RegionKey): string;
  /** The connection indicator between two units of different clouds; undefined without a column. */
  conn(a: string, b: string): LinExpr | undefined;
  /** The gateway indicator of a unit; undefined (or constant 0) when gateways there are free. */
  gate(unit: string): LinExpr | undefined;
}

/**
 * 12.spread (valid inequalities): a service me that must use cloud c (y[me,c] of 5, when
 * minClouds > 1) while its linked peer runs outside c connects c to another cloud, and both
 * ends of that connection have their gateways. With out(peer, c) <= [peer runs outside c]
 * (Presence.outside: 1 when the peer must use two clouds, else 1 − x[peer,c]/R_peer), over the
 * units (regions or areas) u of me in c and v of the peer outside c:
 *   Σ_{u, v} conn[u,v] >= y[me,c] + out(peer, c) − 1;
 *   Σ_u gw[u] >= the same;   Σ_v gw[v] >= the same.
 * 12.cross and 12.gate say less per region, and the LP meets them by spreading me over many
 * regions of c in fractions; y[me,c] is whole however me spreads.
 */
function addSpreadCuts(m: ModelBuilder, presence: Presence, me: string, peer: string, units: SpreadUnits): void {
  const mine = presence.regions(me);
  const theirs = presence.regions(peer);
  for (const c of new Set(mine.map(cloudOf))) {
    const y = presence.cloudUsed(me, c);
    if (!y) continue;
    const inside = [...new Set(mine.filter((r) => cloudOf(r) === c).map(units.of))];
    const outside = [...new Set(theirs.filter((q) => cloudOf(q) !== c).map(units.of))];
    if (outside.length === 0) continue;
    // need = y[me,c] + out(peer,c) − 1: every row below is Σ (indicators) − need >= 0.
    const need = new LinExpr().addExpr(y).addExpr(presence.outside(peer, c)).addConstant(-1);
    if (maxValue(need) <= EPS) continue;
    const conn = new LinExpr().addExpr(need, -1);
    let complete = true;
    for (const u of inside)
      for (const v of outside) {
        const e = units.conn(u, v);
        if (e) conn.addExpr(e);
        else complete = false;
      }
    if (complete) m.addRow(`12.spread[${me}>${peer},${c}]`, conn, 0, Infinity);
    for (const [side, keys] of [
      ["in", inside],
      ["out", outside],
    ] as const) {
      // A free gateway (gcp's) has no column: no row then, or it would wrongly force y to 0.
      if (!keys.every((k) => maxValue(units.gate(k) ?? new LinExpr()) > EPS)) continue;
      const row = new LinExpr().addExpr(need, -1);
      for (const k of keys) row.addExpr(units.gate(k)!);
      m.addRow(`12.spreadGate.${side}[${me}>${peer},${c}]`, row, 0, Infinity);
    }
  }
}

function byKey<V>(a: [string, V], b: [string, V]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
