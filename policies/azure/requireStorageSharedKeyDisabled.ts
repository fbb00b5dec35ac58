// Storage accounts should refuse shared-key (account key) authorization and accept Entra ID
// only, so that access is tied to identities and can be revoked per identity. Shared keys are
// allowed by default, so advisory unless configured mandatory.

import type { StorageAccountArgs } from "@pulumi/azure-native/storage/storageAccount";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** allowSharedKeyAccess is false. */
export const requireStorageSharedKeyDisabled = resourceRule({
  name: "azure-storage-shared-key-disabled",
  description: "Azure storage accounts must disable shared-key authorization (allowSharedKeyAccess false).",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CKV2_AZURE_40"],
  types: ["azure-native:storage:StorageAccount"],
  check: (ctx) => {
    const allowed = asBool(field<StorageAccountArgs>(ctx.props, "allowSharedKeyAccess"));
    if (allowed === UNKNOWN) return ctx.undecided("allowSharedKeyAccess");
    if (allowed === false) return;
    ctx.report(
      `${ctx.label} should accept Entra ID authorization only: allowSharedKeyAccess is ` +
        `${allowed === true ? "true" : "unset, which allows account keys"}; set it to false and ` +
        `grant access through role assignments.`,
    );
  },
});
