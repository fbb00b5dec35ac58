// Key Vaults should deny network access by default and admit listed networks (or turn public
// network access off). Azure admits every network by default, so this rule asks for more than
// the default and is advisory unless configured mandatory.

import type * as azureInput from "@pulumi/azure-native/types/input";
import { VAULT, vaultProperties } from "../lib/keyVault";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Properties = azureInput.keyvault.VaultPropertiesArgs;
type NetworkAcls = azureInput.keyvault.NetworkRuleSetArgs;

/** networkAcls.defaultAction is "Deny", or publicNetworkAccess is "Disabled". */
export const requireKeyVaultNetworkDeny = resourceRule({
  name: "azure-keyvault-network-default-deny",
  description:
    "Azure Key Vaults must deny network access by default (networkAcls.defaultAction \"Deny\") or disable public network access.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CKV_AZURE_109", "CKV_AZURE_189"],
  types: [VAULT],
  check: (ctx) => {
    const p = vaultProperties(ctx.props);
    const access = asString(field<Properties>(p, "publicNetworkAccess"));
    const action = asString(field<NetworkAcls>(field<Properties>(p, "networkAcls"), "defaultAction"));
    if (access === UNKNOWN || action === UNKNOWN) {
      return ctx.undecided("properties.publicNetworkAccess or networkAcls.defaultAction");
    }
    if (access?.toLowerCase() === "disabled" || action?.toLowerCase() === "deny") return;
    ctx.report(
      `${ctx.label} should deny network access by default: set properties.networkAcls.defaultAction ` +
        `to "Deny" with the allowed networks listed, or properties.publicNetworkAccess to "Disabled".`,
    );
  },
});
