import { blockAppServiceRemoteDebugging } from "../../../policies/azure/blockAppServiceRemoteDebugging";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/blockAppServiceRemoteDebugging",
  blockAppServiceRemoteDebugging,
  { type: "azure-native:web:WebApp", name: "site", props: { resourceGroupName: "rg", siteConfig: { remoteDebuggingEnabled: false } } },
  [{ it: "reports remote debugging", props: () => ({ resourceGroupName: "rg", siteConfig: { remoteDebuggingEnabled: true } }), violations: ["App Service web app 'site' should not allow remote debugging: set siteConfig.remoteDebuggingEnabled to false."] }],
);
