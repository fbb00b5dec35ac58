import { blockNicIpForwarding } from "../../../policies/azure/blockNicIpForwarding";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/blockNicIpForwarding",
  blockNicIpForwarding,
  { type: "azure-native:network:NetworkInterface", name: "nic", props: { resourceGroupName: "rg", enableIPForwarding: false } },
  [
    {
      it: "reports IP forwarding",
      props: (b) => ({ ...b, enableIPForwarding: true }),
      violations: ["Network interface 'nic' should not forward other hosts' traffic: set enableIPForwarding to false unless this interface belongs to a NAT or firewall appliance."],
    },
  ],
);
