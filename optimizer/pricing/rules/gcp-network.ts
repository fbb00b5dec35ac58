// Google Cloud network and DNS price rules: Cloud NAT, VPN tunnels and gateways, forwarding
// rules (load balancers), Cloud DNS managed zones and record sets.

import { RuleContext, Rules } from "../context";
import type { PricingResource } from "../types";
import { GLOBAL, Part, partsRule } from "./common";
import { gcpRegion } from "./gcp-compute";

/** Cloud NAT: VM-hours of the VMs it serves (at most 32 are billed) and data processed. */
function routerNat(r: PricingResource, ctx: RuleContext) {
  const region = gcpRegion(r, ctx);
  const vms = ctx.usage(r).assignedVms;
  return {
    region,
    components: [
      ctx.component("Assigned VMs (first 32)", "gcp.nat.vm-hour", region, vms === undefined ? null : Math.min(32, vms) * ctx.hours(r), { unit: "VM-hours", usageKey: "assignedVms" }),
      ctx.usageComponent(r, "Data processed", "gcp.nat.gb", region, "monthlyDataProcessedGB", { unit: "GiB" }),
    ],
  };
}






const vpnTunnel = partsRule(gcpRegion, [{ label: "VPN tunnel", key: "gcp.vpn.tunnel", unit: "hours", per: "hour" }]);
/** VPN gateways: IPSec traffic out at the between-continents rate (an upper bound). */
const vpnGateway = partsRule(gcpRegion, [{ label: "IPSec traffic (between continents rate)", key: "gcp.vpn.ipsec-intercontinental", unit: "GB", usageKey: "monthlyEgressGB" }]);
const forwardingParts: Part[] = [
  { label: "Forwarding rules", key: "gcp.lb.forwarding-rule", unit: "hours", per: "hour" },
  { label: "Ingress data", key: "gcp.lb.ingress-gb", unit: "GB", usageKey: "monthlyDataProcessedGB" },
];

/** Google Cloud network and DNS rules by type token. */
export const gcpNetworkRules: Rules = {
  "gcp:compute/routerNat:RouterNat": routerNat,
  "gcp:compute/haVpnGateway:HaVpnGateway": vpnGateway,
  "gcp:compute/vPNGateway:VPNGateway": vpnGateway,
  "gcp:compute/vPNTunnel:VPNTunnel": vpnTunnel,
  "gcp:compute/forwardingRule:ForwardingRule": partsRule(gcpRegion, forwardingParts),
  // A global rule is priced at the base region's rates.
  "gcp:compute/globalForwardingRule:GlobalForwardingRule": partsRule((r, ctx) => ctx.options.defaultRegions?.gcp ?? "us-central1", forwardingParts),
  // The first 25 zones' rate.
  "gcp:dns/managedZone:ManagedZone": partsRule(GLOBAL, [{ label: "Managed zone", key: "gcp.dns.zone", unit: "months", per: "month" }]),
  "gcp:dns/recordSet:RecordSet": partsRule(GLOBAL, [{ label: "Queries", key: "gcp.dns.queries", unit: "1M queries", usageKey: "monthlyQueries", scale: 1e-6 }]),
};
