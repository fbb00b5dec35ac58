// Network interfaces and scale set NICs should not carry public IP addresses: machines are
// reached through load balancers, Bastion or private networks instead. Advisory, because an
// edge VM with a public address behind an NSG is a deliberate design.

import type { NetworkInterfaceArgs } from "@pulumi/azure-native/network/networkInterface";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { VMSS, machineProfile } from "../lib/azureVm";
import { asList, field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const NIC = "azure-native:network:NetworkInterface";

type IpConfiguration = azureInput.network.NetworkInterfaceIPConfigurationArgs;
type VmssProfile = azureInput.compute.VirtualMachineScaleSetVMProfileArgs;
type VmssNetwork = azureInput.compute.VirtualMachineScaleSetNetworkProfileArgs;
type VmssNic = azureInput.compute.VirtualMachineScaleSetNetworkConfigurationArgs;
type VmssIp = azureInput.compute.VirtualMachineScaleSetIPConfigurationArgs;

/** No NIC IP configuration has a publicIPAddress (or, in scale sets, a public IP configuration). */
export const blockNicPublicIp = resourceRule({
  name: "azure-network-nic-no-public-ip",
  description: "Azure network interfaces and scale set instances must not have public IP addresses.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CKV_AZURE_119"],
  types: [NIC, VMSS],
  check: (ctx) => {
    const found: string[] = [];
    if (ctx.type === NIC) {
      const configs = asList(field<NetworkInterfaceArgs>(ctx.props, "ipConfigurations"));
      if (configs === UNKNOWN) return ctx.undecided("ipConfigurations");
      configs.forEach((c, i) => {
        if (isPresent(field<IpConfiguration>(c, "publicIPAddress"))) found.push(`ipConfigurations[${i}].publicIPAddress`);
      });
    } else {
      const { profile, prefix } = machineProfile(ctx.type, ctx.props);
      const network = field<VmssProfile>(profile, "networkProfile");
      const nics = asList(field<VmssNetwork>(network, "networkInterfaceConfigurations"));
      if (nics === UNKNOWN) return ctx.undecided(`${prefix}networkProfile`);
      nics.forEach((nic, i) => {
        const ips = asList(field<VmssNic>(nic, "ipConfigurations"));
        if (ips === UNKNOWN) return ctx.undecided(`${prefix}networkProfile.networkInterfaceConfigurations[${i}]`);
        ips.forEach((ip, j) => {
          if (isPresent(field<VmssIp>(ip, "publicIPAddressConfiguration"))) {
            found.push(`${prefix}networkProfile.networkInterfaceConfigurations[${i}].ipConfigurations[${j}].publicIPAddressConfiguration`);
          }
        });
      });
    }
    for (const path of found) {
      ctx.report(
        `${ctx.label} should not have a public IP address: remove ${path} and reach the ` +
          `machine through a load balancer, Azure Bastion or a private network.`,
      );
    }
  },
});
