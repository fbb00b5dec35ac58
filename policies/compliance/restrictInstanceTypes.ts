// Instance types allowed by the organisation: an allow-list of names (with * wildcards) and a
// ceiling on vCPUs, for VMs, launch templates, Auto Scaling overrides, scale sets and instance
// templates on all three clouds. Nothing is restricted until the config sets a limit.

import type { GroupArgs } from "@pulumi/aws/autoscaling/group";
import type { InstanceArgs } from "@pulumi/aws/ec2/instance";
import type { LaunchTemplateArgs } from "@pulumi/aws/ec2/launchTemplate";
import type { VirtualMachineArgs } from "@pulumi/azure-native/compute/virtualMachine";
import type {
  VirtualMachineScaleSetArgs as ScaleSetArgs,
} from "@pulumi/azure-native/compute/virtualMachineScaleSet";
import type * as awsInput from "@pulumi/aws/types/input";
import type * as azureInput from "@pulumi/azure-native/types/input";
import type { InstanceArgs as GcpInstanceArgs } from "@pulumi/gcp/compute/instance";
import type { InstanceTemplateArgs as GcpTemplateArgs } from "@pulumi/gcp/compute/instanceTemplate";
import { positiveIntSetting, stringListSetting } from "../lib/config";
import { vcpusOf } from "../lib/instanceSize";
import { cloudOf } from "../lib/location";
import { joinOr } from "../lib/messages";
import { Read, asList, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Mixed = awsInput.autoscaling.GroupMixedInstancesPolicy;
type MixedTemplate = awsInput.autoscaling.GroupMixedInstancesPolicyLaunchTemplate;
type Override = awsInput.autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverride;
type Hardware = azureInput.compute.HardwareProfileArgs;

interface Config {
  readonly allowedTypes: readonly string[];
  readonly maxVcpus?: number;
}

/** Where each resource type names its instance type(s), as reads of its props. */
const SITES: Readonly<Record<string, (props: Read) => Read[] | typeof UNKNOWN>> = {
  "aws:ec2/instance:Instance": (p) => [field<InstanceArgs>(p, "instanceType")],
  "aws:ec2/launchTemplate:LaunchTemplate": (p) => [field<LaunchTemplateArgs>(p, "instanceType")],
  "aws:autoscaling/group:Group": (p) => {
    const template = field<Mixed>(field<GroupArgs>(p, "mixedInstancesPolicy"), "launchTemplate");
    const overrides = asList(field<MixedTemplate>(template, "overrides"));
    if (overrides === UNKNOWN) return UNKNOWN;
    return overrides.map((o) => field<Override>(o, "instanceType"));
  },
  "azure-native:compute:VirtualMachine": (p) => [
    field<Hardware>(field<VirtualMachineArgs>(p, "hardwareProfile"), "vmSize"),
  ],
  "azure-native:compute:VirtualMachineScaleSet": (p) => [
    field<azureInput.compute.SkuArgs>(field<ScaleSetArgs>(p, "sku"), "name"),
  ],
  "gcp:compute/instance:Instance": (p) => [field<GcpInstanceArgs>(p, "machineType")],
  "gcp:compute/instanceTemplate:InstanceTemplate": (p) => [
    field<GcpTemplateArgs>(p, "machineType"),
  ],
  "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate": (p) => [
    field<GcpTemplateArgs>(p, "machineType"),
  ],
};

/** A `*` wildcard pattern as a case-insensitive regular expression. */
function patternOf(glob: string): RegExp {
  const body = glob
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "i");
}

/** Every instance type is in the allow-list and within the vCPU ceiling, when configured. */
export const restrictInstanceTypes = resourceRule<Config>({
  name: "compliance-allowed-instance-types",
  description:
    "Virtual machines, launch templates, scale sets and instance templates must use an allowed instance type within the configured vCPU ceiling.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: [],
  configSchema: {
    properties: {
      allowedTypes: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
          "Allowed instance types; * matches any run of characters (\"m7i.*\", \"Standard_D*s_v5\", \"n2-standard-*\"). Empty allows any.",
      },
      maxVcpus: {
        type: "integer",
        minimum: 1,
        description: "The most vCPUs one instance may have. Unset means no ceiling.",
      },
    },
  },
  types: Object.keys(SITES),
  config: (raw) => ({
    allowedTypes: stringListSetting(raw.allowedTypes),
    maxVcpus: positiveIntSetting(raw.maxVcpus),
  }),
  check: (ctx) => {
    const { allowedTypes, maxVcpus } = ctx.config;
    if (allowedTypes.length === 0 && maxVcpus === undefined) return;
    const reads = SITES[ctx.type](ctx.props);
    if (reads === UNKNOWN) return ctx.undecided("the list of its instance types");
    const cloud = cloudOf(ctx.type);
    const patterns = allowedTypes.map(patternOf);
    for (const read of reads) {
      const raw = asString(read);
      if (raw === UNKNOWN) {
        ctx.undecided("its instance type");
        continue;
      }
      if (raw === undefined || raw.trim() === "" || !cloud) continue;
      // GCP machine types may be given as a URL ("zones/x/machineTypes/n2-standard-8").
      const type = raw.trim().split("/").pop() ?? raw.trim();
      if (patterns.length > 0 && !patterns.some((re) => re.test(type))) {
        ctx.report(
          `${ctx.label} should use an allowed instance type: ` +
            `${type} matches none of ${joinOr(allowedTypes)}; pick an allowed type.`,
        );
        continue;
      }
      if (maxVcpus === undefined) continue;
      const vcpus = vcpusOf(cloud, type);
      if (vcpus === undefined) {
        ctx.report(
          `${ctx.label} should stay within ${maxVcpus} vCPUs: the pack cannot tell how many ` +
            `vCPUs ${type} has; pick a type from the price catalog or with a standard size name.`,
        );
      } else if (vcpus > maxVcpus) {
        ctx.report(
          `${ctx.label} should stay within ${maxVcpus} vCPUs: ${type} has ${vcpus}; pick a smaller type.`,
        );
      }
    }
  },
});
