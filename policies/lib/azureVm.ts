// Where Azure virtual machines and scale sets keep the settings several rules read: the OS
// profile, custom data and user data sit at the top of a VM and under virtualMachineProfile in
// a scale set.

import type { VirtualMachineArgs } from "@pulumi/azure-native/compute/virtualMachine";
import type {
  VirtualMachineScaleSetArgs as ScaleSetArgs,
} from "@pulumi/azure-native/compute/virtualMachineScaleSet";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { Read, field } from "./read";

/** Virtual machines. */
export const VM = "azure-native:compute:VirtualMachine";
/** Virtual machine scale sets. */
export const VMSS = "azure-native:compute:VirtualMachineScaleSet";

type VmProfile = azureInput.compute.VirtualMachineScaleSetVMProfileArgs;

/** The machine profile of a VM or scale set, and the prefix of its property paths. */
export function machineProfile(type: string, props: Read): { profile: Read; prefix: string } {
  if (type === VMSS) {
    return { profile: field<ScaleSetArgs>(props, "virtualMachineProfile"), prefix: "virtualMachineProfile." };
  }
  return { profile: props, prefix: "" };
}

/** The OS profile of a machine profile. */
export function osProfileOf(profile: Read): Read {
  return field<VirtualMachineArgs & VmProfile>(profile, "osProfile");
}
