// Azure virtual machine scale sets should encrypt their instances' disks beyond the
// platform-managed default: encryption at host or disk encryption sets. Advisory unless
// configured mandatory.

import type {
  VirtualMachineScaleSetArgs as ScaleSetArgs,
} from "@pulumi/azure-native/compute/virtualMachineScaleSet";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { checkDiskEncryption } from "../lib/azureDisks";
import { field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type VmProfile = azureInput.compute.VirtualMachineScaleSetVMProfileArgs;

/** Every scale set's VM profile has encryption at host, or a disk encryption set on each disk. */
export const requireScaleSetDiskEncryption = resourceRule({
  name: "azure-vmss-disks-encrypted",
  description:
    "Azure virtual machine scale sets must encrypt their instances' disks beyond the platform-managed default, with encryption at host or a disk encryption set on every managed disk.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CIS Azure 7.3", "CKV_AZURE_97"],
  types: ["azure-native:compute:VirtualMachineScaleSet"],
  check: (ctx) => {
    const profile = field<ScaleSetArgs>(ctx.props, "virtualMachineProfile");
    if (profile === UNKNOWN) return ctx.undecided("virtualMachineProfile");
    const finding = checkDiskEncryption(
      ctx.label,
      "virtualMachineProfile.",
      field<VmProfile>(profile, "securityProfile"),
      field<VmProfile>(profile, "storageProfile"),
    );
    finding.undecided.forEach((p) => ctx.undecided(p));
    if (finding.message) ctx.report(finding.message);
  },
});
