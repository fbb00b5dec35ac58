// Managed disks should not be exportable or importable from any network: by default a disk's
// SAS export URL works from anywhere. Advisory, since it asks for more than the default.

import type { DiskArgs } from "@pulumi/azure-native/compute/disk";
import { quote } from "../lib/messages";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** networkAccessPolicy is "DenyAll" or "AllowPrivate", or publicNetworkAccess is "Disabled". */
export const restrictDiskNetworkAccess = resourceRule({
  name: "azure-disk-no-public-network-access",
  description:
    "Azure managed disks must not allow export or import from any network (networkAccessPolicy \"DenyAll\" or \"AllowPrivate\").",
  enforcementLevel: "advisory",
  severity: "low",
  benchmarks: ["CKV_AZURE_251"],
  types: ["azure-native:compute:Disk"],
  check: (ctx) => {
    const policy = asString(field<DiskArgs>(ctx.props, "networkAccessPolicy"));
    const access = asString(field<DiskArgs>(ctx.props, "publicNetworkAccess"));
    if (policy === UNKNOWN || access === UNKNOWN) return ctx.undecided("networkAccessPolicy or publicNetworkAccess");
    if (access?.toLowerCase() === "disabled") return;
    if (policy !== undefined && ["denyall", "allowprivate"].includes(policy.toLowerCase())) return;
    const now = policy === undefined ? "unset, which allows any network" : quote(policy);
    ctx.report(
      `${ctx.label} should not be exportable from any network: networkAccessPolicy is ${now}; set ` +
        `it to "DenyAll", or "AllowPrivate" with a disk access resource.`,
    );
  },
});
