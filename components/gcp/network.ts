// GCP network of one region: a custom-mode VPC network with one private subnetwork (Private
// Google Access on) and a firewall rule that denies SSH and RDP from anywhere at high priority, so
// no later allow rule can open them (GCP denies other ingress by default); on demand a balancer
// subnetwork (internal balancers' fixed addresses), the proxy-only subnetwork of the regional
// external Application Load Balancer, and a Cloud Router (for Cloud NAT and the VPN's BGP).

import type * as pulumi from "@pulumi/pulumi";
import { Firewall, Network, Router, Subnetwork } from "@pulumi/gcp/compute";
import { subnetLayout } from "../addressing";
import { gcpName } from "../tags";
import type { NetworkParts, NetworkResources } from "../network";

/** Creates the VPC network, subnetworks, admin-port firewall and router of a GCP region. */
export function gcpNetwork(
  name: string,
  region: string,
  cidr: string,
  asn: number,
  parts: NetworkParts,
  opts: pulumi.CustomResourceOptions,
): NetworkResources {
  const layout = subnetLayout(cidr);
  const net = new Network(
    gcpName(`${name}-vpc`),
    {
      autoCreateSubnetworks: false,
      routingMode: "REGIONAL",
      description: `cloudfit network ${name}`,
    },
    opts,
  );
  const sub = new Subnetwork(
    gcpName(`${name}-subnet`),
    {
      network: net.id,
      region,
      ipCidrRange: layout ? layout.private[0] : cidr,
      privateIpGoogleAccess: true,
    },
    opts,
  );
  const balancers =
    parts.endpoints && layout
      ? new Subnetwork(
          gcpName(`${name}-balancers`),
          { network: net.id, region, ipCidrRange: layout.balancers[0], privateIpGoogleAccess: true },
          opts,
        )
      : undefined;
  const proxy =
    parts.ingress && layout
      ? new Subnetwork(
          gcpName(`${name}-proxy`),
          {
            network: net.id,
            region,
            ipCidrRange: layout.proxy,
            purpose: "REGIONAL_MANAGED_PROXY",
            role: "ACTIVE",
          },
          opts,
        )
      : undefined;
  const fw = new Firewall(
    gcpName(`${name}-deny-admin`),
    {
      network: net.id,
      direction: "INGRESS",
      priority: 100,
      denies: [{ protocol: "tcp", ports: ["22", "3389"] }],
      sourceRanges: ["0.0.0.0/0"],
      description: "No SSH or RDP from anywhere",
    },
    opts,
  );
  const router =
    parts.nat !== "off" || parts.vpn
      ? new Router(
          gcpName(`${name}-router`),
          { network: net.id, region, bgp: { asn } },
          opts,
        )
      : undefined;
  return {
    networkId: net.id,
    networkName: net.name,
    networkSelfLink: net.selfLink,
    subnetIds: [sub.id],
    firewallId: fw.id,
    balancerSubnetIds: balancers ? [balancers.id] : [],
    publicSubnetIds: [],
    routerName: router?.name,
    proxySubnet: proxy,
  };
}
