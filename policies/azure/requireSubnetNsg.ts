// Azure subnets must be covered by a network security group, so that traffic into every VM and
// NIC in them is filtered even when a NIC carries no NSG of its own. Subnets Azure reserves
// for gateways and firewalls are exempt.

import { SUBNET, VNET, isReserved, subnetsOf } from "../lib/azureSubnets";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** Every subnet names a networkSecurityGroup. */
export const requireSubnetNsg = resourceRule({
  name: "azure-network-subnet-has-nsg",
  description:
    "Azure subnets must be associated with a network security group, except the subnets reserved for gateways and firewalls.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CKV2_AZURE_31"],
  types: [SUBNET, VNET],
  check: (ctx) => {
    const subnets = subnetsOf(ctx.type, ctx.props);
    if (subnets === UNKNOWN) return ctx.undecided("subnets");
    for (const s of subnets) {
      if (isReserved(s.name)) continue;
      if (s.hasNsg === UNKNOWN) {
        ctx.undecided(s.where === "it" ? "networkSecurityGroup" : `${s.where}.networkSecurityGroup`);
        continue;
      }
      if (s.hasNsg) continue;
      const which = s.where === "it" ? "it has" : `${s.where} has`;
      ctx.report(
        `${ctx.label} should filter traffic with a network security group: ${which} no ` +
          `networkSecurityGroup; set networkSecurityGroup.id to an NSG that allows only the ` +
          `traffic its machines need.`,
      );
    }
  },
});
