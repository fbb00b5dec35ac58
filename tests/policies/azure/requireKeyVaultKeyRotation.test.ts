import { requireKeyVaultKeyRotation } from "../../../policies/azure/requireKeyVaultKeyRotation";
import { ruleCases } from "../ruleCases";

const rotate = { lifetimeActions: [{ action: { type: "Notify" }, trigger: { timeBeforeExpiry: "P30D" } }, { action: { type: "Rotate" }, trigger: { timeAfterCreate: "P90D" } }] };

ruleCases(
  "policies/azure/requireKeyVaultKeyRotation",
  requireKeyVaultKeyRotation,
  { type: "azure-native:keyvault:Key", name: "cmk", props: { resourceGroupName: "rg", vaultName: "kv", properties: { kty: "RSA", keySize: 3072, rotationPolicy: rotate } } },
  [
    {
      it: "reports a key that only notifies",
      props: (b) => ({ ...b, properties: { kty: "RSA", rotationPolicy: { lifetimeActions: [rotate.lifetimeActions[0]] } } }),
      violations: ['Key Vault key \'cmk\' should rotate automatically: add properties.rotationPolicy.lifetimeActions with action.type "Rotate" and a trigger such as timeAfterCreate "P90D".'],
    },
  ],
);
