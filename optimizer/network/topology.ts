// The network layer a placement needs, as plain data: which cloud-region networks exist, what each
// deploys (NAT, a public balancer for its public services, internal balancers with fixed addresses
// for services other services call, a VPN gateway, a private DNS zone), which pairs of networks a
// link crosses and how they connect (peering within a cloud, IPsec VPN with BGP across clouds),
// the firewall sources each service admits per region, and the front-door targets of each public
// service. Pure and deterministic: the same spec, plan and options give the same topology, so a
// change of placement changes exactly the parts it should, and the optimizer can call it to price
// the network of a candidate plan.

import { createHash } from "crypto";
import type { SpecProblem } from "../errors";
import type { Plan } from "../plan";
import type { Cloud, NormalizedSpec } from "../spec";
import {
  hostIn,
  linkAddresses,
  networkAsn,
  regionCidr,
  regionSlot,
  SubnetLayout,
  subnetLayout,
  tunnelRanges,
} from "./addressing";
import { admitRules, privateRecords } from "./access";
import { NatMode, NetworkOptions, NetworkOptionsError } from "./options";

export { AZURE_PROBE_SOURCE, GCP_HEALTH_CHECK_RANGES } from "./access";

/** A public service's backend in one region: what the regional balancer forwards to. */
export interface PublicBackend {
  readonly service: string;
  /** The service port the balancer forwards to and health-checks (the service's first port). */
  readonly port: number;
  /** The front-door name the balancer's certificate and host rule are for. */
  readonly hostName: string;
}

/** An internal balancer: the fixed private addresses of one service in one region. */
export interface Endpoint {
  readonly service: string;
  /** The ports other services' links use, sorted. */
  readonly ports: readonly number[];
  /** Its addresses: one per balancer subnet the cloud uses (two on AWS, one elsewhere). */
  readonly addresses: readonly string[];
}

/** A DNS name of the private zone of a network and the addresses it resolves to. */
export interface PrivateRecord {
  readonly service: string;
  /** Record name relative to the zone, e.g. "api" or "api-gcp-us-west1". */
  readonly name: string;
  readonly addresses: readonly string[];
}

/** One cloud-region network and everything the plan deploys in it. */
export interface NetworkNode {
  /** "cloud:region". */
  readonly key: string;
  readonly cloud: Cloud;
  readonly region: string;
  /** Slot in the address plan. */
  readonly slot: number;
  readonly cidr: string;
  readonly subnets: SubnetLayout;
  /** Private BGP ASN of the network's VPN gateway or router. */
  readonly asn: number;
  /** Services with replicas here, sorted. */
  readonly services: readonly string[];
  /** NAT of the private subnets ("off" for none). */
  readonly nat: NatMode;
  /** Public services here, behind one regional balancer; empty for none. */
  readonly ingress: readonly PublicBackend[];
  /** Internal balancers here, one per service that other services call, sorted by service. */
  readonly endpoints: readonly Endpoint[];
  /** Whether a VPN gateway is needed (some connection of this network crosses clouds). */
  readonly vpnGateway: boolean;
  /** Networks connected to this one, sorted. */
  readonly peers: readonly string[];
  /** Records of the private zone (names of the services its workloads call); empty for no zone. */
  readonly records: readonly PrivateRecord[];
}

/** One IPsec tunnel of a VPN connection. */
export interface Tunnel {
  readonly index: number;
  /**
   * Which of the two gateway interfaces (GCP HA VPN) or instances (Azure active-active) the tunnel
   * uses, and on AWS which of the two VPN connections (each with two tunnels) carries it.
   */
  readonly group: number;
  /** The /30 of the BGP session inside the tunnel. */
  readonly range: string;
  /** Each end's BGP address, by network key. */
  readonly addresses: Readonly<Record<string, string>>;
}

/** A spec link that crosses a connection. */
export interface CrossingLink {
  readonly from: string;
  readonly to: string;
  readonly port: number;
}

/** How two networks are connected. */
export interface Connection {
  /** "a|b" with a < b. */
  readonly key: string;
  readonly a: string;
  readonly b: string;
  /** Peering within one cloud, IPsec VPN with BGP across clouds. */
  readonly kind: "peering" | "vpn";
  /** The links that need this connection, sorted. */
  readonly links: readonly CrossingLink[];
  /** VPN only: its tunnels (4 for AWS-Azure and AWS-GCP, 2 for Azure-GCP). */
  readonly tunnels: readonly Tunnel[];
}

/** A source admitted to a service's port in one region. */
export interface AdmitRule {
  readonly port: number;
  readonly cidr: string;
  /** Who the source is, for descriptions: a "cloud:region" peer or a balancer role. */
  readonly from: string;
}

/** A public service's name, failing over between its regions. */
export interface FrontDoor {
  readonly service: string;
  /** The public name, <service>.<domain>. */
  readonly name: string;
  readonly targets: readonly {
    readonly key: string;
    readonly cloud: Cloud;
    readonly region: string;
    /** Name of the regional balancer, <service>-<cloud>-<region>.<domain>. */
    readonly regionalName: string;
    /** Routing weight: the service's replicas in that region. */
    readonly weight: number;
  }[];
}

/** The whole network layer of a plan. */
export interface NetworkTopology {
  readonly domain?: string;
  readonly privateDomain: string;
  readonly nat: NatMode;
  readonly healthCheckPath: string;
  /** Networks, sorted by key. */
  readonly networks: readonly NetworkNode[];
  /** Connections, sorted by key. */
  readonly connections: readonly Connection[];
  /** Sources each service admits, by service then "cloud:region", sorted by port then source. */
  readonly admits: Readonly<Record<string, Readonly<Record<string, readonly AdmitRule[]>>>>;
  /** Front doors, sorted by service. */
  readonly frontDoors: readonly FrontDoor[];
}

/** IPsec tunnels of a VPN connection between two clouds ("a-b", clouds in name order). */
export const TUNNELS: Readonly<Record<string, number>> = { "aws-azure": 4, "aws-gcp": 4, "azure-gcp": 2 };

/** The key of a connection between two networks: "a|b" with a < b. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * The network layer a plan of a spec needs; throws NetworkOptionsError when settings lack
 * something it needs. With `strict: false` (pricing a candidate plan) the layout is returned even
 * where the address plan would refuse it (two tunnels of one gateway on one range). With
 * `pricing` its firewall sources are left out (`admits` is empty): nothing billed depends on them,
 * and at 2,000 services they were a third of the time a plan's network took to price.
 */
export function buildTopology(
  spec: NormalizedSpec,
  plan: Plan,
  options: NetworkOptions,
  check: { readonly strict?: boolean; readonly pricing?: boolean } = {},
): NetworkTopology {
  const problems: SpecProblem[] = [];
  // Replicas of a service per "cloud:region", computed once per service.
  const replicas = new Map<string, Map<string, number>>();
  const regionsOf = (service: string) => {
    let m = replicas.get(service);
    if (!m) {
      m = new Map<string, number>();
      for (const g of plan.services[service]?.groups ?? [])
        m.set(`${g.cloud}:${g.region}`, (m.get(`${g.cloud}:${g.region}`) ?? 0) + g.count);
      replicas.set(service, m);
    }
    return m;
  };
  const serviceLinks = spec.links.filter(
    (l) => l.toKind === "service" && plan.services[l.from] && plan.services[l.to],
  );

  // Networks: every cloud-region with replicas; the services of each, in spec order.
  const keys = new Set<string>();
  const servicesIn = new Map<string, string[]>();
  for (const s of spec.services)
    for (const k of regionsOf(s.name).keys()) {
      keys.add(k);
      (servicesIn.get(k) ?? servicesIn.set(k, []).get(k)!).push(s.name);
    }
  const base = new Map<string, { cloud: Cloud; region: string; slot: number; cidr: string }>();
  for (const key of [...keys].sort()) {
    const [cloud, region] = key.split(":") as [Cloud, string];
    const slot = regionSlot(cloud, region);
    if (slot === undefined) {
      problems.push({
        path: `plan`,
        message: `${key} has no range in the address plan`,
        fix: "place workloads in regions of the price catalog",
      });
      continue;
    }
    base.set(key, { cloud, region, slot, cidr: regionCidr(cloud, region)! });
  }

  // Connections: every pair of networks that a service link crosses.
  const crossings = new Map<string, CrossingLink[]>();
  for (const l of serviceLinks) {
    for (const a of regionsOf(l.from).keys())
      for (const b of regionsOf(l.to).keys()) {
        if (a === b || !base.has(a) || !base.has(b)) continue;
        const k = pairKey(a, b);
        const list = crossings.get(k) ?? [];
        if (!list.some((x) => x.from === l.from && x.to === l.to && x.port === l.port))
          list.push({ from: l.from, to: l.to, port: l.port });
        crossings.set(k, list);
      }
  }
  const connections: Connection[] = [...crossings.keys()].sort().map((key) => {
    const [a, b] = key.split("|");
    const A = base.get(a)!;
    const B = base.get(b)!;
    const links = crossings
      .get(key)!
      .sort((x, y) => cmp(x.from, y.from) || cmp(x.to, y.to) || x.port - y.port);
    if (A.cloud === B.cloud) return { key, a, b, kind: "peering", links, tunnels: [] };
    const clouds = [A.cloud, B.cloud].sort() as [Cloud, Cloud];
    const n = TUNNELS[clouds.join("-")];
    // The AWS end takes the first address of each /30 (AWS's own convention); Azure-GCP: GCP first.
    const first = A.cloud === "aws" || (A.cloud === "gcp" && B.cloud === "azure") ? a : b;
    const second = first === a ? b : a;
    const tunnels = tunnelRanges([A.cloud, B.cloud], [A.slot, B.slot], n).map((range, index) => {
      const [x, y] = linkAddresses(range);
      return { index, group: n === 4 ? Math.floor(index / 2) : index, range, addresses: { [first]: x, [second]: y } };
    });
    return { key, a, b, kind: "vpn", links, tunnels };
  });
  checkTunnelRanges(connections, problems);

  // Internal balancers: every region of a service that other services call.
  const called = new Map<string, Set<number>>();
  for (const l of serviceLinks) called.set(l.to, (called.get(l.to) ?? new Set()).add(l.port));
  const endpoints = new Map<string, Endpoint[]>();
  const calledIn = new Map<string, string[]>();
  for (const service of called.keys())
    for (const key of regionsOf(service).keys()) (calledIn.get(key) ?? calledIn.set(key, []).get(key)!).push(service);
  for (const key of base.keys()) {
    const here = (calledIn.get(key) ?? []).sort();
    const taken = new Set<number>();
    const list: Endpoint[] = [];
    const layout = subnetLayout(base.get(key)!.cidr)!;
    for (const service of here) {
      const offset = addressOffset(service, taken);
      taken.add(offset);
      const count = base.get(key)!.cloud === "aws" ? 2 : 1;
      list.push({
        service,
        ports: [...called.get(service)!].sort((x, y) => x - y),
        addresses: layout.balancers.slice(0, count).map((c) => hostIn(c, offset)),
      });
    }
    endpoints.set(key, list);
  }

  // Front doors and regional ingress for public services.
  const frontDoors: FrontDoor[] = [];
  const ingress = new Map<string, PublicBackend[]>();
  for (const s of spec.services) {
    if (s.publicPorts.length === 0 || !plan.services[s.name]) continue;
    if (!options.domain) {
      problems.push({
        path: "network.domain",
        message: `is not set, but services.${s.name} has public ports and needs a public name`,
        fix: "set cloudfit:network to { domain: <a domain whose DNS you control> }",
      });
      continue;
    }
    const name = `${s.name}.${options.domain}`;
    const targets = [...regionsOf(s.name).entries()]
      .filter(([key]) => base.has(key))
      .sort((x, y) => cmp(x[0], y[0]))
      .map(([key, weight]) => {
        const { cloud, region } = base.get(key)!;
        if (cloud === "azure" && !options.azureCertificate)
          problems.push({
            path: "network.azureCertificate",
            message: `is not set, but services.${s.name} is public and runs in ${key}, where the Application Gateway needs a certificate from Key Vault`,
            fix: "set keyVaultSecretId and identityId of a certificate for " + name,
          });
        const list = ingress.get(key) ?? [];
        list.push({ service: s.name, port: s.ports[0], hostName: name });
        ingress.set(key, list);
        return { key, cloud, region, regionalName: `${s.name}-${cloud}-${region}.${options.domain}`, weight };
      });
    frontDoors.push({ service: s.name, name, targets });
  }

  // Egress: a network whose services read buckets in another cloud needs NAT.
  if (options.nat === "off") {
    for (const l of spec.links) {
      if (l.toKind !== "bucket" || !plan.buckets[l.to]) continue;
      const bucketCloud = plan.buckets[l.to].cloud;
      for (const key of regionsOf(l.from).keys())
        if (!key.startsWith(`${bucketCloud}:`) || bucketCloud !== "gcp")
          problems.push({
            path: "network.nat",
            message: `is off, but services.${l.from} in ${key} reads bucket ${l.to} in ${bucketCloud} over the internet`,
            fix: "set nat to regional, or place the bucket beside the service",
          });
    }
  }
  if (problems.length > 0 && check.strict !== false) throw new NetworkOptionsError(dedupe(problems));

  const peers = new Map<string, string[]>();
  const vpn = new Set<string>();
  for (const c of connections)
    for (const [me, other] of [
      [c.a, c.b],
      [c.b, c.a],
    ]) {
      (peers.get(me) ?? peers.set(me, []).get(me)!).push(other);
      if (c.kind === "vpn") vpn.add(me);
    }
  // Service links by the regions their callers run in (for the private zones).
  const calling = new Map<string, NormalizedSpec["links"][number][]>();
  for (const l of serviceLinks) for (const key of regionsOf(l.from).keys()) (calling.get(key) ?? calling.set(key, []).get(key)!).push(l);
  const networks: NetworkNode[] = [...base.entries()].map(([key, n]) => ({
    key,
    ...n,
    subnets: subnetLayout(n.cidr)!,
    asn: networkAsn(n.slot),
    services: servicesIn.get(key) ?? [],
    nat: options.nat,
    ingress: (ingress.get(key) ?? []).sort((x, y) => cmp(x.service, y.service)),
    endpoints: endpoints.get(key)!,
    vpnGateway: vpn.has(key),
    peers: (peers.get(key) ?? []).sort(),
    records: privateRecords(key, calling.get(key) ?? [], regionsOf, endpoints),
  }));

  return {
    ...(options.domain ? { domain: options.domain } : {}),
    privateDomain: options.privateDomain,
    nat: options.nat,
    healthCheckPath: options.healthCheckPath,
    networks,
    connections,
    admits: check.pricing ? {} : admitRules(spec, plan, serviceLinks, regionsOf, networks),
    frontDoors,
  };
}

/**
 * The host offset of a service's internal balancer address in its balancer subnet: 4 + a digest
 * of its name mod 250 (clear of the addresses each cloud reserves at both ends of a subnet), moved
 * to the next free offset on a collision with a service earlier in name order.
 */
export function addressOffset(service: string, taken: ReadonlySet<number>): number {
  let h = digests.get(service);
  if (h === undefined) {
    h = createHash("sha256").update(service).digest().readUInt32BE(0) % BALANCERS_PER_NETWORK;
    if (digests.size >= DIGESTS_KEPT) digests.clear();
    digests.set(service, h);
  }
  for (let i = 0; i < BALANCERS_PER_NETWORK; i++) {
    const offset = 4 + ((h + i) % BALANCERS_PER_NETWORK);
    if (!taken.has(offset)) return offset;
  }
  throw new RangeError(`more than ${BALANCERS_PER_NETWORK} internal balancers in one network`);
}

// Each service's digest, computed once (a plan is priced many times while it is optimized); a
// process that names more services than this starts over.
const digests = new Map<string, number>();
const DIGESTS_KEPT = 100_000;

/** Internal balancers one region's network has addresses for (the placement ILP keeps to it, 12.balancers). */
export const BALANCERS_PER_NETWORK = 250;

/** Adds a problem when two connections of one network would share a tunnel range. */
function checkTunnelRanges(connections: readonly Connection[], problems: SpecProblem[]): void {
  const seen = new Map<string, string>();
  for (const c of connections)
    for (const t of c.tunnels)
      for (const end of [c.a, c.b]) {
        const k = `${end}|${t.range}`;
        const other = seen.get(k);
        if (other && other !== c.key)
          problems.push({
            path: "plan",
            message: `connections ${other} and ${c.key} would both use tunnel range ${t.range} on ${end}`,
            fix: "place the linked services in fewer regions of one cloud",
          });
        seen.set(k, c.key);
      }
}

function dedupe(problems: readonly SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.path}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The BGP addresses an Azure VPN gateway's two instances terminate, per instance: every tunnel of
 * the network's connections, on the instance of its group.
 */
export function azureBgpAddresses(topology: NetworkTopology, key: string): [string[], string[]] {
  const out: [string[], string[]] = [[], []];
  for (const c of topology.connections)
    if (c.kind === "vpn" && (c.a === key || c.b === key))
      for (const t of c.tunnels) out[t.group].push(t.addresses[key]);
  return out;
}
