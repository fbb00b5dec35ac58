import { blockFunctionAppPublic } from "../../../policies/azure/blockFunctionAppPublic";
import { ruleCases } from "../ruleCases";

const FIX = 'set publicNetworkAccess to "Disabled" or add siteConfig.ipSecurityRestrictions, or list the app under allowedApps if it is public on purpose.';

ruleCases(
  "policies/azure/blockFunctionAppPublic",
  blockFunctionAppPublic,
  { type: "azure-native:web:WebApp", name: "jobs", props: { resourceGroupName: "rg", kind: "functionapp,linux", publicNetworkAccess: "Disabled" } },
  [
    { it: "reports a function app open to the internet", props: (b) => ({ ...b, publicNetworkAccess: undefined }), violations: [`App Service web app 'jobs' should not be invokable from the whole internet: ${FIX}`] },
    { it: "passes access restrictions", props: (b) => ({ ...b, publicNetworkAccess: undefined, siteConfig: { ipSecurityRestrictions: [{ ipAddress: "203.0.113.0/24", action: "Allow" }] } }) },
    { it: "ignores web apps", props: () => ({ resourceGroupName: "rg", kind: "app" }) },
    { it: "lets the config allow an app", props: (b) => ({ ...b, publicNetworkAccess: undefined }), config: { allowedApps: ["jobs"] } },
  ],
);
