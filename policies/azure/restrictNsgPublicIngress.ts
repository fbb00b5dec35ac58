// Azure network security groups must not open any port to the internet beyond the ports allowed
// for public traffic (HTTP and HTTPS unless configured, more by tag). Openings that include
// admin ports are left to azure-network-no-public-admin-ports, so each is reported once.

import { NSG, SECURITY_RULE, azureRules, azureWorldOpening } from "../lib/azureRules";
import { PUBLIC_PORTS_SCHEMA, PublicPortsConfig, readPublicPorts, reportPublicOpenings } from "../lib/publicPorts";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** Ports beyond the allowed ones are open to the internet on no NSG. */
export const restrictNsgPublicIngress = resourceRule<PublicPortsConfig>({
  name: "azure-network-no-public-ingress",
  description:
    "Azure network security rules must not allow inbound traffic from *, Internet or 0.0.0.0/0 to ports other than the allowed public ports (80 and 443 unless configured).",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS Azure 6.3", "CIS Azure 6.4", "CKV_AZURE_77", "CKV_AZURE_160"],
  configSchema: PUBLIC_PORTS_SCHEMA,
  types: [NSG, SECURITY_RULE],
  config: readPublicPorts,
  check: (ctx) => {
    const rules = azureRules(ctx.type, ctx.props);
    if (rules === UNKNOWN) return ctx.undecided("securityRules");
    reportPublicOpenings(
      ctx,
      rules,
      azureWorldOpening,
      () => "restrict its sourceAddressPrefix or sourceAddressPrefixes to known networks, or allow the ports with the policy's publicPortsByTag setting.",
    );
  },
});
