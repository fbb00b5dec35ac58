import { requireKeyVaultSoftDelete } from "../../../policies/azure/requireKeyVaultSoftDelete";
import { ruleCases } from "../ruleCases";

const properties = { tenantId: "t", sku: { family: "A", name: "standard" } };

ruleCases(
  "policies/azure/requireKeyVaultSoftDelete",
  requireKeyVaultSoftDelete,
  { type: "azure-native:keyvault:Vault", name: "kv", props: { resourceGroupName: "rg", properties } },
  [
    { it: "reports soft delete turned off", props: (b) => ({ ...b, properties: { ...properties, enableSoftDelete: false } }), violations: ["Key Vault 'kv' should keep soft delete on: set properties.enableSoftDelete to true."] },
    {
      it: "reports a retention shorter than a week",
      props: (b) => ({ ...b, properties: { ...properties, softDeleteRetentionInDays: 3 } }),
      violations: ["Key Vault 'kv' should keep deleted items for at least 7 days: properties.softDeleteRetentionInDays is 3; set it to 7 or more (90 by default)."],
    },
  ],
);
