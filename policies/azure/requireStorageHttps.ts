// Azure storage accounts must refuse plain HTTP.

import type { StorageAccountArgs } from "@pulumi/azure-native/storage/storageAccount";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** No storage account sets `enableHttpsTrafficOnly` to false (true is the API default). */
export const requireStorageHttps = resourceRule({
  name: "azure-storage-https-only",
  description: "Azure storage accounts must accept HTTPS traffic only.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS Azure 3.1", "CKV_AZURE_3"],
  types: ["azure-native:storage:StorageAccount"],
  check: (ctx) => {
    // Unset means true since API version 2019-04-01 (StorageAccountArgs docs).
    const httpsOnly = asBool(field<StorageAccountArgs>(ctx.props, "enableHttpsTrafficOnly"));
    if (httpsOnly === UNKNOWN) ctx.undecided("enableHttpsTrafficOnly");
    else if (httpsOnly === false) {
      ctx.report(`${ctx.label} should accept HTTPS only: set enableHttpsTrafficOnly to true.`);
    }
  },
});
