// Azure storage accounts must not let containers or blobs be read anonymously.

import type { StorageAccountArgs } from "@pulumi/azure-native/storage/storageAccount";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** No storage account sets `allowBlobPublicAccess` to true (false is the API default). */
export const blockStorageBlobPublicAccess = resourceRule({
  name: "azure-storage-no-public-blob-access",
  description: "Azure storage accounts must not allow public (anonymous) access to blobs or containers.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS Azure 3.7", "CKV_AZURE_190", "CKV2_AZURE_47"],
  types: ["azure-native:storage:StorageAccount"],
  check: (ctx) => {
    // Unset is interpreted as false by the storage API (StorageAccountArgs docs).
    const open = asBool(field<StorageAccountArgs>(ctx.props, "allowBlobPublicAccess"));
    if (open === UNKNOWN) ctx.undecided("allowBlobPublicAccess");
    else if (open === true) {
      ctx.report(
        `${ctx.label} should not allow public blob access: set allowBlobPublicAccess to false.`,
      );
    }
  },
});
