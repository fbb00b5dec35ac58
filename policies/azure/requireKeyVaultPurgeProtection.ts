// Key Vaults must be protected against purging, so that a deleted vault, key or secret can be
// recovered during its retention period and not destroyed at once by an attacker or a
// mistaken `pulumi destroy`. Off by default; once on it cannot be turned off.

import type * as azureInput from "@pulumi/azure-native/types/input";
import { VAULT, vaultProperties } from "../lib/keyVault";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Properties = azureInput.keyvault.VaultPropertiesArgs;

/** properties.enablePurgeProtection is true. */
export const requireKeyVaultPurgeProtection = resourceRule({
  name: "azure-keyvault-purge-protection",
  description: "Azure Key Vaults must enable purge protection.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS Azure 8.5", "CKV_AZURE_110", "CKV_AZURE_42"],
  types: [VAULT],
  check: (ctx) => {
    const on = asBool(field<Properties>(vaultProperties(ctx.props), "enablePurgeProtection"));
    if (on === UNKNOWN) ctx.undecided("properties.enablePurgeProtection");
    else if (on !== true) {
      ctx.report(
        `${ctx.label} should be protected against purging: set properties.enablePurgeProtection ` +
          `to true (it cannot be turned off again).`,
      );
    }
  },
});
