import { blockAppServiceFtp } from "../../../policies/azure/blockAppServiceFtp";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/blockAppServiceFtp",
  blockAppServiceFtp,
  { type: "azure-native:web:WebApp", name: "site", props: { resourceGroupName: "rg", siteConfig: { ftpsState: "Disabled" } } },
  [
    { it: "reports FTP left allowed by default", props: () => ({ resourceGroupName: "rg" }), violations: ['App Service web app \'site\' should not accept FTP in clear text: siteConfig.ftpsState is unset, which allows FTP; set it to "Disabled" (or "FtpsOnly").'] },
    { it: "passes FTPS only", props: () => ({ resourceGroupName: "rg", siteConfig: { ftpsState: "FtpsOnly" } }) },
  ],
);
