import { requireAppServiceHttps } from "../../../policies/azure/requireAppServiceHttps";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/requireAppServiceHttps",
  requireAppServiceHttps,
  { type: "azure-native:web:WebApp", name: "site", props: { resourceGroupName: "rg", httpsOnly: true } },
  [{ it: "reports a site accepting HTTP (the default)", props: () => ({ resourceGroupName: "rg" }), violations: ["App Service web app 'site' should accept HTTPS only: set httpsOnly to true (it is false by default)."] }],
);
