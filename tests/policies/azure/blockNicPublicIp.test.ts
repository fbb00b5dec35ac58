import { blockNicPublicIp } from "../../../policies/azure/blockNicPublicIp";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/blockNicPublicIp",
  blockNicPublicIp,
  { type: "azure-native:network:NetworkInterface", name: "nic", props: { resourceGroupName: "rg", ipConfigurations: [{ name: "ip", subnet: { id: "/s" } }] } },
  [
    {
      it: "reports a NIC with a public IP",
      props: (b) => ({ ...b, ipConfigurations: [{ name: "ip", subnet: { id: "/s" }, publicIPAddress: { id: "/pip" } }] }),
      violations: ["Network interface 'nic' should not have a public IP address: remove ipConfigurations[0].publicIPAddress and reach the machine through a load balancer, Azure Bastion or a private network."],
    },
    {
      it: "reports scale set instances with public IPs",
      type: "azure-native:compute:VirtualMachineScaleSet",
      props: () => ({ virtualMachineProfile: { networkProfile: { networkInterfaceConfigurations: [{ name: "nic", ipConfigurations: [{ name: "ip", publicIPAddressConfiguration: { name: "pub" } }] }] } } }),
      violations: ["Scale set 'nic' should not have a public IP address: remove virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0].publicIPAddressConfiguration and reach the machine through a load balancer, Azure Bastion or a private network."],
    },
  ],
);
