// Optional stronger encryption for Azure storage accounts: customer-managed keys from Key Vault
// and a second, infrastructure layer of encryption. Both are off unless configured, because
// Azure already encrypts every account with Microsoft-managed keys.

import type { StorageAccountArgs } from "@pulumi/azure-native/storage/storageAccount";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { boolSetting } from "../lib/config";
import { asBool, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Encryption = azureInput.storage.EncryptionArgs;

interface Config {
  readonly requireCustomerManagedKey: boolean;
  readonly requireInfrastructureEncryption: boolean;
}

/** Storage accounts use Key Vault keys and/or infrastructure encryption, as configured. */
export const requireStorageEncryptionKeys = resourceRule<Config>({
  name: "azure-storage-encryption-keys",
  description:
    "Azure storage accounts must use customer-managed Key Vault keys and infrastructure encryption when the pack's config requires them.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS Azure 3.2", "CIS Azure 3.12", "CKV2_AZURE_1"],
  configSchema: {
    properties: {
      requireCustomerManagedKey: {
        type: "boolean",
        default: false,
        description: "Require encryption.keySource \"Microsoft.Keyvault\" (a customer-managed key).",
      },
      requireInfrastructureEncryption: {
        type: "boolean",
        default: false,
        description: "Require encryption.requireInfrastructureEncryption (double encryption at rest).",
      },
    },
  },
  types: ["azure-native:storage:StorageAccount"],
  config: (raw) => ({
    requireCustomerManagedKey: boolSetting(raw.requireCustomerManagedKey, false),
    requireInfrastructureEncryption: boolSetting(raw.requireInfrastructureEncryption, false),
  }),
  check: (ctx) => {
    const encryption = field<StorageAccountArgs>(ctx.props, "encryption");
    if (ctx.config.requireCustomerManagedKey) {
      const source = asString(field<Encryption>(encryption, "keySource"));
      if (source === UNKNOWN) ctx.undecided("encryption.keySource");
      else if (source?.trim().toLowerCase() !== "microsoft.keyvault") {
        ctx.report(
          `${ctx.label} should encrypt with a customer-managed key: set encryption.keySource to ` +
            `"Microsoft.Keyvault" and encryption.keyVaultProperties to its Key Vault key.`,
        );
      }
    }
    if (ctx.config.requireInfrastructureEncryption) {
      const infra = asBool(field<Encryption>(encryption, "requireInfrastructureEncryption"));
      if (infra === UNKNOWN) ctx.undecided("encryption.requireInfrastructureEncryption");
      else if (infra !== true) {
        ctx.report(
          `${ctx.label} should use infrastructure encryption: ` +
            `set encryption.requireInfrastructureEncryption to true.`,
        );
      }
    }
  },
});
