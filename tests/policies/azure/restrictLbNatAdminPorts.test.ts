import { restrictLbNatAdminPorts } from "../../../policies/azure/restrictLbNatAdminPorts";
import { ruleCases } from "../ruleCases";

const publicFrontend = [{ name: "fe", publicIPAddress: { id: "/pip/lb" } }];

ruleCases(
  "policies/azure/restrictLbNatAdminPorts",
  restrictLbNatAdminPorts,
  {
    type: "azure-native:network:LoadBalancer",
    name: "lb",
    props: { resourceGroupName: "rg", frontendIPConfigurations: publicFrontend, loadBalancingRules: [{ name: "https", protocol: "Tcp", frontendPort: 443, backendPort: 8443 }] },
  },
  [
    {
      it: "reports a NAT rule forwarding to SSH from a public frontend",
      props: (b) => ({ ...b, inboundNatRules: [{ name: "ssh", protocol: "Tcp", frontendPort: 50022, backendPort: 22 }] }),
      violations: ["Load balancer 'lb' should not forward an admin port from its public frontend: inboundNatRules[0] sends traffic to backend port 22; remove it and reach the VMs through Azure Bastion or a VPN."],
    },
    {
      it: "reports a NAT pool to RDP",
      props: (b) => ({ ...b, inboundNatPools: [{ name: "rdp", protocol: "Tcp", frontendPortRangeStart: 50000, frontendPortRangeEnd: 50099, backendPort: 3389 }] }),
      violations: ["Load balancer 'lb' should not forward an admin port from its public frontend: inboundNatPools[0] sends traffic to backend port 3389; remove it and reach the VMs through Azure Bastion or a VPN."],
    },
    {
      it: "leaves internal load balancers alone",
      props: (b) => ({ ...b, frontendIPConfigurations: [{ name: "fe", subnet: { id: "/s" }, privateIPAddress: "10.0.0.4" }], inboundNatRules: [{ name: "ssh", protocol: "Tcp", frontendPort: 22, backendPort: 22 }] }),
    },
  ],
);
