// AWS DNS price rules: Route 53 hosted zones, records (queries by routing policy), health
// checks (endpoint kind and optional features) and Resolver endpoints.

import { CostComponent, RuleContext, Rules } from "../context";
import { bool, list, num, str } from "../read";
import type { PricingResource } from "../types";
import { awsRegion } from "./aws-compute";
import { GLOBAL, partsRule } from "./common";


/** A record: queries a month (millions) at the rate of its routing policy. */
function record(r: PricingResource, ctx: RuleContext) {
  const key = list(r.props, "latencyRoutingPolicies").length > 0
    ? "aws.route53.latency-queries"
    : list(r.props, "geolocationRoutingPolicies").length > 0 || list(r.props, "geoproximityRoutingPolicy").length > 0
      ? "aws.route53.geo-queries"
      : "aws.route53.queries";
  return { region: "global", components: [ctx.usageComponent(r, "DNS queries", key, "global", "monthlyQueries", { unit: "1M queries", scale: 1e-6 })] };
}

/** A health check: AWS or other endpoint (usage key nonAwsEndpoint), and each optional feature. */
function healthCheck(r: PricingResource, ctx: RuleContext) {
  const other = (ctx.usage(r).nonAwsEndpoint ?? 0) > 0;
  const kind = other ? "other" : "aws";
  const type = (str(r.props, "type") ?? "HTTP").toUpperCase();
  let features = 0;
  if (type.startsWith("HTTPS")) features++;
  if (type.endsWith("STR_MATCH")) features++;
  if (bool(r.props, "measureLatency") === true) features++;
  if ((num(r.props, "requestInterval") ?? 30) < 30) features++;
  const components: CostComponent[] = [ctx.component("Health check", `aws.route53.health-check-${kind}`, "global", 1, { unit: "months" })];
  if (features > 0) components.push(ctx.component("Optional features", `aws.route53.feature-${kind}`, "global", features, { unit: "months" }));
  return { region: "global", components };
}

/** A Resolver endpoint: one ENI per IP address, hourly, and queries from the usage file. */
function resolver(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const enis = Math.max(1, list(r.props, "ipAddresses").length);
  return {
    region,
    components: [
      ctx.component("Resolver endpoint ENIs", "aws.route53.resolver-eni-hour", region, enis * ctx.hours(r), { unit: "ENI-hours" }),
      ctx.usageComponent(r, "DNS queries", "aws.route53.resolver-queries", region, "monthlyQueries", { unit: "1M queries", scale: 1e-6 }),
    ],
  };
}

/** AWS DNS rules by type token. */
export const awsDnsRules: Rules = {
  "aws:route53/zone:Zone": partsRule(GLOBAL, [{ label: "Hosted zone", key: "aws.route53.zone", unit: "months", per: "month" }]),
  "aws:route53/record:Record": record,
  "aws:route53/healthCheck:HealthCheck": healthCheck,
  "aws:route53/resolverEndpoint:ResolverEndpoint": resolver,
};
