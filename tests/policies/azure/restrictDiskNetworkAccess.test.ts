import { restrictDiskNetworkAccess } from "../../../policies/azure/restrictDiskNetworkAccess";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/restrictDiskNetworkAccess",
  restrictDiskNetworkAccess,
  { type: "azure-native:compute:Disk", name: "data", props: { resourceGroupName: "rg", creationData: { createOption: "Empty" }, networkAccessPolicy: "DenyAll" } },
  [
    { it: "reports a disk exportable from any network by default", props: (b) => ({ ...b, networkAccessPolicy: undefined }), violations: ['Managed disk \'data\' should not be exportable from any network: networkAccessPolicy is unset, which allows any network; set it to "DenyAll", or "AllowPrivate" with a disk access resource.'] },
  ],
);
