// AWS network price rules: load balancers (application, network, gateway, classic), NAT
// gateways, VPN connections, transit gateway attachments, interface VPC endpoints and
// CloudFront distributions. Hourly parts are priced; data and capacity parts come from usage.

import { CostComponent, RuleContext, Rules } from "../context";
import { list, str } from "../read";
import type { PricingResource } from "../types";
import { awsRegion } from "./aws-compute";
import { GLOBAL, partsRule } from "./common";

/** A load balancer of the current generation: hours and capacity units. */
function loadBalancer(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const type = (str(r.props, "loadBalancerType") ?? "application").toLowerCase();
  const hours = ctx.hours(r);
  if (type === "gateway") {
    return { region, components: [ctx.component("Gateway load balancer", "aws.elb.gwlb-hour", region, hours, { unit: "hours" })] };
  }
  const [key, label] = type === "network" ? ["nlb", "Network"] : ["alb", "Application"];
  return {
    region,
    components: [
      ctx.component(`${label} load balancer`, `aws.elb.${key}-hour`, region, hours, { unit: "hours" }),
      ctx.usageComponent(r, "Load balancer capacity units", `aws.elb.${key}-lcu`, region, "monthlyLcu", { unit: "LCU-hours", scale: hours }),
    ],
  };
}



/** A site-to-site VPN connection: connection hours, and a transit gateway attachment when attached to one. */
function vpn(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const hours = ctx.hours(r);
  const components: CostComponent[] = [ctx.component("VPN connection", "aws.vpn.connection-hour", region, hours, { unit: "hours" })];
  if (str(r.props, "transitGatewayId")) {
    components.push(ctx.component("Transit gateway attachment", "aws.tgw.attachment-hour", region, hours, { unit: "hours" }));
    components.push(ctx.usageComponent(r, "Transit gateway data processed", "aws.tgw.gb", region, "monthlyDataProcessedGB", { unit: "GB" }));
  }
  return { region, components };
}


/** A VPC endpoint: interface endpoints bill per AZ-hour and per GB; gateway endpoints are free. */
function vpcEndpoint(r: PricingResource, ctx: RuleContext) {
  const type = str(r.props, "vpcEndpointType") ?? "Gateway";
  if (type === "Gateway") return { free: "gateway VPC endpoints (S3, DynamoDB) have no charge" };
  const region = awsRegion(r, ctx);
  const azs = Math.max(1, list(r.props, "subnetIds").length);
  return {
    region,
    components: [
      ctx.component(`Endpoint (${azs} AZ)`, "aws.vpce.interface-hour", region, azs * ctx.hours(r), { unit: "AZ-hours" }),
      ctx.usageComponent(r, "Data processed", "aws.vpce.gb", region, "monthlyDataProcessedGB", { unit: "GB" }),
    ],
  };
}


const dataProcessed = (key: string) => ({ label: "Data processed", key, unit: "GB", usageKey: "monthlyDataProcessedGB" });

/** AWS network rules by type token. */
export const awsNetworkRules: Rules = {
  "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:alb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:elb/loadBalancer:LoadBalancer": partsRule(awsRegion, [{ label: "Classic load balancer", key: "aws.elb.classic-hour", unit: "hours", per: "hour" }, dataProcessed("aws.elb.classic-gb")]),
  "aws:ec2/natGateway:NatGateway": partsRule(awsRegion, [{ label: "NAT gateway", key: "aws.nat.hour", unit: "hours", per: "hour" }, dataProcessed("aws.nat.gb")]),
  "aws:ec2/vpnConnection:VpnConnection": vpn,
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": partsRule(awsRegion, [{ label: "Transit gateway attachment", key: "aws.tgw.attachment-hour", unit: "hours", per: "hour" }, dataProcessed("aws.tgw.gb")]),
  "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
  // North America and Europe rates.
  "aws:cloudfront/distribution:Distribution": partsRule(GLOBAL, [
    { label: "Data transfer out to the internet", key: "aws.cloudfront.egress", unit: "GB", usageKey: "monthlyEgressGB" },
    { label: "HTTPS requests", key: "aws.cloudfront.requests", unit: "10k requests", usageKey: "monthlyRequests", scale: 1e-4 },
  ]),
};
