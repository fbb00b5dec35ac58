// Google Compute Engine instances and instance templates must run as Shielded VMs: secure boot,
// vTPM and integrity monitoring all on.

import type { InstanceArgs } from "@pulumi/gcp/compute/instance";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { joinAnd } from "../lib/messages";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Shielded = gcpInput.compute.InstanceShieldedInstanceConfig;

/** Each setting and its default when unset (gcp.compute.Instance shieldedInstanceConfig docs). */
const SETTINGS: readonly { key: keyof Shielded & string; defaultOn: boolean }[] = [
  { key: "enableSecureBoot", defaultOn: false },
  { key: "enableVtpm", defaultOn: true },
  { key: "enableIntegrityMonitoring", defaultOn: true },
];

/** Every instance and template has secure boot on and neither vTPM nor integrity monitoring off. */
export const requireShieldedVm = resourceRule({
  name: "gcp-compute-shielded-vm",
  description:
    "Google Compute Engine instances and instance templates must enable Shielded VM secure boot, vTPM and integrity monitoring.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS GCP 4.8", "CKV_GCP_39"],
  types: [
    "gcp:compute/instance:Instance",
    "gcp:compute/instanceTemplate:InstanceTemplate",
    "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate",
  ],
  check: (ctx) => {
    const config = field<InstanceArgs>(ctx.props, "shieldedInstanceConfig");
    if (config === UNKNOWN) return ctx.undecided("shieldedInstanceConfig");
    const off: string[] = [];
    for (const { key, defaultOn } of SETTINGS) {
      const v = asBool(field<Shielded>(config, key));
      if (v === UNKNOWN) ctx.undecided(`shieldedInstanceConfig.${key}`);
      else if (!(v ?? defaultOn)) off.push(key);
    }
    if (off.length === 0) return;
    ctx.report(
      `${ctx.label} should run as a Shielded VM: set shieldedInstanceConfig.${joinAnd(off)} to true.`,
    );
  },
});
