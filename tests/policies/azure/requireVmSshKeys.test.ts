import { requireVmSshKeys } from "../../../policies/azure/requireVmSshKeys";
import { UNKNOWN_VALUE } from "../harness";
import { deferred, ruleCases } from "../ruleCases";

const linux = { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: "/home/ops/.ssh/authorized_keys", keyData: "ssh-ed25519 AAAA" }] } };
const FIX = "add the admin's key under linuxConfiguration.ssh.publicKeys and drop adminPassword.";

ruleCases(
  "policies/azure/requireVmSshKeys",
  requireVmSshKeys,
  { type: "azure-native:compute:VirtualMachine", name: "jump", props: { resourceGroupName: "rg", osProfile: { computerName: "jump", adminUsername: "ops", linuxConfiguration: linux } } },
  [
    {
      it: "reports SSH password logins (the exposure found in public programs)",
      props: (b) => ({ ...b, osProfile: { computerName: "jump", adminUsername: "ops", adminPassword: "P@ssw0rd1234!", linuxConfiguration: { disablePasswordAuthentication: false } } }),
      violations: [`Virtual machine 'jump' should not accept SSH password logins: set osProfile.linuxConfiguration.disablePasswordAuthentication to true, ${FIX}`],
    },
    {
      it: "reports a scale set whose Linux profile leaves passwords on",
      type: "azure-native:compute:VirtualMachineScaleSet",
      props: () => ({ virtualMachineProfile: { osProfile: { adminUsername: "ops", adminPassword: "x", linuxConfiguration: {} } } }),
      violations: [`Scale set 'jump' should not accept SSH password logins: set virtualMachineProfile.osProfile.linuxConfiguration.disablePasswordAuthentication to true, ${FIX}`],
    },
    { it: "leaves Windows machines alone", props: (b) => ({ ...b, osProfile: { adminUsername: "ops", adminPassword: "x", windowsConfiguration: {} } }) },
    {
      it: "defers to the update when the setting is not known yet",
      props: (b) => ({ ...b, osProfile: { adminUsername: "ops", linuxConfiguration: { disablePasswordAuthentication: UNKNOWN_VALUE } } }),
      notApplicable: deferred("Virtual machine 'jump'", "osProfile.linuxConfiguration.disablePasswordAuthentication"),
    },
  ],
);
