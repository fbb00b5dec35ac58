// Azure network of one region: a virtual network with a workload subnet without default outbound
// access and a network security group on it, and on demand a balancer subnet (internal balancers'
// fixed addresses), the Application Gateway's subnet with its own NSG, and the GatewaySubnet of
// the VPN gateway. The subnet NSG is the coarse outer filter (admin ports denied from the
// internet, cloudfit's private space allowed); each service's own NSG on its scale sets' network
// interfaces is the fine-grained inner one.

import * as pulumi from "@pulumi/pulumi";
import { NetworkSecurityGroup, Subnet, VirtualNetwork } from "@pulumi/azure-native/network";
import { ADDRESS_SPACE, subnetLayout } from "../addressing";
import { azureTags } from "../tags";
import type { NetworkParts, NetworkResources } from "../network";

/** One inbound NSG rule in the inline form of NetworkSecurityGroup.securityRules. */
function rule(
  priority: number,
  ruleName: string,
  access: "Allow" | "Deny",
  source: string,
  ports: string[],
  description: string,
) {
  return {
    name: ruleName,
    priority,
    direction: "Inbound",
    access,
    protocol: "Tcp",
    sourceAddressPrefix: source,
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRanges: ports,
    description,
  };
}

/** Creates the virtual network, subnets and subnet NSGs of an Azure region. */
export function azureNetwork(
  name: string,
  region: string,
  cidr: string,
  resourceGroupName: pulumi.Input<string>,
  parts: NetworkParts,
  natGatewayId: pulumi.Output<string> | undefined,
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): NetworkResources {
  const t = azureTags(tags);
  const layout = subnetLayout(cidr);
  const vnet = new VirtualNetwork(
    `${name}-vnet`,
    { resourceGroupName, location: region, addressSpace: { addressPrefixes: [cidr] }, tags: t },
    opts,
  );
  const nsg = new NetworkSecurityGroup(
    `${name}-nsg`,
    {
      resourceGroupName,
      location: region,
      securityRules: [
        rule(100, "deny-admin-from-internet", "Deny", "Internet", ["22", "3389"], "No SSH or RDP from the internet"),
        rule(
          300,
          "allow-cloudfit-private",
          "Allow",
          ADDRESS_SPACE,
          ["1-65535"],
          "cloudfit networks; each service's NSG admits only its linked ports",
        ),
      ],
      tags: t,
    },
    opts,
  );
  // Azure updates a virtual network's subnets one at a time: each subnet waits for the previous.
  let previous: pulumi.Resource | undefined;
  const subnet = (role: string, args: Record<string, unknown>) => {
    const s: Subnet = new Subnet(
      `${name}-${role}`,
      { resourceGroupName, virtualNetworkName: vnet.name, defaultOutboundAccess: false, ...args },
      { ...opts, ...(previous ? { dependsOn: [previous] } : {}) },
    );
    previous = s;
    return s;
  };
  const workloads = subnet("subnet", {
    addressPrefix: layout ? layout.private[0] : cidr,
    networkSecurityGroup: { id: nsg.id },
    ...(natGatewayId ? { natGateway: { id: natGatewayId } } : {}),
  });
  const balancers =
    parts.endpoints && layout
      ? subnet("balancers", { addressPrefix: layout.balancers[0], networkSecurityGroup: { id: nsg.id } })
      : undefined;
  let appGateway: Subnet | undefined;
  if (parts.publicSubnets && parts.ingress && layout) {
    // Rules the Application Gateway v2 subnet must allow: GatewayManager on 65200-65535 and the
    // Azure load balancer (learn.microsoft.com, "Application Gateway infrastructure configuration").
    const gwNsg = new NetworkSecurityGroup(
      `${name}-appgw-nsg`,
      {
        resourceGroupName,
        location: region,
        securityRules: [
          rule(100, "allow-gateway-manager", "Allow", "GatewayManager", ["65200-65535"], "Application Gateway v2 infrastructure"),
          rule(110, "allow-https-from-internet", "Allow", "Internet", ["443", "80"], "Balancer listeners: HTTPS, and HTTP answered with a redirect to HTTPS"),
          rule(120, "allow-azure-load-balancer", "Allow", "AzureLoadBalancer", ["1-65535"], "Platform health probes"),
          rule(4000, "deny-other-from-internet", "Deny", "Internet", ["1-65535"], "Nothing else from the internet"),
        ],
        tags: t,
      },
      opts,
    );
    appGateway = subnet("appgw", { addressPrefix: layout.appGateway, networkSecurityGroup: { id: gwNsg.id } });
  }
  // GatewaySubnet takes no NSG and no NAT gateway (learn.microsoft.com, "About VPN Gateway configuration settings").
  const gateway =
    parts.vpn && layout
      ? subnet("gateway", {
          subnetName: "GatewaySubnet",
          addressPrefix: layout.gateway,
          defaultOutboundAccess: undefined,
        })
      : undefined;
  return {
    networkId: vnet.id,
    networkName: vnet.name,
    subnetIds: [workloads.id],
    firewallId: nsg.id,
    balancerSubnetIds: balancers ? [balancers.id] : [],
    publicSubnetIds: appGateway ? [appGateway.id] : [],
    gatewaySubnetId: gateway?.id,
  };
}
