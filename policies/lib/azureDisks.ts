// Disk encryption of Azure virtual machines and scale sets beyond the default: Azure encrypts
// every managed disk at rest with platform-managed keys, and these rules ask for encryption at
// host (which also covers temporary disks, caches and data in flight to storage) or a disk
// encryption set (a customer-managed key) on every managed disk. Shared by the VM and
// scale-set rules, whose profiles have the same shape at different paths.

import type * as azureInput from "@pulumi/azure-native/types/input";
import { joinAnd } from "./messages";
import { Read, asBool, asList, asNumber, asString, field, isPresent } from "./read";
import { UNKNOWN } from "./unknown";

type SecurityProfile = azureInput.compute.SecurityProfileArgs;
type StorageProfile = azureInput.compute.StorageProfileArgs &
  azureInput.compute.VirtualMachineScaleSetStorageProfileArgs;
type OsDisk = azureInput.compute.OSDiskArgs & azureInput.compute.VirtualMachineScaleSetOSDiskArgs;
type DataDisk = azureInput.compute.DataDiskArgs &
  azureInput.compute.VirtualMachineScaleSetDataDiskArgs;
type ManagedDisk = azureInput.compute.ManagedDiskParametersArgs;
type EncryptionSet = azureInput.compute.DiskEncryptionSetParametersArgs;

/** The outcome of checking one machine profile. */
export interface DiskEncryptionFinding {
  /** The violation message, when the disks are not all encrypted. */
  readonly message?: string;
  /** Deciding properties not known yet. */
  readonly undecided: readonly string[];
}

/** True when a disk names a disk encryption set (an unknown ID counts: it is set). */
function hasEncryptionSet(disk: Read): boolean | typeof UNKNOWN {
  const managed = field<OsDisk>(disk, "managedDisk");
  if (managed === UNKNOWN) return UNKNOWN;
  const set = field<ManagedDisk>(managed, "diskEncryptionSet");
  if (set === UNKNOWN) return UNKNOWN;
  return isPresent(field<EncryptionSet>(set, "id"));
}

/**
 * Checks a machine's disks. `prefix` is the path of the profiles inside the resource ("" for a
 * VM, "virtualMachineProfile." for a scale set) and `label` names the resource in the message.
 */
export function checkDiskEncryption(
  label: string,
  prefix: string,
  securityProfile: Read,
  storageProfile: Read,
): DiskEncryptionFinding {
  const atHost = asBool(field<SecurityProfile>(securityProfile, "encryptionAtHost"));
  if (atHost === true) return { undecided: [] };
  if (atHost === UNKNOWN) return { undecided: [`${prefix}securityProfile.encryptionAtHost`] };
  if (storageProfile === UNKNOWN) return { undecided: [`${prefix}storageProfile`] };

  const undecided: string[] = [];
  const gaps: string[] = [];
  let checked = 1;
  const os = hasEncryptionSet(field<StorageProfile>(storageProfile, "osDisk"));
  if (os === UNKNOWN) undecided.push(`${prefix}storageProfile.osDisk.managedDisk`);
  else if (!os) gaps.push("OS disk");

  const dataDisks = asList(field<StorageProfile>(storageProfile, "dataDisks"));
  if (dataDisks === UNKNOWN) undecided.push(`${prefix}storageProfile.dataDisks`);
  else {
    dataDisks.forEach((disk, i) => {
      // An attached existing disk is encrypted (or not) by its own Disk resource.
      const option = asString(field<DataDisk>(disk, "createOption"));
      if (typeof option === "string" && option.toLowerCase() === "attach") return;
      checked++;
      const encrypted = hasEncryptionSet(disk);
      const lun = asNumber(field<DataDisk>(disk, "lun"));
      const name = typeof lun === "number" ? `data disk at LUN ${lun}` : `data disk ${i + 1}`;
      if (encrypted === UNKNOWN) {
        undecided.push(`${prefix}storageProfile.dataDisks[${i}].managedDisk`);
      } else if (!encrypted) {
        gaps.push(name);
      }
    });
  }
  if (gaps.length === 0) return { undecided };
  const fixHost = `set ${prefix}securityProfile.encryptionAtHost to true`;
  const what =
    `${label} should encrypt its disks beyond the platform-managed keys Azure uses by default ` +
    `(which leave temporary disks and caches unencrypted)`;
  if (gaps.length === checked) {
    return {
      undecided,
      message: `${what}: ${fixHost}, or give its OS and data disks a managedDisk.diskEncryptionSet.`,
    };
  }
  const verb = gaps.length === 1 ? "has" : "have";
  return {
    undecided,
    message:
      `${what}: its ${joinAnd(gaps)} ${verb} no managedDisk.diskEncryptionSet; ${fixHost}, or add ` +
      `a disk encryption set to ${gaps.length === 1 ? "that disk" : "those disks"}.`,
  };
}
