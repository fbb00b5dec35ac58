// Optional: Google Compute Engine boot disks encrypted with a customer-managed key (Cloud KMS
// CMEK, or a customer-supplied key on instances). Off unless configured.

import type { InstanceArgs } from "@pulumi/gcp/compute/instance";
import type { InstanceTemplateArgs } from "@pulumi/gcp/compute/instanceTemplate";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { boolSetting } from "../lib/config";
import { Read, asBool, asList, field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const INSTANCE = "gcp:compute/instance:Instance";

type BootDisk = gcpInput.compute.InstanceBootDisk;
type TemplateDisk = gcpInput.compute.InstanceTemplateDisk;
type TemplateKey = gcpInput.compute.InstanceTemplateDiskDiskEncryptionKey;

interface Config {
  readonly requireCustomerManagedKey: boolean;
}

/** The boot disk of a template: the one marked `boot`, else the first (as Compute Engine does). */
function templateBootDisk(
  disks: readonly Read[],
): { disk: Read; index: number } | typeof UNKNOWN | undefined {
  let unknown = false;
  for (let i = 0; i < disks.length; i++) {
    const boot = asBool(field<TemplateDisk>(disks[i], "boot"));
    if (boot === true) return { disk: disks[i], index: i };
    if (boot === UNKNOWN) unknown = true;
  }
  if (unknown) return UNKNOWN;
  return disks.length > 0 ? { disk: disks[0], index: 0 } : undefined;
}

/** When configured, every instance and template encrypts its boot disk with a customer key. */
export const requireBootDiskCmek = resourceRule<Config>({
  name: "gcp-compute-boot-disk-cmek",
  description:
    "Google Compute Engine boot disks must be encrypted with a customer-managed key when the pack's config requires it.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS GCP 4.7", "CKV_GCP_38"],
  configSchema: {
    properties: {
      requireCustomerManagedKey: {
        type: "boolean",
        default: false,
        description: "Require a Cloud KMS key (or a customer-supplied key) on every boot disk.",
      },
    },
  },
  types: [
    INSTANCE,
    "gcp:compute/instanceTemplate:InstanceTemplate",
    "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate",
  ],
  config: (raw) => ({
    requireCustomerManagedKey: boolSetting(raw.requireCustomerManagedKey, false),
  }),
  check: (ctx) => {
    if (!ctx.config.requireCustomerManagedKey) return;
    if (ctx.type === INSTANCE) {
      const boot = field<InstanceArgs>(ctx.props, "bootDisk");
      if (boot === UNKNOWN) return ctx.undecided("bootDisk");
      const keys = ["kmsKeySelfLink", "diskEncryptionKeyRaw", "diskEncryptionKeyRsa"] as const;
      const keyed = keys.some((k) => isPresent(field<BootDisk>(boot, k)));
      if (!keyed) {
        ctx.report(
          `${ctx.label} should encrypt its boot disk with a customer-managed key: ` +
            `set bootDisk.kmsKeySelfLink to a Cloud KMS key.`,
        );
      }
      return;
    }
    const disks = asList(field<InstanceTemplateArgs>(ctx.props, "disks"));
    if (disks === UNKNOWN) return ctx.undecided("disks");
    const boot = templateBootDisk(disks);
    if (boot === UNKNOWN) return ctx.undecided("disks[].boot");
    if (boot === undefined) return;
    const encryption = field<TemplateDisk>(boot.disk, "diskEncryptionKey");
    const key = field<TemplateKey>(encryption, "kmsKeySelfLink");
    if (!isPresent(key)) {
      ctx.report(
        `${ctx.label} should encrypt its boot disk with a customer-managed key: set ` +
          `disks[${boot.index}].diskEncryptionKey.kmsKeySelfLink to a Cloud KMS key.`,
      );
    }
  },
});
