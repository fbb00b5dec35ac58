import { requireKeyVaultPurgeProtection } from "../../../policies/azure/requireKeyVaultPurgeProtection";
import { ruleCases } from "../ruleCases";

const properties = { tenantId: "t", sku: { family: "A", name: "standard" }, enablePurgeProtection: true, enableRbacAuthorization: true };

ruleCases(
  "policies/azure/requireKeyVaultPurgeProtection",
  requireKeyVaultPurgeProtection,
  { type: "azure-native:keyvault:Vault", name: "kv", props: { resourceGroupName: "rg", properties } },
  [
    {
      it: "reports a vault without purge protection",
      props: (b) => ({ ...b, properties: { ...properties, enablePurgeProtection: undefined } }),
      violations: ["Key Vault 'kv' should be protected against purging: set properties.enablePurgeProtection to true (it cannot be turned off again)."],
    },
  ],
);
