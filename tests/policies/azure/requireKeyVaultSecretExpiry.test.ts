import { requireKeyVaultSecretExpiry } from "../../../policies/azure/requireKeyVaultSecretExpiry";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/requireKeyVaultSecretExpiry",
  requireKeyVaultSecretExpiry,
  { type: "azure-native:keyvault:Secret", name: "db", props: { resourceGroupName: "rg", vaultName: "kv", properties: { value: "x", attributes: { expires: 1893456000 } } } },
  [
    {
      it: "reports a secret that never expires",
      props: (b) => ({ ...b, properties: { value: "x" } }),
      violations: ["Key Vault secret 'db' should expire: set properties.attributes.expires (seconds since 1970) and rotate the secret before then."],
    },
  ],
);
