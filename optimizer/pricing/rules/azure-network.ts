// Azure network and DNS price rules: load balancers, application gateways, NAT gateways, public
// IP addresses and prefixes, virtual network (VPN) gateways, DNS zones and record sets.

import { CostComponent, RuleContext, Rules, Unpriceable } from "../context";
import { list, num, str } from "../read";
import type { PricingResource } from "../types";
import { azureRegion } from "./azure-compute";
import { count, GLOBAL, partsRule } from "./common";

/** A load balancer: Standard bills its rules hourly (first five together) and data processed; Basic is free. */
function loadBalancer(r: PricingResource, ctx: RuleContext) {
  const sku = str(r.props, "sku", "name") ?? "Basic";
  if (sku === "Basic") return { free: "a Basic load balancer has no charge" };
  const region = azureRegion(r, ctx);
  const hours = ctx.hours(r);
  const rules = list(r.props, "loadBalancingRules").length + list(r.props, "outboundRules").length;
  const components: CostComponent[] = [];
  if (rules > 0) components.push(ctx.component("Rules (first 5)", "azure.lb.rule-first5", region, hours, { unit: "hours" }));
  if (rules > 5) components.push(ctx.component("Rules (over 5)", "azure.lb.rule-extra", region, (rules - 5) * hours, { unit: "rule-hours" }));
  components.push(ctx.usageComponent(r, "Data processed", "azure.lb.gb", region, "monthlyDataProcessedGB", { unit: "GB" }));
  return { region, components };
}

/** An application gateway (v2 SKUs): gateway hours and capacity units (usage, else the declared minimum). */
function appGateway(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const tier = (str(r.props, "sku", "tier") ?? str(r.props, "sku", "name") ?? "").toLowerCase();
  const key = tier.startsWith("waf") ? "waf-v2" : tier.startsWith("basic") ? "basic-v2" : tier.startsWith("standard_v2") ? "standard-v2" : undefined;
  if (!key) throw new Unpriceable(`application gateway tier '${tier}' (v1) is not in the catalog`);
  const hours = ctx.hours(r);
  const lcu = ctx.usage(r).monthlyLcu ?? count(r.props, "autoscaleConfiguration", "minCapacity") ?? count(r.props, "sku", "capacity");
  return {
    region,
    components: [
      ctx.component(`Gateway usage (${key})`, `azure.appgw.${key}-hour`, region, hours, { unit: "hours" }),
      ctx.component(`Capacity units (${key})`, `azure.appgw.${key}-cu`, region, lcu === undefined ? null : lcu * hours, { unit: "CU-hours", usageKey: "monthlyLcu" }),
    ],
  };
}


/** A public IP address: static or dynamic, regional or global, hourly. */
function publicIp(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const global = str(r.props, "sku", "tier") === "Global";
  const dynamic = !global && str(r.props, "publicIPAllocationMethod") === "Dynamic";
  const key = global ? "azure.ip.static-global" : dynamic ? "azure.ip.dynamic-regional" : "azure.ip.static-regional";
  const label = global ? "static, global" : dynamic ? "dynamic, regional" : "static, regional";
  return { region, components: [ctx.component(`IP address (${label})`, key, region, ctx.hours(r), { unit: "hours" })] };
}

/** A public IP prefix: every address of the prefix, hourly. */
function ipPrefix(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const len = num(r.props, "prefixLength") ?? 28;
  const ips = 2 ** (32 - len);
  return { region, components: [ctx.component(`IP prefix (/${len}, ${ips} addresses)`, "azure.ip.prefix", region, ips * ctx.hours(r), { unit: "IP-hours" })] };
}

/** A virtual network gateway: SKU hours, point-to-site tunnels over 128 and data from the usage file. */
function vnetGateway(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const sku = str(r.props, "sku", "name") ?? "Basic";
  return {
    region,
    components: [
      ctx.component(`VPN gateway (${sku})`, `azure.vpngw.${sku}`, region, ctx.hours(r), { unit: "hours" }),
      ctx.usageComponent(r, "VPN gateway data transfer", "azure.vpngw.gb", region, "monthlyDataProcessedGB", { unit: "GB" }),
    ],
  };
}



const dnsZone = partsRule(GLOBAL, [{ label: "Hosted zone", key: "azure.dns.zone", unit: "months", per: "month" }]);
const recordSet = partsRule(GLOBAL, [{ label: "DNS queries", key: "azure.dns.queries", unit: "1M queries", usageKey: "monthlyQueries", scale: 1e-6 }]);

/** Azure network and DNS rules by type token. */
export const azureNetworkRules: Rules = {
  "azure-native:network:LoadBalancer": loadBalancer,
  "azure-native:network:ApplicationGateway": appGateway,
  "azure-native:network:NatGateway": partsRule(azureRegion, [
    { label: "NAT gateway", key: "azure.nat.hour", unit: "hours", per: "hour" },
    { label: "Data processed", key: "azure.nat.gb", unit: "GB", usageKey: "monthlyDataProcessedGB" },
  ]),
  "azure-native:network:PublicIPAddress": publicIp,
  "azure-native:network:PublicIPPrefix": ipPrefix,
  "azure-native:network:VirtualNetworkGateway": vnetGateway,
  "azure-native:dns:Zone": dnsZone,
  "azure-native:network:Zone": dnsZone,
  "azure-native:privatedns:PrivateZone": dnsZone,
  "azure-native:dns:RecordSet": recordSet,
  "azure-native:network:RecordSet": recordSet,
};
