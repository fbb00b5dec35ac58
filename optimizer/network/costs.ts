// What the network layer of a plan costs a month, priced with the rules `preview` prices the
// emitted resources with (optimizer/pricing estimateCosts): every billable resource of the
// topology's inventory becomes a resource with the type token and the price-deciding inputs the
// components give it, and is priced like any resource of a stack. Parts that depend on usage
// (data processed, DNS queries, Cloud NAT's VM-hours) count as preview counts them without a
// usage file: not at all. Unit prices are cached per catalog, so the optimizer's fixed costs of
// opening a region, connecting two networks and the front door are the same numbers.

import type { Catalog } from "../catalog";
import { estimateCosts } from "../pricing/estimate";
import type { PricingResource } from "../pricing/types";
import type { Plan, ReplicaGroup, ServicePlacement } from "../plan";
import type { Cloud, NetworkCostSettings, NormalizedLink, NormalizedSpec } from "../spec";
import { connectionItems, frontDoorItems, InventoryItem, networkInventory, regionItems } from "./inventory";
import { regionSlot } from "./addressing";
import { buildTopology, NetworkTopology, pairKey, TUNNELS } from "./topology";

/** The monthly cost of a plan's network layer, in total and by where it is billed. */
export interface NetworkCost {
  readonly totalUSD: number;
  /** By the cloud that bills each resource (the front door's Route 53 parts are AWS's). */
  readonly clouds: Readonly<Partial<Record<Cloud, number>>>;
  /** By cloud-region network: NAT, balancers, VPN gateway, private zone. */
  readonly regions: Readonly<Record<string, number>>;
  /** By connection "a|b": peering or VPN tunnels. */
  readonly pairs: Readonly<Record<string, number>>;
  /** The front door: its public zone and health checks. */
  readonly frontDoorUSD: number;
}

/** The zero network cost (a spec that does not price its network, or a plan with no services). */
export const NO_NETWORK_COST: NetworkCost = { totalUSD: 0, clouds: {}, regions: {}, pairs: {}, frontDoorUSD: 0 };

const cloudOfType = (type: string): Cloud => (type.startsWith("aws:") ? "aws" : type.startsWith("azure") ? "azure" : "gcp");

/**
 * The inputs the components give a billable network resource that its price depends on, with
 * its region: balancer kinds and SKUs, address allocation, gateway SKU, health-check settings.
 */
function propsOf(type: string, key: string | undefined, variant: number): Record<string, unknown> {
  const region = key ? key.slice(key.indexOf(":") + 1) : undefined;
  const at = (cloud: Cloud) => (cloud === "azure" ? { location: region } : { region });
  switch (type) {
    case "aws:lb/loadBalancer:LoadBalancer":
      return { ...at("aws"), loadBalancerType: variant === 0 ? "application" : "network", internal: variant !== 0 };
    case "aws:route53/healthCheck:HealthCheck":
      return { type: "HTTPS", requestInterval: 10, measureLatency: false };
    case "azure-native:network:PublicIPAddress":
      return { ...at("azure"), publicIPAllocationMethod: "Static", sku: { name: "Standard", tier: "Regional" } };
    case "azure-native:network:ApplicationGateway":
      return { ...at("azure"), sku: { name: "Standard_v2", tier: "Standard_v2" }, autoscaleConfiguration: { minCapacity: 1, maxCapacity: 10 } };
    case "azure-native:network:LoadBalancer":
      // variant: how many ports (one balancing rule each) the internal balancer serves.
      return { ...at("azure"), sku: { name: "Standard", tier: "Regional" }, loadBalancingRules: Array.from({ length: Math.max(1, variant) }, () => ({})) };
    case "azure-native:network:VirtualNetworkGateway":
      return { ...at("azure"), gatewayType: "Vpn", vpnType: "RouteBased", activeActive: true, sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" } };
    case "azure-native:network:NatGateway":
      return { ...at("azure"), sku: { name: "Standard" } };
    case "gcp:compute/forwardingRule:ForwardingRule":
      return { ...at("gcp"), loadBalancingScheme: variant === 0 ? "EXTERNAL_MANAGED" : "INTERNAL" };
    case "gcp:compute/address:Address":
      return { ...at("gcp"), addressType: "EXTERNAL", networkTier: "PREMIUM" };
    default:
      return key ? at(cloudOfType(type)) : {};
  }
}

/** Unit prices of the network layer's resources under one catalog, memoized. */
export class NetworkPrices {
  // By type, then region, then variant (no key strings built on the way: prices are looked up
  // millions of times while explanations price changes).
  private readonly memo = new Map<string, Map<string, Map<number, number>>>();

  constructor(readonly catalog: Catalog) {}

  /** Monthly USD of one resource of `type` in `key` ("cloud:region"; none for global ones). */
  unit(type: string, key: string | undefined, variant = 0): number {
    let byKey = this.memo.get(type);
    if (!byKey) this.memo.set(type, (byKey = new Map()));
    let byVariant = byKey.get(key ?? "");
    if (!byVariant) byKey.set(key ?? "", (byVariant = new Map()));
    let usd = byVariant.get(variant);
    if (usd === undefined) {
      const id = `${type}|${key ?? ""}|${variant}`;
      const r: PricingResource = { urn: `urn:cloudfit:network:${id}`, name: id, type, props: propsOf(type, key, variant), custom: true };
      const est = estimateCosts([r], {}, this.catalog).resources[0];
      usd = est.monthlyUSD ?? 0;
      byVariant.set(variant, usd);
    }
    return usd;
  }

  /** Monthly USD of inventory items (all of one network, pair or the front door). */
  items(list: readonly InventoryItem[], key: string | undefined, variants: (item: InventoryItem) => number[] = () => []): number {
    let usd = 0;
    for (const it of list) {
      const v = variants(it);
      for (let i = 0; i < it.count; i++) usd += this.unit(it.type, key, v[i] ?? 0);
    }
    return usd;
  }
}

const pricesCache = new WeakMap<Catalog, NetworkPrices>();

/** The catalog's network unit prices (one memo per catalog). */
export function networkPrices(catalog: Catalog): NetworkPrices {
  let p = pricesCache.get(catalog);
  if (!p) pricesCache.set(catalog, (p = new NetworkPrices(catalog)));
  return p;
}

/**
 * Variants of a network's items in inventory order: AWS balancers are the public one (if any)
 * then one internal per endpoint; Azure internal balancers carry their endpoint's port count;
 * GCP forwarding rules are the public two (if any) then one internal per endpoint.
 */
function regionVariants(pub: boolean, ports: readonly number[]): (item: InventoryItem) => number[] {
  return (item) => {
    if (item.type === "aws:lb/loadBalancer:LoadBalancer") return item.pricedBy.startsWith("loadBalancerType application") ? [0] : ports.map(() => 1);
    if (item.type === "azure-native:network:LoadBalancer") return [...ports];
    if (item.type === "gcp:compute/forwardingRule:ForwardingRule") return item.pricedBy.includes("EXTERNAL") && pub ? [0, 0] : ports.map(() => 1);
    return [];
  };
}

/** The network cost of a topology. */
export function topologyCost(t: NetworkTopology, catalog: Catalog, publicZone: boolean): NetworkCost {
  const prices = networkPrices(catalog);
  const inv = networkInventory(t, publicZone);
  const clouds: Partial<Record<Cloud, number>> = {};
  const add = (c: Cloud, usd: number) => (clouds[c] = (clouds[c] ?? 0) + usd);
  const regions: Record<string, number> = {};
  const byKey = new Map(t.networks.map((n) => [n.key, n]));
  for (const [key, items] of Object.entries(inv.regions)) {
    const n = byKey.get(key)!;
    const variants = regionVariants(n.ingress.length > 0, n.endpoints.map((e) => e.ports.length));
    let usd = 0;
    for (const it of items) {
      const v = prices.items([it], key, variants);
      usd += v;
      add(cloudOfType(it.type), v);
    }
    regions[key] = usd;
  }
  const pairs: Record<string, number> = {};
  for (const [pair, items] of Object.entries(inv.pairs)) {
    const [a, b] = pair.split("|");
    let usd = 0;
    for (const it of items) {
      // A pair's resources are billed in the region of their cloud's end.
      const cloud = cloudOfType(it.type);
      const key = a.startsWith(`${cloud}:`) ? a : b;
      const v = prices.items([it], key);
      usd += v;
      add(cloud, v);
    }
    pairs[pair] = usd;
  }
  let frontDoorUSD = 0;
  for (const it of inv.global) {
    const v = prices.items([it], undefined);
    frontDoorUSD += v;
    add(cloudOfType(it.type), v);
  }
  const totalUSD = Object.values(regions).reduce((a, b) => a + b, 0) + Object.values(pairs).reduce((a, b) => a + b, 0) + frontDoorUSD;
  return { totalUSD, clouds, regions, pairs, frontDoorUSD };
}

/** Options the topology needs but its cost does not depend on (names, certificates). */
function costOptions(settings: NetworkCostSettings) {
  return {
    domain: "network-cost.invalid",
    dnsProvider: "route53" as const,
    nat: settings.nat,
    healthCheckPath: "/",
    privateDomain: "network-cost.internal",
    azureCertificate: { keyVaultSecretId: "https://cost.vault.azure.net/secrets/cost", identityId: "/subscriptions/0/resourceGroups/cost/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cost" },
  };
}

/** The monthly cost of the network layer a plan of a spec needs (zero when the spec does not price it). */
export function networkCost(spec: NormalizedSpec, plan: Plan, catalog: Catalog): NetworkCost {
  if (!spec.network) return NO_NETWORK_COST;
  const t = buildTopology(spec, plan, costOptions(spec.network), { strict: false, pricing: true });
  return topologyCost(t, catalog, spec.network.publicZone);
}

/** What a region's network is priced from (NetworkChanges). */
interface RegionCounts {
  readonly members: number;
  /** Public services. */
  readonly ingress: number;
  /** Called services (internal balancers), by the ports each serves. */
  readonly ports: ReadonlyMap<number, number>;
  /** Per service called from here: how many services here call it. */
  readonly callees: ReadonlyMap<string, number>;
  readonly records: number;
  /** Connections across clouds from here that links cross. */
  readonly vpnPairs: number;
}

/**
 * What changing one service's replica groups, the rest of the plan held, adds to the network
 * layer's monthly bill: networkCost(spec, changed) − networkCost(spec, plan), up to floating-point
 * rounding (the same prices summed in another order). Every
 * network resource is priced on its own (the bill is a sum over networks, connections and the
 * front door's targets), and a network's resources follow from a few counts (whether it exists,
 * its public services, its internal balancers and their ports, whether a connection of it
 * crosses clouds, its private records). So only these are priced again:
 *   - the networks of the regions the service leaves or enters and of the regions its linked
 *     services run in (their VPN gateways and private records follow its connections and
 *     regions), each counted from an index of the plan with the service's regions in and out;
 *   - the connections its links cross before or after (a connection exists while any link
 *     crosses it: each pair's crossings are counted once for the plan);
 *   - its front-door targets.
 * The explanations of a 2,000-service plan ask 23,698 changes: their reasons take 0.61 to 0.70 s
 * in all (1.6 s when each change counted its regions' services again), where pricing the whole
 * plan twice took 25 to 80 ms a change.
 * A service the spec or the plan does not have, or regions outside the address plan, are priced
 * whole.
 */
export class NetworkChanges {
  private readonly regions = new Map<string, ReadonlySet<string>>();
  private readonly servicesIn = new Map<string, Set<string>>();
  private readonly linksOf = new Map<string, NormalizedLink[]>();
  /** Ports each called service's internal balancers serve. */
  private readonly called = new Map<string, Set<number>>();
  private readonly isPublic = new Set<string>();
  /** Per connection "a|b": how many (link, region of its caller, region of its callee) cross it. */
  private readonly crossings = new Map<string, number>();
  /** Per region: the connections crossed at it. */
  private readonly pairsAt = new Map<string, Set<string>>();
  private readonly pairMemo = new Map<string, number>();
  /** Per region: what its network costs in the plan as it is. */
  private readonly planned = new Map<string, number>();
  /** Per region: the counts its network is priced from, in the plan as it is (made when first asked). */
  private readonly bases = new Map<string, RegionCounts>();
  /** Per service: the services it calls. */
  private readonly callees = new Map<string, ReadonlySet<string>>();
  /** Per region network's counts: its priced cost. */
  private readonly byCounts = new Map<string, number>();
  private readonly prices: NetworkPrices;
  private readonly whole: boolean;
  /** The plan's whole network, when a change must be priced whole. */
  private wholeUSD: number | undefined;

  constructor(
    readonly spec: NormalizedSpec,
    readonly plan: Plan,
    readonly catalog: Catalog,
  ) {
    this.prices = networkPrices(catalog);
    let unaddressed = false;
    for (const s of spec.services) {
      if (!plan.services[s.name]) continue;
      const keys = regionKeys(plan.services[s.name].groups);
      this.regions.set(s.name, keys);
      for (const key of keys) {
        (this.servicesIn.get(key) ?? this.servicesIn.set(key, new Set()).get(key)!).add(s.name);
        unaddressed ||= !addressed(key);
      }
      if (s.publicPorts.length > 0) this.isPublic.add(s.name);
    }
    this.whole = unaddressed;
    for (const l of spec.links) {
      if (l.toKind !== "service" || !plan.services[l.from] || !plan.services[l.to]) continue;
      for (const name of new Set([l.from, l.to])) (this.linksOf.get(name) ?? this.linksOf.set(name, []).get(name)!).push(l);
      (this.called.get(l.to) ?? this.called.set(l.to, new Set()).get(l.to)!).add(l.port);
      for (const a of this.regions.get(l.from)!)
        for (const b of this.regions.get(l.to)!) {
          if (a === b) continue;
          const k = pairKey(a, b);
          this.crossings.set(k, (this.crossings.get(k) ?? 0) + 1);
          for (const end of [a, b]) (this.pairsAt.get(end) ?? this.pairsAt.set(end, new Set()).get(end)!).add(k);
        }
    }
  }

  /** Monthly USD the network layer gains (negative: saves) when `service` runs as `groups`. */
  of(service: string, groups: readonly ReplicaGroup[]): number {
    const settings = this.spec.network;
    if (!settings) return 0;
    const after = regionKeys(groups);
    if (this.whole || !this.regions.has(service) || [...after].some((k) => !addressed(k))) {
      const changed: Plan = { ...this.plan, services: { ...this.plan.services, [service]: { groups } } };
      this.wholeUSD ??= networkCost(this.spec, this.plan, this.catalog).totalUSD;
      return networkCost(this.spec, changed, this.catalog).totalUSD - this.wholeUSD;
    }
    const before = this.regions.get(service)!;
    const links = this.linksOf.get(service) ?? [];
    // The service's own crossings with its regions before and after.
    const crossed = (mine: ReadonlySet<string>) => {
      const out = new Map<string, number>();
      for (const l of links) {
        const from = l.from === service ? mine : this.regions.get(l.from)!;
        const to = l.to === service ? mine : this.regions.get(l.to)!;
        for (const a of from)
          for (const b of to) {
            if (a === b) continue;
            const k = pairKey(a, b);
            out.set(k, (out.get(k) ?? 0) + 1);
          }
      }
      return out;
    };
    const mineBefore = crossed(before);
    const mineAfter = crossed(after);
    const crossingsWith = (mine: Map<string, number>) => (k: string) => (this.crossings.get(k) ?? 0) - (mineBefore.get(k) ?? 0) + (mine.get(k) ?? 0);
    const nowBefore = crossingsWith(mineBefore);
    const nowAfter = crossingsWith(mineAfter);

    let delta = 0;
    for (const k of new Set([...mineBefore.keys(), ...mineAfter.keys()])) {
      const was = nowBefore(k) > 0;
      const is = nowAfter(k) > 0;
      if (was !== is) delta += (is ? 1 : -1) * this.pairUSD(k);
    }
    const affected = new Set([...before, ...after]);
    for (const l of links) for (const end of [l.from, l.to]) if (end !== service) for (const k of this.regions.get(end)!) affected.add(k);
    const changed = new Set([...mineBefore.keys(), ...mineAfter.keys()]);
    for (const key of affected) {
      delta += this.networkUSD(key, settings.nat, service, after, changed, nowAfter) - this.networkUSD(key, settings.nat, service, before, changed, nowBefore);
    }
    if (this.isPublic.has(service) && after.size !== before.size) {
      delta += this.prices.items(frontDoorItems(0, after.size, false), undefined) - this.prices.items(frontDoorItems(0, before.size, false), undefined);
    }
    return delta;
  }

  /**
   * The network of `key` with `service` in `mine`: its resources' monthly USD (0 when no service
   * runs there). Counted from the plan's counts there (`base`) with the service taken out and put
   * back as `mine` has it, and the connections `changed` crossed as `crossings` has them: a scan
   * of the region's services per change took 1 of the 2.2 s that the reasons of 2,000 services
   * take.
   */
  private networkUSD(key: string, nat: NetworkCostSettings["nat"], service: string, mine: ReadonlySet<string>, changed: ReadonlySet<string>, crossings: (pair: string) => number): number {
    // The plan's own network here (the service where the plan has it) is priced once.
    const unchanged = mine === this.regions.get(service);
    if (unchanged && this.planned.has(key)) return this.planned.get(key)!;
    const base = this.base(key);
    const d = (mine.has(key) ? 1 : 0) - (this.servicesIn.get(key)?.has(service) ? 1 : 0);
    if (base.members + d === 0) return 0;
    const ingress = base.ingress + (this.isPublic.has(service) ? d : 0);
    const served = this.called.get(service)?.size;
    const ports = d !== 0 && served !== undefined ? new Map(base.ports).set(served, (base.ports.get(served) ?? 0) + d) : base.ports;
    // A private record per service called from here and per region it runs in.
    let records = base.records;
    let calledHere = base.callees.get(service) ?? 0;
    if (d !== 0)
      for (const c of this.calleesOf(service)) {
        const was = base.callees.get(c) ?? 0;
        if (was === 0 && d > 0) records += 1 + this.regions.get(c)!.size;
        if (was + d === 0 && was > 0) records -= 1 + this.regions.get(c)!.size;
        if (c === service) calledHere = was + d;
      }
    if (calledHere > 0) records += mine.size - this.regions.get(service)!.size;
    // A VPN gateway while a connection across clouds from here is crossed.
    let vpnPairs = base.vpnPairs;
    for (const k of changed) {
      const [a, b] = k.split("|");
      if ((a !== key && b !== key) || a.slice(0, a.indexOf(":")) === b.slice(0, b.indexOf(":"))) continue;
      vpnPairs += Number(crossings(k) > 0) - Number((this.crossings.get(k) ?? 0) > 0);
    }
    const vpnGateway = vpnPairs > 0;
    const endpoints: number[] = [];
    for (const [p, n] of [...ports].sort(([x], [y]) => x - y)) for (let i = 0; i < n; i++) endpoints.push(p);
    const id = `${key}|${nat}|${ingress}|${vpnGateway}|${records}|${endpoints.join(",")}`;
    let usd = this.byCounts.get(id);
    if (usd === undefined) {
      const cloud = key.slice(0, key.indexOf(":")) as Cloud;
      const items = regionItems({ cloud, nat, ingress, endpoints: endpoints.length, vpnGateway, records });
      this.byCounts.set(id, (usd = this.prices.items(items, key, regionVariants(ingress > 0, endpoints))));
    }
    if (unchanged) this.planned.set(key, usd);
    return usd;
  }

  /** The counts the network of `key` is priced from, in the plan as it is. */
  private base(key: string): RegionCounts {
    let b = this.bases.get(key);
    if (b) return b;
    const here = this.servicesIn.get(key) ?? new Set<string>();
    let ingress = 0;
    const ports = new Map<number, number>();
    const callees = new Map<string, number>();
    for (const u of here) {
      if (this.isPublic.has(u)) ingress++;
      const p = this.called.get(u);
      if (p) ports.set(p.size, (ports.get(p.size) ?? 0) + 1);
      for (const c of this.calleesOf(u)) callees.set(c, (callees.get(c) ?? 0) + 1);
    }
    let records = 0;
    for (const c of callees.keys()) records += 1 + this.regions.get(c)!.size;
    let vpnPairs = 0;
    for (const k of this.pairsAt.get(key) ?? []) {
      const [a, c] = k.split("|");
      if (a.slice(0, a.indexOf(":")) !== c.slice(0, c.indexOf(":")) && (this.crossings.get(k) ?? 0) > 0) vpnPairs++;
    }
    this.bases.set(key, (b = { members: here.size, ingress, ports, callees, records, vpnPairs }));
    return b;
  }

  /** The services `service` calls. */
  private calleesOf(service: string): ReadonlySet<string> {
    let out = this.callees.get(service);
    if (!out) this.callees.set(service, (out = new Set((this.linksOf.get(service) ?? []).filter((l) => l.from === service).map((l) => l.to))));
    return out;
  }

  /** Monthly USD of the connection "a|b", billed in the region of each resource's cloud. */
  private pairUSD(k: string): number {
    let usd = this.pairMemo.get(k);
    if (usd === undefined) {
      const [a, b] = k.split("|");
      const clouds = [a, b].map((x) => x.slice(0, x.indexOf(":")) as Cloud);
      const kind = clouds[0] === clouds[1] ? "peering" : "vpn";
      const tunnels = kind === "vpn" ? TUNNELS[[...clouds].sort().join("-")] : 0;
      usd = 0;
      for (const it of connectionItems(clouds, kind, tunnels)) {
        const cloud = cloudOfType(it.type);
        usd += this.prices.items([it], a.startsWith(`${cloud}:`) ? a : b);
      }
      this.pairMemo.set(k, usd);
    }
    return usd;
  }
}

function addressed(key: string): boolean {
  const i = key.indexOf(":");
  return regionSlot(key.slice(0, i) as Cloud, key.slice(i + 1)) !== undefined;
}

function regionKeys(groups: readonly ReplicaGroup[]): Set<string> {
  return new Set(groups.map((g) => `${g.cloud}:${g.region}`));
}

/**
 * The network layer's costs split the way the placement ILP charges them, each the difference
 * of two priced inventories (so they add up to `networkCost` of any plan):
 *   open(r)          a network in r: its NAT (and the NAT's address);
 *   zone(r)          its private DNS zone, when its workloads call other services;
 *   ingress(r)       its public balancer, when a public service runs there;
 *   publicTarget(r)  per public service there: certificate, front-door health check and records;
 *   endpoint(r, p)   per called service there: an internal balancer serving p ports;
 *   gateway(r)       its VPN gateway, when a link crosses clouds from there;
 *   pair(a, b)       a connection: peering within a cloud, tunnels across clouds;
 *   frontDoor        the public zone, when any service is public.
 */
export class FixedCosts {
  private readonly memo = new Map<string, number>();

  constructor(
    readonly catalog: Catalog,
    readonly settings: NetworkCostSettings,
  ) {}

  private cached(id: string, f: () => number): number {
    let v = this.memo.get(id);
    if (v === undefined) this.memo.set(id, (v = f()));
    return v;
  }

  /** The priced cost of a one-network topology with the given parts. */
  private node(key: string, parts: { ingress?: number; endpoints?: number[]; vpn?: boolean; records?: boolean }): number {
    const cloud = key.slice(0, key.indexOf(":")) as Cloud;
    const n = {
      key,
      cloud,
      region: key.slice(key.indexOf(":") + 1),
      nat: this.settings.nat,
      ingress: Array.from({ length: parts.ingress ?? 0 }, (_, i) => ({ service: `s${i}`, port: 8080, hostName: `s${i}` })),
      endpoints: (parts.endpoints ?? []).map((p, i) => ({ service: `e${i}`, ports: Array.from({ length: p }, (_, j) => 8000 + j), addresses: [] })),
      vpnGateway: parts.vpn === true,
      records: parts.records ? [{ service: "x", name: "x", addresses: [] }] : [],
    };
    const t = { networks: [n], connections: [], frontDoors: [] } as unknown as NetworkTopology;
    return topologyCost(t, this.catalog, this.settings.publicZone).totalUSD;
  }

  /** A network in r with nothing but its NAT. */
  open(key: string): number {
    return this.cached(`open|${key}`, () => this.node(key, {}));
  }

  /** The private zone of a network whose workloads call other services. */
  zone(key: string): number {
    return this.cached(`zone|${key}`, () => this.node(key, { records: true }) - this.open(key));
  }

  /** The public balancer of a network with public services. */
  ingress(key: string): number {
    return this.cached(`ingress|${key}`, () => this.node(key, { ingress: 1 }) - this.open(key) - this.target(key, 2));
  }

  /** What each public service beyond the first adds to a network's balancer (its certificate), from `n` of them. */
  private target(key: string, n: number): number {
    return this.cached(`target|${key}|${n}`, () => (n <= 1 ? 0 : this.node(key, { ingress: n }) - this.node(key, { ingress: 1 })) / Math.max(1, n - 1));
  }

  /** Per public service in r: its certificate there and its front-door target (health check, records). */
  publicTarget(key: string): number {
    return this.cached(`public|${key}`, () => this.target(key, 2) + this.frontDoorTarget(key));
  }

  /** One front-door target: its health check and records (the zone is `frontDoor`). */
  private frontDoorTarget(key: string): number {
    return this.cached(`fdt|${key}`, () => {
      const fd = { service: "s", name: "s", targets: [{ key, cloud: key.slice(0, key.indexOf(":")), region: "", regionalName: "s", weight: 1 }] };
      const t = { networks: [], connections: [], frontDoors: [fd] } as unknown as NetworkTopology;
      return topologyCost(t, this.catalog, false).totalUSD;
    });
  }

  /** The public zone of the front door, when cloudfit creates it and any service is public. */
  frontDoor(): number {
    return this.cached("frontDoor", () => {
      const fd = { service: "s", name: "s", targets: [] };
      const t = { networks: [], connections: [], frontDoors: [fd] } as unknown as NetworkTopology;
      return topologyCost(t, this.catalog, this.settings.publicZone).totalUSD;
    });
  }

  /** An internal balancer of one called service in r, serving `ports` ports. */
  endpoint(key: string, ports: number): number {
    return this.cached(`ep|${key}|${ports}`, () => this.node(key, { endpoints: [ports] }) - this.open(key));
  }

  /** The VPN gateway of a network with a connection across clouds. */
  gateway(key: string): number {
    return this.cached(`gw|${key}`, () => this.node(key, { vpn: true }) - this.open(key));
  }

  /**
   * The connection of two networks: peering within a cloud, IPsec tunnels across clouds. Across
   * clouds each side's items are its own cloud's, priced in its own region, so the price is the
   * sum of the two sides' (each priced once per region and other cloud: the capacity relaxation
   * looks up the cheapest of every cross-cloud pair of regions in two areas).
   */
  pair(a: string, b: string): number {
    const [x, y] = a < b ? [a, b] : [b, a];
    const ca = x.slice(0, x.indexOf(":"));
    const cb = y.slice(0, y.indexOf(":"));
    if (ca !== cb) return this.side(x, cb) + this.side(y, ca);
    return this.cached(`pair|${x}|${y}`, () => this.connection(x, y, (it) => (cloudOfType(it.type) === ca ? x : y)));
  }

  /** What a connection across clouds from `key` to a network of `other` costs on `key`'s side. */
  private side(key: string, other: string): number {
    return this.cached(`side|${key}|${other}`, () => {
      const mine = key.slice(0, key.indexOf(":"));
      const peer = `${other}:`;
      const [x, y] = key < peer ? [key, peer] : [peer, key];
      return this.connection(x, y, (it) => (cloudOfType(it.type) === mine ? key : undefined));
    });
  }

  /** The priced items of a connection of x and y (x < y), each where `at` says (none when undefined). */
  private connection(x: string, y: string, at: (it: InventoryItem) => string | undefined): number {
    const ca = x.slice(0, x.indexOf(":"));
    const cb = y.slice(0, y.indexOf(":"));
    const tunnels = ca === cb ? 0 : [ca, cb].sort().join("-") === "azure-gcp" ? 2 : 4;
    const nodes = [x, y].map((key) => ({ key, cloud: key.slice(0, key.indexOf(":")), nat: "off", ingress: [], endpoints: [], vpnGateway: false, records: [] }));
    const c = { key: `${x}|${y}`, a: x, b: y, kind: ca === cb ? "peering" : "vpn", links: [], tunnels: Array.from({ length: tunnels }, (_, i) => ({ index: i })) };
    const inv = networkInventory({ networks: nodes, connections: [c], frontDoors: [] } as unknown as NetworkTopology, false);
    const prices = networkPrices(this.catalog);
    let usd = 0;
    for (const it of inv.pairs[c.key] ?? []) {
      const key = at(it);
      if (key !== undefined) usd += prices.items([it], key);
    }
    return usd;
  }
}

const fixedCache = new WeakMap<Catalog, Map<string, FixedCosts>>();

/** The catalog's fixed network costs under some settings (memoized per catalog and settings). */
export function fixedCosts(catalog: Catalog, settings: NetworkCostSettings): FixedCosts {
  let m = fixedCache.get(catalog);
  if (!m) fixedCache.set(catalog, (m = new Map()));
  const id = `${settings.nat}|${settings.publicZone}`;
  let f = m.get(id);
  if (!f) m.set(id, (f = new FixedCosts(catalog, settings)));
  return f;
}
