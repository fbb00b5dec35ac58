// Azure price rules for storage, security, containers, app hosting and logs: storage accounts,
// Key Vault vaults and keys, AKS clusters and agent pools, container registries, container
// groups and apps, App Service plans and function apps, Log Analytics, Service Bus, Event Hubs.

import { CostComponent, RuleContext, Rules, Unpriceable } from "../context";
import { get, list, num, str } from "../read";
import type { PricingResource } from "../types";
import { azureRegion, managedDisk } from "./azure-compute";
import { count, partsRule, storedGiB } from "./common";

/** A storage account (Standard LRS): stored data at the Hot (the catalog's, as `plan` charges) or Cool rate, and operations. */
function storageAccount(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const sku = str(r.props, "sku", "name") ?? "Standard_LRS";
  if (sku !== "Standard_LRS") throw new Unpriceable(`storage account SKU ${sku}: the catalog prices Standard_LRS only`);
  const stored = storedGiB(r, ctx);
  const cool = str(r.props, "accessTier") === "Cool";
  return {
    region,
    note: stored.how,
    components: [
      cool
        ? ctx.component("Capacity (cool, LRS)", "azure.storage.cool-lrs", region, stored.gib, { unit: "GB-months", usageKey: "storageGiB" })
        : ctx.planStorage("azure", region, stored.gib, "Capacity (hot, LRS)"),
      ctx.usageComponent(r, "Write operations", "azure.storage.write-ops", region, "monthlyWriteRequests", { unit: "10k operations", scale: 1e-4 }),
      ctx.usageComponent(r, "Read operations", "azure.storage.read-ops", region, "monthlyReadRequests", { unit: "10k operations", scale: 1e-4 }),
    ],
  };
}


/** A key: HSM-protected keys bill per key-month; advanced software keys bill their operations. */
function key(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const kty = (str(r.props, "properties", "kty") ?? "RSA").toUpperCase();
  const size = num(r.props, "properties", "keySize") ?? 2048;
  const components: CostComponent[] = [];
  const advanced = kty.startsWith("EC") || size > 2048;
  if (kty.endsWith("-HSM")) {
    components.push(ctx.component("HSM-protected key", advanced ? "azure.keyvault.hsm-key-advanced" : "azure.keyvault.hsm-key-2048", region, 1, { unit: "key-months" }));
  }
  components.push(
    ctx.usageComponent(r, "Key operations", advanced ? "azure.keyvault.advanced-operations" : "azure.keyvault.operations", region, "monthlyKeyOperations", { unit: "10k transactions", scale: 1e-4 }),
  );
  return { region, components };
}

/** Machines and OS disks of one AKS agent pool: count VMs of its size; managed OS disks Premium for premium-capable sizes. */
function poolComponents(ctx: RuleContext, r: PricingResource, region: string, pool: unknown, label: string): CostComponent[] {
  const size = str(pool, "vmSize");
  if (!size) throw new Unpriceable(`${label}: vmSize is not declared`);
  const n = count(pool, "count") ?? count(pool, "minCount") ?? 1;
  const spot = str(pool, "scaleSetPriority") === "Spot";
  const out = [{ ...ctx.machine("azure", region, size, n, spot, ctx.hours(r)), name: `${label}: Instance usage (Linux, ${spot ? "spot" : "pay as you go"}, ${size})` }];
  if ((str(pool, "osDiskType") ?? "Managed") === "Managed") {
    // Premium-storage capable sizes have an S in their series (DS, GS) or an s in their suffix (D2s_v5).
    const m = /^Standard_([A-Z]+)\d+(?:-\d+)?([a-z]*)/.exec(size);
    const premium = m !== null && (m[1].includes("S") || m[2].includes("s"));
    out.push(...managedDisk(ctx, r, region, premium ? "Premium_LRS" : "Standard_LRS", num(pool, "osDiskSizeGB") ?? 128, n, `${label}: os_disk: `));
  }
  return out;
}

/** An AKS cluster: the Standard tier's uptime SLA and its inline agent pools. */
function aks(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const components: CostComponent[] = [];
  const tier = str(r.props, "sku", "tier") ?? "Free";
  if (tier === "Standard" || tier === "Premium") components.push(ctx.component("Uptime SLA", "azure.aks.uptime-sla-hour", region, ctx.hours(r), { unit: "hours" }));
  list(r.props, "agentPoolProfiles").forEach((p, i) => components.push(...poolComponents(ctx, r, region, p, str(p, "name") ?? `pool ${i}`)));
  return { region, components };
}

/** An AKS agent pool declared on its own. */
function agentPool(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  return { region, components: poolComponents(ctx, r, region, r.props, str(r.props, "agentPoolName") ?? r.name) };
}

/** A container registry: its SKU's daily fee. */
function registry(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const sku = str(r.props, "sku", "name") ?? "Basic";
  return { region, components: [ctx.component(`Registry (${sku})`, `azure.acr.${sku}`, region, ctx.hours(r) / 24, { unit: "days" })] };
}

/** A container group: requested vCPU and memory of its containers, hourly. */
function containerGroup(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  let cpu = 0;
  let mem = 0;
  for (const c of list(r.props, "containers")) {
    cpu += num(c, "resources", "requests", "cpu") ?? 0;
    mem += num(c, "resources", "requests", "memoryInGB") ?? 0;
  }
  const hours = ctx.hours(r);
  return {
    region,
    components: [
      ctx.component("vCPU", "azure.aci.vcpu", region, cpu * hours, { unit: "vCPU-hours" }),
      ctx.component("Memory", "azure.aci.gb", region, mem * hours, { unit: "GB-hours" }),
    ],
  };
}


/** An App Service plan: instance hours of its SKU (Linux or Windows); consumption plans bill their function apps. */
function servicePlan(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const sku = str(r.props, "sku", "name");
  if (!sku) throw new Unpriceable("its sku.name is not declared");
  const n = count(r.props, "sku", "capacity") ?? 1;
  if (sku === "Y1") return { free: "a consumption plan bills the executions of its function apps" };
  if (/^EP\d$/.test(sku)) {
    const cores = { EP1: 1, EP2: 2, EP3: 4 }[sku] ?? 1;
    const hours = ctx.hours(r) * n;
    return {
      region,
      components: [
        ctx.component(`Elastic premium vCPU (${sku})`, "azure.functions.premium-vcpu", region, cores * hours, { unit: "vCPU-hours" }),
        ctx.component(`Elastic premium memory (${sku})`, "azure.functions.premium-gb", region, cores * 3.5 * hours, { unit: "GB-hours" }),
      ],
    };
  }
  const linux = str(r.props, "kind")?.toLowerCase().includes("linux") || get(r.props, "reserved") === true;
  const os = linux ? "linux" : "windows";
  return { region, components: [ctx.component(`Instance usage (${sku})`, `azure.appservice.${os}.${sku}`, region, n * ctx.hours(r), { unit: "hours" })] };
}

/** A web or function app: a function app on a consumption plan bills executions and GB-seconds; others bill through their plan. */
function webApp(r: PricingResource, ctx: RuleContext) {
  if (!(str(r.props, "kind") ?? "").toLowerCase().includes("functionapp")) return { free: "a web app is billed through its App Service plan" };
  const plan = ctx.linked(r, ["serverFarmId"], ["azure-native:web:AppServicePlan"], () => undefined);
  if (plan && str(plan.props, "sku", "name") !== "Y1") return { free: "a function app on a dedicated or premium plan is billed through the plan" };
  const region = azureRegion(r, ctx);
  const u = ctx.usage(r);
  const gbSeconds = u.monthlyRequests !== undefined && u.averageDurationMs !== undefined ? (u.monthlyRequests * u.averageDurationMs * 0.128) / 1000 : null;
  return {
    region,
    components: [
      ctx.usageComponent(r, "Executions", "azure.functions.executions", region, "monthlyRequests", { unit: "1M executions", scale: 1e-6 }),
      { ...ctx.component("Execution time", "azure.functions.gb-second", region, gbSeconds, { unit: "GB-seconds" }), usageKey: "averageDurationMs" },
    ],
  };
}


/** A Service Bus namespace: Standard base hours or Premium messaging units. */
function serviceBus(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const sku = str(r.props, "sku", "name") ?? "Standard";
  if (sku === "Premium") return { region, components: [ctx.component("Messaging units", "azure.servicebus.premium", region, (count(r.props, "sku", "capacity") ?? 1) * ctx.hours(r), { unit: "MU-hours" })] };
  if (sku === "Standard") return { region, components: [ctx.component("Base charge (Standard)", "azure.servicebus.standard", region, ctx.hours(r), { unit: "hours" })] };
  throw new Unpriceable("Service Bus Basic is billed per operation, which the catalog does not price");
}

/** An Event Hubs namespace: throughput units of its tier, hourly. */
function eventHubs(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const sku = (str(r.props, "sku", "name") ?? "Standard").toLowerCase();
  if (sku !== "basic" && sku !== "standard") throw new Unpriceable(`Event Hubs tier ${sku} is not in the catalog`);
  return { region, components: [ctx.component(`Throughput units (${sku})`, `azure.eventhub.${sku}`, region, (count(r.props, "sku", "capacity") ?? 1) * ctx.hours(r), { unit: "TU-hours" })] };
}

/** Log Analytics workspaces and Application Insights: data ingested. */
const logs = partsRule(azureRegion, [{ label: "Log data ingestion", key: "azure.loganalytics.ingest", unit: "GB", usageKey: "monthlyIngestedGB" }]);

/** Azure storage, security, container, hosting and log rules by type token. */
export const azureServiceRules: Rules = {
  "azure-native:storage:StorageAccount": storageAccount,
  // A vault has no base fee: its operations bill.
  "azure-native:keyvault:Vault": partsRule(azureRegion, [{ label: "Secrets operations", key: "azure.keyvault.operations", unit: "10k transactions", usageKey: "monthlyKeyOperations", scale: 1e-4 }]),
  "azure-native:keyvault:Key": key,
  "azure-native:containerservice:ManagedCluster": aks,
  "azure-native:containerservice:AgentPool": agentPool,
  "azure-native:containerregistry:Registry": registry,
  "azure-native:containerinstance:ContainerGroup": containerGroup,
  // Consumption plan: active vCPU and memory seconds, and requests.
  "azure-native:app:ContainerApp": partsRule(azureRegion, [
    { label: "vCPU (active)", key: "azure.containerapps.vcpu-second", unit: "vCPU-seconds", usageKey: "monthlyVcpuSeconds" },
    { label: "Memory (active)", key: "azure.containerapps.gib-second", unit: "GiB-seconds", usageKey: "monthlyGiBSeconds" },
    { label: "Requests", key: "azure.containerapps.requests", unit: "1M requests", usageKey: "monthlyRequests", scale: 1e-6 },
  ]),
  "azure-native:web:AppServicePlan": servicePlan,
  "azure-native:web:WebApp": webApp,
  "azure-native:operationalinsights:Workspace": logs,
  "azure-native:insights:Component": logs,
  "azure-native:servicebus:Namespace": serviceBus,
  "azure-native:eventhub:Namespace": eventHubs,
};
