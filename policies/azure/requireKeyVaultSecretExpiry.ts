// Key Vault secrets should carry an expiry date, so that stale credentials are noticed and
// replaced. Secrets never expire unless told to, so advisory.

import type { SecretArgs } from "@pulumi/azure-native/keyvault/secret";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Properties = azureInput.keyvault.SecretPropertiesArgs;
type Attributes = azureInput.keyvault.SecretAttributesArgs;

/** properties.attributes.expires is set. */
export const requireKeyVaultSecretExpiry = resourceRule({
  name: "azure-keyvault-secret-expiry",
  description: "Azure Key Vault secrets must have an expiration date.",
  enforcementLevel: "advisory",
  severity: "low",
  benchmarks: ["CIS Azure 8.3", "CIS Azure 8.4", "CKV_AZURE_41"],
  types: ["azure-native:keyvault:Secret"],
  check: (ctx) => {
    const attributes = field<Properties>(field<SecretArgs>(ctx.props, "properties"), "attributes");
    if (attributes === UNKNOWN) return ctx.undecided("properties.attributes");
    if (isPresent(field<Attributes>(attributes, "expires"))) return;
    ctx.report(
      `${ctx.label} should expire: set properties.attributes.expires (seconds since 1970) and ` +
        `rotate the secret before then.`,
    );
  },
});
