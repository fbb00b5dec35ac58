// Public Azure load balancers must not forward administrative ports to their backends: NAT rules,
// NAT pools or load-balancing rules whose backend port is SSH or RDP put the VMs' admin access on
// the balancer's public address. Internal load balancers (no public frontend) are not checked.

import type { LoadBalancerArgs } from "@pulumi/azure-native/network/loadBalancer";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { ADMIN_PORTS_SCHEMA, portListSetting } from "../lib/config";
import { DEFAULT_ADMIN_PORTS } from "../lib/net";
import { asList, asNumber, field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Frontend = azureInput.network.FrontendIPConfigurationArgs;

interface Config {
  readonly adminPorts: readonly number[];
}

/** No rule of a public load balancer forwards to an admin port. */
export const restrictLbNatAdminPorts = resourceRule<Config>({
  name: "azure-lb-no-admin-port-forwarding",
  description:
    "Public Azure load balancers must not forward traffic to administrative backend ports (SSH 22, RDP 3389 unless configured).",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS Azure 6.1", "CIS Azure 6.2"],
  configSchema: { properties: { adminPorts: ADMIN_PORTS_SCHEMA } },
  types: ["azure-native:network:LoadBalancer"],
  config: (raw) => ({ adminPorts: portListSetting(raw.adminPorts, DEFAULT_ADMIN_PORTS) }),
  check: (ctx) => {
    const frontends = asList(field<LoadBalancerArgs>(ctx.props, "frontendIPConfigurations"));
    if (frontends === UNKNOWN) return ctx.undecided("frontendIPConfigurations");
    const isPublic = frontends.some(
      (f) => isPresent(field<Frontend>(f, "publicIPAddress")) || isPresent(field<Frontend>(f, "publicIPPrefix")),
    );
    if (!isPublic) return;
    const admin = new Set(ctx.config.adminPorts);
    for (const key of ["inboundNatRules", "inboundNatPools", "loadBalancingRules"] as const) {
      const rules = asList(field<LoadBalancerArgs>(ctx.props, key));
      if (rules === UNKNOWN) {
        ctx.undecided(key);
        continue;
      }
      rules.forEach((r, i) => {
        const port = asNumber(field<azureInput.network.InboundNatRuleArgs>(r, "backendPort"));
        if (port === UNKNOWN) return ctx.undecided(`${key}[${i}].backendPort`);
        if (port === undefined || !admin.has(port)) return;
        ctx.report(
          `${ctx.label} should not forward an admin port from its public frontend: ` +
            `${key}[${i}] sends traffic to backend port ${port}; remove it and reach the VMs ` +
            `through Azure Bastion or a VPN.`,
        );
      });
    }
  },
});
