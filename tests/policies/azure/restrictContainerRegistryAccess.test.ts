import { restrictContainerRegistryAccess } from "../../../policies/azure/restrictContainerRegistryAccess";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/restrictContainerRegistryAccess",
  restrictContainerRegistryAccess,
  { type: "azure-native:containerregistry:Registry", name: "acr", props: { resourceGroupName: "rg", sku: { name: "Premium" }, adminUserEnabled: false } },
  [
    { it: "reports the admin user", props: (b) => ({ ...b, adminUserEnabled: true }), violations: ["Container registry 'acr' should not use the shared admin account: set adminUserEnabled to false and grant AcrPull/AcrPush roles to identities."] },
    { it: "reports anonymous pull", props: (b) => ({ ...b, anonymousPullEnabled: true }), violations: ["Container registry 'acr' should not let anyone pull images: set anonymousPullEnabled to false."] },
  ],
);
