// AWS compute price rules: EC2 instances, Auto Scaling groups with their launch templates, EBS
// volumes and snapshots, Elastic IPs. Instances from the catalog's offers; EBS by volume type.

import { CostComponent, RuleContext, Rules, Unpriceable } from "../context";
import { bool, get, list, num, str } from "../read";
import type { PricingResource } from "../types";
import { count } from "./common";

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const VOLUME_NAMES: Record<string, string> = {
  gp2: "general purpose SSD, gp2",
  gp3: "general purpose SSD, gp3",
  io1: "provisioned IOPS SSD, io1",
  io2: "provisioned IOPS SSD, io2",
  st1: "throughput optimized HDD, st1",
  sc1: "cold HDD, sc1",
  standard: "magnetic",
};

/** The region of an AWS resource, or Unpriceable saying where to set it. */
export function awsRegion(r: PricingResource, ctx: RuleContext): string {
  return ctx.region(r, "aws", "its region is unknown: set aws:region in the stack configuration or a region on its provider");
}

/**
 * Cost components of one EBS volume (or block device) of `size` GiB, `n` times. gp3 storage is
 * priced at the catalog's per-region disk price, the one `plan` charges for cloudfit's disks.
 */
export function ebsComponents(
  ctx: RuleContext,
  r: PricingResource,
  region: string,
  device: unknown,
  sizeKey: string,
  n: number,
  prefix = "",
  defaultType = "gp3",
): CostComponent[] {
  const size = num(device, sizeKey);
  if (size === undefined) return [];
  const type = (str(device, "volumeType") ?? str(device, "type") ?? defaultType).toLowerCase();
  if (!VOLUME_NAMES[type]) throw new Unpriceable(`EBS volume type '${type}' is not one the catalog prices`);
  const label = `${prefix}Storage (${VOLUME_NAMES[type]})`;
  const out: CostComponent[] = [
    type === "gp3"
      ? ctx.planDisk("aws", region, size * n, label)
      : ctx.component(label, `aws.ebs.${type}`, region, size * n, { unit: "GB-months" }),
  ];
  const iops = num(device, "iops");
  const throughput = num(device, "throughput");
  if (type === "gp3") {
    if (iops !== undefined && iops > 3000) out.push(ctx.component(`${prefix}Provisioned IOPS`, "aws.ebs.gp3-iops", region, (iops - 3000) * n, { unit: "IOPS-months" }));
    if (throughput !== undefined && throughput > 125) out.push(ctx.component(`${prefix}Provisioned throughput`, "aws.ebs.gp3-throughput", region, (throughput - 125) * n, { unit: "MBps-months" }));
  } else if (type === "io1" || type === "io2") {
    if (iops === undefined) throw new Unpriceable(`its ${type} volume declares no iops`);
    out.push(ctx.component(`${prefix}Provisioned IOPS`, `aws.ebs.${type}-iops`, region, iops * n, { unit: "IOPS-months" }));
  } else if (type === "standard") {
    out.push(ctx.usageComponent(r, `${prefix}I/O requests`, "aws.ebs.standard-io", region, "monthlyIOps", { unit: "1M requests", scale: 1e-6 }));
  }
  return out;
}

function isSpotMarket(props: unknown): boolean {
  return str(props, "instanceMarketOptions", "marketType") === "spot";
}

/** Components of a launch template's block devices, for `n` instances. */
function templateDisks(ctx: RuleContext, r: PricingResource, region: string, lt: PricingResource | undefined, n: number): CostComponent[] {
  if (!lt || n === 0) return [];
  return list(lt.props, "blockDeviceMappings").flatMap((m, i) =>
    ebsComponents(ctx, r, region, get(m, "ebs"), "volumeSize", n, `${str(m, "deviceName") ?? `block device ${i}`}: `),
  );
}

function templateOf(r: PricingResource, ctx: RuleContext, props: string[], declared: () => string | undefined) {
  return ctx.linked(r, props, [LAUNCH_TEMPLATE], declared);
}

/** Extra instance components: detailed monitoring and unlimited CPU credits of burstable types. */
function instanceExtras(ctx: RuleContext, r: PricingResource, region: string, type: string, props: unknown, n: number): CostComponent[] {
  const out: CostComponent[] = [];
  if (bool(props, "monitoring") === true || bool(props, "monitoring", "enabled") === true) {
    out.push(ctx.component("EC2 detailed monitoring", "aws.ec2.detailed-monitoring", region, 7 * n, { unit: "metrics" }));
  }
  if (/^t\d/.test(type) && str(props, "creditSpecification", "cpuCredits") === "unlimited") {
    out.push(ctx.usageComponent(r, "CPU credits", "aws.ec2.cpu-credit", region, "cpuCreditHours", { unit: "vCPU-hours" }));
  }
  return out;
}

/** One EC2 instance: machine hours, its EBS devices (own or its launch template's). */
function instance(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const lt = templateOf(r, ctx, ["launchTemplate"], () => str(r.props, "launchTemplate", "name"));
  const type = str(r.props, "instanceType") ?? (lt ? str(lt.props, "instanceType") : undefined);
  if (!type) throw new Unpriceable("its instanceType is not declared on it or on its launch template");
  const spot = isSpotMarket(r.props) || (lt !== undefined && isSpotMarket(lt.props));
  const hours = ctx.hours(r);
  const components = [ctx.machine("aws", region, type, 1, spot, hours)];
  const root = get(r.props, "rootBlockDevice");
  components.push(...ebsComponents(ctx, r, region, root, "volumeSize", 1, "root_block_device: ", "gp2"));
  list(r.props, "ebsBlockDevices").forEach((d, i) => components.push(...ebsComponents(ctx, r, region, d, "volumeSize", 1, `ebs_block_device[${i}]: `, "gp2")));
  if (num(root, "volumeSize") === undefined) components.push(...templateDisks(ctx, r, region, lt, 1));
  components.push(...instanceExtras(ctx, r, region, type, r.props, 1));
  const note = num(root, "volumeSize") === undefined && !lt ? "root volume size not declared (image default, not included)" : undefined;
  return { region, components, note };
}

/**
 * On-demand count of a mixed instances policy: the base capacity first, then the configured
 * percentage of the rest, rounded up (the conservative direction, as on-demand costs more).
 */
export function onDemandCount(desired: number, base: number, percentAboveBase: number): number {
  const fromBase = Math.min(desired, base);
  return fromBase + Math.ceil(((desired - fromBase) * percentAboveBase) / 100);
}

/** An Auto Scaling group: desiredCapacity (or minSize) instances of its launch template. */
function group(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const desired = count(r.props, "desiredCapacity") ?? count(r.props, "minSize");
  if (desired === undefined) throw new Unpriceable("neither desiredCapacity nor minSize is declared");
  const mip = get(r.props, "mixedInstancesPolicy");
  const spec = mip ? get(mip, "launchTemplate", "launchTemplateSpecification") : get(r.props, "launchTemplate");
  const lt = templateOf(r, ctx, ["launchTemplate", "mixedInstancesPolicy"], () => str(spec, mip ? "launchTemplateName" : "name"));
  const overrides = mip ? list(mip, "launchTemplate", "overrides") : [];
  const type = str(overrides[0], "instanceType") ?? (lt ? str(lt.props, "instanceType") : undefined);
  if (!type) {
    throw new Unpriceable(
      lt ? "its launch template declares no instanceType and no override names one" : "its launch template is not in the stack and no instance type override is declared",
    );
  }
  let onDemand = desired;
  if (mip) {
    const dist = get(mip, "instancesDistribution");
    onDemand = onDemandCount(desired, count(dist, "onDemandBaseCapacity") ?? 0, num(dist, "onDemandPercentageAboveBaseCapacity") ?? 100);
  } else if (lt !== undefined && isSpotMarket(lt.props)) onDemand = 0;
  const hours = ctx.hours(r);
  const components: CostComponent[] = [];
  if (onDemand > 0 || desired === 0) components.push(ctx.machine("aws", region, type, onDemand, false, hours));
  if (desired - onDemand > 0) components.push(ctx.machine("aws", region, type, desired - onDemand, true, hours));
  components.push(...templateDisks(ctx, r, region, lt, desired));
  if (lt) components.push(...instanceExtras(ctx, r, region, type, lt.props, desired));
  return { region, components };
}

/** An EBS volume of its declared size and type (gp2 when none is declared, as the provider does). */
function volume(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  if (num(r.props, "size") === undefined) throw new Unpriceable("its size is not declared (it would come from a snapshot)");
  return { region, components: ebsComponents(ctx, r, region, r.props, "size", 1, "", "gp2") };
}

/** An EBS snapshot: the size of the volume it copies (or the usage file's storageGiB) at the snapshot rate. */
function snapshot(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const vol = ctx.linked(r, ["volumeId"], ["aws:ebs/volume:Volume"], () => undefined);
  const size = ctx.usage(r).storageGiB ?? (vol ? num(vol.props, "size") : undefined) ?? null;
  return { region, components: [ctx.component("EBS snapshot storage", "aws.ebs.snapshot", region, size, { unit: "GB-months", usageKey: "storageGiB" })] };
}

/** An Elastic IP: every public IPv4 address is billed hourly. */
function eip(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  return { region, components: [ctx.component("IP address", "aws.eip.hour", region, ctx.hours(r), { unit: "hours" })] };
}

/** AWS compute rules by type token. */
export const awsComputeRules: Rules = {
  "aws:ec2/instance:Instance": instance,
  [LAUNCH_TEMPLATE]: () => ({ free: "a launch template is billed through the instances or Auto Scaling groups that use it" }),
  "aws:autoscaling/group:Group": group,
  "aws:ebs/volume:Volume": volume,
  "aws:ebs/snapshot:Snapshot": snapshot,
  "aws:ec2/eip:Eip": eip,
};
