// A plan rounded from the capacity relaxation's solution (optimizer/capacity-bound.ts), made
// without a solver: the quick start of optimizer/groups.ts when a spec is too large to construct
// group by group in the time given. The relaxation shares out the quotas and says on which
// continents (and in which regions) each service's replicas belong, which a greedy placement of
// one service at a time cannot see; what it leaves out, this module adds back:
//   1. each service's replicas shared over the regions the guide gives it, in proportion to its
//      vCPUs there, per continent first, then per region within each (largest remainders, ties
//      by key); a continent keeps one replica where the guide has a whole one, and where the
//      service's users or its same-continent links require it (requiredContinents); up to
//      spotReplicas on spot where spot saves most per replica; a user location with no replica
//      within the round trip then takes one from the region with the most; a service the guide
//      misses, or whose spread the rounding breaks, goes on its cheapest offers as the baseline does (on the
//      guide's continents near all of its users, then near them, then anywhere);
//   1b. services that links must keep on one continent given the same continents: one that
//      misses a continent a linked one is on moves a replica there (to its cheapest region on
//      it); when one has too few replicas for all of them or cannot be given one, the whole set
//      goes to the one continent of theirs where its replicas cost least and their users are
//      served (shareContinents); so does a set that same-continent links to a bucket join (a
//      bucket is in one region);
//   2. the quotas repaired as the cheapest-offer baseline repairs them (baselines.ts), replicas
//      moving only within their service's continents, each kept, and its users kept served;
//   3. each bucket in the cheapest region that the most of its linked services' regions meet the
//      latency of;
//   4. a service's replicas in a region with no peer of a latency link near move to its cheapest
//      region where all of its latency links hold, as long as quotas, its spread and its users
//      allow; or, when one link misses there and that costs less, the peer moves one replica
//      to a region near it (at 2,000 services: the rounded plan $1,774,208 against $1,793,184
//      with moves only, 13 workloads breaking a latency requirement against 23);
//   5. a service's replicas in one region move, all of them, to a region of the same continent
//      where a workload it is linked to runs, or to one of its OPEN_TARGETS cheapest there that
//      another service uses, when their cost there plus its links' traffic plus the connections
//      and networks the network layer needs is lower (colocate). At 2,000 services the rounded
//      plan cost $1,814,470 without this step, $1,798,055 with moves to linked workloads'
//      regions priced by compute and traffic, $1,768,501 with connections and networks priced
//      too, $1,760,455 with the cheapest open regions tried (0.45 s more) and $1,759,316 with
//      the network layer priced whole (gateways, zones, balancers, presence).
// What still breaks a latency requirement is listed (with what same-continent links tie it to)
// for the caller to place again with a solver; the plan of everything else is checked against
// the spec. Deterministic in its inputs.

import type { Catalog, RegionInfo } from "./catalog";
import type { Candidates, RegionOffers } from "./candidates";
import { cheapestOfferBaseline, onDemandUSD, placeAlone, repairQuotas, spread, spreadOk, toPlan, toUnits, type Placement } from "./baselines";
import type { RegionKey } from "./evaluate";
import { replicaMonthlyUSD } from "./ilp";
import { latencyMatrix } from "./latency/matrix";
import { linkMisses, linkNear, regionsIn, unservedPlaces } from "./latency/requirements";
import { onlyWorkloads, type BucketPlacement, type DatabasePlacement, type Plan, type ServicePlacement } from "./plan";
import { specWorkloads, subSpec, workloadCount, type NormalizedBucket, type NormalizedService, type NormalizedSpec } from "./spec";
import { planUse } from "./explain";
import { bucketViolations, databaseReachViolations, databaseViolations, serviceViolations, verifyPlan } from "./verify";
import { merge, MoveCosts, movedTo, placementUSD, regionsOf } from "./move-costs";

/** vCPUs per service and region: the capacity relaxation's solution (capacityGuide). */
export type GuideVcpus = ReadonlyMap<string, ReadonlyMap<RegionKey, number>>;

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Counts in proportion to the weights, summing to `total`: at least `least` each (while the
 * total allows: what exceeds it comes back from the largest counts), then largest remainders,
 * ties by key.
 */
function apportion(total: number, weights: readonly { key: string; w: number; least?: number }[]): Map<string, number> {
  const sum = weights.reduce((n, x) => n + x.w, 0);
  // No weight anywhere: equal shares.
  const exact = weights.map((x) => ({ key: x.key, least: x.least ?? 0, x: sum > 0 ? (total * x.w) / sum : total / weights.length }));
  const count = new Map(exact.map((x) => [x.key, Math.max(x.least, Math.floor(x.x + 1e-9))]));
  let left = total - [...count.values()].reduce((a, b) => a + b, 0);
  for (; left < 0; left++) {
    const [over] = [...exact].sort((a, b) => Number(count.get(b.key)! > b.least) - Number(count.get(a.key)! > a.least) || count.get(b.key)! - count.get(a.key)! || byKey(a, b));
    count.set(over.key, count.get(over.key)! - 1);
  }
  const frac = (x: { key: string; x: number }) => x.x - count.get(x.key)!;
  for (const x of [...exact].sort((a, b) => frac(b) - frac(a) || byKey(a, b))) {
    if (left <= 0) break;
    count.set(x.key, count.get(x.key)! + 1);
    left--;
  }
  return count;
}

/**
 * Replicas per region in proportion to the guide's vCPUs there: first per continent, keeping
 * one on each continent where the guide has a whole replica or that `required` names (in its
 * cheapest region there when the guide has none), then per region within each continent.
 */
function shareOut(s: NormalizedService, catalog: Catalog, regions: readonly RegionOffers[], vcpus: ReadonlyMap<RegionKey, number>, required: ReadonlySet<string>): Map<RegionKey, number> {
  const here = regions.filter((r) => (vcpus.get(r.key) ?? 0) > 1e-9);
  const od = (r: RegionOffers) => onDemandUSD(catalog, s, r);
  for (const k of required) {
    if (here.some((r) => r.region.continent === k)) continue;
    const cheapest = regions.filter((r) => r.region.continent === k).sort((a, b) => od(a) - od(b) || byKey(a, b))[0];
    if (cheapest) here.push(cheapest);
  }
  const w = (r: RegionOffers) => vcpus.get(r.key) ?? 0;
  const total = here.reduce((n, r) => n + w(r), 0);
  const byContinent = new Map<string, RegionOffers[]>();
  for (const r of here) (byContinent.get(r.region.continent) ?? byContinent.set(r.region.continent, []).get(r.region.continent)!).push(r);
  const weights = [...byContinent].map(([key, rs]) => {
    const sum = rs.reduce((n, r) => n + w(r), 0);
    return { key, w: sum, least: required.has(key) || (s.replicas * sum) / total >= 1 - 1e-6 ? 1 : 0 };
  });
  const perContinent = apportion(s.replicas, weights);
  const count = new Map<RegionKey, number>();
  for (const [k, rs] of byContinent) {
    const n = perContinent.get(k)!;
    if (n === 0) continue;
    for (const [key, c] of apportion(n, rs.map((r) => ({ key: r.key, w: w(r) })))) count.set(key as RegionKey, c);
  }
  return count;
}

/**
 * Continents each service must be on: where all the regions near one of its user locations
 * are, and, along links that must share a continent (both ways), its peers'.
 */
export function requiredContinents(spec: NormalizedSpec, catalog: Catalog, candidates: Candidates): Map<string, Set<string>> {
  const rtt = latencyMatrix(catalog);
  const out = new Map<string, Set<string>>();
  for (const s of spec.services) {
    if (!s.latency) continue;
    const regions = candidates.services.get(s.name) ?? [];
    for (const p of s.latency.from.flatMap((f) => f.points)) {
      const on = new Set(regions.filter((r) => rtt.rtt(r.key, p) <= s.latency!.maxRttMs + 1e-9).map((r) => r.region.continent));
      if (on.size === 1) (out.get(s.name) ?? out.set(s.name, new Set()).get(s.name)!).add([...on][0]);
    }
  }
  const links = spec.links.filter((l) => l.latency?.kind === "continent");
  for (let grew = true; grew; ) {
    grew = false;
    for (const l of links)
      for (const [a, b] of [
        [l.from, l.to],
        [l.to, l.from],
      ]) {
        const mine = out.get(a);
        if (!mine) continue;
        const theirs = out.get(b) ?? out.set(b, new Set()).get(b)!;
        for (const k of mine)
          if (!theirs.has(k)) {
            theirs.add(k);
            grew = true;
          }
      }
  }
  return out;
}

/**
 * Moves replicas so that every user location of `s` has one within its round trip; false when
 * some location has no region near it or no replica can be spared.
 */
function coverUsers(s: NormalizedService, catalog: Catalog, regions: readonly RegionOffers[], vcpus: ReadonlyMap<RegionKey, number>, count: Map<RegionKey, number>): boolean {
  if (!s.latency) return true;
  const rtt = latencyMatrix(catalog);
  const max = s.latency.maxRttMs + 1e-9;
  const points = s.latency.from.flatMap((f) => f.points);
  const covered = (without?: RegionKey) => points.filter((p) => [...count].some(([k, n]) => n - (k === without ? 1 : 0) > 0 && rtt.rtt(k, p) <= max)).length;
  const od = (r: RegionOffers) => onDemandUSD(catalog, s, r);
  for (const p of points) {
    if ([...count].some(([k, n]) => n > 0 && rtt.rtt(k, p) <= max)) continue;
    const to = regions
      .filter((r) => rtt.rtt(r.key, p) <= max)
      .sort((a, b) => (vcpus.get(b.key) ?? 0) - (vcpus.get(a.key) ?? 0) || od(a) - od(b) || byKey(a, b))[0];
    if (!to) return false;
    const before = covered();
    const donor = [...count]
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .find(([k]) => covered(k) === before);
    if (!donor) return false;
    count.set(donor[0], donor[1] - 1);
    count.set(to.key, (count.get(to.key) ?? 0) + 1);
  }
  return true;
}

// Regions sorted by a service's on-demand price, per list of regions and service: the rounding
// asks for the same order many times (0.3 s of it at 2,000 services before).
const sortedMemo = new WeakMap<readonly RegionOffers[], WeakMap<NormalizedService, readonly RegionOffers[]>>();

/** `regions` by `s`'s on-demand price per replica, ties by key. */
function byPrice(s: NormalizedService, catalog: Catalog, regions: readonly RegionOffers[]): readonly RegionOffers[] {
  let perService = sortedMemo.get(regions);
  if (!perService) sortedMemo.set(regions, (perService = new WeakMap()));
  let sorted = perService.get(s);
  if (!sorted) {
    const od = new Map(regions.map((r) => [r, onDemandUSD(catalog, s, r)]));
    perService.set(s, (sorted = [...regions].sort((a, b) => od.get(a)! - od.get(b)! || byKey(a, b))));
  }
  return sorted;
}

/** Units of a placement from replicas per region (baselines.ts's toUnits; ties in spot's saving go to the cheaper region). */
function units(s: NormalizedService, catalog: Catalog, regions: readonly RegionOffers[], count: ReadonlyMap<RegionKey, number>): Placement {
  return toUnits(s, catalog, byPrice(s, catalog, regions), count);
}

/** One service placed as the guide says (step 1 above). */
function placeService(s: NormalizedService, catalog: Catalog, regions: readonly RegionOffers[], vcpus: ReadonlyMap<RegionKey, number> | undefined, required: ReadonlySet<string>): Placement | undefined {
  const here = regions.filter((r) => (vcpus?.get(r.key) ?? 0) > 1e-9);
  if (vcpus && here.length > 0) {
    const count = shareOut(s, catalog, regions, vcpus, required);
    if (coverUsers(s, catalog, regions, vcpus, count)) {
      const p = units(s, catalog, regions, count);
      if (spreadOk(s, p)) return p;
    }
  }
  // Else on its cheapest offers: on the guide's continents (its links' latency) near all of its
  // users, then anywhere near them, then anywhere.
  const nearAll = regions.filter((r) => unservedPlaces(catalog, s, [r.key]).length === 0);
  const continents = new Set(here.map((r) => r.region.continent));
  const onGuide = (list: readonly RegionOffers[]) => list.filter((r) => continents.has(r.region.continent));
  return placeAlone(s, catalog, onGuide(nearAll)) ?? placeAlone(s, catalog, onGuide(regions)) ?? placeAlone(s, catalog, nearAll) ?? placeAlone(s, catalog, regions);
}

/**
 * The rules of a quota repair that keeps the guide's continents: replicas move only within the
 * continents their service is on now, each of them kept, and its users kept served.
 */
function withContinents(catalog: Catalog, placements: ReadonlyMap<string, Placement>) {
  const continentsOf = (p: Placement) => new Set(p.filter((u) => u.count > 0).map((u) => catalog.regionByKey(u.key)?.continent));
  const continents = new Map([...placements].map(([n, p]) => [n, continentsOf(p)]));
  return [
    (n: string, r: RegionOffers) => continents.get(n)?.has(r.region.continent) ?? true,
    (s: NormalizedService, p: Placement) => continentsOf(p).size === continents.get(s.name)?.size && unservedPlaces(catalog, s, regionsOf(p)).length === 0,
  ] as const;
}

/**
 * Step 1b: services that links must keep on one continent need the same continents (each
 * replica's region needs a peer on its continent, both ways): in each set of services such links
 * join, a service missing a continent another is on moves one replica there, to its cheapest
 * region on it, from its region with the most replicas on a continent it keeps. When a service
 * has too few replicas for every continent, or one cannot be given them all (no region on one,
 * its spread or users broken), the whole set goes to the one continent of theirs where its
 * replicas cost least and every service's users are served. A set that neither way can place is
 * left as it is, for the repair.
 */
function shareContinents(spec: NormalizedSpec, catalog: Catalog, candidates: Candidates, placements: Map<string, Placement>): void {
  const parent = new Map<string, string>();
  const root = (n: string): string => {
    let r = n;
    while ((parent.get(r) ?? r) !== r) r = parent.get(r)!;
    return r;
  };
  // A bucket, in one region, holds what its same-continent links join to one continent.
  const bucketNode = (name: string) => `bucket ${name}`;
  for (const l of spec.links) {
    if (l.latency?.kind !== "continent" || !placements.has(l.from)) continue;
    const to = placements.has(l.to) ? l.to : l.toKind === "bucket" ? bucketNode(l.to) : undefined;
    if (!to) continue;
    const [a, b] = [root(l.from), root(to)];
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  // Per set that buckets hold, those buckets.
  const bucketHeld = new Map<string, string[]>();
  for (const l of spec.links)
    if (l.latency?.kind === "continent" && l.toKind === "bucket" && placements.has(l.from)) {
      const held = bucketHeld.get(root(l.from)) ?? bucketHeld.set(root(l.from), []).get(root(l.from))!;
      if (!held.includes(l.to)) held.push(l.to);
    }
  const sets = new Map<string, string[]>();
  for (const n of placements.keys()) (sets.get(root(n)) ?? sets.set(root(n), []).get(root(n))!).push(n);
  const byName = new Map(spec.services.map((x) => [x.name, x]));
  const continentOf = (key: string) => catalog.regionByKey(key)?.continent ?? "";
  for (const [key, members] of [...sets].filter(([k, m]) => m.length > 1 || bucketHeld.has(k)).map(([k, m]) => [k, m.sort()] as const)) {
    const counts = new Map(members.map((n) => [n, spread(placements.get(n)!).regions]));
    const on = (n: string) => new Set([...counts.get(n)!].filter(([, c]) => c > 0).map(([k]) => continentOf(k)));
    const all = new Set(members.flatMap((n) => [...on(n)]));
    // The whole set on the one continent of theirs where its replicas cost least, each service on
    // its cheapest offers there with its users served (cheapestNearUsers); undefined when none serves them all.
    const oneContinent = () => {
      const options = [...all].sort().flatMap((k) => {
        // Only where each bucket that holds the set can be.
        if ((bucketHeld.get(key) ?? []).some((b) => !(candidates.buckets.get(b) ?? []).some((r) => r.continent === k))) return [];
        const placed = new Map<string, Placement>();
        for (const n of members) {
          const s = byName.get(n)!;
          const here = (candidates.services.get(n) ?? []).filter((r) => r.region.continent === k);
          const p = cheapestNearUsers(s, catalog, here);
          if (!p) return [];
          placed.set(n, p);
        }
        const usd = [...placed].reduce((x, [n, p]) => x + placementUSD(catalog, byName.get(n)!, p), 0);
        return [{ placed, usd }];
      });
      return options.sort((a, b) => a.usd - b.usd)[0]?.placed;
    };
    const apply = (placed: ReadonlyMap<string, Placement> | undefined) => {
      for (const [n, p] of placed ?? []) placements.set(n, p);
    };
    // Too few replicas for every continent, or a bucket that holds them to one: one continent.
    if (bucketHeld.has(key) ? all.size > 1 : members.some((n) => byName.get(n)!.replicas < all.size)) {
      apply(oneContinent());
      continue;
    }
    const next = new Map<string, Placement>();
    for (const n of members) {
      const s = byName.get(n)!;
      const regions = candidates.services.get(n) ?? [];
      const count = new Map(counts.get(n)!);
      const od = (r: RegionOffers) => onDemandUSD(catalog, s, r);
      for (const k of [...all].sort()) {
        if ([...count].some(([key, c]) => c > 0 && continentOf(key) === k)) continue;
        const to = regions.filter((r) => r.region.continent === k).sort((a, b) => od(a) - od(b) || byKey(a, b))[0];
        const perContinent = (c: string) => [...count].filter(([key]) => continentOf(key) === c).reduce((x, [, y]) => x + y, 0);
        const from = [...count].filter(([key, c]) => c > 0 && perContinent(continentOf(key)) > 1).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
        if (!to || !from) break;
        count.set(from[0], from[1] - 1);
        count.set(to.key, (count.get(to.key) ?? 0) + 1);
      }
      const p = units(s, catalog, regions, count);
      if (new Set(regionsOf(p).map(continentOf)).size === all.size && spreadOk(s, p) && unservedPlaces(catalog, s, regionsOf(p)).length === 0) next.set(n, p);
    }
    // Every service on every continent of the set, else (a service cannot reach one of them, or
    // a move breaks its spread or users) one continent.
    apply(next.size === members.length ? next : oneContinent());
  }
}

/**
 * A service on its cheapest offers among `regions` with every user location served: on the
 * cheapest regions with a replica moved near each location no replica is near (coverUsers), or
 * all of them on regions near every location, whichever costs less; undefined when neither
 * keeps its spread.
 */
function cheapestNearUsers(s: NormalizedService, catalog: Catalog, regions: readonly RegionOffers[]): Placement | undefined {
  const served = (p: Placement | undefined) => (p && spreadOk(s, p) && unservedPlaces(catalog, s, regionsOf(p)).length === 0 ? [p] : []);
  const options = served(placeAlone(s, catalog, regions.filter((r) => unservedPlaces(catalog, s, [r.key]).length === 0)));
  const alone = placeAlone(s, catalog, regions);
  if (alone) {
    const count = new Map(spread(alone).regions);
    if (coverUsers(s, catalog, regions, new Map(), count)) options.push(...served(units(s, catalog, regions, count)));
  }
  return options.sort((a, b) => placementUSD(catalog, s, a) - placementUSD(catalog, s, b))[0];
}


/**
 * Step 4 above: while some service runs in a region with no peer of a latency link near, its
 * replicas there move to its cheapest region where every such link of it holds, within quotas,
 * its spread and its users' round trips, or, when a single link misses there and it costs less,
 * the peer lends it a replica (lendReplica) (first such service and region by name; a region
 * that neither mends is skipped).
 */
function fixLinkLatency(spec: NormalizedSpec, catalog: Catalog, candidates: Candidates, placements: Map<string, Placement>, buckets: Readonly<Record<string, BucketPlacement>>): void {
  const at = (name: string): RegionKey[] => (buckets[name] ? [`${buckets[name].cloud}:${buckets[name].region}`] : regionsOf(placements.get(name)));
  const links = spec.links.filter((l) => l.latency);
  const linksOf = new Map<string, { peer: string; latency: NonNullable<(typeof links)[number]["latency"]> }[]>();
  for (const l of links)
    for (const [me, peer] of [
      [l.from, l.to],
      [l.to, l.from],
    ])
      if (placements.has(me)) (linksOf.get(me) ?? linksOf.set(me, []).get(me)!).push({ peer, latency: l.latency! });
  const holdsAt = (me: string, key: RegionKey) => (linksOf.get(me) ?? []).every(({ peer, latency }) => at(peer).some((q) => linkNear(catalog, latency, key, q)));
  const byName = new Map(spec.services.map((s) => [s.name, s]));
  const names = [...linksOf.keys()].sort();
  const skipped = new Set<string>();
  // Latency misses of a service's links, both ways, were its regions `mine`.
  const misses = (me: string, mine: readonly RegionKey[]) =>
    (linksOf.get(me) ?? []).reduce((n, { peer, latency }) => {
      const theirs = at(peer);
      return n + mine.filter((r) => !theirs.some((q) => linkNear(catalog, latency, r, q))).length + theirs.filter((q) => !mine.some((r) => linkNear(catalog, latency, q, r))).length;
    }, 0);
  // The other way to mend `me` in `key` when one link misses there: its peer moves one replica
  // (from its region with the most) to its cheapest region near `key` where all of its own links
  // hold, as long as its spread, its users and the misses of its links allow; with what it adds.
  const lendReplica = (me: string, key: RegionKey, used: ReadonlyMap<RegionKey, number>) => {
    const failing = (linksOf.get(me) ?? []).filter(({ peer, latency }) => !at(peer).some((q) => linkNear(catalog, latency, key, q)));
    if (failing.length !== 1 || !placements.has(failing[0].peer)) return undefined;
    const { peer, latency } = failing[0];
    const s = byName.get(peer)!;
    const p = placements.get(peer)!;
    const donor = [...p].filter((u) => u.count > 0).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))[0];
    if (!donor) return undefined;
    const before = misses(peer, regionsOf(p));
    const price = (u: { offer: Placement[number]["offer"]; spot: boolean }) => replicaMonthlyUSD(catalog, s, u.offer, u.spot);
    // No cloud the plan does not use yet once it uses maxClouds.
    const clouds = new Set([...[...used].filter(([, v]) => v > 1e-9).map(([k]) => k.slice(0, k.indexOf(":"))), ...Object.values(buckets).map((b) => b.cloud)]);
    let best: { peer: string; next: Placement; usd: number } | undefined;
    for (const r of candidates.services.get(peer) ?? []) {
      if (r.key === donor.key || !linkNear(catalog, latency, key, r.key) || !holdsAt(peer, r.key)) continue;
      if (!clouds.has(r.region.cloud) && clouds.size >= spec.maxClouds) continue;
      const list = donor.spot && r.spot.length > 0 ? r.spot : r.onDemand;
      const unit = { key: r.key, offer: list[0], spot: donor.spot && list === r.spot, count: 1 };
      if ((spec.quotas[r.key] ?? Infinity) - (used.get(r.key) ?? 0) < unit.offer.vcpus) continue;
      const next = merge([...p.map((u) => (u === donor ? { ...u, count: u.count - 1 } : u)).filter((u) => u.count > 0), unit]);
      if (!spreadOk(s, next) || unservedPlaces(catalog, s, regionsOf(next)).length > 0) continue;
      // The peer's own misses may not grow: what it leaves must still reach its other peers,
      // and `me` in `key` is now reached.
      placements.set(peer, next);
      const after = misses(peer, regionsOf(next));
      placements.set(peer, p);
      if (after >= before) continue;
      const usd = price(unit) - price(donor);
      if (usd < (best?.usd ?? Infinity)) best = { peer, next, usd };
    }
    return best;
  };
  // Each service's first region (by key) that misses and was not skipped: only a move changes it,
  // for the service moved and its peers, so it is kept up to date rather than sought over every
  // service at every move (58 moves over 1,205 services at 2,000 took 0.3 s so). So are the
  // vCPUs used per region.
  const badAt = new Map<string, RegionKey>();
  const check = (me: string) => {
    const key = regionsOf(placements.get(me)).sort().find((k) => !skipped.has(`${me}@${k}`) && !holdsAt(me, k));
    if (key) badAt.set(me, key);
    else badAt.delete(me);
  };
  for (const me of names) check(me);
  const used = new Map<RegionKey, number>();
  const use = (p: Placement, sign: number) => {
    for (const u of p) used.set(u.key, (used.get(u.key) ?? 0) + sign * u.count * u.offer.vcpus);
  };
  for (const q of placements.values()) use(q, 1);
  const place = (name: string, next: Placement) => {
    use(placements.get(name) ?? [], -1);
    use(next, 1);
    placements.set(name, next);
    check(name);
    for (const { peer } of linksOf.get(name) ?? []) if (linksOf.has(peer)) check(peer);
  };
  for (let moves = 0; moves < 4 * links.length + 10; moves++) {
    let bad: { me: string; key: RegionKey } | undefined;
    for (const [me, key] of badAt) if (!bad || me < bad.me) bad = { me, key };
    if (!bad) return;
    const s = byName.get(bad.me)!;
    const p = placements.get(bad.me)!;
    const leaving = p.filter((u) => u.key === bad!.key && u.count > 0);
    const options = (candidates.services.get(s.name) ?? [])
      .filter((r) => r.key !== bad!.key && holdsAt(s.name, r.key))
      .map((r) => {
        const moved: Placement = leaving.map((u) => {
          const list = u.spot && r.spot.length > 0 ? r.spot : r.onDemand;
          return { key: r.key, offer: list[0], spot: u.spot && list === r.spot, count: u.count };
        });
        const vcpus = moved.reduce((n, u) => n + u.count * u.offer.vcpus, 0);
        const usd = placementUSD(catalog, s, moved);
        return { r, moved, vcpus, usd };
      })
      .filter((o) => (spec.quotas[o.r.key] ?? Infinity) - (used.get(o.r.key) ?? 0) >= o.vcpus)
      .map((o) => ({ ...o, next: [...p.filter((u) => u.key !== bad!.key), ...o.moved] }))
      .filter((o) => spreadOk(s, o.next) && unservedPlaces(catalog, s, regionsOf(o.next)).length === 0)
      .sort((a, b) => a.usd - b.usd || byKey(a.r, b.r));
    const moveUSD = options.length > 0 ? options[0].usd - placementUSD(catalog, s, leaving) : Infinity;
    const lend = lendReplica(bad.me, bad.key, used);
    if (lend && lend.usd < moveUSD) place(lend.peer, lend.next);
    else if (options.length > 0) place(s.name, merge(options[0].next));
    else {
      skipped.add(`${bad.me}@${bad.key}`);
      check(bad.me);
    }
  }
}

/**
 * Step 5 above: a service's replicas in one region move, all of them, to a region on the same
 * continent where one of its linked workloads runs or one of its cheapest there that another
 * service uses, when what they cost there, the traffic of its links and the network layer's
 * part (as the placement model's family 12 prices it) cost less than now: the guide prices each
 * replica alone and splits linked services over their own cheapest regions, whose traffic and
 * connections it does not see. Within quotas, the service's spread, its users' round trips and
 * the balancer addresses of a network; no latency requirement of its links met before is
 * broken. Two passes in name order, the best move of each region first.
 */
function colocate(spec: NormalizedSpec, catalog: Catalog, candidates: Candidates, placements: Map<string, Placement>, buckets: Readonly<Record<string, BucketPlacement>>): void {
  const fixed = new Map(Object.entries(buckets).map(([name, b]) => [name, `${b.cloud}:${b.region}` as RegionKey]));
  const mc = new MoveCosts(spec, catalog, placements, fixed);
  const cost = (s: NormalizedService, p: Placement) => placementUSD(catalog, s, p);
  const services = [...spec.services].filter((s) => mc.linked(s.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (let pass = 0; pass < 2; pass++) {
    for (const s of services) {
      const offers = new Map((candidates.services.get(s.name) ?? []).map((r) => [r.key, r]));
      const cheapest = byPrice(s, catalog, candidates.services.get(s.name) ?? []);
      for (const key of regionsOf(placements.get(s.name)).sort()) {
        const p = placements.get(s.name)!;
        const continent = catalog.regionByKey(key)?.continent;
        const compute = cost(s, p);
        const before = compute + mc.traffic(s.name, mc.sharesOf(s.name, p));
        // The most a move out of `key` can save besides compute: all of its links' traffic and
        // what networkSaveable counts.
        const saveable = before - compute + mc.networkSaveable(s.name, key);
        const missed = mc.misses(s.name, regionsOf(p));
        const leaving = p.filter((u) => u.key === key && u.count > 0);
        // Where its linked workloads are, and its cheapest regions on the continent that some
        // service already uses.
        const targets = new Set(mc.peers(s.name).flatMap((peer) => mc.at(peer)));
        for (const r of cheapest.filter((r) => r.region.continent === continent && mc.servicesAt(r.key) > 0).slice(0, OPEN_TARGETS)) targets.add(r.key);
        let best: { next: Placement; usd: number } | undefined;
        for (const q of [...targets].sort()) {
          const r = offers.get(q);
          if (!r || q === key || r.region.continent !== continent) continue;
          const moved = movedTo(leaving, r);
          if (mc.quotaLeft(q) < moved.reduce((n, u) => n + u.count * u.offer.vcpus, 0)) continue;
          const next = merge([...p.filter((u) => u.key !== key), ...moved]);
          const nextCompute = cost(s, next);
          if (nextCompute - compute >= saveable - 0.01) continue;
          const where = regionsOf(next);
          if (!spreadOk(s, next) || unservedPlaces(catalog, s, where).length > 0 || [...mc.misses(s.name, where)].some((x) => !missed.has(x))) continue;
          const net = mc.network(s.name, regionsOf(p), where);
          if (net.overfull) continue;
          const usd = nextCompute + mc.traffic(s.name, mc.sharesOf(s.name, next)) + net.usd;
          if (usd < (best?.usd ?? before - 0.01)) best = { next, usd };
        }
        if (best) mc.move(s.name, best.next);
      }
    }
  }
}

/** Cheapest regions on its continent, with a service in them already, that colocate tries for a service's replicas besides its linked workloads' regions. */
const OPEN_TARGETS = 8;

/** A plan made without a solver, with the workloads that break a latency requirement in it (to be placed again). */
export interface QuickStart {
  /** Every workload of the spec, but a re-plan's new ones (resumePlan), which are in `repair`. */
  readonly plan: Plan;
  readonly repair: readonly string[];
  /** A re-plan's workloads the previous plan does not have (resumePlan). */
  readonly added?: readonly string[];
}

/**
 * The capacity relaxation's solution rounded into a plan of the whole spec (see the comment at
 * the top of this module), with the workloads still breaking a latency requirement; undefined
 * when it breaks anything else (a quota, a spread, a network's balancers: the plan of every other
 * workload is checked against the spec without those) or the spec has databases.
 */
export function guidedPlan(spec: NormalizedSpec, catalog: Catalog, candidates: Candidates, guide: GuideVcpus): QuickStart | undefined {
  const plan = round(spec, catalog, candidates, guide);
  if (typeof plan === "string") return undefined;
  // With every workload its links tie to one continent: placed again alone, an offender often
  // finds its continent already decided by them.
  const out = withContinentPeers(spec, latencyOffenders(spec, catalog, plan));
  const repair = [...out].sort();
  const stay = new Set([...spec.services, ...spec.buckets].map((w) => w.name).filter((n) => !out.has(n)));
  return verifyPlan(subSpec(spec, stay), catalog, onlyWorkloads(plan, stay)).length === 0 ? { plan, repair } : undefined;
}

/**
 * A quick start's plan with nothing left to repair, made without a solver: every workload its
 * links join (directly or not) to one it would repair placed as the cheapest-offer baseline
 * places them (each linked set on one continent, front ends near their users), within what the
 * rest of the plan leaves of each quota. Undefined when the baseline has no plan of them or the
 * whole plan breaks anything. At 2,000 services: $1,792,738 from a rounded plan of $1,759,316
 * (25 workloads to repair) in 0.3 to 0.5 s, where a solver's repair takes 1.6 to 2.1 s.
 */
export function repairedGreedily(spec: NormalizedSpec, catalog: Catalog, q: QuickStart): Plan | undefined {
  if (q.repair.length === 0) return q.plan;
  if ((spec.databases ?? []).length > 0) return undefined;
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const l of spec.links) {
    const [a, b] = [find(l.from), find(l.to)];
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const roots = new Set(q.repair.map(find));
  const moved = new Set([...spec.services.map((s) => s.name), ...spec.buckets.map((b) => b.name)].filter((n) => roots.has(find(n))));
  // Everything joined to an offender: that is the cheapest-offer plan, which comes next anyway.
  if (moved.size === spec.services.length + spec.buckets.length) return undefined;
  const kept: Plan = {
    services: Object.fromEntries(Object.entries(q.plan.services).filter(([n]) => !moved.has(n))),
    buckets: Object.fromEntries(Object.entries(q.plan.buckets).filter(([n]) => !moved.has(n))),
  };
  const used = planUse(catalog, kept).vcpus;
  const sub: NormalizedSpec = {
    ...subSpec(spec, moved),
    quotas: Object.fromEntries(Object.entries(spec.quotas).map(([k, v]) => [k, Math.max(0, v - (used.get(k) ?? 0))])),
  };
  const placed = cheapestOfferBaseline(sub, catalog).plan;
  if (!placed) return undefined;
  const plan: Plan = { services: { ...kept.services, ...placed.services }, buckets: { ...kept.buckets, ...placed.buckets } };
  return verifyPlan(spec, catalog, plan).length === 0 ? plan : undefined;
}

/**
 * A re-plan's start: the previous plan, with held workloads where they are held. Those that
 * break a rule of their own or a latency requirement there, with what same-continent links tie
 * to them, are to be placed again (`repair`); so is a database where none of its callers runs,
 * or where only callers placed again ran; and every workload the previous plan does not have
 * (new: the plan leaves it out). Undefined when half the workloads or more are new, or the others,
 * without those to place, break a rule of the whole spec (a quota, maxClouds, a network's
 * balancers). Held workloads are never repaired.
 */
export function resumePlan(spec: NormalizedSpec, catalog: Catalog, previous: Plan, held: Plan | undefined): QuickStart | undefined {
  const pick = <T>(name: string, from: (p: Plan) => Readonly<Record<string, T>> | undefined): T | undefined => (held && from(held)?.[name]) ?? from(previous)?.[name];
  const services: Record<string, ServicePlacement> = {};
  const buckets: Record<string, BucketPlacement> = {};
  const databases: Record<string, DatabasePlacement> = {};
  // Workloads the previous plan does not have: placed by the repair, beside the rest.
  const added = new Set<string>();
  for (const s of spec.services) {
    const p = pick(s.name, (x) => x.services);
    if (p) services[s.name] = p;
    else added.add(s.name);
  }
  for (const b of spec.buckets) {
    const p = pick(b.name, (x) => x.buckets);
    if (p) buckets[b.name] = p;
    else added.add(b.name);
  }
  for (const d of spec.databases ?? []) {
    const p = pick(d.name, (x) => x.databases);
    if (p) databases[d.name] = p;
    else added.add(d.name);
  }
  // With half the workloads new or more, the previous plan is little of a start.
  if (added.size * 2 >= workloadCount(spec)) return undefined;
  const plan: Plan = { services, buckets, ...(spec.databases ? { databases } : {}) };
  const isHeld = (name: string) => !!(held && (held.services[name] || held.buckets[name] || held.databases?.[name]));
  // What breaks a rule among the workloads placed, links to new ones aside.
  const placed = { ...spec, links: spec.links.filter((l) => !added.has(l.from) && !added.has(l.to)) };
  const own = new Set(latencyOffenders(placed, catalog, plan));
  for (const s of spec.services) if (!added.has(s.name) && serviceViolations(spec, catalog, s, services[s.name]).length > 0) own.add(s.name);
  for (const b of spec.buckets) if (!added.has(b.name) && bucketViolations(spec, catalog, b, buckets[b.name]).length > 0) own.add(b.name);
  for (const d of spec.databases ?? []) if (!added.has(d.name) && databaseViolations(spec, catalog, d, databases[d.name]).length > 0) own.add(d.name);
  // A database none of whose callers runs in its region any more (a link to it new or gone).
  for (const d of unreachedDatabases(spec, plan)) if (!added.has(d)) own.add(d);
  // Same-continent links through a held workload tie nothing: it stays where it is. A new
  // workload ties nothing either: it is placed where its peers are (or, failing that, its
  // placed neighbours are freed, as for any repair).
  const free = { ...spec, links: spec.links.filter((l) => !isHeld(l.from) && !isHeld(l.to) && !added.has(l.from) && !added.has(l.to)) };
  const out = new Set([...[...withContinentPeers(free, own)].filter((n) => !isHeld(n)), ...added]);
  // The workloads that stay where the previous plan has them.
  const stay = () => new Set(specWorkloads(spec).map((w) => w.name).filter((n) => !out.has(n)));
  // A database whose callers in its region are all placed again is placed again with them: what
  // stays then has no caller beside it (its callers counted from the whole spec, where they run
  // from what stays).
  const cut = () => {
    const kept = stay();
    return unreachedDatabases({ ...subSpec(spec, kept), links: spec.links }, onlyWorkloads(plan, kept)).filter((d) => !isHeld(d));
  };
  for (let more = cut(); more.length > 0; more = cut()) for (const d of more) out.add(d);
  const kept = stay();
  return verifyPlan(subSpec(spec, kept), catalog, onlyWorkloads(plan, kept)).length === 0 ? { plan, repair: [...out].sort(), ...(added.size > 0 ? { added: [...added].sort() } : {}) } : undefined;
}

/** The databases of a plan none of whose callers runs in their region (databaseReachViolations), by name. */
function unreachedDatabases(spec: NormalizedSpec, plan: Plan): string[] {
  return (spec.databases ?? []).filter((d) => databaseReachViolations({ ...spec, databases: [d] }, plan).length > 0).map((d) => d.name);
}

/**
 * The workloads of a plan that break a latency requirement: services with a user location no
 * replica is near, and both ends of a link one of whose regions has no peer near. Sorted.
 */
export function latencyOffenders(spec: NormalizedSpec, catalog: Catalog, plan: Plan): string[] {
  const out = new Set<string>();
  for (const s of spec.services) if (unservedPlaces(catalog, s, regionsIn(plan, s.name)).length > 0) out.add(s.name);
  for (const l of spec.links) if (linkMisses(catalog, l, plan).length > 0) out.add(l.from).add(l.to);
  return [...out].sort();
}

/** The rounded plan with what it breaks (empty when nothing), or why there is none. */
export function roundGuide(spec: NormalizedSpec, catalog: Catalog, candidates: Candidates, guide: GuideVcpus): { plan?: Plan; problems: string[] } {
  const plan = round(spec, catalog, candidates, guide);
  return typeof plan === "string" ? { problems: [plan] } : { plan, problems: verifyPlan(spec, catalog, plan) };
}

/** Steps 1 to 4 above: the rounded plan, or why there is none. */
function round(spec: NormalizedSpec, catalog: Catalog, candidates: Candidates, guide: GuideVcpus): Plan | string {
  if ((spec.databases ?? []).length > 0) return "databases are not placed by the guided plan";
  const placements = new Map<string, Placement>();
  const required = requiredContinents(spec, catalog, candidates);
  for (const s of spec.services) {
    const p = placeService(s, catalog, candidates.services.get(s.name) ?? [], guide.get(s.name), required.get(s.name) ?? new Set());
    if (!p) return `services.${s.name} cannot meet its own constraints`;
    placements.set(s.name, p);
  }
  shareContinents(spec, catalog, candidates, placements);
  // Replicas over a quota move only within the continents their service is on, each of them
  // kept, and its users kept served: the guide's continents are what keeps its links' latency.
  const stuck = repairQuotas(spec, catalog, candidates, placements, ...withContinents(catalog, placements));
  if (stuck) return `quota repair failed: ${stuck}`;
  const buckets: Record<string, BucketPlacement> = {};
  const failed = placeBuckets(spec, catalog, candidates, spec.buckets, placements, buckets);
  if (failed) return failed;
  fixLinkLatency(spec, catalog, candidates, placements, buckets);
  colocate(spec, catalog, candidates, placements, buckets);
  return { services: toPlan(placements, {}).services, buckets };
}

/**
 * Each of `list` in the cheapest region that the most of its linked services' regions meet the
 * latency of (into `out`); the reason when one has no region.
 */
function placeBuckets(
  spec: NormalizedSpec,
  catalog: Catalog,
  candidates: Candidates,
  list: readonly NormalizedBucket[],
  placements: ReadonlyMap<string, Placement>,
  out: Record<string, BucketPlacement>,
): string | undefined {
  for (const b of [...list].sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const price = (r: RegionInfo) => b.storageGiB * catalog.storagePerGiBMonth(r.cloud, r.region) + b.internetEgressGiB * catalog.internetEgressPerGiB(r.cloud, r.region);
    const links = spec.links.filter((l) => l.latency && (l.to === b.name || l.from === b.name));
    const misses = (key: string) =>
      links.reduce((n, l) => n + regionsOf(placements.get(l.to === b.name ? l.from : l.to)).filter((q) => !linkNear(catalog, l.latency!, q, key)).length, 0);
    const regions = (candidates.buckets.get(b.name) ?? []).map((r) => ({ r, misses: misses(`${r.cloud}:${r.region}`), usd: price(r) }));
    const best = regions.sort((x, y) => x.misses - y.misses || x.usd - y.usd || (`${x.r.cloud}:${x.r.region}` < `${y.r.cloud}:${y.r.region}` ? -1 : 1))[0];
    if (!best) return `buckets.${b.name} has no region`;
    out[b.name] = { cloud: best.r.cloud, region: best.r.region };
  }
  return undefined;
}

/** The workloads with every workload a link that must share a continent ties them to, as far as such links reach. */
function withContinentPeers(spec: NormalizedSpec, names: Iterable<string>): Set<string> {
  const out = new Set(names);
  for (let grew = true; grew; ) {
    grew = false;
    for (const l of spec.links) {
      if (l.latency?.kind !== "continent" || out.has(l.from) === out.has(l.to)) continue;
      out.add(l.from).add(l.to);
      grew = true;
    }
  }
  return out;
}
