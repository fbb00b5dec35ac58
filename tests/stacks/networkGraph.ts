// Reads the network a program would deploy from the resources it registers under Pulumi's mocks:
// its networks, the peerings and IPsec tunnels between them (only those configured on both ends,
// with routes or BGP), the sources each service's firewall admits, the private names each network
// resolves, what is open to the internet, and the front door's records. Independent of the
// components' code: it sees only resource types and inputs, as a reviewer of the preview would.

import type { Recorded } from "../components/harness";

/** One private network: VPC, virtual network or VPC network. */
export interface GraphNetwork {
  readonly key: string;
  readonly cidr: string;
  /** Resource id (mock ids are "<name>-id"). */
  readonly id: string;
  readonly name: string;
}

/** An allow rule admitting `cidr` to `ports` of a service's instances in a network. */
export interface Admission {
  readonly network: string;
  readonly service: string;
  readonly cidr: string;
  readonly from: number;
  readonly to: number;
}

const T = {
  vpc: "aws:ec2/vpc:Vpc",
  routeTable: "aws:ec2/routeTable:RouteTable",
  route: "aws:ec2/route:Route",
  rta: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  subnet: "aws:ec2/subnet:Subnet",
  pcx: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
  pcxAccept: "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
  vgw: "aws:ec2/vpnGateway:VpnGateway",
  propagation: "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation",
  cgw: "aws:ec2/customerGateway:CustomerGateway",
  vpn: "aws:ec2/vpnConnection:VpnConnection",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  sgIn: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  lt: "aws:ec2/launchTemplate:LaunchTemplate",
  asg: "aws:autoscaling/group:Group",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  r53Record: "aws:route53/record:Record",
  r53Zone: "aws:route53/zone:Zone",
  r53Check: "aws:route53/healthCheck:HealthCheck",
  vnet: "azure-native:network:VirtualNetwork",
  azSubnet: "azure-native:network:Subnet",
  vnetPeering: "azure-native:network:VirtualNetworkPeering",
  vng: "azure-native:network:VirtualNetworkGateway",
  lng: "azure-native:network:LocalNetworkGateway",
  azConn: "azure-native:network:VirtualNetworkGatewayConnection",
  pip: "azure-native:network:PublicIPAddress",
  nsg: "azure-native:network:NetworkSecurityGroup",
  nsgRule: "azure-native:network:SecurityRule",
  vmss: "azure-native:compute:VirtualMachineScaleSet",
  ilb: "azure-native:network:LoadBalancer",
  appgw: "azure-native:network:ApplicationGateway",
  azZone: "azure-native:privatedns:PrivateZone",
  azLink: "azure-native:privatedns:VirtualNetworkLink",
  azRecord: "azure-native:privatedns:PrivateRecordSet",
  gNet: "gcp:compute/network:Network",
  gSubnet: "gcp:compute/subnetwork:Subnetwork",
  gPeering: "gcp:compute/networkPeering:NetworkPeering",
  haVpn: "gcp:compute/haVpnGateway:HaVpnGateway",
  extVpn: "gcp:compute/externalVpnGateway:ExternalVpnGateway",
  tunnel: "gcp:compute/vPNTunnel:VPNTunnel",
  router: "gcp:compute/router:Router",
  rIface: "gcp:compute/routerInterface:RouterInterface",
  rPeer: "gcp:compute/routerPeer:RouterPeer",
  fw: "gcp:compute/firewall:Firewall",
  tpl: "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate",
  fr: "gcp:compute/forwardingRule:ForwardingRule",
  gZone: "gcp:dns/managedZone:ManagedZone",
  gRecord: "gcp:dns/recordSet:RecordSet",
  gAddress: "gcp:compute/address:Address",
} as const;

/** The resources of one type. */
const of = (rs: readonly Recorded[], type: string) => rs.filter((r) => r.type === type);
const idOf = (r: Recorded) => `${r.name}-id`;
const byId = (rs: readonly Recorded[], type: string, id: unknown) => of(rs, type).find((r) => idOf(r) === id);

/** Whether an IPv4 CIDR block contains an address or a narrower block. */
export function cidrContains(outer: string, inner: string): boolean {
  const toInt = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
  const [oIp, oLen] = outer.split("/");
  const [iIp, iLen = "32"] = inner.split("/");
  if (Number(iLen) < Number(oLen)) return false;
  const size = 2 ** (32 - Number(oLen));
  return Math.floor(toInt(iIp) / size) === Math.floor(toInt(oIp) / size);
}

/** The region a resource is deployed to, from its explicit provider. */
function regionOf(rs: readonly Recorded[], r: Recorded): string {
  const p = rs.find((x) => x.type.startsWith("pulumi:providers:") && r.provider?.startsWith(`${x.urn}::`));
  return String(p?.inputs.region ?? p?.inputs.location ?? "");
}

/** The networks of a recorded program. */
export function networks(rs: readonly Recorded[]): GraphNetwork[] {
  const out: GraphNetwork[] = [];
  for (const v of of(rs, T.vpc)) out.push({ key: `aws:${regionOf(rs, v)}`, cidr: v.inputs.cidrBlock, id: idOf(v), name: v.name });
  for (const v of of(rs, T.vnet))
    out.push({ key: `azure:${v.inputs.location}`, cidr: v.inputs.addressSpace.addressPrefixes[0], id: idOf(v), name: v.name });
  for (const n of of(rs, T.gNet)) {
    const subs = of(rs, T.gSubnet).filter((s) => s.inputs.network === idOf(n));
    const region = subs[0]?.inputs.region;
    const cidr = subs.map((s) => s.inputs.ipCidrRange as string).find((c) => c.endsWith(".0.0/20"))!;
    out.push({ key: `gcp:${region}`, cidr: cidr.replace(/\.0\.0\/20$/, ".0.0/16"), id: idOf(n), name: n.name });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** An IPsec tunnel end as one side configures it. */
interface TunnelEnd {
  readonly network: string;
  readonly localIp: string;
  readonly peerIp: string;
  readonly key: string;
  readonly localBgp: string;
  readonly peerBgp: string;
  readonly localAsn: number;
  readonly peerAsn: number;
  readonly ikev2: boolean;
}

/** A value as a program sees it: Pulumi's mocks record secrets as { <sig>: ..., value }. */
const plain = (v: any): any => (v && typeof v === "object" && "value" in v ? v.value : v);

const inside = (range: string, d: number) => range.replace(/\.(\d+)\/30$/, (_, o) => `.${Number(o) + d}`);

/** Tunnel ends of every cloud, with the routes they feed checked (AWS propagation into private route tables). */
export function tunnelEnds(rs: readonly Recorded[], nets: readonly GraphNetwork[]): TunnelEnd[] {
  const netOf = (id: unknown) => nets.find((n) => n.id === id)?.key ?? "";
  const ends: TunnelEnd[] = [];
  for (const c of of(rs, T.vpn)) {
    const vgw = byId(rs, T.vgw, c.inputs.vpnGatewayId)!;
    const cgw = byId(rs, T.cgw, c.inputs.customerGatewayId)!;
    // BGP routes reach the workloads only when the gateway propagates into every private route table.
    const tables = of(rs, T.routeTable).filter((t) => t.inputs.vpcId === vgw.inputs.vpcId && !t.name.endsWith("-public"));
    const propagated = tables.every((t) =>
      of(rs, T.propagation).some((p) => p.inputs.routeTableId === idOf(t) && p.inputs.vpnGatewayId === idOf(vgw)),
    );
    if (!propagated || c.inputs.staticRoutesOnly) continue;
    for (const t of [1, 2]) {
      const range = c.inputs[`tunnel${t}InsideCidr`];
      ends.push({
        network: netOf(vgw.inputs.vpcId),
        localIp: mockOutput(c, `tunnel${t}Address`),
        peerIp: cgw.inputs.ipAddress,
        key: plain(c.inputs[`tunnel${t}PresharedKey`]),
        localBgp: inside(range, 1),
        peerBgp: inside(range, 2),
        localAsn: Number(vgw.inputs.amazonSideAsn),
        peerAsn: Number(cgw.inputs.bgpAsn),
        ikev2: JSON.stringify(c.inputs[`tunnel${t}IkeVersions`]) === '["ikev2"]',
      });
    }
  }
  for (const tun of of(rs, T.tunnel)) {
    const gw = byId(rs, T.haVpn, tun.inputs.vpnGateway)!;
    const ext = byId(rs, T.extVpn, tun.inputs.peerExternalGateway)!;
    const iface = of(rs, T.rIface).find((i) => i.inputs.vpnTunnel === tun.name)!;
    const peer = of(rs, T.rPeer).find((p) => p.inputs.interface === iface.name)!;
    const router = of(rs, T.router).find((r) => r.name === tun.inputs.router)!;
    ends.push({
      network: netOf(gw.inputs.network),
      localIp: mockOutput(gw, "vpnInterfaces")[tun.inputs.vpnGatewayInterface].ipAddress,
      peerIp: ext.inputs.interfaces.find((i: any) => i.id === tun.inputs.peerExternalGatewayInterface).ipAddress,
      key: plain(tun.inputs.sharedSecret),
      localBgp: String(iface.inputs.ipRange).replace(/\/30$/, ""),
      peerBgp: peer.inputs.peerIpAddress,
      localAsn: router.inputs.bgp.asn,
      peerAsn: peer.inputs.peerAsn,
      ikev2: tun.inputs.ikeVersion === 2,
    });
  }
  for (const c of of(rs, T.azConn)) {
    const vng = byId(rs, T.vng, c.inputs.virtualNetworkGateway1.id)!;
    const lng = byId(rs, T.lng, c.inputs.localNetworkGateway2.id)!;
    const gwSubnet = byId(rs, T.azSubnet, vng.inputs.ipConfigurations[0].subnet.id)!;
    const vnet = nets.find((n) => n.name === gwSubnet.inputs.virtualNetworkName)!;
    if (!c.inputs.enableBgp || !vng.inputs.enableBgp) continue;
    vng.inputs.ipConfigurations.forEach((cfg: any, i: number) => {
      const pip = byId(rs, T.pip, cfg.publicIPAddress.id)!;
      const custom = c.inputs.gatewayCustomBgpIpAddresses.find((x: any) => String(x.ipConfigurationId).endsWith(`/ipConfigurations/${cfg.name}`));
      ends.push({
        network: vnet.key,
        localIp: mockOutput(pip, "ipAddress"),
        peerIp: lng.inputs.gatewayIpAddress,
        key: plain(c.inputs.sharedKey),
        localBgp: custom?.customBgpIpAddress,
        peerBgp: lng.inputs.bgpSettings.bgpPeeringAddress,
        localAsn: vng.inputs.bgpSettings.asn,
        peerAsn: lng.inputs.bgpSettings.asn,
        ikev2: c.inputs.connectionProtocol === "IKEv2",
      });
    });
  }
  return ends;
}

/** A computed output as the test harness mocks it (see mockState). */
function mockOutput(r: Recorded, prop: string): any {
  const { mockPublicIp } = require("../components/harness") as typeof import("../components/harness");
  if (prop === "vpnInterfaces") return [0, 1].map((id) => ({ id, ipAddress: mockPublicIp(r.name, id) }));
  if (prop === "tunnel1Address") return mockPublicIp(r.name, 1);
  if (prop === "tunnel2Address") return mockPublicIp(r.name, 2);
  return mockPublicIp(r.name);
}

/** The established IPsec tunnels: pairs of ends that mirror each other, by connection key "a|b". */
export function tunnels(rs: readonly Recorded[], nets: readonly GraphNetwork[]): Map<string, number> {
  const ends = tunnelEnds(rs, nets);
  const out = new Map<string, number>();
  ends.forEach((x, i) =>
    ends.slice(i + 1).forEach((y) => {
      const mirror =
        x.localIp === y.peerIp && y.localIp === x.peerIp && x.key === y.key && typeof x.key === "string" &&
        x.localBgp === y.peerBgp && y.localBgp === x.peerBgp && x.localAsn === y.peerAsn && y.localAsn === x.peerAsn &&
        x.ikev2 && y.ikev2;
      if (!mirror) return;
      const k = [x.network, y.network].sort().join("|");
      out.set(k, (out.get(k) ?? 0) + 1);
    }),
  );
  return out;
}

/** The peerings configured on both ends (with routes both ways on AWS), as "a|b" keys. */
export function peerings(rs: readonly Recorded[], nets: readonly GraphNetwork[]): Set<string> {
  const out = new Set<string>();
  const key = (a: string, b: string) => [a, b].sort().join("|");
  const net = (pred: (n: GraphNetwork) => boolean) => nets.find(pred);
  for (const p of of(rs, T.pcx)) {
    const a = net((n) => n.id === p.inputs.vpcId)!;
    const b = net((n) => n.id === p.inputs.peerVpcId)!;
    const accepted = of(rs, T.pcxAccept).some((x) => x.inputs.vpcPeeringConnectionId === idOf(p) && x.inputs.autoAccept);
    const routed = (from: GraphNetwork, to: GraphNetwork) =>
      of(rs, T.routeTable)
        .filter((t) => t.inputs.vpcId === from.id && !t.name.endsWith("-public"))
        .every((t) => of(rs, T.route).some((r) => r.inputs.routeTableId === idOf(t) && r.inputs.destinationCidrBlock === to.cidr && r.inputs.vpcPeeringConnectionId === idOf(p)));
    if (accepted && routed(a, b) && routed(b, a)) out.add(key(a.key, b.key));
  }
  const azure = of(rs, T.vnetPeering).map((p) => [net((n) => n.name === p.inputs.virtualNetworkName)!.key, net((n) => n.id === p.inputs.remoteVirtualNetwork.id)!.key, p.inputs.allowVirtualNetworkAccess]);
  for (const [a, b, ok] of azure) if (ok && azure.some(([x, y, ok2]) => x === b && y === a && ok2)) out.add(key(a, b));
  const gcp = of(rs, T.gPeering).map((p) => [nets.find((n) => `https://mock.example/${n.name}` === p.inputs.network)!.key, nets.find((n) => `https://mock.example/${n.name}` === p.inputs.peerNetwork)!.key]);
  for (const [a, b] of gcp) if (gcp.some(([x, y]) => x === b && y === a)) out.add(key(a, b));
  return out;
}

/** Allow rules admitting sources to services' instances, per network. */
export function admissions(rs: readonly Recorded[], nets: readonly GraphNetwork[]): Admission[] {
  const out: Admission[] = [];
  // AWS: rules on a security group that a service's launch template uses.
  for (const lt of of(rs, T.lt)) {
    const service = lt.inputs.tagSpecifications[0].tags["cloudfit-service"];
    for (const sgId of lt.inputs.networkInterfaces[0].securityGroups) {
      const sg = byId(rs, T.sg, sgId)!;
      const network = nets.find((n) => n.id === sg.inputs.vpcId)!.key;
      for (const rule of of(rs, T.sgIn).filter((x) => x.inputs.securityGroupId === sgId))
        out.push({ network, service, cidr: rule.inputs.cidrIpv4, from: rule.inputs.fromPort, to: rule.inputs.toPort });
    }
  }
  // Azure: allow rules of the NSG on a scale set's interfaces (the subnet NSG admits 10.0.0.0/8).
  for (const v of of(rs, T.vmss)) {
    const service = v.inputs.tags["cloudfit-service"];
    const nsgId = v.inputs.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].networkSecurityGroup.id;
    const nsg = byId(rs, T.nsg, nsgId)!;
    const network = `azure:${nsg.inputs.location}`;
    for (const rule of of(rs, T.nsgRule).filter((x) => x.inputs.networkSecurityGroupName === nsg.name && x.inputs.access === "Allow")) {
      const [from, to = from] = String(rule.inputs.destinationPortRange).split("-").map(Number);
      out.push({ network, service, cidr: rule.inputs.sourceAddressPrefix, from, to });
    }
  }
  // GCP: allow firewalls targeting a template's network tag.
  for (const tpl of of(rs, T.tpl)) {
    const service = tpl.inputs.labels["cloudfit-service"];
    for (const fw of of(rs, T.fw).filter((f) => f.inputs.allows && f.inputs.targetTags?.some((t: string) => tpl.inputs.tags.includes(t)))) {
      const network = nets.find((n) => n.id === fw.inputs.network)!.key;
      for (const cidr of fw.inputs.sourceRanges)
        for (const p of fw.inputs.allows[0].ports) out.push({ network, service, cidr, from: Number(p), to: Number(p) });
    }
  }
  return dedupe(out);
}

function dedupe(xs: Admission[]): Admission[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = JSON.stringify(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Private names each network resolves: network key -> fully qualified name -> addresses. */
export function privateNames(rs: readonly Recorded[], nets: readonly GraphNetwork[]): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  const add = (network: string, name: string, addrs: string[]) => {
    const m = out.get(network) ?? new Map<string, string[]>();
    m.set(name, addrs);
    out.set(network, m);
  };
  for (const z of of(rs, T.r53Zone).filter((x) => x.inputs.vpcs))
    for (const vpc of z.inputs.vpcs) {
      const network = nets.find((n) => n.id === vpc.vpcId)!.key;
      for (const r of of(rs, T.r53Record).filter((x) => x.inputs.zoneId === mockZoneId(z.name)))
        add(network, r.inputs.name, r.inputs.records);
    }
  for (const link of of(rs, T.azLink)) {
    const network = nets.find((n) => n.id === link.inputs.virtualNetwork.id)!.key;
    const zone = of(rs, T.azZone).find((z) => z.name === link.inputs.privateZoneName)!;
    for (const r of of(rs, T.azRecord).filter((x) => x.inputs.privateZoneName === zone.name && x.inputs.resourceGroupName === zone.inputs.resourceGroupName))
      add(network, `${r.inputs.relativeRecordSetName}.${zone.inputs.privateZoneName}`, r.inputs.aRecords.map((a: any) => a.ipv4Address));
  }
  for (const z of of(rs, T.gZone).filter((x) => x.inputs.visibility === "private"))
    for (const n of z.inputs.privateVisibilityConfig.networks) {
      const network = nets.find((x) => `https://mock.example/${x.name}` === n.networkUrl)!.key;
      for (const r of of(rs, T.gRecord).filter((x) => x.inputs.managedZone === z.name))
        add(network, String(r.inputs.name).replace(/\.$/, ""), r.inputs.rrdatas);
    }
  return out;
}

function mockZoneId(name: string): string {
  const { createHash } = require("crypto") as typeof import("crypto");
  return `Z${createHash("sha256").update(name).digest("hex").slice(0, 12).toUpperCase()}`;
}

/** Internal balancer listeners: address -> ports, with the network and service tag they forward to. */
export function internalListeners(rs: readonly Recorded[]): Map<string, { ports: number[] }> {
  const out = new Map<string, { ports: number[] }>();
  for (const lb of of(rs, T.lb).filter((x) => x.inputs.internal)) {
    const ports = of(rs, "aws:lb/listener:Listener").filter((l) => l.inputs.loadBalancerArn === `arn:mock:${T.lb}:${lb.name}`).map((l) => l.inputs.port);
    for (const m of lb.inputs.subnetMappings) out.set(m.privateIpv4Address, { ports });
  }
  for (const lb of of(rs, T.ilb))
    out.set(lb.inputs.frontendIPConfigurations[0].privateIPAddress, { ports: lb.inputs.loadBalancingRules.map((r: any) => r.frontendPort) });
  for (const fr of of(rs, T.fr).filter((x) => x.inputs.loadBalancingScheme === "INTERNAL"))
    out.set(fr.inputs.ipAddress, { ports: fr.inputs.ports.map(Number) });
  return out;
}

/** What is open to the internet: each rule or listener that admits any address, described. */
export function openToInternet(rs: readonly Recorded[]): string[] {
  const open: string[] = [];
  const world = (c: unknown) => c === "0.0.0.0/0" || c === "::/0" || c === "*" || c === "Internet" || c === "Any";
  for (const r of of(rs, T.sgIn).filter((x) => world(x.inputs.cidrIpv4) || world(x.inputs.cidrIpv6))) {
    const balancer = of(rs, T.lb).find((lb) => !lb.inputs.internal && lb.inputs.securityGroups.includes(r.inputs.securityGroupId));
    open.push(`${balancer ? "balancer" : "other"} aws ${r.inputs.fromPort}-${r.inputs.toPort}`);
  }
  const nsgAllows = [
    ...of(rs, T.nsg).flatMap((n) => (n.inputs.securityRules ?? []).map((r: any) => ({ nsg: n, r }))),
    ...of(rs, T.nsgRule).map((r) => ({ nsg: of(rs, T.nsg).find((n) => n.name === r.inputs.networkSecurityGroupName)!, r: r.inputs })),
  ].filter(({ r }) => r.access === "Allow" && world(r.sourceAddressPrefix));
  for (const { nsg, r } of nsgAllows) {
    const subnet = of(rs, T.azSubnet).find((s) => s.inputs.networkSecurityGroup?.id === idOf(nsg));
    const balancer = subnet && of(rs, T.appgw).some((g) => g.inputs.gatewayIPConfigurations[0].subnet.id === idOf(subnet));
    open.push(`${balancer ? "balancer" : "other"} azure ${(r.destinationPortRanges ?? [r.destinationPortRange]).join(",")}`);
  }
  for (const f of of(rs, T.fw).filter((x) => x.inputs.allows && x.inputs.sourceRanges.some(world)))
    open.push(`other gcp ${JSON.stringify(f.inputs.allows)}`);
  for (const fr of of(rs, T.fr).filter((x) => x.inputs.loadBalancingScheme === "EXTERNAL_MANAGED"))
    open.push(`balancer gcp ${fr.inputs.portRange}`);
  // Instances with public addresses would be open whatever the firewalls say.
  for (const lt of of(rs, T.lt).filter((x) => x.inputs.networkInterfaces.some((n: any) => n.associatePublicIpAddress !== "false")))
    open.push(`instance aws ${lt.name}`);
  for (const v of of(rs, T.vmss))
    for (const nic of v.inputs.virtualMachineProfile.networkProfile.networkInterfaceConfigurations)
      for (const ip of nic.ipConfigurations) if (ip.publicIPAddressConfiguration) open.push(`instance azure ${v.name}`);
  for (const tpl of of(rs, T.tpl).filter((x) => x.inputs.networkInterfaces.some((n: any) => n.accessConfigs?.length)))
    open.push(`instance gcp ${tpl.name}`);
  return open.sort();
}

/** Front door: public name -> its weighted targets, each with its health check and what it resolves to. */
export function frontDoor(rs: readonly Recorded[]): Map<string, { setIdentifier: string; ttl: number; check?: Recorded; target?: Recorded }[]> {
  const out = new Map<string, { setIdentifier: string; ttl: number; check?: Recorded; target?: Recorded }[]>();
  for (const r of of(rs, T.r53Record).filter((x) => x.inputs.weightedRoutingPolicies)) {
    const list = out.get(r.inputs.name) ?? [];
    list.push({
      setIdentifier: r.inputs.setIdentifier,
      ttl: r.inputs.ttl,
      check: byId(rs, T.r53Check, r.inputs.healthCheckId),
      target: of(rs, T.r53Record).find((x) => x.inputs.name === r.inputs.records[0] && !x.inputs.weightedRoutingPolicies),
    });
    out.set(r.inputs.name, list);
  }
  return out;
}

export { T as TYPES };
