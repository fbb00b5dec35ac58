import { blockVmCustomDataSecrets } from "../../../policies/azure/blockVmCustomDataSecrets";
import { ruleCases } from "../ruleCases";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const FIX = "read them at boot from Key Vault with the machine's managed identity.";

ruleCases(
  "policies/azure/blockVmCustomDataSecrets",
  blockVmCustomDataSecrets,
  { type: "azure-native:compute:VirtualMachine", name: "app", props: { osProfile: { adminUsername: "ops", customData: b64("#cloud-config\npackages: [nginx]\n") } } },
  [
    {
      it: "reports a storage account key in custom data",
      props: () => ({ osProfile: { adminUsername: "ops", customData: b64(`#!/bin/sh\nexport CONN="DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${"A".repeat(86)}=="\n`) } }),
      violations: [`Virtual machine 'app' should not carry secrets in osProfile.customData: it holds an Azure storage account key (line 2); ${FIX}`],
    },
    {
      it: "checks a scale set's user data",
      type: "azure-native:compute:VirtualMachineScaleSet",
      props: () => ({ virtualMachineProfile: { userData: b64("API_KEY=abcd1234efgh5678\n") } }),
      violations: [`Scale set 'app' should not carry secrets in virtualMachineProfile.userData: it holds a literal value for API_KEY (line 1); ${FIX}`],
    },
  ],
);
