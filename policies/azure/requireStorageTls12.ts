// Azure storage accounts must refuse TLS versions older than 1.2.

import type { StorageAccountArgs } from "@pulumi/azure-native/storage/storageAccount";
import { quote } from "../lib/messages";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** Versions at or above TLS 1.2, as the storage API names them. */
const ACCEPTED = new Set(["TLS1_2", "TLS1_3"]);

/** Every storage account sets `minimumTlsVersion` to "TLS1_2" or later (unset means TLS 1.0). */
export const requireStorageTls12 = resourceRule({
  name: "azure-storage-min-tls-1-2",
  description: "Azure storage accounts must require TLS 1.2 or later; an unset minimum means TLS 1.0.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS Azure 3.15", "CKV_AZURE_44"],
  types: ["azure-native:storage:StorageAccount"],
  check: (ctx) => {
    const version = asString(field<StorageAccountArgs>(ctx.props, "minimumTlsVersion"));
    if (version === UNKNOWN) ctx.undecided("minimumTlsVersion");
    else if (version === undefined) {
      ctx.report(
        `${ctx.label} should require TLS 1.2 or later: ` +
          `set minimumTlsVersion to "TLS1_2" (unset means TLS 1.0).`,
      );
    } else if (!ACCEPTED.has(version.trim().toUpperCase())) {
      ctx.report(
        `${ctx.label} should require TLS 1.2 or later: ` +
          `minimumTlsVersion is ${quote(version)}; set it to "TLS1_2".`,
      );
    }
  },
});
