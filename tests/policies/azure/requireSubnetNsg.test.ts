import { requireSubnetNsg } from "../../../policies/azure/requireSubnetNsg";
import { ruleCases } from "../ruleCases";

const FIX = "set networkSecurityGroup.id to an NSG that allows only the traffic its machines need.";

ruleCases(
  "policies/azure/requireSubnetNsg",
  requireSubnetNsg,
  { type: "azure-native:network:Subnet", name: "app", props: { resourceGroupName: "rg", virtualNetworkName: "vnet", addressPrefix: "10.0.1.0/24", networkSecurityGroup: { id: "/nsg/app" } } },
  [
    {
      it: "reports a subnet without an NSG",
      props: (b) => ({ ...b, networkSecurityGroup: undefined }),
      violations: [`Subnet 'app' should filter traffic with a network security group: it has no networkSecurityGroup; ${FIX}`],
    },
    { it: "exempts the gateway subnet", props: (b) => ({ ...b, subnetName: "GatewaySubnet", networkSecurityGroup: undefined }) },
    {
      it: "checks the inline subnets of a virtual network",
      type: "azure-native:network:VirtualNetwork",
      props: () => ({ resourceGroupName: "rg", subnets: [{ name: "AzureFirewallSubnet", addressPrefix: "10.0.0.0/26" }, { name: "web", addressPrefix: "10.0.2.0/24" }] }),
      violations: [`Virtual network 'app' should filter traffic with a network security group: subnet 'web' has no networkSecurityGroup; ${FIX}`],
    },
  ],
);
