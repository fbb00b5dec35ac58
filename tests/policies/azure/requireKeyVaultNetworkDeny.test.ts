import { requireKeyVaultNetworkDeny } from "../../../policies/azure/requireKeyVaultNetworkDeny";
import { ruleCases } from "../ruleCases";

const properties = { tenantId: "t", sku: { family: "A", name: "standard" }, networkAcls: { defaultAction: "Deny", bypass: "AzureServices" } };

ruleCases(
  "policies/azure/requireKeyVaultNetworkDeny",
  requireKeyVaultNetworkDeny,
  { type: "azure-native:keyvault:Vault", name: "kv", props: { resourceGroupName: "rg", properties } },
  [
    {
      it: "reports a vault open to every network",
      props: (b) => ({ ...b, properties: { ...properties, networkAcls: undefined } }),
      violations: ['Key Vault \'kv\' should deny network access by default: set properties.networkAcls.defaultAction to "Deny" with the allowed networks listed, or properties.publicNetworkAccess to "Disabled".'],
    },
    { it: "passes a vault without public network access", props: (b) => ({ ...b, properties: { ...properties, networkAcls: undefined, publicNetworkAccess: "Disabled" } }) },
  ],
);
