// Azure network security groups must not open administrative ports (SSH, RDP, or every port) to
// the internet, whether the rule is inline on the group or a separate SecurityRule resource.

import { NSG, SECURITY_RULE, azureRules, azureWorldOpening } from "../lib/azureRules";
import { ADMIN_PORTS_SCHEMA, portListSetting } from "../lib/config";
import { joinAnd } from "../lib/messages";
import { DEFAULT_ADMIN_PORTS, describePorts, exposureOf } from "../lib/net";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

interface Config {
  readonly adminPorts: readonly number[];
}

/** No inbound allow rule opens port 22, 3389 or every port to `*`, `Internet` or 0.0.0.0/0. */
export const restrictNsgAdminPorts = resourceRule<Config>({
  name: "azure-network-no-public-admin-ports",
  description:
    "Azure network security rules must not allow inbound SSH, RDP or every port from *, Internet or 0.0.0.0/0.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS Azure 6.1", "CIS Azure 6.2", "CKV_AZURE_9", "CKV_AZURE_10"],
  configSchema: { properties: { adminPorts: ADMIN_PORTS_SCHEMA } },
  types: [NSG, SECURITY_RULE],
  config: (raw) => ({ adminPorts: portListSetting(raw.adminPorts, DEFAULT_ADMIN_PORTS) }),
  check: (ctx) => {
    const rules = azureRules(ctx.type, ctx.props);
    if (rules === UNKNOWN) return ctx.undecided("securityRules");
    for (const r of rules) {
      const opening = azureWorldOpening(r);
      if (opening === undefined) continue;
      if ("undecided" in opening) {
        ctx.undecided(opening.undecided);
        continue;
      }
      const exposure = exposureOf(opening.scope, opening.ranges, ctx.config.adminPorts);
      if (!exposure) continue;
      ctx.report(
        `${ctx.label} should not open admin ports to the internet: ${r.where} allows ` +
          `${describePorts(exposure.ports, exposure.all)} from ${joinAnd(opening.world)}; ` +
          `restrict its sourceAddressPrefix or sourceAddressPrefixes to known networks.`,
      );
    }
  },
});
