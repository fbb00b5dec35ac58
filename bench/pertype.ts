// The per-instance-type formulation the benchmark compares cloudfit against, written as a CPLEX
// LP file for an external solver: one integer variable per service x fitting offer (on-demand
// and spot) in every allowed region, no pruning, and pairwise region-pair traffic variables per
// link, as SkyPilot's optimizer models egress between the candidate resources of linked tasks.
//
// Notation: s service with R_s replicas, S_s spot replicas allowed; o an offer in region r(o),
// cloud c(o), with vcpus(o); b bucket; l a link carrying T_l GiB a month, V = T_l / 2 each way.
//   x_so in Z+        replicas of s on offer o, on-demand (and a second column for spot)
//   u_sr, u_sc, u_c   binary: s uses region r, s uses cloud c, the plan uses cloud c
//   z_br              binary: bucket b sits in region r
//   f_lrq >= 0        GiB a month sent from region r of one end of l to region q of the other
//   n_sr = sum_{o in r} x_so (both kinds), n_sc likewise per cloud
// Objective: sum (730 price_o + disk_r diskGiB_s) x_so
//          + sum (storage_r storageGiB_b + net_r egressGiB_b) z_br + sum price(r, q) f_lrq,
// where price(r, q) is 0 within a region, the inter-region rate from r to q within a cloud and
// r's internet egress across clouds (optimizer/traffic.ts). The flows are the transportation
// that cloudfit's evaluation solves exactly, so both formulations price every plan identically.
// Constraints, numbered as in the code:
//   1. sum_o x_so = R_s                              2. sum of spot x_so <= S_s
//   3. u_sr <= n_sr <= R_s u_sr, sum_r u_sr >= minRegions_s      (when minRegions_s > 1)
//   4. u_sc <= n_sc <= R_s u_sc, sum_c u_sc >= minClouds_s       (when minClouds_s > 1)
//   5. n_sc <= floor(maxShare_s R_s)                              (when maxShare_s < 1)
//   6. sum_{s, o in r} vcpus(o) x_so <= quota_r
//   7. n_sc <= R_s u_c, z_br <= u_c, sum_c u_c <= maxClouds       (when maxClouds binds)
//   8. sum_r z_br = 1
//   9. per link and direction, from end a to end e: for every region r of a,
//      sum_q f_lrq = V share_a(r), and for every region q of e, sum_r f_lrq = V share_e(q), where
//      share is n_sr / R_s for a service (written multiplied by R_s) and z_br for a bucket.
// When the spec prices its network or has latency requirements, every service gets its presence
// binaries u_sr (those of 3, with u_sr <= n_sr <= R_s u_sr) in every candidate region, and:
//  10. network fixed costs, the facility-location model as a team would write it, with the same
//      prices cloudfit charges (optimizer/network/costs.ts) and continuous indicators w >= 0:
//      open_r >= u_sr for every s; zone_r >= u_sr for every caller; ingress_r >= u_sr for every
//      public s; conn_rq >= u_fr + u_tq - 1 per service link f -> t and regions r != q (where a
//      connection has a fixed price: across clouds, or a priced peering); gw_r >= conn_rq for q
//      in another cloud; sum_{s called} u_sr <= the internal balancers a network has addresses
//      for. Cost: open, zone, ingress, pair, gateway prices, u_sr times the service's own
//      presence cost there, and the front door (a constant: `offset`).
//  11. latency: u_fr <= sum_{q near r} u_tq per link with a requirement, both ways (z_bq for a
//      bucket end); sum_{r within reach of p} u_sr >= 1 per user point p of a user-facing service.
// There are none of cloudfit's valid inequalities, presence caps or pruned regions.

import { HOURS_PER_MONTH, type Catalog, type Offer } from "../optimizer/catalog";
import { buildCandidates, fits } from "../optimizer/candidates";
import { splitKey, type RegionKey } from "../optimizer/evaluate";
import { trafficRates } from "../optimizer/traffic";
import type { BucketPlacement, Plan, ReplicaGroup } from "../optimizer/plan";
import type { Cloud, NormalizedSpec } from "../optimizer/spec";
import { hasLatency } from "../optimizer/ilp-latency";
import { networkRoles, presenceCost } from "../optimizer/ilp-network";
import { latencyMatrix } from "../optimizer/latency/matrix";
import { linkNear } from "../optimizer/latency/requirements";
import { fixedCosts } from "../optimizer/network/costs";
import { BALANCERS_PER_NETWORK } from "../optimizer/network/topology";
import { LpWriter, type Term } from "./lpwriter";

/** An integer column x<i>: replicas of a service on one offer, on-demand or spot. */
export interface OfferColumn {
  readonly service: string;
  readonly offer: Offer;
  readonly spot: boolean;
}

/** A binary column u<i>: a service uses a region or a cloud, or the plan uses a cloud. */
export interface BinaryColumn {
  readonly kind: "region" | "cloud" | "global";
  /** The service, for "region" and "cloud". */
  readonly service?: string;
  /** The region key or cloud. */
  readonly at: string;
}

/** A continuous column w<i>: a network indicator of 10, at a region or a pair "r|q". */
export interface NetworkColumn {
  readonly kind: "open" | "zone" | "ingress" | "conn" | "gateway";
  readonly at: string;
  readonly cost: number;
}

/**
 * The flow columns of one link direction: f<base + i * to.length + j> carries GiB from region
 * from[i] of `src` to region to[j] of `dst`, at prices[i * to.length + j] per GiB.
 */
export interface FlowBlock {
  readonly link: number;
  readonly volume: number;
  readonly src: { readonly kind: "service" | "bucket"; readonly name: string };
  readonly dst: { readonly kind: "service" | "bucket"; readonly name: string };
  readonly from: readonly RegionKey[];
  readonly to: readonly RegionKey[];
  readonly base: number;
  readonly prices: readonly number[];
}

/** The written model: its size and what its columns stand for. */
export interface PerTypeModel {
  /** Columns x<i>. */
  readonly offers: readonly OfferColumn[];
  /** Columns z<i>: bucket placements. */
  readonly buckets: readonly { readonly bucket: string; readonly region: RegionKey }[];
  /** Columns u<i>. */
  readonly binaries: readonly BinaryColumn[];
  /** Columns w<i>: network indicators (none when the spec does not price its network). */
  readonly network: readonly NetworkColumn[];
  /** Constant part of the objective (the front door), left out of the LP text. */
  readonly offset: number;
  /** Columns f<i>, by link direction, and how many there are. */
  readonly flowBlocks: readonly FlowBlock[];
  readonly flows: number;
  readonly rows: number;
  readonly nonzeros: number;
}

/** Writes the per-type model of a spec as CPLEX LP text through `sink` and describes it. */
export function writePerTypeLp(
  spec: NormalizedSpec,
  catalog: Catalog,
  sink: (chunk: string) => void,
): PerTypeModel {
  const cands = buildCandidates(spec, catalog);
  const offers: OfferColumn[] = [];
  const offerCost: number[] = [];
  // Replica columns per service and region (regions in candidate order).
  const xs = new Map<string, Map<RegionKey, number[]>>();
  for (const s of spec.services) {
    const regions = new Map<RegionKey, number[]>();
    for (const key of cands.regionsOf(s.name)) {
      const [cloud, region] = splitKey(key);
      const disk = s.diskGiB * catalog.diskPerGiBMonth(cloud, region);
      const cols: number[] = [];
      for (const o of catalog.offersIn(cloud, region)) {
        if (!fits(o, s, spec.allowBurstable)) continue;
        cols.push(offers.length);
        offers.push({ service: s.name, offer: o, spot: false });
        offerCost.push(HOURS_PER_MONTH * o.onDemandHourlyUSD + disk);
        if (s.spotReplicas > 0 && o.spotHourlyUSD !== null) {
          cols.push(offers.length);
          offers.push({ service: s.name, offer: o, spot: true });
          offerCost.push(HOURS_PER_MONTH * o.spotHourlyUSD + disk);
        }
      }
      regions.set(key, cols);
    }
    xs.set(s.name, regions);
  }
  const buckets: { bucket: string; region: RegionKey }[] = [];
  const bucketCost: number[] = [];
  const zs = new Map<string, Map<RegionKey, number>>();
  for (const b of spec.buckets) {
    const m = new Map<RegionKey, number>();
    for (const key of cands.regionsOf(b.name)) {
      const [cloud, region] = splitKey(key);
      m.set(key, buckets.length);
      buckets.push({ bucket: b.name, region: key });
      bucketCost.push(
        b.storageGiB * catalog.storagePerGiBMonth(cloud, region) +
          b.internetEgressGiB * catalog.internetEgressPerGiB(cloud, region),
      );
    }
    zs.set(b.name, m);
  }
  const binaries: BinaryColumn[] = [];
  const newBinary = (b: BinaryColumn) => `u${binaries.push(b) - 1}`;
  // Presence u_sr (3): in every candidate region when 10 or 11 needs it, else for minRegions only.
  const withPresence = spec.network !== undefined || hasLatency(spec);
  const presence = new Map<string, Map<RegionKey, string>>();
  for (const s of spec.services) {
    if (!withPresence && s.minRegions <= 1) continue;
    const keys = [...xs.get(s.name)!.keys()];
    presence.set(s.name, new Map(keys.map((key) => [key, newBinary({ kind: "region", service: s.name, at: key })])));
  }
  const later: [Term[], "<=" | ">=", number][] = [];
  const { network, presenceTerms, offset } = networkPart(spec, catalog, presence, later);
  latencyPart(spec, catalog, presence, zs, later);
  const rates = trafficRates(catalog);
  const flowBlocks: FlowBlock[] = [];
  let flows = 0;
  spec.links.forEach((link, li) => {
    const volume = link.monthlyGiB / 2;
    // The generated workloads have no databases.
    if (volume <= 0 || link.toKind === "database") return;
    const a = { kind: "service" as const, name: link.from };
    const e = { kind: link.toKind, name: link.to };
    for (const [src, dst] of [
      [a, e],
      [e, a],
    ]) {
      const from = cands.regionsOf(src.name);
      const to = cands.regionsOf(dst.name);
      const prices: number[] = [];
      for (const r of from) for (const q of to) prices.push(rates.cost(r, q));
      flowBlocks.push({ link: li, volume, src, dst, from, to, base: flows, prices });
      flows += prices.length;
    }
  });

  const lp = new LpWriter(sink);
  lp.line("\\ cloudfit benchmark: per-instance-type placement model");
  lp.line("Minimize");
  lp.begin(" obj:");
  offerCost.forEach((c, i) => lp.term(c, `x${i}`));
  bucketCost.forEach((c, i) => lp.term(c, `z${i}`));
  for (const blk of flowBlocks)
    blk.prices.forEach((p, i) => p > 0 && lp.term(p, `f${blk.base + i}`));
  for (const [c, u] of presenceTerms) lp.term(c, u);
  network.forEach((w, i) => w.cost > 0 && lp.term(w.cost, `w${i}`));
  lp.end();
  lp.line("Subject To");
  let rows = 0;
  let nonzeros = 0;
  const row = (terms: readonly Term[], sense: "=" | "<=" | ">=", rhs: number) => {
    lp.constraint(`r${rows++}`, terms, sense, rhs);
    nonzeros += terms.length;
  };
  const x = (cols: readonly number[], k = 1): Term[] => cols.map((i) => [k, `x${i}`]);

  const globalUse = new Map<Cloud, string>();
  if (spec.maxClouds < spec.clouds.length)
    for (const c of spec.clouds) globalUse.set(c, newBinary({ kind: "global", at: c }));
  for (const s of spec.services) {
    const regions = xs.get(s.name)!;
    const all = [...regions.values()].flat();
    row(x(all), "=", s.replicas); // 1.
    const spot = all.filter((i) => offers[i].spot);
    if (spot.length > 0) row(x(spot), "<=", s.spotReplicas); // 2.
    const present = presence.get(s.name);
    if (present) {
      const used: Term[] = [];
      for (const [key, cols] of regions) {
        const u = present.get(key)!; // 3.
        used.push([1, u]);
        row([[1, u], ...x(cols, -1)], "<=", 0);
        row([...x(cols), [-s.replicas, u]], "<=", 0);
      }
      if (s.minRegions > 1) row(used, ">=", s.minRegions);
    }
    const perCloud = new Map<Cloud, number[]>();
    for (const [key, cols] of regions) {
      const c = splitKey(key)[0];
      perCloud.set(c, [...(perCloud.get(c) ?? []), ...cols]);
    }
    if (s.minClouds > 1) {
      const used: Term[] = [];
      for (const [c, cols] of perCloud) {
        const u = newBinary({ kind: "cloud", service: s.name, at: c }); // 4.
        used.push([1, u]);
        row([[1, u], ...x(cols, -1)], "<=", 0);
        row([...x(cols), [-s.replicas, u]], "<=", 0);
      }
      row(used, ">=", s.minClouds);
    }
    if (s.maxSharePerCloud < 1) {
      const cap = Math.floor(s.maxSharePerCloud * s.replicas + 1e-9);
      for (const cols of perCloud.values()) row(x(cols), "<=", cap); // 5.
    }
    for (const [c, cols] of perCloud) {
      const g = globalUse.get(c);
      if (g) row([...x(cols), [-s.replicas, g]], "<=", 0); // 7.
    }
  }
  // 6. Quotas, counting every replica's vCPUs, spot ones included.
  const quotaCols = new Map<RegionKey, Term[]>();
  offers.forEach((col, i) => {
    const key = `${col.offer.cloud}:${col.offer.region}`;
    if (spec.quotas[key] === undefined) return;
    if (!quotaCols.has(key)) quotaCols.set(key, []);
    quotaCols.get(key)!.push([col.offer.vcpus, `x${i}`]);
  });
  for (const [key, terms] of [...quotaCols].sort((p, q) => (p[0] < q[0] ? -1 : 1)))
    row(terms, "<=", spec.quotas[key]);
  quotaCols.clear();
  for (const m of zs.values()) {
    row(
      [...m.values()].map((i): Term => [1, `z${i}`]),
      "=",
      1,
    ); // 8.
    for (const [key, i] of m) {
      const g = globalUse.get(splitKey(key)[0]);
      if (g)
        row(
          [
            [1, `z${i}`],
            [-1, g],
          ],
          "<=",
          0,
        ); // 7.
    }
  }
  if (globalUse.size > 0)
    row(
      [...globalUse.values()].map((g): Term => [1, g]),
      "<=",
      spec.maxClouds,
    );

  // 9. Traffic: one transport problem per link and direction.
  const replicas = new Map(spec.services.map((s) => [s.name, s.replicas]));
  const share = (end: FlowBlock["src"], key: RegionKey): [number, Term[]] =>
    end.kind === "bucket"
      ? [1, [[1, `z${zs.get(end.name)!.get(key)!}`]]]
      : [replicas.get(end.name)!, x(xs.get(end.name)!.get(key)!)];
  for (const blk of flowBlocks) {
    const w = blk.to.length;
    blk.from.forEach((r, i) => {
      const [k, terms] = share(blk.src, r);
      const out = blk.to.map((_, j): Term => [k, `f${blk.base + i * w + j}`]);
      row([...out, ...terms.map(([c, v]): Term => [-c * blk.volume, v])], "=", 0);
    });
    blk.to.forEach((q, j) => {
      const [k, terms] = share(blk.dst, q);
      const inn = blk.from.map((_, i): Term => [k, `f${blk.base + i * w + j}`]);
      row([...inn, ...terms.map(([c, v]): Term => [-c * blk.volume, v])], "=", 0);
    });
  }

  for (const [terms, sense, rhs] of later) row(terms, sense, rhs); // 10, 11.

  lp.names(
    "Generals",
    offers.map((_, i) => `x${i}`),
  );
  lp.names("Binaries", [...buckets.map((_, i) => `z${i}`), ...binaries.map((_, i) => `u${i}`)]);
  lp.line("End");
  lp.flush();
  return { offers, buckets, binaries, network, offset, flowBlocks, flows, rows, nonzeros };
}

const cloudOf = (key: string) => key.slice(0, key.indexOf(":"));

/** 10. The network layer's fixed costs: its columns, the presence costs, the rows (into `rows`) and the constant. */
function networkPart(
  spec: NormalizedSpec,
  catalog: Catalog,
  presence: ReadonlyMap<string, ReadonlyMap<RegionKey, string>>,
  rows: [Term[], "<=" | ">=", number][],
): { network: NetworkColumn[]; presenceTerms: Term[]; offset: number } {
  const network: NetworkColumn[] = [];
  const presenceTerms: Term[] = [];
  if (!spec.network || spec.services.length === 0) return { network, presenceTerms, offset: 0 };
  const fc = fixedCosts(catalog, spec.network);
  const roles = networkRoles(spec);
  const column = (kind: NetworkColumn["kind"], at: string, cost: number) => `w${network.push({ kind, at, cost }) - 1}`;
  const sorted = <V>(m: Map<string, V>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const drivers = new Map<string, string[]>();
  const drive = (kind: string, key: RegionKey, u: string) => {
    const id = `${kind}|${key}`;
    (drivers.get(id) ?? drivers.set(id, []).get(id)!).push(u);
  };
  for (const s of spec.services) {
    for (const [key, u] of presence.get(s.name) ?? []) {
      drive("open", key, u);
      if (roles.callers.has(s.name)) drive("zone", key, u);
      if (roles.publics.has(s.name)) drive("ingress", key, u);
      if (roles.called.has(s.name)) drive("called", key, u);
      const own = presenceCost(fc, roles, s.name, key);
      if (own > 0) presenceTerms.push([own, u]);
    }
  }
  for (const [id, us] of sorted(drivers)) {
    const [kind, key] = id.split("|") as ["open" | "zone" | "ingress" | "called", RegionKey];
    if (kind === "called") {
      // Addresses for one internal balancer per service called in a region's network.
      if (us.length > BALANCERS_PER_NETWORK) rows.push([us.map((u): Term => [1, u]), "<=", BALANCERS_PER_NETWORK]);
      continue;
    }
    const cost = kind === "open" ? fc.open(key) : kind === "zone" ? fc.zone(key) : fc.ingress(key);
    if (cost <= 0) continue;
    const w = column(kind, key, cost);
    for (const u of us) rows.push([[[1, w], [-1, u]], ">=", 0]);
  }
  // Connections: one per pair of regions a service link crosses where one has a fixed price.
  const pairs = new Map<string, [string, string][]>();
  for (const l of spec.links) {
    if (l.toKind !== "service") continue;
    for (const [r, uf] of presence.get(l.from) ?? [])
      for (const [q, ut] of presence.get(l.to) ?? []) {
        if (r === q || (cloudOf(r) === cloudOf(q) && fc.pair(r, q) <= 0)) continue;
        const id = r < q ? `${r}|${q}` : `${q}|${r}`;
        (pairs.get(id) ?? pairs.set(id, []).get(id)!).push([uf, ut]);
      }
  }
  const gateways = new Map<RegionKey, string[]>();
  for (const [id, ends] of sorted(pairs)) {
    const [r, q] = id.split("|");
    const w = column("conn", id, fc.pair(r, q));
    for (const [uf, ut] of ends) rows.push([[[1, w], [-1, uf], [-1, ut]], ">=", -1]);
    if (cloudOf(r) === cloudOf(q)) continue;
    for (const key of [r, q]) (gateways.get(key) ?? gateways.set(key, []).get(key)!).push(w);
  }
  for (const [key, conns] of sorted(gateways)) {
    const cost = fc.gateway(key);
    if (cost <= 0) continue;
    const w = column("gateway", key, cost);
    for (const c of conns) rows.push([[[1, w], [-1, c]], ">=", 0]);
  }
  return { network, presenceTerms, offset: roles.publics.size > 0 ? fc.frontDoor() : 0 };
}

/** 11. Latency rows (into `rows`): links with a requirement, and users of user-facing services. */
function latencyPart(
  spec: NormalizedSpec,
  catalog: Catalog,
  presence: ReadonlyMap<string, ReadonlyMap<RegionKey, string>>,
  buckets: ReadonlyMap<string, ReadonlyMap<RegionKey, number>>,
  rows: [Term[], "<=" | ">=", number][],
): void {
  if (!hasLatency(spec)) return;
  const where = (name: string): [RegionKey, string][] =>
    presence.has(name)
      ? [...presence.get(name)!]
      : [...(buckets.get(name) ?? [])].map(([key, i]): [RegionKey, string] => [key, `z${i}`]);
  for (const l of spec.links) {
    // The generated workloads have no databases.
    if (!l.latency || l.toKind === "database") continue;
    for (const [me, peer] of [
      [l.from, l.to],
      [l.to, l.from],
    ]) {
      const theirs = where(peer);
      for (const [r, u] of where(me)) {
        const near = theirs.filter(([q]) => linkNear(catalog, l.latency!, r, q)).map(([, v]): Term => [1, v]);
        rows.push([[[-1, u], ...near], ">=", 0]);
      }
    }
  }
  const rtt = latencyMatrix(catalog);
  for (const s of spec.services) {
    if (!s.latency) continue;
    const mine = where(s.name);
    for (const place of s.latency.from)
      for (const p of place.points) {
        const near = mine.filter(([r]) => rtt.rtt(r, p) <= s.latency!.maxRttMs + 1e-9).map(([, u]): Term => [1, u]);
        // An empty row cannot be written; the spec then has no plan at all.
        if (near.length === 0) throw new Error(`No candidate region of ${s.name} is within ${s.latency.maxRttMs} ms of ${place.name}: the spec has no plan.`);
        rows.push([near, ">=", 1]);
      }
  }
}

/** Turns a solution (values by column name) back into a plan, for pricing with evaluatePlan. */
export function planFromSolution(model: PerTypeModel, values: ReadonlyMap<string, number>): Plan {
  const groups = new Map<string, Map<string, { count: number; spot: number; offer: Offer }>>();
  const buckets: Record<string, BucketPlacement> = {};
  for (const [name, raw] of values) {
    const v = Math.round(raw);
    if (v <= 0) continue;
    if (name[0] === "x") {
      const col = model.offers[+name.slice(1)];
      const byType = groups.get(col.service) ?? new Map();
      groups.set(col.service, byType);
      const key = `${col.offer.cloud}:${col.offer.region}:${col.offer.instanceType}`;
      const g = byType.get(key) ?? { count: 0, spot: 0, offer: col.offer };
      g.count += v;
      if (col.spot) g.spot += v;
      byType.set(key, g);
    } else if (name[0] === "z") {
      const [cloud, region] = splitKey(model.buckets[+name.slice(1)].region);
      buckets[model.buckets[+name.slice(1)].bucket] = { cloud, region };
    }
  }
  const byName = <T>(m: Iterable<[string, T]>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const services: Record<string, { groups: ReplicaGroup[] }> = {};
  for (const [s, byType] of byName(groups)) {
    services[s] = {
      groups: byName(byType).map(([, g]) => ({
        cloud: g.offer.cloud,
        region: g.offer.region,
        instanceType: g.offer.instanceType,
        count: g.count,
        spot: g.spot,
      })),
    };
  }
  return { services, buckets: Object.fromEntries(byName(Object.entries(buckets))) };
}
