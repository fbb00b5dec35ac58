// Azure subnets and whether traffic into them passes a network security group: separate Subnet
// resources and the inline subnets of a VirtualNetwork, and the subnets Azure reserves for its
// own gateways, where an NSG is not supported or not required.

import type { SubnetArgs as SubnetResource } from "@pulumi/azure-native/network/subnet";
import type { VirtualNetworkArgs } from "@pulumi/azure-native/network/virtualNetwork";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { Read, asList, asString, field, isPresent } from "./read";
import { UNKNOWN, Unknown } from "./unknown";

/** Separate subnet resources. */
export const SUBNET = "azure-native:network:Subnet";
/** Virtual networks, which may declare their subnets inline. */
export const VNET = "azure-native:network:VirtualNetwork";

type Subnet = azureInput.network.SubnetArgs;

/**
 * Subnets Azure reserves for its gateways and firewalls, which take no NSG (or need none):
 * VPN/ExpressRoute gateways, Azure Firewall and Route Server (Azure virtual network docs).
 */
export const RESERVED_SUBNETS: ReadonlySet<string> = new Set([
  "gatewaysubnet",
  "azurefirewallsubnet",
  "azurefirewallmanagementsubnet",
  "routeserversubnet",
]);

/** One subnet: its name (when known) and whether it has an NSG (UNKNOWN when not known). */
export interface SubnetInfo {
  readonly name: string | undefined;
  readonly where: string;
  readonly hasNsg: boolean | Unknown;
}

function hasNsg(subnet: Read): boolean | Unknown {
  const nsg = field<Subnet>(subnet, "networkSecurityGroup");
  if (nsg === UNKNOWN) return UNKNOWN;
  return isPresent(field<azureInput.network.NetworkSecurityGroupArgs>(nsg, "id"));
}

/** The subnets a Subnet or VirtualNetwork resource declares; UNKNOWN when not known yet. */
export function subnetsOf(type: string, props: Read): SubnetInfo[] | Unknown {
  if (type === SUBNET) {
    const name = asString(field<SubnetResource>(props, "subnetName")) ?? asString(field<Subnet>(props, "name"));
    return [{ name: typeof name === "string" ? name : undefined, where: "it", hasNsg: hasNsg(props) }];
  }
  if (type !== VNET) return [];
  const inline = asList(field<VirtualNetworkArgs>(props, "subnets"));
  if (inline === UNKNOWN) return UNKNOWN;
  return inline.map((s, i) => {
    const name = asString(field<Subnet>(s, "name"));
    const label = typeof name === "string" ? `subnet '${name}'` : `subnets[${i}]`;
    return { name: typeof name === "string" ? name : undefined, where: label, hasNsg: hasNsg(s) };
  });
}

/** True for a subnet Azure reserves for gateways or firewalls. */
export function isReserved(name: string | undefined): boolean {
  return name !== undefined && RESERVED_SUBNETS.has(name.trim().toLowerCase());
}
