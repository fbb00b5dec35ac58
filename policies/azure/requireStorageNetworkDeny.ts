// Storage accounts should deny network access by default and admit only listed networks, or
// turn public network access off. Azure's default admits every network, so this rule asks
// for more than the default and is advisory unless configured mandatory.

import type { StorageAccountArgs } from "@pulumi/azure-native/storage/storageAccount";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { quote } from "../lib/messages";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type NetworkRules = azureInput.storage.NetworkRuleSetArgs;

/** networkRuleSet.defaultAction is "Deny", or publicNetworkAccess is "Disabled". */
export const requireStorageNetworkDeny = resourceRule({
  name: "azure-storage-network-default-deny",
  description:
    "Azure storage accounts must deny network access by default (networkRuleSet.defaultAction \"Deny\") or disable public network access.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CIS Azure 3.8", "CKV_AZURE_35", "CKV_AZURE_59"],
  types: ["azure-native:storage:StorageAccount"],
  check: (ctx) => {
    const access = asString(field<StorageAccountArgs>(ctx.props, "publicNetworkAccess"));
    const action = asString(field<NetworkRules>(field<StorageAccountArgs>(ctx.props, "networkRuleSet"), "defaultAction"));
    if (access === UNKNOWN || action === UNKNOWN) {
      return ctx.undecided("publicNetworkAccess or networkRuleSet.defaultAction");
    }
    if (access?.toLowerCase() === "disabled" || action?.toLowerCase() === "deny") return;
    const now = action === undefined ? "admits every network (the Azure default)" : `has defaultAction ${quote(action)}`;
    ctx.report(
      `${ctx.label} should deny network access by default: it ${now}; set ` +
        `networkRuleSet.defaultAction to "Deny" and list the allowed networks, or set ` +
        `publicNetworkAccess to "Disabled" and use private endpoints.`,
    );
  },
});
