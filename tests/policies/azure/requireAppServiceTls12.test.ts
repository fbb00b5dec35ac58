import { requireAppServiceTls12 } from "../../../policies/azure/requireAppServiceTls12";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/requireAppServiceTls12",
  requireAppServiceTls12,
  { type: "azure-native:web:WebApp", name: "site", props: { resourceGroupName: "rg", siteConfig: { minTlsVersion: "1.2" } } },
  [
    { it: "passes the default minimum", props: () => ({ resourceGroupName: "rg" }) },
    {
      it: "reports TLS 1.0 on the site and 1.1 on its SCM endpoint",
      props: () => ({ resourceGroupName: "rg", siteConfig: { minTlsVersion: "1.0", scmMinTlsVersion: "1.1" } }),
      violations: [
        'App Service web app \'site\' should require TLS 1.2 or later: siteConfig.minTlsVersion is "1.0"; set it to "1.2".',
        'App Service web app \'site\' should require TLS 1.2 or later: siteConfig.scmMinTlsVersion is "1.1"; set it to "1.2".',
      ],
    },
  ],
);
