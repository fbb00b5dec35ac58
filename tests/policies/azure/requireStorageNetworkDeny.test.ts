import { requireStorageNetworkDeny } from "../../../policies/azure/requireStorageNetworkDeny";
import { ruleCases } from "../ruleCases";

const FIX = 'set networkRuleSet.defaultAction to "Deny" and list the allowed networks, or set publicNetworkAccess to "Disabled" and use private endpoints.';

ruleCases(
  "policies/azure/requireStorageNetworkDeny",
  requireStorageNetworkDeny,
  { type: "azure-native:storage:StorageAccount", name: "data", props: { resourceGroupName: "rg", networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" } } },
  [
    {
      it: "reports an account left at the Azure default, saying so",
      props: () => ({ resourceGroupName: "rg" }),
      violations: [`Storage account 'data' should deny network access by default: it admits every network (the Azure default); ${FIX}`],
    },
    {
      it: "reports an explicit Allow",
      props: () => ({ resourceGroupName: "rg", networkRuleSet: { defaultAction: "Allow" } }),
      violations: [`Storage account 'data' should deny network access by default: it has defaultAction "Allow"; ${FIX}`],
    },
    { it: "passes an account without public network access", props: () => ({ resourceGroupName: "rg", publicNetworkAccess: "Disabled" }) },
  ],
);
