// Azure compute price rules: virtual machines and scale sets (machine hours from the catalog's
// offers, managed disks by size tier), managed disks, and snapshots.

import { CostComponent, RuleContext, Rules, sizeTier, sourceText, Unpriceable } from "../context";
import { get, list, num, str } from "../read";
import type { PricingResource } from "../types";
import { count } from "./common";

/** The location of an Azure resource, or Unpriceable saying where to set it. */
export function azureRegion(r: PricingResource, ctx: RuleContext): string {
  return ctx.region(r, "azure", "its location is unknown: set its location or azure-native:location in the stack configuration");
}

const TIER_LETTER: Record<string, string> = { "standard-hdd": "S", "standard-ssd": "E", premium: "P" };
const TIER_NUMBERS = [1, 2, 3, 4, 6, 10, 15, 20, 30, 40, 50, 60, 70, 80];
const TIER_SIZES = [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767];

/** The catalog key of a managed disk SKU, or undefined for SKUs priced per GiB (ultra, premium v2). */
function diskKey(sku: string): string | undefined {
  const s = sku.toLowerCase();
  if (s.startsWith("standard_")) return "standard-hdd";
  if (s.startsWith("standardssd_")) return "standard-ssd";
  if (s.startsWith("premium_") && !s.startsWith("premiumv2")) return "premium";
  return undefined;
}

/**
 * Components of one managed disk of `gib` GiB, `n` times: the smallest size tier that holds it
 * (S, E or P tiers bill per disk), or per GiB, IOPS and throughput for Ultra and Premium SSD v2.
 */
export function managedDisk(ctx: RuleContext, r: PricingResource, region: string, sku: string, gib: number, n: number, prefix = "", iops?: number, mbps?: number): CostComponent[] {
  const key = diskKey(sku);
  const redundancy = sku.split("_")[1] ?? "LRS";
  if (key) {
    if (redundancy !== "LRS") throw new Unpriceable(`managed disk SKU ${sku}: the catalog prices LRS disks only`);
    const p = ctx.catalog.price(`azure.disk.${key}`, region);
    if (!p) throw new Unpriceable(`the catalog has no ${sku} disk price for ${region}`);
    const tier = sizeTier(p.tiers, gib);
    if (!tier) throw new Unpriceable(`a ${gib} GiB ${sku} disk is larger than the largest tier`);
    const num = TIER_NUMBERS[TIER_SIZES.indexOf(tier.upto ?? 32767)];
    const name = `${prefix}Storage (${TIER_LETTER[key]}${num ?? ""}, LRS)`;
    const out: CostComponent[] = [{ name, unit: "disk-months", quantity: n, unitUSD: tier.usd, monthlyUSD: n * tier.usd, source: sourceText(p.sources), kind: "disk" }];
    if (key !== "premium") {
      out.push(ctx.usageComponent(r, `${prefix}Disk operations`, key === "standard-ssd" ? "azure.disk.operations-ssd" : "azure.disk.operations-standard", region, "monthlyIOps", { unit: "10k operations", scale: n * 1e-4 }));
    }
    return out;
  }
  const kind = sku.toLowerCase().startsWith("ultrassd") ? "ultra" : sku.toLowerCase().startsWith("premiumv2") ? "premium-v2" : undefined;
  if (!kind) throw new Unpriceable(`managed disk SKU ${sku} has no price in the catalog`);
  const out = [ctx.component(`${prefix}Storage (${kind}, ${gib} GiB)`, `azure.disk.${kind}-gib`, region, gib * n, { unit: "GiB-months" })];
  const baseIops = kind === "ultra" ? 0 : 3000;
  const baseMbps = kind === "ultra" ? 0 : 125;
  if (iops !== undefined && iops > baseIops) out.push(ctx.component(`${prefix}Provisioned IOPS`, `azure.disk.${kind}-iops`, region, (iops - baseIops) * n, { unit: "IOPS-months" }));
  if (mbps !== undefined && mbps > baseMbps) out.push(ctx.component(`${prefix}Throughput`, `azure.disk.${kind}-mbps`, region, (mbps - baseMbps) * n, { unit: "MBps-months" }));
  return out;
}

/** Disks of a storage profile (OS disk and data disks), for `n` machines. */
function profileDisks(ctx: RuleContext, r: PricingResource, region: string, profile: unknown, n: number): { components: CostComponent[]; note?: string } {
  const components: CostComponent[] = [];
  const os = get(profile, "osDisk");
  const osGiB = num(os, "diskSizeGB");
  const osSku = str(os, "managedDisk", "storageAccountType") ?? "Premium_LRS";
  if (osGiB !== undefined && n > 0) components.push(...managedDisk(ctx, r, region, osSku, osGiB, n, "os_disk: "));
  list(profile, "dataDisks").forEach((d, i) => {
    const gib = num(d, "diskSizeGB");
    if (gib !== undefined && n > 0) components.push(...managedDisk(ctx, r, region, str(d, "managedDisk", "storageAccountType") ?? "Premium_LRS", gib, n, `data_disk[${i}]: `));
  });
  return { components, note: osGiB === undefined ? "OS disk size not declared (image default, not included)" : undefined };
}

function isSpot(priority: string | undefined): boolean {
  return priority !== undefined && priority.toLowerCase() === "spot";
}

function osOf(profile: unknown): string {
  if (get(profile, "osProfile", "windowsConfiguration") !== undefined) throw new Unpriceable("Windows VM prices (licence included) are not in the catalog");
  return "Linux";
}

/** A virtual machine: machine hours and its managed disks. */
function vm(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const size = str(r.props, "hardwareProfile", "vmSize");
  if (!size) throw new Unpriceable("its hardwareProfile.vmSize is not declared");
  const os = osOf(r.props);
  const disks = profileDisks(ctx, r, region, get(r.props, "storageProfile"), 1);
  return { region, components: [ctx.machine("azure", region, size, 1, isSpot(str(r.props, "priority")), ctx.hours(r), os), ...disks.components], note: disks.note };
}

/** A scale set: sku.capacity machines and their managed disks. */
function scaleSet(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const size = str(r.props, "sku", "name");
  if (!size) throw new Unpriceable("its sku.name (the VM size) is not declared");
  const n = count(r.props, "sku", "capacity");
  if (n === undefined) throw new Unpriceable("its sku.capacity (the instance count) is not declared");
  const profile = get(r.props, "virtualMachineProfile");
  const os = osOf(profile);
  const disks = profileDisks(ctx, r, region, get(profile, "storageProfile"), n);
  return { region, components: [ctx.machine("azure", region, size, n, isSpot(str(profile, "priority")), ctx.hours(r), os), ...disks.components], note: disks.note };
}

/** A managed disk of its declared size and SKU (Standard_LRS when none is declared). */
function disk(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const gib = num(r.props, "diskSizeGB");
  if (gib === undefined) throw new Unpriceable("its diskSizeGB is not declared (it would come from its source)");
  const sku = str(r.props, "sku", "name") ?? "Standard_LRS";
  return { region, components: managedDisk(ctx, r, region, sku, gib, 1, "", num(r.props, "diskIOPSReadWrite"), num(r.props, "diskMBpsReadWrite")) };
}

/** A snapshot: stored GB (its declared size or the usage file's) at the snapshot rate. */
function snapshot(r: PricingResource, ctx: RuleContext) {
  const region = azureRegion(r, ctx);
  const gib = ctx.usage(r).storageGiB ?? num(r.props, "diskSizeGB") ?? null;
  return { region, components: [ctx.component("Snapshot storage", "azure.disk.snapshot", region, gib, { unit: "GB-months", usageKey: "storageGiB" })] };
}

/** Azure compute rules by type token. */
export const azureComputeRules: Rules = {
  "azure-native:compute:VirtualMachine": vm,
  "azure-native:compute:VirtualMachineScaleSet": scaleSet,
  "azure-native:compute:Disk": disk,
  "azure-native:compute:Snapshot": snapshot,
};
