// AWS database price rules: RDS instances, Aurora clusters and cluster instances, DynamoDB
// tables and ElastiCache clusters. Instance classes are priced per family at an anchor size
// (the catalog key's unit names it) and scaled by size: RDS prices are linear in size.

import { CostComponent, RuleContext, Rules, Unpriceable } from "../context";
import { bool, num, str } from "../read";
import type { PricingResource } from "../types";
import { awsRegion } from "./aws-compute";
import { classFactor, classFamily, count, required } from "./common";

/** The catalog engine key of an RDS engine name. */
function engineKey(engine: string): string {
  const e = engine.toLowerCase();
  if (e.startsWith("aurora")) return "aurora";
  if (e === "mysql" || e === "mariadb") return "mysql";
  if (e === "postgres") return "postgres";
  if (/^sqlserver-(ex|web|se|ee)$/.test(e)) return e;
  if (e === "oracle-se2" || e === "oracle-se2-cdb") return "oracle-se2";
  throw new Unpriceable(`RDS engine '${engine}' has no price in the catalog`);
}

/** An hourly instance component for a class like db.m5.large under an engine. */
function classComponent(ctx: RuleContext, region: string, label: string, keyBase: string, cls: string, n: number, hours: number): CostComponent {
  const key = `${keyBase}.${classFamily(cls)}`;
  const price = ctx.catalog.price(key, region);
  if (!price) throw new Unpriceable(`the catalog has no price for ${cls} (${key}) in ${region}`);
  return ctx.component(label, key, region, hours * n, { unit: "hours", factor: classFactor(cls, price.unit) });
}

const RDS_STORAGE: Record<string, string> = { gp2: "general purpose SSD, gp2", gp3: "general purpose SSD, gp3", io1: "provisioned IOPS SSD, io1", io2: "provisioned IOPS SSD, io2", standard: "magnetic" };

/** An RDS instance: instance hours (twice for Multi-AZ), storage, provisioned IOPS, backup beyond the free allowance. */
function rdsInstance(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const cls = required(r.props, "instance class", "instanceClass");
  const engine = engineKey(required(r.props, "engine", "engine"));
  const multiAz = bool(r.props, "multiAz") === true;
  const az = multiAz ? 2 : 1;
  const components: CostComponent[] = [
    { ...classComponent(ctx, region, `Database instance (on-demand, ${multiAz ? "Multi-AZ" : "Single-AZ"}, ${cls})`, `aws.rds.${engine}`, cls, az, ctx.hours(r)), kind: "compute" },
  ];
  const gb = num(r.props, "allocatedStorage");
  const type = (str(r.props, "storageType") ?? (num(r.props, "iops") ? "io1" : "gp2")).toLowerCase();
  if (gb !== undefined && engine !== "aurora") {
    const key = type === "standard" ? "aws.rds.magnetic" : `aws.rds.${type === "io2" ? "io1" : type}`;
    if (!RDS_STORAGE[type]) throw new Unpriceable(`RDS storage type '${type}' has no price in the catalog`);
    components.push({ ...ctx.component(`Storage (${RDS_STORAGE[type]})`, key, region, gb * az, { unit: "GB-months" }), kind: "storage" });
    const iops = num(r.props, "iops");
    if ((type === "io1" || type === "io2") && iops !== undefined) components.push({ ...ctx.component("Provisioned IOPS", "aws.rds.io1-iops", region, iops * az, { unit: "IOPS-months" }), kind: "storage" });
    if (type === "gp3" && iops !== undefined && iops > 12000) components.push({ ...ctx.component("Provisioned IOPS (above 12,000)", "aws.rds.gp3-iops", region, (iops - 12000) * az, { unit: "IOPS-months" }), kind: "storage" });
  }
  components.push(ctx.usageComponent(r, "Additional backup storage", "aws.rds.backup", region, "backupStorageGB", { unit: "GB-months" }));
  return { region, components };
}

/** An Aurora cluster: storage, I/O and backup from the usage file; Serverless v1 capacity units. */
function rdsCluster(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const components = [
    ctx.usageComponent(r, "Storage", "aws.rds.aurora-storage", region, "storageGiB", { unit: "GB-months" }),
    ctx.usageComponent(r, "I/O requests", "aws.rds.aurora-io", region, "monthlyIOps", { unit: "1M requests", scale: 1e-6 }),
    ctx.usageComponent(r, "Backup storage", "aws.rds.aurora-backup", region, "backupStorageGB", { unit: "GB-months" }),
  ];
  if (str(r.props, "engineMode") === "serverless") {
    components.unshift(ctx.usageComponent(r, "Aurora Serverless v1 capacity", "aws.rds.aurora-serverless-v1", region, "capacityUnitHours", { unit: "ACU-hours" }));
  }
  return { region, components };
}

/** An Aurora cluster instance: class hours, or Serverless v2 capacity units from the usage file. */
function clusterInstance(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const cls = required(r.props, "instance class", "instanceClass");
  if (cls === "db.serverless") {
    return { region, components: [ctx.usageComponent(r, "Aurora Serverless v2 capacity", "aws.rds.aurora-serverless-v2", region, "capacityUnitHours", { unit: "ACU-hours" })] };
  }
  return { region, components: [classComponent(ctx, region, `Database instance (on-demand, ${cls})`, "aws.rds.aurora", cls, 1, ctx.hours(r))] };
}

/** A DynamoDB table: on-demand request units or provisioned capacity, and storage. */
function dynamo(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const components: CostComponent[] = [];
  if (str(r.props, "billingMode") === "PAY_PER_REQUEST") {
    components.push(ctx.usageComponent(r, "Write request units", "aws.dynamodb.write-request", region, "monthlyWriteRequests", { unit: "1M WRU", scale: 1e-6 }));
    components.push(ctx.usageComponent(r, "Read request units", "aws.dynamodb.read-request", region, "monthlyReadRequests", { unit: "1M RRU", scale: 1e-6 }));
  } else {
    const hours = ctx.hours(r);
    components.push(ctx.component("Write capacity units", "aws.dynamodb.wcu", region, (count(r.props, "writeCapacity") ?? 0) * hours, { unit: "WCU-hours" }));
    components.push(ctx.component("Read capacity units", "aws.dynamodb.rcu", region, (count(r.props, "readCapacity") ?? 0) * hours, { unit: "RCU-hours" }));
  }
  components.push(ctx.usageComponent(r, "Data storage", "aws.dynamodb.storage", region, "storageGiB", { unit: "GB-months" }));
  return { region, components };
}

/** An ElastiCache cluster or replication group: node hours of its node type. */
function cache(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const nodeType = required(r.props, "node type", "nodeType");
  const groups = count(r.props, "numNodeGroups");
  const nodes =
    count(r.props, "numCacheNodes") ??
    count(r.props, "numCacheClusters") ??
    (groups !== undefined ? groups * ((count(r.props, "replicasPerNodeGroup") ?? 0) + 1) : 1);
  return { region, components: [classComponent(ctx, region, `ElastiCache (on-demand, ${nodeType})`, "aws.elasticache", nodeType, nodes, ctx.hours(r))] };
}

/** AWS database rules by type token. */
export const awsDatabaseRules: Rules = {
  "aws:rds/instance:Instance": rdsInstance,
  "aws:rds/cluster:Cluster": rdsCluster,
  "aws:rds/clusterInstance:ClusterInstance": clusterInstance,
  "aws:dynamodb/table:Table": dynamo,
  "aws:elasticache/cluster:Cluster": cache,
  "aws:elasticache/replicationGroup:ReplicationGroup": cache,
};
