// AWS network price rules: load balancers (application, network, gateway, classic), NAT
// gateways, VPN connections, transit gateway attachments, interface VPC endpoints and
// CloudFront distributions. Hourly parts are priced; data and capacity parts come from usage.

import { CostComponent, RuleContext, Rules } from "../context";
import { list, str } from "../read";
import type { PricingResource } from "../types";
import { awsRegion } from "./aws-compute";

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

/** A classic load balancer: hours and data processed. */
function classicLb(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  return {
    region,
    components: [
      ctx.component("Classic load balancer", "aws.elb.classic-hour", region, ctx.hours(r), { unit: "hours" }),
      ctx.usageComponent(r, "Data processed", "aws.elb.classic-gb", region, "monthlyDataProcessedGB", { unit: "GB" }),
    ],
  };
}

/** A NAT gateway: hours and data processed. */
function nat(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  return {
    region,
    components: [
      ctx.component("NAT gateway", "aws.nat.hour", region, ctx.hours(r), { unit: "hours" }),
      ctx.usageComponent(r, "Data processed", "aws.nat.gb", region, "monthlyDataProcessedGB", { unit: "GB" }),
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

/** A transit gateway attachment: hours and data processed. */
function tgwAttachment(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  return {
    region,
    components: [
      ctx.component("Transit gateway attachment", "aws.tgw.attachment-hour", region, ctx.hours(r), { unit: "hours" }),
      ctx.usageComponent(r, "Data processed", "aws.tgw.gb", region, "monthlyDataProcessedGB", { unit: "GB" }),
    ],
  };
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

/** A CloudFront distribution: data out and HTTPS requests from the usage file (North America and Europe rates). */
function cloudfront(r: PricingResource, ctx: RuleContext) {
  return {
    region: "global",
    components: [
      ctx.usageComponent(r, "Data transfer out to the internet", "aws.cloudfront.egress", "global", "monthlyEgressGB", { unit: "GB" }),
      ctx.usageComponent(r, "HTTPS requests", "aws.cloudfront.requests", "global", "monthlyRequests", { unit: "10k requests", scale: 1 / 10000 }),
    ],
  };
}

/** AWS network rules by type token. */
export const awsNetworkRules: Rules = {
  "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:alb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:elb/loadBalancer:LoadBalancer": classicLb,
  "aws:ec2/natGateway:NatGateway": nat,
  "aws:ec2/vpnConnection:VpnConnection": vpn,
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": tgwAttachment,
  "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
  "aws:cloudfront/distribution:Distribution": cloudfront,
};
