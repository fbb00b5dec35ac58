// Key Vaults must keep soft delete on (the default since 2020), with a retention of at least a
// week, so that deleted keys and secrets can be recovered.

import type * as azureInput from "@pulumi/azure-native/types/input";
import { VAULT, vaultProperties } from "../lib/keyVault";
import { asBool, asNumber, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Properties = azureInput.keyvault.VaultPropertiesArgs;

/** enableSoftDelete is not false and softDeleteRetentionInDays is at least 7. */
export const requireKeyVaultSoftDelete = resourceRule({
  name: "azure-keyvault-soft-delete",
  description: "Azure Key Vaults must keep soft delete enabled (the default) with a retention of at least 7 days.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS Azure 8.5", "CKV_AZURE_111", "CKV_AZURE_42"],
  types: [VAULT],
  check: (ctx) => {
    const p = vaultProperties(ctx.props);
    const on = asBool(field<Properties>(p, "enableSoftDelete"));
    const days = asNumber(field<Properties>(p, "softDeleteRetentionInDays"));
    if (on === UNKNOWN || days === UNKNOWN) {
      return ctx.undecided("properties.enableSoftDelete or softDeleteRetentionInDays");
    }
    if (on === false) {
      ctx.report(`${ctx.label} should keep soft delete on: set properties.enableSoftDelete to true.`);
    } else if (days !== undefined && days < 7) {
      ctx.report(
        `${ctx.label} should keep deleted items for at least 7 days: ` +
          `properties.softDeleteRetentionInDays is ${days}; set it to 7 or more (90 by default).`,
      );
    }
  },
});
