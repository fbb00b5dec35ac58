// What moving one service's replicas costs, the rest of a plan held, priced without a solver and
// kept up to date move after move: its replicas, its links' traffic, and the network layer as the
// placement model's family 12 charges it (ilp-network.ts; network/topology.ts lays it out): a
// connection for every pair of regions a service link crosses (counted per link and pair) and a
// VPN gateway in a region with one across clouds; per region with services, its network, its
// private zone when a caller is there, its public balancer when a public service is; per service
// and region, its presence (certificate and target, internal balancer), with at most
// BALANCERS_PER_NETWORK called services a region. Databases stay where they are; a bucket moves
// only with moveFixed (its links' traffic follows; the network layer lays out nothing for it).
// Used by the quick plan's colocation step (guided-plan.ts) and by the closing of regions
// (close-regions.ts).

import type { Catalog } from "./catalog";
import type { RegionOffers } from "./candidates";
import type { Placement } from "./baselines";
import type { RegionKey, Shares } from "./evaluate";
import { replicaMonthlyUSD } from "./ilp";
import { networkRoles, presenceCost } from "./ilp-network";
import { linkNear } from "./latency/requirements";
import { fixedCosts } from "./network/costs";
import { BALANCERS_PER_NETWORK } from "./network/topology";
import type { NormalizedLink, NormalizedService, NormalizedSpec } from "./spec";
import { routingTotal, trafficRates } from "./traffic";

/** The regions a placement has replicas in. */
export const regionsOf = (p: Placement | undefined): RegionKey[] => [...new Set((p ?? []).filter((u) => u.count > 0).map((u) => u.key))];

/** What a placement's replicas cost a month. */
export const placementUSD = (catalog: Catalog, s: NormalizedService, p: Placement): number => p.reduce((n, u) => n + u.count * replicaMonthlyUSD(catalog, s, u.offer, u.spot), 0);

/** A placement with units of one region, offer and market merged. */
export function merge(p: Placement): Placement {
  const out: Placement = [];
  for (const u of p) {
    const same = out.find((x) => x.key === u.key && x.offer === u.offer && x.spot === u.spot);
    if (same) same.count += u.count;
    else out.push({ ...u });
  }
  return out;
}

/** Units moved to region `r`, each on its cheapest offer there (spot where it was on spot and `r` has spot). */
export function movedTo(leaving: Placement, r: RegionOffers): Placement {
  return leaving.map((u) => {
    const list = u.spot && r.spot.length > 0 ? r.spot : r.onDemand;
    return { key: r.key, offer: list[0], spot: u.spot && list === r.spot, count: u.count };
  });
}

const cloudOf = (k: RegionKey) => k.slice(0, k.indexOf(":"));
const pairKey = (a: RegionKey, b: RegionKey) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const add = <K>(m: Map<K, number>, k: K, d: number) => m.set(k, (m.get(k) ?? 0) + d);

/** What the network layer of a move adds (below zero: saves), with the counts it changes. */
export interface NetworkMove {
  readonly usd: number;
  /** Per pair of regions: the change in link crossings. */
  readonly change: ReadonlyMap<string, number>;
  /** Per region: the change in connections across clouds. */
  readonly vpnChange: ReadonlyMap<RegionKey, number>;
  /** Whether a region gained would have more called services than its balancer addresses. */
  readonly overfull: boolean;
}

/**
 * The services' placements (`placements`, changed in place by `move`) and the regions of the
 * workloads that stay put (`fixed`: buckets and databases), with the counts the network layer is
 * priced from.
 */
export class MoveCosts {
  private readonly rates;
  private readonly fc;
  private readonly roles;
  private readonly linksOf = new Map<string, { peer: string; link: NormalizedLink }[]>();
  private readonly crossings = new Map<string, number>();
  private readonly vpns = new Map<RegionKey, number>();
  private readonly servicesIn = new Map<RegionKey, number>();
  private readonly callersIn = new Map<RegionKey, number>();
  private readonly publicsIn = new Map<RegionKey, number>();
  private readonly calledIn = new Map<RegionKey, number>();
  /** vCPUs the placements use per region. */
  private readonly used = new Map<RegionKey, number>();
  /** The regions of the workloads that only moveFixed moves. */
  private readonly fixed: Map<string, RegionKey>;
  /** Each workload's shares, with the placement they were taken from (a move makes a new one). */
  private readonly shareMemo = new Map<string, { p: Placement | undefined; shares: Shares }>();
  /** A connection's price per pair key (asked for at every move priced). */
  private readonly pairMemo = new Map<string, number>();

  constructor(
    private readonly spec: NormalizedSpec,
    private readonly catalog: Catalog,
    readonly placements: Map<string, Placement>,
    fixed: ReadonlyMap<string, RegionKey>,
  ) {
    this.fixed = new Map(fixed);
    this.rates = trafficRates(catalog);
    this.fc = spec.network ? fixedCosts(catalog, spec.network) : undefined;
    this.roles = networkRoles(spec);
    for (const l of spec.links)
      for (const [me, peer] of [
        [l.from, l.to],
        [l.to, l.from],
      ])
        if (placements.has(me) || this.fixed.has(me)) (this.linksOf.get(me) ?? this.linksOf.set(me, []).get(me)!).push({ peer, link: l });
    for (const l of spec.links) if (l.toKind === "service" && l.from !== l.to) this.cross(this.at(l.from), this.at(l.to), 1, this.crossings);
    for (const [k, n] of this.crossings) {
      const [a, b] = k.split("|");
      if (n > 0 && cloudOf(a) !== cloudOf(b)) for (const x of [a, b]) add(this.vpns, x, 1);
    }
    for (const [n, p] of placements) this.count(n, regionsOf(p), 1);
    for (const p of placements.values()) for (const u of p) add(this.used, u.key, u.count * u.offer.vcpus);
  }

  /** Whether `me` has links (the others' moves cost nothing but their replicas). */
  linked(me: string): boolean {
    return this.linksOf.has(me);
  }

  /** The workloads `me` is linked to. */
  peers(me: string): string[] {
    return (this.linksOf.get(me) ?? []).map((x) => x.peer);
  }

  /** The regions a workload runs in. */
  at(name: string): RegionKey[] {
    const key = this.fixed.get(name);
    return key ? [key] : regionsOf(this.placements.get(name));
  }

  /** How many services run in `key`. */
  servicesAt(key: RegionKey): number {
    return this.servicesIn.get(key) ?? 0;
  }

  /** vCPUs of `key`'s quota that are still free. */
  quotaLeft(key: RegionKey): number {
    return (this.spec.quotas[key] ?? Infinity) - (this.used.get(key) ?? 0);
  }

  /** A workload's share of its replicas per region (`p` in place of a service's own placement). */
  sharesOf(name: string, p?: Placement): Shares {
    const own = p ?? this.placements.get(name);
    const memo = this.shareMemo.get(name);
    if (memo && memo.p === own) return memo.shares;
    const key = this.fixed.get(name);
    const regions = new Map<RegionKey, number>();
    if (key) regions.set(key, 1);
    else {
      const units = own ?? [];
      const total = units.reduce((n, u) => n + u.count, 0);
      for (const u of units) if (u.count > 0) regions.set(u.key, (regions.get(u.key) ?? 0) + u.count / total);
    }
    const shares = { regions };
    // Only the placement held now is kept: a move's candidates are asked for once each.
    if (!p || p === this.placements.get(name)) this.shareMemo.set(name, { p: own, shares });
    return shares;
  }

  /** The monthly traffic of `me`'s links, both ways, with its shares `mine`. */
  traffic(me: string, mine: Shares): number {
    let usd = 0;
    for (const { peer, link } of this.linksOf.get(me) ?? []) {
      if (!(link.monthlyGiB > 0)) continue;
      const theirs = this.sharesOf(peer).regions;
      usd += (link.monthlyGiB / 2) * (routingTotal(mine.regions, theirs, this.rates.cost) + routingTotal(theirs, mine.regions, this.rates.cost));
    }
    return usd;
  }

  /**
   * Latency misses of a service's links, both ways, with its regions `mine`: per link, the
   * regions of either end with no region of the other near.
   */
  misses(me: string, mine: readonly RegionKey[]): Set<string> {
    const out = new Set<string>();
    (this.linksOf.get(me) ?? []).forEach(({ peer, link }, i) => {
      if (!link.latency) return;
      const theirs = this.at(peer);
      for (const r of mine) if (!theirs.some((q) => linkNear(this.catalog, link.latency!, r, q))) out.add(`${i} mine ${r}`);
      for (const q of theirs) if (!mine.some((r) => linkNear(this.catalog, link.latency!, q, r))) out.add(`${i} theirs ${q}`);
    });
    return out;
  }

  /** What the network layer of a move of `me` from regions `from` to `to` adds (below zero: saves). */
  network(me: string, from: readonly RegionKey[], to: readonly RegionKey[]): NetworkMove {
    const change = new Map<string, number>();
    const vpnChange = new Map<RegionKey, number>();
    const { fc, roles } = this;
    if (!fc) return { usd: 0, change, vpnChange, overfull: false };
    const lost = from.filter((k) => !to.includes(k));
    const gained = to.filter((k) => !from.includes(k));
    const overfull = roles.called.has(me) && gained.some((k) => (this.calledIn.get(k) ?? 0) >= BALANCERS_PER_NETWORK);
    for (const { peer } of this.serviceLinksOf(me)) {
      this.cross(from, this.at(peer), -1, change);
      this.cross(to, this.at(peer), 1, change);
    }
    let usd = 0;
    for (const [k, d] of change) {
      const now = this.crossings.get(k) ?? 0;
      const step = now > 0 && now + d <= 0 ? -1 : now <= 0 && now + d > 0 ? 1 : 0;
      if (step === 0) continue;
      const [a, b] = k.split("|");
      usd += step * this.pair(k, a, b);
      if (cloudOf(a) !== cloudOf(b)) for (const x of [a, b]) add(vpnChange, x, step);
    }
    for (const [k, d] of vpnChange) {
      const now = this.vpns.get(k) ?? 0;
      if (now > 0 && now + d <= 0) usd -= fc.gateway(k);
      else if (now <= 0 && now + d > 0) usd += fc.gateway(k);
    }
    const only = (m: Map<RegionKey, number>, k: RegionKey) => (m.get(k) ?? 0) === 1;
    const none = (m: Map<RegionKey, number>, k: RegionKey) => (m.get(k) ?? 0) === 0;
    for (const k of lost) {
      usd -= presenceCost(fc, roles, me, k);
      if (only(this.servicesIn, k)) usd -= fc.open(k);
      if (roles.callers.has(me) && only(this.callersIn, k)) usd -= fc.zone(k);
      if (roles.publics.has(me) && only(this.publicsIn, k)) usd -= fc.ingress(k);
    }
    for (const k of gained) {
      usd += presenceCost(fc, roles, me, k);
      if (none(this.servicesIn, k)) usd += fc.open(k);
      if (roles.callers.has(me) && none(this.callersIn, k)) usd += fc.zone(k);
      if (roles.publics.has(me) && none(this.publicsIn, k)) usd += fc.ingress(k);
    }
    return { usd, change, vpnChange, overfull };
  }

  /**
   * The most leaving `key` can save `me` on the network layer: all of the above in `key`, and
   * every connection from it its service links cross with the gateways at both ends.
   */
  networkSaveable(me: string, key: RegionKey): number {
    const { fc, roles } = this;
    if (!fc) return 0;
    let usd = fc.open(key) + fc.zone(key) + fc.ingress(key) + fc.gateway(key) + presenceCost(fc, roles, me, key);
    for (const { peer } of this.serviceLinksOf(me)) for (const b of this.at(peer)) if (b !== key) usd += fc.pair(key, b) + fc.gateway(b);
    return usd;
  }

  /**
   * The least the network layer adds when `me`, now in `was`, comes into `key`: nothing when it
   * is there already, else its presence there, and the region's network, private zone and public
   * balancer when it is the first service, caller or public service there. No move into `key`
   * adds less, less what leaving its other regions saves (networkSaveable): the connections and
   * gateways it adds are on top.
   */
  entryCost(me: string, key: RegionKey, was: readonly RegionKey[]): number {
    const { fc, roles } = this;
    if (!fc || was.includes(key)) return 0;
    const none = (m: Map<RegionKey, number>) => (m.get(key) ?? 0) === 0;
    return (
      presenceCost(fc, roles, me, key) +
      (none(this.servicesIn) ? fc.open(key) : 0) +
      (roles.callers.has(me) && none(this.callersIn) ? fc.zone(key) : 0) +
      (roles.publics.has(me) && none(this.publicsIn) ? fc.ingress(key) : 0)
    );
  }

  /**
   * A bucket (or another workload held in `fixed`) now in `key`: its links' traffic follows. Its
   * region lays out no network (the network layer's networks are the services'), so no count
   * changes.
   */
  moveFixed(name: string, key: RegionKey): void {
    if (!this.fixed.has(name)) throw new RangeError(`${name} is not a workload MoveCosts holds in place.`);
    this.fixed.set(name, key);
    this.shareMemo.delete(name);
  }

  /** `me` now runs as `next`: every count follows. */
  move(me: string, next: Placement): void {
    const prev = this.placements.get(me) ?? [];
    const net = this.network(me, regionsOf(prev), regionsOf(next));
    for (const u of prev) add(this.used, u.key, -u.count * u.offer.vcpus);
    for (const u of next) add(this.used, u.key, u.count * u.offer.vcpus);
    for (const [k, d] of net.change) add(this.crossings, k, d);
    for (const [k, d] of net.vpnChange) add(this.vpns, k, d);
    this.count(me, regionsOf(prev), -1);
    this.count(me, regionsOf(next), 1);
    this.placements.set(me, next);
  }

  private pair(k: string, a: RegionKey, b: RegionKey): number {
    let usd = this.pairMemo.get(k);
    if (usd === undefined) this.pairMemo.set(k, (usd = this.fc!.pair(a, b)));
    return usd;
  }

  private serviceLinksOf(me: string) {
    return (this.linksOf.get(me) ?? []).filter(({ link }) => link.toKind === "service" && link.from !== link.to);
  }

  private cross(mine: readonly RegionKey[], theirs: readonly RegionKey[], by: number, into: Map<string, number>) {
    for (const a of mine) for (const b of theirs) if (a !== b) add(into, pairKey(a, b), by);
  }

  private count(me: string, keys: readonly RegionKey[], d: number) {
    for (const k of keys) {
      add(this.servicesIn, k, d);
      if (this.roles.callers.has(me)) add(this.callersIn, k, d);
      if (this.roles.publics.has(me)) add(this.publicsIn, k, d);
      if (this.roles.called.has(me)) add(this.calledIn, k, d);
    }
  }
}
