import { requireKeyVaultRbac } from "../../../policies/azure/requireKeyVaultRbac";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/requireKeyVaultRbac",
  requireKeyVaultRbac,
  { type: "azure-native:keyvault:Vault", name: "kv", props: { resourceGroupName: "rg", properties: { tenantId: "t", sku: { family: "A", name: "standard" }, enableRbacAuthorization: true } } },
  [
    {
      it: "reports a vault using access policies",
      props: (b) => ({ ...b, properties: { tenantId: "t", sku: { family: "A", name: "standard" }, accessPolicies: [] } }),
      violations: ["Key Vault 'kv' should authorize data access with Azure RBAC: set properties.enableRbacAuthorization to true and grant Key Vault roles instead of access policies."],
    },
  ],
);
