// Google Cloud compute price rules: instances and managed instance groups (machine hours from
// the catalog's offers with sustained-use discounts, disks by type), persistent disks, regional
// disks, snapshots, images and static IP addresses.

import { CostComponent, RuleContext, Rules, Unpriceable } from "../context";
import { bool, list, num, str } from "../read";
import type { PricingResource } from "../types";
import { count, sustainedUseMultiplier } from "./common";

const TEMPLATE_TYPES = ["gcp:compute/instanceTemplate:InstanceTemplate", "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate"];
const DISK_LABELS: Record<string, string> = {
  "pd-standard": "Standard provisioned storage (pd-standard)",
  "pd-balanced": "Balanced provisioned storage (pd-balanced)",
  "pd-ssd": "SSD provisioned storage (pd-ssd)",
  "pd-extreme": "Extreme provisioned storage (pd-extreme)",
  "hyperdisk-extreme": "Hyperdisk provisioned storage (hyperdisk-extreme)",
  "hyperdisk-balanced": "Hyperdisk provisioned storage (hyperdisk-balanced)",
  "hyperdisk-throughput": "Hyperdisk provisioned storage (hyperdisk-throughput)",
};

/** The region of a Google Cloud resource, or Unpriceable saying where to set it. */
export function gcpRegion(r: PricingResource, ctx: RuleContext): string {
  return ctx.region(r, "gcp", "its region is unknown: set its zone or region, or gcp:region in the stack configuration");
}

/** A machine type given as a name or a URL ("zones/us-central1-a/machineTypes/e2-medium"). */
function machineType(props: unknown): string | undefined {
  return str(props, "machineType")?.split("/").pop();
}

/** Spot or preemptible VMs are billed at the spot rate. */
function isSpot(props: unknown): boolean {
  const model = str(props, "scheduling", "provisioningModel");
  return (model !== undefined && model.toUpperCase() === "SPOT") || bool(props, "scheduling", "preemptible") === true;
}

/**
 * Machine hours of `n` VMs of a type: spot at the spot price, on-demand with the sustained-use
 * discount its series earns for the hours it runs.
 */
export function gcpMachine(ctx: RuleContext, region: string, type: string, n: number, spot: boolean, hours: number): CostComponent {
  const c = ctx.machine("gcp", region, type, n, spot, hours);
  const m = spot ? 1 : sustainedUseMultiplier(type, hours);
  if (m === 1) return c;
  return { ...c, name: `${c.name} with ${Math.round((1 - m) * 100)}% sustained-use discount`, unitUSD: c.unitUSD * m, monthlyUSD: c.monthlyUSD! * m };
}

/**
 * Persistent disk components: `size` GiB of a disk type, `n` times. pd-balanced (cloudfit's own
 * disks) uses the catalog's per-region disk price, the one `plan` charges.
 */
export function gcpDisk(ctx: RuleContext, region: string, type: string, size: number, n: number, prefix = "", iops?: number, regional = false): CostComponent[] {
  if (!DISK_LABELS[type]) throw new Unpriceable(`disk type '${type}' is not one the catalog prices`);
  const label = `${prefix}${DISK_LABELS[type]}${regional ? " (regional)" : ""}`;
  const out = [
    type === "pd-balanced" && !regional
      ? ctx.planDisk("gcp", region, size * n, label)
      : ctx.component(label, regional ? `gcp.disk.${type}-regional` : `gcp.disk.${type}`, region, size * n, { unit: "GiB-months" }),
  ];
  if ((type === "pd-extreme" || type === "hyperdisk-extreme") && iops !== undefined) {
    out.push(ctx.component(`${prefix}Provisioned IOPS`, `gcp.disk.${type}-iops`, region, iops * n, { unit: "IOPS-months" }));
  }
  if (type === "hyperdisk-balanced" && iops !== undefined && iops > 3000) {
    out.push(ctx.component(`${prefix}Provisioned IOPS`, "gcp.disk.hyperdisk-balanced-iops", region, (iops - 3000) * n, { unit: "IOPS-months" }));
  }
  return out;
}

/** Disks of an instance template (`disks[]`), for `n` VMs. */
function templateDisks(ctx: RuleContext, region: string, template: PricingResource, n: number): CostComponent[] {
  return list(template.props, "disks").flatMap((d, i) => {
    const size = num(d, "diskSizeGb");
    if (size === undefined || n === 0) return [];
    return gcpDisk(ctx, region, str(d, "diskType") ?? "pd-standard", size, n, `disks[${i}]: `);
  });
}

/** An instance: machine hours, its boot disk (10 GiB pd-standard unless declared) and local SSDs. */
function instance(r: PricingResource, ctx: RuleContext) {
  const region = gcpRegion(r, ctx);
  const type = machineType(r.props);
  if (!type) throw new Unpriceable("its machineType is not declared");
  if (list(r.props, "guestAccelerators").length > 0) throw new Unpriceable("GPU prices are not in the catalog");
  const components = [gcpMachine(ctx, region, type, 1, isSpot(r.props), ctx.hours(r))];
  const boot = num(r.props, "bootDisk", "initializeParams", "size");
  components.push(...gcpDisk(ctx, region, str(r.props, "bootDisk", "initializeParams", "type") ?? "pd-standard", boot ?? 10, 1, "boot disk: "));
  const ssd = list(r.props, "scratchDisks").length;
  if (ssd > 0) components.push(ctx.component("Local SSD", "gcp.disk.local-ssd", region, 375 * ssd, { unit: "GiB-months" }));
  return { region, components, note: boot === undefined ? "boot disk size not declared: 10 GiB assumed, the image default of most public images" : undefined };
}

/** A managed instance group (zonal or regional): targetSize VMs of its template and their disks. */
function groupManager(r: PricingResource, ctx: RuleContext) {
  const region = gcpRegion(r, ctx);
  const size = count(r.props, "targetSize");
  if (size === undefined) throw new Unpriceable("its targetSize is not declared (an autoscaler would set it)");
  const versions = list(r.props, "versions");
  const template = ctx.linked(r, ["versions"], TEMPLATE_TYPES, () => str(versions[0], "instanceTemplate"));
  if (!template) throw new Unpriceable("its instance template is not in the stack");
  const type = machineType(template.props);
  if (!type) throw new Unpriceable(`its instance template '${template.name}' declares no machineType`);
  const components = [gcpMachine(ctx, region, type, size, isSpot(template.props), ctx.hours(r)), ...templateDisks(ctx, region, template, size)];
  return { region, components, note: versions.length > 1 ? `first of ${versions.length} versions used for the whole group` : undefined };
}

/** A zonal or regional persistent disk of its declared size and type (pd-standard by default). */
function disk(regional: boolean) {
  return (r: PricingResource, ctx: RuleContext) => {
    const region = gcpRegion(r, ctx);
    const size = num(r.props, "size");
    if (size === undefined) throw new Unpriceable("its size is not declared (it would come from its image or snapshot)");
    const type = (str(r.props, "type") ?? "pd-standard").split("/").pop()!;
    return { region, components: gcpDisk(ctx, region, type, size, 1, "", num(r.props, "provisionedIops"), regional) };
  };
}

/** A snapshot or image: stored GiB (usage file, or the size of the disk it copies). */
function stored(label: string, key: string) {
  return (r: PricingResource, ctx: RuleContext) => {
    const region = gcpRegion(r, ctx);
    const src = ctx.linked(r, ["sourceDisk"], ["gcp:compute/disk:Disk"], () => undefined);
    const gib = ctx.usage(r).storageGiB ?? num(r.props, "diskSizeGb") ?? (src ? num(src.props, "size") : undefined) ?? null;
    return { region, components: [ctx.component(label, key, region, gib, { unit: "GiB-months", usageKey: "storageGiB" })] };
  };
}

/** A static address: internal ones are free; an external one is billed as in use when an instance refers to it, else as unused. */
function address(r: PricingResource, ctx: RuleContext) {
  if ((str(r.props, "addressType") ?? "EXTERNAL") === "INTERNAL") return { free: "internal IP addresses have no charge" };
  const region = gcpRegion(r, ctx);
  const users = ctx.resources.filter((x) => x.type === "gcp:compute/instance:Instance" && Object.values(x.propertyDependencies ?? {}).some((urns) => urns.includes(r.urn)));
  const preemptible = users.length > 0 && users.every((u) => isSpot(u.props));
  const [key, label] = users.length === 0 ? ["gcp.ip.unused", "unused"] : preemptible ? ["gcp.ip.preemptible-vm", "preemptible VM"] : ["gcp.ip.vm", "standard VM"];
  return { region, components: [ctx.component(`IP address (${label})`, key, region, ctx.hours(r), { unit: "hours" })] };
}

/** Google Cloud compute rules by type token. */
export const gcpComputeRules: Rules = {
  "gcp:compute/instance:Instance": instance,
  "gcp:compute/instanceTemplate:InstanceTemplate": () => ({ free: "an instance template is billed through the groups that use it" }),
  "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate": () => ({ free: "an instance template is billed through the groups that use it" }),
  "gcp:compute/instanceGroupManager:InstanceGroupManager": groupManager,
  "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager": groupManager,
  "gcp:compute/disk:Disk": disk(false),
  "gcp:compute/regionDisk:RegionDisk": disk(true),
  "gcp:compute/snapshot:Snapshot": stored("Snapshot storage", "gcp.disk.snapshot"),
  "gcp:compute/image:Image": stored("Image storage", "gcp.image.storage"),
  "gcp:compute/address:Address": address,
  "gcp:compute/globalAddress:GlobalAddress": address,
};
