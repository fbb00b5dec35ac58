// Key Vaults should authorize data access with Azure RBAC instead of vault access policies, so
// that access is granted, reviewed and audited like every other Azure permission. Vaults
// default to access policies in the API versions the SDK uses, so advisory.

import type * as azureInput from "@pulumi/azure-native/types/input";
import { VAULT, vaultProperties } from "../lib/keyVault";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Properties = azureInput.keyvault.VaultPropertiesArgs;

/** properties.enableRbacAuthorization is true. */
export const requireKeyVaultRbac = resourceRule({
  name: "azure-keyvault-rbac-authorization",
  description: "Azure Key Vaults must use Azure RBAC for data access (enableRbacAuthorization).",
  enforcementLevel: "advisory",
  severity: "low",
  benchmarks: ["CIS Azure 8.6"],
  types: [VAULT],
  check: (ctx) => {
    const on = asBool(field<Properties>(vaultProperties(ctx.props), "enableRbacAuthorization"));
    if (on === UNKNOWN) ctx.undecided("properties.enableRbacAuthorization");
    else if (on !== true) {
      ctx.report(
        `${ctx.label} should authorize data access with Azure RBAC: set ` +
          `properties.enableRbacAuthorization to true and grant Key Vault roles instead of access policies.`,
      );
    }
  },
});
