// Key Vault vaults keep their settings under `properties`; shared by the vault rules.

import type { VaultArgs } from "@pulumi/azure-native/keyvault/vault";
import { Read, field } from "./read";

/** Key Vault vaults. */
export const VAULT = "azure-native:keyvault:Vault";

/** A vault's properties. */
export function vaultProperties(props: Read): Read {
  return field<VaultArgs>(props, "properties");
}
