// A network interface with a public IP address must sit behind a network security group: its
// own, or its subnet's. Without one, every port the VM listens on is reachable from the
// internet (Azure allows all inbound traffic to a public IP when no NSG applies). A stack
// rule, because the subnet is another resource, linked through the NIC's property dependencies;
// anchored on network interfaces, so the runtime skips it in stacks without one.

import type { PolicyResource } from "@pulumi/policy";
import type { NetworkInterfaceArgs } from "@pulumi/azure-native/network/networkInterface";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { SUBNET, VNET, isReserved, subnetsOf } from "../lib/azureSubnets";
import { resourcesOfType } from "../lib/links";
import { describeResource } from "../lib/messages";
import { asList, field, isPresent } from "../lib/read";
import { stackRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const NIC = "azure-native:network:NetworkInterface";

type IpConfiguration = azureInput.network.NetworkInterfaceIPConfigurationArgs;

/** The subnet and virtual network resources a NIC's ipConfigurations came from. */
function linkedNetworks(nic: PolicyResource): PolicyResource[] {
  try {
    const deps = nic.propertyDependencies.ipConfigurations ?? [];
    return deps.filter((d) => d.type === SUBNET || d.type === VNET);
  } catch {
    return [];
  }
}

/** Whether the linked subnets filter traffic: true, false, or UNKNOWN when not decidable. */
function subnetsFilter(networks: readonly PolicyResource[]): boolean | typeof UNKNOWN {
  let unknown = false;
  for (const n of networks) {
    const subnets = subnetsOf(n.type, n.props);
    if (subnets === UNKNOWN) return UNKNOWN;
    const relevant = subnets.filter((s) => !isReserved(s.name));
    if (relevant.length === 0) continue;
    if (relevant.some((s) => s.hasNsg === UNKNOWN)) unknown = true;
    else if (relevant.every((s) => s.hasNsg === true)) continue;
    // Some subnets of a linked network lack an NSG; which one the NIC uses is not known when
    // the network declares several, so only a network whose subnets all lack one decides.
    else if (relevant.every((s) => s.hasNsg === false)) return false;
    else unknown = true;
  }
  return unknown ? UNKNOWN : true;
}

/** Every NIC with a public IP has an NSG on itself or on its subnet. */
export const requirePublicNicNsg = stackRule({
  name: "azure-network-public-ip-behind-nsg",
  description:
    "Azure network interfaces with a public IP address must be covered by a network security group on the interface or its subnet.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS Azure 6.1", "CIS Azure 6.2", "CKV2_AZURE_31"],
  anchorType: NIC,
  check: (ctx) => {
    for (const nic of resourcesOfType(ctx.resources, [NIC])) {
      const label = describeResource(nic.type, nic.name);
      const configs = asList(field<NetworkInterfaceArgs>(nic.props, "ipConfigurations"));
      if (configs === UNKNOWN) {
        ctx.undecided(`${label}: its ipConfigurations are not known yet`);
        continue;
      }
      const publicIp = configs.some((c) => isPresent(field<IpConfiguration>(c, "publicIPAddress")));
      if (!publicIp) continue;
      const nsg = field<NetworkInterfaceArgs>(nic.props, "networkSecurityGroup");
      if (nsg === UNKNOWN || isPresent(field<azureInput.network.NetworkSecurityGroupArgs>(nsg, "id"))) continue;
      const networks = linkedNetworks(nic);
      // A subnet outside the stack (named by a literal ID) cannot be checked here.
      if (networks.length === 0) continue;
      const filtered = subnetsFilter(networks);
      if (filtered === UNKNOWN) {
        ctx.undecided(`${label}: whether its subnet has a network security group is not known yet`);
      } else if (!filtered) {
        ctx.report(
          `${label} should be behind a network security group: it has a public IP address but ` +
            `neither it nor its subnet has an NSG, so every port its VM listens on is open to the ` +
            `internet; set networkSecurityGroup.id on the interface or its subnet to an NSG ` +
            `allowing only the ports it serves.`,
          nic.urn,
        );
      }
    }
  },
});
