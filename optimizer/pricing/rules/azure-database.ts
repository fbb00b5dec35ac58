// Azure database price rules: SQL databases (DTU and vCore models), PostgreSQL and MySQL
// flexible servers, and Azure Cache for Redis.

import { CostComponent, RuleContext, Rules, Unpriceable } from "../context";
import { num, str } from "../read";
import type { PricingResource } from "../types";
import { azureRegion } from "./azure-compute";

const GIB = 1024 ** 3;

/** A SQL database: DTU tier hours, or vCore hours with licence, storage and backup. */
function sqlDatabase(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const name = str(r.props, "sku", "name");
  if (!name) throw new Unpriceable("its sku.name is not declared (elastic pool members are billed through the pool)");
  const hours = ctx.hours(r);
  const sizeGB = (num(r.props, "maxSizeBytes") ?? 0) / GIB;
  const components: CostComponent[] = [];
  const vcore = /^(GP|BC|HS)_(?:S_)?Gen5(?:_(\d+))?$/.exec(name);
  if (vcore) {
    const cores = Number(vcore[2] ?? num(r.props, "sku", "capacity") ?? 2);
    const kind = vcore[1].toLowerCase();
    components.push(ctx.component(`Compute (${name}, ${cores} vCore)`, `azure.sql.${kind}-vcore`, region, cores * hours, { unit: "vCore-hours" }));
    if (str(r.props, "licenseType") !== "BasePrice" && kind !== "hs") {
      components.push(ctx.component("SQL license", kind === "bc" ? "azure.sql.license-bc" : "azure.sql.license", region, cores * hours, { unit: "vCore-hours" }));
    }
    components.push(ctx.component("Storage", kind === "bc" ? "azure.sql.bc-storage" : "azure.sql.gp-storage", region, sizeGB || 32, { unit: "GB-months" }));
  } else {
    const tier = name === "Basic" ? "Basic" : name;
    components.push(ctx.component(`Compute (${tier})`, `azure.sql.dtu.${tier}`, region, hours, { unit: "hours" }));
    const included = tier.startsWith("P") ? 500 : tier === "Basic" ? 2 : 250;
    if (sizeGB > included) {
      components.push(ctx.component("Extra data storage", tier.startsWith("P") ? "azure.sql.extra-storage-premium" : "azure.sql.extra-storage-standard", region, sizeGB - included, { unit: "GB-months" }));
    }
  }
  components.push(ctx.usageComponent(r, "Point-in-time backup storage (RA-GRS)", "azure.sql.pitr", region, "backupStorageGB", { unit: "GB-months" }));
  return { region, components };
}

/** A flexible server (PostgreSQL or MySQL): burstable size hours or vCore hours, storage and backup. */
function flexible(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const name = str(r.props, "sku", "name");
  if (!name) throw new Unpriceable("its sku.name is not declared");
  const tier = (str(r.props, "sku", "tier") ?? "").toLowerCase();
  const size = name.replace(/^(Standard_|B_Standard_|GP_Standard_|MO_Standard_)/, "");
  // A high-availability standby (zone-redundant or same-zone) bills its compute and storage
  // again (learn.microsoft.com, "High availability ... Pricing": "the cost ... is doubled").
  const mode = (str(r.props, "highAvailability", "mode") ?? "Disabled").toLowerCase();
  const ha = mode === "zoneredundant" || mode === "samezone" ? 2 : 1;
  const standby = ha === 2 ? ", with HA standby" : "";
  const hours = ctx.hours(r) * ha;
  const components: CostComponent[] = [];
  if (tier === "burstable" || /^B\d/.test(size)) {
    components.push({ ...ctx.component(`Compute (${size}${standby})`, `azure.flexible.burstable-${size}`, region, hours, { unit: "hours" }), kind: "compute" });
  } else {
    const cores = Number(/^[DE](\d+)/.exec(size)?.[1]);
    if (!cores) throw new Unpriceable(`flexible server size ${name} is not one the catalog prices`);
    const key = tier === "memoryoptimized" || tier === "businesscritical" || size.startsWith("E") ? "azure.flexible.mo-vcore" : size.endsWith("_v3") ? "azure.flexible.gp-v3-vcore" : "azure.flexible.gp-vcore";
    components.push({ ...ctx.component(`Compute (${size}, ${cores} vCore${standby})`, key, region, cores * hours, { unit: "vCore-hours" }), kind: "compute" });
  }
  components.push({ ...ctx.component(`Storage${standby}`, "azure.flexible.storage", region, (num(r.props, "storage", "storageSizeGB") ?? 32) * ha, { unit: "GB-months" }), kind: "storage" });
  components.push(ctx.usageComponent(r, "Additional backup storage", "azure.flexible.backup", region, "backupStorageGB", { unit: "GB-months" }));
  return { region, components };
}

/** Azure Cache for Redis: hours of its tier, family and capacity (shards and replicas multiply Premium). */
function redis(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const tier = (str(r.props, "sku", "name") ?? "").toLowerCase();
  const family = str(r.props, "sku", "family") ?? (tier === "premium" ? "P" : "C");
  const capacity = num(r.props, "sku", "capacity");
  if (capacity === undefined) throw new Unpriceable("its sku.capacity is not declared");
  const shards = tier === "premium" ? Math.max(1, num(r.props, "shardCount") ?? 1) : 1;
  return { region, components: [ctx.component(`Cache (${tier} ${family}${capacity})`, `azure.redis.${tier}.${family}${capacity}`, region, shards * ctx.hours(r), { unit: "hours" })] };
}

/** Azure database rules by type token. */
export const azureDatabaseRules: Rules = {
  "azure-native:sql:Database": sqlDatabase,
  "azure-native:dbforpostgresql:Server": flexible,
  "azure-native:dbformysql:Server": flexible,
  "azure-native:cache:Redis": redis,
};
