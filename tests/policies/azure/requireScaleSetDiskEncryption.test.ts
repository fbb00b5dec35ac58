import * as assert from "assert";
import { requireScaleSetDiskEncryption } from "../../../policies/azure/requireScaleSetDiskEncryption";
import { UNKNOWN_VALUE, runResource } from "../harness";

const TYPE = "azure-native:compute:VirtualMachineScaleSet";
const profile = {
  securityProfile: { encryptionAtHost: true },
  storageProfile: { osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } } },
};
const compliant = {
  resourceGroupName: "rg-app",
  location: "westeurope",
  sku: { name: "Standard_D2s_v5", capacity: 3 },
  orchestrationMode: "Uniform",
  virtualMachineProfile: profile,
};

function run(props: Record<string, unknown>) {
  return runResource(requireScaleSetDiskEncryption, { type: TYPE, name: "api", props });
}

describe("policies/azure/requireScaleSetDiskEncryption", () => {
  it("passes a scale set with encryption at host", async () => {
    assert.deepStrictEqual(await run(compliant), { violations: [] });
  });

  it("passes a scale set whose OS disk uses a disk encryption set", async () => {
    const vp = { storageProfile: { osDisk: { createOption: "FromImage", managedDisk: { diskEncryptionSet: { id: UNKNOWN_VALUE } } } } };
    assert.deepStrictEqual(await run({ ...compliant, virtualMachineProfile: vp }), { violations: [] });
  });

  it("reports a scale set with encryption at host turned off", async () => {
    const vp = { ...profile, securityProfile: { encryptionAtHost: false } };
    assert.deepStrictEqual(await run({ ...compliant, virtualMachineProfile: vp }), {
      violations: [
        "Scale set 'api' should encrypt its disks beyond the platform-managed keys Azure uses by default (which leave temporary disks and caches unencrypted): set virtualMachineProfile.securityProfile.encryptionAtHost to true, or give its OS and data disks a managedDisk.diskEncryptionSet.",
      ],
    });
  });

  it("defers to the update when the whole VM profile is unknown", async () => {
    assert.deepStrictEqual(await run({ ...compliant, virtualMachineProfile: UNKNOWN_VALUE }), {
      violations: [],
      notApplicable:
        "Scale set 'api' could not be checked during preview because virtualMachineProfile is not known yet; it is checked again when the update runs.",
    });
  });
});
