import { requireStorageSharedKeyDisabled } from "../../../policies/azure/requireStorageSharedKeyDisabled";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/requireStorageSharedKeyDisabled",
  requireStorageSharedKeyDisabled,
  { type: "azure-native:storage:StorageAccount", name: "data", props: { resourceGroupName: "rg", allowSharedKeyAccess: false } },
  [
    {
      it: "reports an account left at the default, which allows account keys",
      props: () => ({ resourceGroupName: "rg" }),
      violations: ["Storage account 'data' should accept Entra ID authorization only: allowSharedKeyAccess is unset, which allows account keys; set it to false and grant access through role assignments."],
    },
  ],
);
