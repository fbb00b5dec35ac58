// Azure virtual machines should encrypt their disks beyond the platform-managed default: encryption
// at host or disk encryption sets. Advisory unless configured mandatory.

import type { VirtualMachineArgs } from "@pulumi/azure-native/compute/virtualMachine";
import { checkDiskEncryption } from "../lib/azureDisks";
import { field } from "../lib/read";
import { resourceRule } from "../lib/rule";

/** Every VM has encryption at host, or a disk encryption set on each managed disk. */
export const requireVmDiskEncryption = resourceRule({
  name: "azure-vm-disks-encrypted",
  description:
    "Azure virtual machines must encrypt their disks beyond the platform-managed default, with encryption at host or a disk encryption set on every managed disk.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CIS Azure 7.3", "CKV_AZURE_151"],
  types: ["azure-native:compute:VirtualMachine"],
  check: (ctx) => {
    const finding = checkDiskEncryption(
      ctx.label,
      "",
      field<VirtualMachineArgs>(ctx.props, "securityProfile"),
      field<VirtualMachineArgs>(ctx.props, "storageProfile"),
    );
    finding.undecided.forEach((p) => ctx.undecided(p));
    if (finding.message) ctx.report(finding.message);
  },
});
