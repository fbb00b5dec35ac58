// Google Cloud network and DNS price rules: Cloud NAT, VPN tunnels and gateways, forwarding
// rules (load balancers), Cloud DNS managed zones and record sets.

import { RuleContext, Rules } from "../context";
import type { PricingResource } from "../types";
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

/** A VPN tunnel: hourly. */
function vpnTunnel(r: PricingResource, ctx: RuleContext) {
  const region = gcpRegion(r, ctx);
  return { region, components: [ctx.component("VPN tunnel", "gcp.vpn.tunnel", region, ctx.hours(r), { unit: "hours" })] };
}

/** A VPN gateway: its IPSec traffic out, from the usage file, at the between-continents rate (an upper bound). */
function vpnGateway(r: PricingResource, ctx: RuleContext) {
  const region = gcpRegion(r, ctx);
  return { region, components: [ctx.usageComponent(r, "IPSec traffic (between continents rate)", "gcp.vpn.ipsec-intercontinental", region, "monthlyEgressGB", { unit: "GB" })] };
}

/** A forwarding rule (load balancer front end): rule hours and ingress data processed. */
function forwardingRule(r: PricingResource, ctx: RuleContext) {
  const region = ctx.region(r, "gcp", "its region is unknown: set its region, or gcp:region in the stack configuration");
  return {
    region,
    components: [
      ctx.component("Forwarding rules", "gcp.lb.forwarding-rule", region, ctx.hours(r), { unit: "hours" }),
      ctx.usageComponent(r, "Ingress data", "gcp.lb.ingress-gb", region, "monthlyDataProcessedGB", { unit: "GB" }),
    ],
  };
}

/** A Cloud DNS managed zone: the monthly zone fee (first 25 zones' rate). */
function managedZone(r: PricingResource, ctx: RuleContext) {
  return { region: "global", components: [ctx.component("Managed zone", "gcp.dns.zone", "global", 1, { unit: "months" })] };
}

/** A record set: queries from the usage file. */
function recordSet(r: PricingResource, ctx: RuleContext) {
  return { region: "global", components: [ctx.usageComponent(r, "Queries", "gcp.dns.queries", "global", "monthlyQueries", { unit: "1M queries", scale: 1e-6 })] };
}

/** Google Cloud network and DNS rules by type token. */
export const gcpNetworkRules: Rules = {
  "gcp:compute/routerNat:RouterNat": routerNat,
  "gcp:compute/haVpnGateway:HaVpnGateway": vpnGateway,
  "gcp:compute/vPNGateway:VPNGateway": vpnGateway,
  "gcp:compute/vPNTunnel:VPNTunnel": vpnTunnel,
  "gcp:compute/forwardingRule:ForwardingRule": forwardingRule,
  "gcp:compute/globalForwardingRule:GlobalForwardingRule": (r, ctx) => {
    const region = ctx.options.defaultRegions?.gcp ?? "us-central1";
    return { region, components: [ctx.component("Forwarding rules", "gcp.lb.forwarding-rule", region, ctx.hours(r), { unit: "hours" }), ctx.usageComponent(r, "Ingress data", "gcp.lb.ingress-gb", region, "monthlyDataProcessedGB", { unit: "GB" })] };
  },
  "gcp:dns/managedZone:ManagedZone": managedZone,
  "gcp:dns/recordSet:RecordSet": recordSet,
};
