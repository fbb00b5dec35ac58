// What the network layer of a topology deploys, counted per cloud-region, per connected pair of
// cloud-regions and for the whole application, as the Pulumi resource types the components emit
// with what decides each one's price. Pure; meant for pricing the network layer and for the
// optimizer's fixed costs of opening a region or connecting a pair.

import type { Cloud } from "../spec";
import type { NatMode } from "./options";
import type { Connection, NetworkNode, NetworkTopology } from "./topology";

/** Resources of one type and what their price depends on. */
export interface InventoryItem {
  /** Pulumi type token, e.g. "aws:ec2/natGateway:NatGateway". */
  readonly type: string;
  readonly count: number;
  /** The properties and usage that decide the price. */
  readonly pricedBy: string;
}

/** The network layer's billable resources. */
export interface NetworkInventory {
  /** By "cloud:region". */
  readonly regions: Readonly<Record<string, readonly InventoryItem[]>>;
  /** By connection key "a|b". */
  readonly pairs: Readonly<Record<string, readonly InventoryItem[]>>;
  /** For the whole application: the public zone and the front door. */
  readonly global: readonly InventoryItem[];
}

const item = (type: string, count: number, pricedBy: string): InventoryItem[] =>
  count > 0 ? [{ type, count, pricedBy }] : [];

/** The billable network resources of a topology; `publicZone` when the front door's zone is created. */
export function networkInventory(t: NetworkTopology, publicZone = true): NetworkInventory {
  const regions: Record<string, InventoryItem[]> = {};
  for (const n of t.networks) regions[n.key] = regionItems(countsOf(n));
  const pairs: Record<string, InventoryItem[]> = {};
  for (const c of t.connections) pairs[c.key] = pairItems(c, t);
  const targets = t.frontDoors.reduce((k, f) => k + f.targets.length, 0);
  return { regions, pairs, global: frontDoorItems(t.frontDoors.length, targets, publicZone) };
}

/** The front door's resources: `frontDoors` public services with `targets` regions among them. */
export function frontDoorItems(frontDoors: number, targets: number, publicZone: boolean): InventoryItem[] {
  return [
    ...item("aws:route53/zone:Zone", frontDoors > 0 && publicZone ? 1 : 0, "hosted zone per month; DNS queries"),
    ...item("aws:route53/healthCheck:HealthCheck", targets, "per health check per month, type HTTPS, request interval 10 s (fast interval), endpoint outside AWS or not"),
    ...item("aws:route53/record:Record", 2 * targets, "weighted and regional records: DNS queries (alias queries to AWS balancers are free)"),
  ];
}

/** What a network's billable resources depend on. */
export interface NetworkCounts {
  readonly cloud: Cloud;
  readonly nat: NatMode;
  /** Public services behind its regional balancer. */
  readonly ingress: number;
  /** Internal balancers (services other services call). */
  readonly endpoints: number;
  readonly vpnGateway: boolean;
  /** Records of its private zone (none: no zone). */
  readonly records: number;
}

export function countsOf(n: NetworkNode): NetworkCounts {
  return { cloud: n.cloud, nat: n.nat, ingress: n.ingress.length, endpoints: n.endpoints.length, vpnGateway: n.vpnGateway, records: n.records.length };
}

/** The billable resources of one network. */
export function regionItems(n: NetworkCounts): InventoryItem[] {
  const nats = n.nat === "off" ? 0 : n.cloud === "aws" && n.nat === "zonal" ? 2 : 1;
  const pub = n.ingress > 0 ? 1 : 0;
  const ends = n.endpoints;
  const vpn = n.vpnGateway ? 1 : 0;
  const zone = n.records > 0 ? 1 : 0;
  const byCloud: Record<Cloud, InventoryItem[]> = {
    aws: [
      ...item("aws:ec2/natGateway:NatGateway", nats, "hours; GB processed"),
      ...item("aws:ec2/eip:Eip", nats, "public IPv4 address hours"),
      ...item("aws:lb/loadBalancer:LoadBalancer", pub, "loadBalancerType application: hours; LCUs (new connections, active connections, GB processed, rule evaluations)"),
      ...item("aws:acm/certificate:Certificate", pub ? n.ingress : 0, "public ACM certificate: free"),
      ...item("aws:lb/loadBalancer:LoadBalancer", ends, "loadBalancerType network, internal: hours; NLCUs"),
      ...item("aws:ec2/vpnGateway:VpnGateway", vpn, "virtual private gateway: free (connections are priced)"),
      ...item("aws:route53/zone:Zone", zone, "private hosted zone per month; DNS queries"),
      ...item("aws:route53/record:Record", n.records, "records of the private zone: DNS queries"),
    ],
    azure: [
      ...item("azure-native:network:NatGateway", nats, "hours; GB processed"),
      ...item("azure-native:network:PublicIPAddress", nats + pub + 2 * vpn, "sku Standard, static: hours"),
      ...item("azure-native:network:ApplicationGateway", pub, "sku Standard_v2: fixed hours; capacity units"),
      ...item("azure-native:network:LoadBalancer", ends, "sku Standard, internal: hours by rule count (first 5 rules); GB processed"),
      ...item("azure-native:network:VirtualNetworkGateway", vpn, "sku VpnGw1AZ: hours; site-to-site tunnels beyond the first 10 per hour (at most 30)"),
      ...item("azure-native:privatedns:PrivateZone", zone, "private zone per month; DNS queries"),
      ...item("azure-native:privatedns:PrivateRecordSet", n.records, "DNS queries"),
    ],
    gcp: [
      ...item("gcp:compute/routerNat:RouterNat", nats, "Cloud NAT: gateway hours by VM count; GB processed; NAT IP address hours"),
      ...item("gcp:compute/address:Address", pub, "static external IPv4 in use by a forwarding rule: hours"),
      ...item("gcp:compute/forwardingRule:ForwardingRule", 2 * pub, "loadBalancingScheme EXTERNAL_MANAGED (regional): hours per rule; GB processed by the proxies"),
      ...item("gcp:certificatemanager/certificate:Certificate", pub ? n.ingress : 0, "Google-managed certificate: per certificate per month beyond the free tier"),
      ...item("gcp:compute/forwardingRule:ForwardingRule", ends, "loadBalancingScheme INTERNAL: hours per rule; GB processed"),
      ...item("gcp:compute/haVpnGateway:HaVpnGateway", vpn, "HA VPN gateway: free (tunnels are priced)"),
      ...item("gcp:dns/managedZone:ManagedZone", zone, "private managed zone per month; DNS queries"),
      ...item("gcp:dns/recordSet:RecordSet", n.records, "DNS queries"),
    ],
  };
  return byCloud[n.cloud];
}

function pairItems(c: Connection, t: NetworkTopology): InventoryItem[] {
  return connectionItems(
    [c.a, c.b].map((k) => t.networks.find((n) => n.key === k)!.cloud),
    c.kind,
    c.tunnels.length,
  );
}

/** The billable resources of a connection between networks of `clouds`, with its tunnels (VPN). */
export function connectionItems(clouds: readonly Cloud[], kind: Connection["kind"], tunnels: number): InventoryItem[] {
  if (kind === "peering") {
    const cloud = clouds[0];
    if (cloud === "aws") return item("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", 1, "free; data transfer between regions per GB");
    if (cloud === "azure") return item("azure-native:network:VirtualNetworkPeering", 2, "global peering: GB in and out on each side");
    return item("gcp:compute/networkPeering:NetworkPeering", 2, "free; data transfer between regions per GB");
  }
  const n = tunnels;
  return [
    ...item("aws:ec2/vpnConnection:VpnConnection", clouds.includes("aws") ? n / 2 : 0, "Site-to-Site VPN connection hours (two tunnels each); data transfer out per GB"),
    ...item("azure-native:network:VirtualNetworkGatewayConnection", clouds.includes("azure") ? n : 0, "counts toward the gateway's site-to-site tunnels (10 included); egress per GB"),
    ...item("gcp:compute/vPNTunnel:VPNTunnel", clouds.includes("gcp") ? n : 0, "tunnel hours; egress per GB"),
  ];
}
