// Linux virtual machines and scale sets must not accept password logins over SSH: keys only.

import type * as azureInput from "@pulumi/azure-native/types/input";
import { VM, VMSS, machineProfile, osProfileOf } from "../lib/azureVm";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type OsProfile = azureInput.compute.OSProfileArgs;
type Linux = azureInput.compute.LinuxConfigurationArgs;

/** Every Linux configuration sets disablePasswordAuthentication to true. */
export const requireVmSshKeys = resourceRule({
  name: "azure-vm-password-authentication-disabled",
  description:
    "Linux virtual machines and scale sets must disable password authentication and accept SSH keys only.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AZURE_1", "CKV_AZURE_149", "CKV_AZURE_178"],
  types: [VM, VMSS],
  check: (ctx) => {
    const { profile, prefix } = machineProfile(ctx.type, ctx.props);
    const os = osProfileOf(profile);
    if (profile === UNKNOWN || os === UNKNOWN) return ctx.undecided(`${prefix}osProfile`);
    const linux = field<OsProfile>(os, "linuxConfiguration");
    if (linux === UNKNOWN) return ctx.undecided(`${prefix}osProfile.linuxConfiguration`);
    if (linux === undefined) return; // Windows, or an image whose OS profile is not given here.
    const disabled = asBool(field<Linux>(linux, "disablePasswordAuthentication"));
    if (disabled === UNKNOWN) return ctx.undecided(`${prefix}osProfile.linuxConfiguration.disablePasswordAuthentication`);
    if (disabled === true) return;
    ctx.report(
      `${ctx.label} should not accept SSH password logins: set ` +
        `${prefix}osProfile.linuxConfiguration.disablePasswordAuthentication to true, add the ` +
        `admin's key under linuxConfiguration.ssh.publicKeys and drop adminPassword.`,
    );
  },
});
