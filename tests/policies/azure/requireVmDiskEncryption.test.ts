import * as assert from "assert";
import { requireVmDiskEncryption } from "../../../policies/azure/requireVmDiskEncryption";
import { UNKNOWN_VALUE, runResource } from "../harness";

const TYPE = "azure-native:compute:VirtualMachine";
const des = { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des" };
const storageProfile = {
  imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
  osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } },
  dataDisks: [{ lun: 0, createOption: "Empty", diskSizeGB: 128, managedDisk: { storageAccountType: "Premium_LRS" } }],
};
const compliant = {
  resourceGroupName: "rg-app",
  location: "westeurope",
  hardwareProfile: { vmSize: "Standard_D4s_v5" },
  securityProfile: { encryptionAtHost: true },
  storageProfile,
};
const withSets = {
  ...compliant,
  securityProfile: { encryptionAtHost: false },
  storageProfile: {
    ...storageProfile,
    osDisk: { createOption: "FromImage", managedDisk: { diskEncryptionSet: des } },
    dataDisks: [{ lun: 0, createOption: "Empty", diskSizeGB: 128, managedDisk: { diskEncryptionSet: des } }],
  },
};

function run(props: Record<string, unknown>) {
  return runResource(requireVmDiskEncryption, { type: TYPE, name: "api", props });
}

describe("policies/azure/requireVmDiskEncryption", () => {
  it("passes a VM with encryption at host", async () => {
    assert.deepStrictEqual(await run(compliant), { violations: [] });
  });

  it("passes a VM whose OS and data disks use a disk encryption set", async () => {
    assert.deepStrictEqual(await run(withSets), { violations: [] });
  });

  it("reports a VM with neither encryption at host nor disk encryption sets", async () => {
    const { securityProfile: _, ...plain } = compliant;
    assert.deepStrictEqual(await run(plain), {
      violations: [
        "Virtual machine 'api' should encrypt its disks beyond the platform-managed keys Azure uses by default (which leave temporary disks and caches unencrypted): set securityProfile.encryptionAtHost to true, or give its OS and data disks a managedDisk.diskEncryptionSet.",
      ],
    });
  });

  it("names the data disk that lacks a disk encryption set", async () => {
    const gap = {
      ...withSets,
      storageProfile: { ...withSets.storageProfile, dataDisks: [{ lun: 3, createOption: "Empty", managedDisk: {} }] },
    };
    assert.deepStrictEqual(await run(gap), {
      violations: [
        "Virtual machine 'api' should encrypt its disks beyond the platform-managed keys Azure uses by default (which leave temporary disks and caches unencrypted): its data disk at LUN 3 has no managedDisk.diskEncryptionSet; set securityProfile.encryptionAtHost to true, or add a disk encryption set to that disk.",
      ],
    });
  });

  it("leaves attached existing disks to their own Disk resource", async () => {
    const attached = {
      ...withSets,
      storageProfile: { ...withSets.storageProfile, dataDisks: [{ lun: 1, createOption: "Attach", managedDisk: { id: "/disks/d1" } }] },
    };
    assert.deepStrictEqual(await run(attached), { violations: [] });
  });

  it("defers to the update when encryption at host is unknown", async () => {
    assert.deepStrictEqual(await run({ ...compliant, securityProfile: { encryptionAtHost: UNKNOWN_VALUE } }), {
      violations: [],
      notApplicable:
        "Virtual machine 'api' could not be checked during preview because securityProfile.encryptionAtHost is not known yet; it is checked again when the update runs.",
    });
  });
});
