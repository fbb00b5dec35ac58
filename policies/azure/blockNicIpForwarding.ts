// Network interfaces should not forward traffic addressed to other hosts unless they belong to a
// network appliance (a NAT or firewall VM). Advisory, since such appliances are legitimate.

import type { NetworkInterfaceArgs } from "@pulumi/azure-native/network/networkInterface";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** enableIPForwarding is not true. */
export const blockNicIpForwarding = resourceRule({
  name: "azure-network-nic-ip-forwarding-disabled",
  description: "Azure network interfaces must not enable IP forwarding unless they belong to a network appliance.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CKV_AZURE_118"],
  types: ["azure-native:network:NetworkInterface"],
  check: (ctx) => {
    const on = asBool(field<NetworkInterfaceArgs>(ctx.props, "enableIPForwarding"));
    if (on === UNKNOWN) ctx.undecided("enableIPForwarding");
    else if (on === true) {
      ctx.report(
        `${ctx.label} should not forward other hosts' traffic: set enableIPForwarding to false ` +
          `unless this interface belongs to a NAT or firewall appliance.`,
      );
    }
  },
});
