// Google Cloud database price rules: Cloud SQL instances (custom and predefined tiers, zonal or
// regional, SSD or HDD storage) and Memorystore for Redis.

import { CostComponent, RuleContext, Rules, Unpriceable } from "../context";
import { num, str } from "../read";
import type { PricingResource } from "../types";
import { gcpRegion } from "./gcp-compute";

/** vCPUs and memory (GB) of a Cloud SQL tier: db-custom-N-MB, db-n1-standard-N or db-n1-highmem-N. */
function tierShape(tier: string): { vcpu: number; memGB: number } | undefined {
  const custom = /^db-custom-(\d+)-(\d+)$/.exec(tier);
  if (custom) return { vcpu: Number(custom[1]), memGB: Number(custom[2]) / 1024 };
  const n1 = /^db-n1-(standard|highmem)-(\d+)$/.exec(tier);
  if (n1) return { vcpu: Number(n1[2]), memGB: Number(n1[2]) * (n1[1] === "standard" ? 3.75 : 6.5) };
  return undefined;
}

/** A Cloud SQL instance: vCPU and memory hours (twice when regional), storage and backups. */
function sqlInstance(r: PricingResource, ctx: RuleContext) {
  const region = gcpRegion(r, ctx);
  const tier = str(r.props, "settings", "tier");
  if (!tier) throw new Unpriceable("its settings.tier is not declared");
  if (/SQLSERVER/i.test(str(r.props, "databaseVersion") ?? "")) throw new Unpriceable("SQL Server licence prices are not in the catalog");
  const regional = str(r.props, "settings", "availabilityType") === "REGIONAL";
  const ha = regional ? 2 : 1;
  const where = regional ? "regional" : "zonal";
  const hours = ctx.hours(r);
  const components: CostComponent[] = [];
  const shape = tierShape(tier);
  if (shape) {
    components.push({ ...ctx.component(`vCPUs (${shape.vcpu}, ${where})`, "gcp.sql.vcpu", region, shape.vcpu * hours * ha, { unit: "vCPU-hours" }), kind: "compute" });
    components.push({ ...ctx.component(`Memory (${shape.memGB} GB, ${where})`, "gcp.sql.memory", region, shape.memGB * hours * ha, { unit: "GB-hours" }), kind: "compute" });
  } else if (tier === "db-f1-micro" || tier === "db-g1-small") {
    components.push({ ...ctx.component(`SQL instance (${tier}, ${where})`, `gcp.sql.${tier.slice(3)}`, region, hours * ha, { unit: "hours" }), kind: "compute" });
  } else {
    throw new Unpriceable(`Cloud SQL tier ${tier} is not one the catalog prices`);
  }
  const hdd = str(r.props, "settings", "diskType") === "PD_HDD";
  components.push({ ...ctx.component(`Storage (${hdd ? "HDD" : "SSD"}, ${where})`, hdd ? "gcp.sql.hdd" : "gcp.sql.ssd", region, (num(r.props, "settings", "diskSize") ?? 10) * ha, { unit: "GB-months" }), kind: "storage" });
  components.push(ctx.usageComponent(r, "Backups", "gcp.sql.backup", region, "backupStorageGB", { unit: "GB-months" }));
  return { region, components };
}

/** Memorystore for Redis: GB-hours of its memory size at its tier's rate. */
function redis(r: PricingResource, ctx: RuleContext) {
  const region = gcpRegion(r, ctx);
  const gb = num(r.props, "memorySizeGb");
  if (gb === undefined) throw new Unpriceable("its memorySizeGb is not declared");
  const tier = str(r.props, "tier") === "STANDARD_HA" ? "standard" : "basic";
  return { region, components: [ctx.component(`Redis (${tier}, ${gb} GB)`, `gcp.memorystore.${tier}-gb`, region, gb * ctx.hours(r), { unit: "GB-hours" })] };
}

/** Google Cloud database rules by type token. */
export const gcpDatabaseRules: Rules = {
  "gcp:sql/databaseInstance:DatabaseInstance": sqlInstance,
  "gcp:sql/database:Database": () => ({ free: "a database is billed through its Cloud SQL instance" }),
  "gcp:sql/user:User": () => ({ free: "a database user has no charge" }),
  "gcp:redis/instance:Instance": redis,
};
