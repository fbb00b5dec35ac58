// Custom data and user data of Azure virtual machines and scale sets must not carry secrets:
// user data is readable from inside the VM through the instance metadata service and from the
// VM's model by anyone with read access.

import type { VirtualMachineArgs } from "@pulumi/azure-native/compute/virtualMachine";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { VM, VMSS, machineProfile, osProfileOf } from "../lib/azureVm";
import { Read, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { decodeUserData, describeSecrets, secretsInText } from "../lib/secrets";
import { UNKNOWN } from "../lib/unknown";

type OsProfile = azureInput.compute.OSProfileArgs;

/** No secret pattern in customData or userData. */
export const blockVmCustomDataSecrets = resourceRule({
  name: "azure-vm-custom-data-no-secrets",
  description:
    "Azure virtual machine and scale set custom data and user data must not contain secrets such as keys or literal passwords.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AZURE_45"],
  types: [VM, VMSS],
  check: (ctx) => {
    const { profile, prefix } = machineProfile(ctx.type, ctx.props);
    if (profile === UNKNOWN) return ctx.undecided(prefix.slice(0, -1));
    const sources: [string, Read][] = [
      [`${prefix}osProfile.customData`, field<OsProfile>(osProfileOf(profile), "customData")],
      [`${prefix}userData`, field<VirtualMachineArgs>(profile, "userData")],
    ];
    for (const [path, read] of sources) {
      const value = asString(read);
      if (value === UNKNOWN) {
        ctx.undecided(path);
        continue;
      }
      if (value === undefined) continue;
      const found = secretsInText(decodeUserData(value));
      if (found.length === 0) continue;
      ctx.report(
        `${ctx.label} should not carry secrets in ${path}: it holds ${describeSecrets(found)}; ` +
          `read them at boot from Key Vault with the machine's managed identity.`,
      );
    }
  },
});
