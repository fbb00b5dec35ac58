// AWS price rules for security, containers, serverless and logs: KMS keys, Secrets Manager
// secrets, EKS clusters and node groups, ECS services on Fargate, Lambda functions, API
// Gateway APIs, SQS queues, SNS topics, CloudWatch log groups and alarms.

import { CostComponent, RuleContext, Rules, Unpriceable } from "../context";
import { list, num, str } from "../read";
import type { PricingResource } from "../types";
import { awsRegion, ebsComponents } from "./aws-compute";
import { count, partsRule } from "./common";




/** An EKS managed node group: desiredSize instances of its first instance type and their disks. */
function nodeGroup(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const type = str(r.props, "instanceTypes", 0) ?? "t3.medium";
  const n = count(r.props, "scalingConfig", "desiredSize") ?? count(r.props, "scalingConfig", "minSize");
  if (n === undefined) throw new Unpriceable("its scalingConfig.desiredSize is not declared");
  const spot = str(r.props, "capacityType") === "SPOT";
  const components: CostComponent[] = [ctx.machine("aws", region, type, n, spot, ctx.hours(r))];
  const disk = num(r.props, "diskSize") ?? 20;
  components.push(...ebsComponents(ctx, r, region, { size: disk, volumeType: "gp2" }, "size", n, "Node disks: "));
  return { region, components };
}

/** An ECS service: Fargate tasks priced per vCPU-hour and GB-hour of its task definition; EC2 tasks run on instances priced elsewhere. */
function ecsService(r: PricingResource, ctx: RuleContext) {
  const launch = str(r.props, "launchType") ?? (list(r.props, "capacityProviderStrategies").length > 0 ? "FARGATE" : "EC2");
  if (!launch.startsWith("FARGATE")) return { free: "ECS tasks on EC2 run on instances that are priced themselves" };
  const region = awsRegion(r, ctx);
  const td = ctx.linked(r, ["taskDefinition"], ["aws:ecs/taskDefinition:TaskDefinition"], () => undefined);
  const tasks = count(r.props, "desiredCount") ?? 1;
  const hours = ctx.hours(r) * tasks;
  const vcpu = td ? num(td.props, "cpu") : undefined;
  const mem = td ? num(td.props, "memory") : undefined;
  if (vcpu === undefined || mem === undefined) throw new Unpriceable("its task definition (cpu and memory) is not in the stack");
  return {
    region,
    components: [
      ctx.component("Per GB per hour", "aws.ecs.fargate-gb", region, (mem / 1024) * hours, { unit: "GB-hours" }),
      ctx.component("Per vCPU per hour", "aws.ecs.fargate-vcpu", region, (vcpu / 1024) * hours, { unit: "vCPU-hours" }),
    ],
  };
}

/** A Lambda function: requests and GB-seconds of duration (arm64 rates when so built). */
function lambda(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const memGB = (num(r.props, "memorySize") ?? 128) / 1024;
  const arm = str(r.props, "architectures", 0) === "arm64";
  const u = ctx.usage(r);
  const gbSeconds = u.monthlyRequests !== undefined && u.averageDurationMs !== undefined ? (u.monthlyRequests * u.averageDurationMs * memGB) / 1000 : null;
  const components: CostComponent[] = [
    ctx.usageComponent(r, "Requests", "aws.lambda.requests", region, "monthlyRequests", { unit: "1M requests", scale: 1e-6 }),
    { ...ctx.component(`Duration (${arm ? "arm64" : "x86_64"})`, `aws.lambda.duration-${arm ? "arm" : "x86"}`, region, gbSeconds, { unit: "GB-seconds" }), usageKey: "averageDurationMs" },
  ];
  const eph = num(r.props, "ephemeralStorage", "size");
  if (eph !== undefined && eph > 512 && gbSeconds !== null) {
    const extraGbSeconds = (u.monthlyRequests! * u.averageDurationMs! * ((eph - 512) / 1024)) / 1000;
    components.push(ctx.component("Ephemeral storage", "aws.lambda.ephemeral", region, extraGbSeconds, { unit: "GB-seconds" }));
  }
  return { region, components };
}

/** An API Gateway API: REST or HTTP requests from the usage file (WebSocket APIs are not priced). */
function api(kind: "rest" | "v2") {
  return (r: PricingResource, ctx: RuleContext) => {
    const region = awsRegion(r, ctx);
    const proto = kind === "rest" ? "REST" : (str(r.props, "protocolType") ?? "HTTP").toUpperCase();
    if (proto === "WEBSOCKET") throw new Unpriceable("WebSocket API prices are not in the catalog");
    const key = proto === "REST" ? "aws.apigateway.rest-requests" : "aws.apigateway.http-requests";
    return partsRule(() => region, [requests(`${proto} API requests`, key)])(r, ctx);
  };
}



/** A CloudWatch metric alarm: one standard-resolution alarm metric a month. */
function alarm(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const metrics = Math.max(1, list(r.props, "metricQueries").length);
  return { region, components: [ctx.component("Standard resolution alarm metrics", "aws.cloudwatch.alarm", region, metrics, { unit: "alarm metrics" })] };
}

const operations = (key: string) => ({ label: "Requests", key, unit: "10k requests", usageKey: "monthlyKeyOperations", scale: 1e-4 });
const requests = (label: string, key: string) => ({ label, key, unit: "1M requests", usageKey: "monthlyRequests", scale: 1e-6 });

/** AWS security, container, serverless and log rules by type token. */
export const awsServiceRules: Rules = {
  "aws:kms/key:Key": partsRule(awsRegion, [{ label: "Customer managed key", key: "aws.kms.key", unit: "months", per: "month" }, operations("aws.kms.requests")]),
  "aws:secretsmanager/secret:Secret": partsRule(awsRegion, [{ label: "Secret", key: "aws.secretsmanager.secret", unit: "months", per: "month" }, operations("aws.secretsmanager.api")]),
  "aws:eks/cluster:Cluster": partsRule(awsRegion, [{ label: "EKS cluster", key: "aws.eks.cluster-hour", unit: "hours", per: "hour" }]),
  "aws:eks/nodeGroup:NodeGroup": nodeGroup,
  "aws:ecs/service:Service": ecsService,
  "aws:ecs/taskDefinition:TaskDefinition": () => ({ free: "a task definition is billed through the services and tasks that run it" }),
  "aws:lambda/function:Function": lambda,
  "aws:apigateway/restApi:RestApi": api("rest"),
  "aws:apigatewayv2/api:Api": api("v2"),
  "aws:sqs/queue:Queue": partsRule(awsRegion, [requests("Requests", "aws.sqs.requests")]),
  "aws:sns/topic:Topic": partsRule(awsRegion, [requests("Publish requests", "aws.sns.publish")]),
  "aws:cloudwatch/logGroup:LogGroup": partsRule(awsRegion, [
    { label: "Data ingested", key: "aws.cloudwatch.logs-ingest", unit: "GB", usageKey: "monthlyIngestedGB" },
    { label: "Archival storage", key: "aws.cloudwatch.logs-storage", unit: "GB-months", usageKey: "storageGiB" },
    { label: "Insights queries data scanned", key: "aws.cloudwatch.logs-insights", unit: "GB", usageKey: "monthlyScannedGB" },
  ]),
  "aws:cloudwatch/metricAlarm:MetricAlarm": alarm,
};
