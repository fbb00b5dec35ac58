// App Service sites must refuse TLS older than 1.2 (the default minimum for new sites).

import type * as azureInput from "@pulumi/azure-native/types/input";
import { WEB_APP, siteConfig } from "../lib/appService";
import { quote } from "../lib/messages";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type SiteConfig = azureInput.web.SiteConfigArgs;

/** siteConfig.minTlsVersion (and scmMinTlsVersion) are not "1.0" or "1.1". */
export const requireAppServiceTls12 = resourceRule({
  name: "azure-app-service-min-tls-1-2",
  description: "Azure App Service web apps and function apps must require TLS 1.2 or later on the site and its SCM endpoint.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS Azure 9.3", "CKV_AZURE_15", "CKV_AZURE_145"],
  types: [WEB_APP],
  check: (ctx) => {
    const config = siteConfig(ctx.props);
    for (const key of ["minTlsVersion", "scmMinTlsVersion"] as const) {
      const version = asString(field<SiteConfig>(config, key));
      if (version === UNKNOWN) {
        ctx.undecided(`siteConfig.${key}`);
        continue;
      }
      if (version === undefined || !["1.0", "1.1"].includes(version.trim())) continue;
      ctx.report(
        `${ctx.label} should require TLS 1.2 or later: siteConfig.${key} is ${quote(version)}; set it to "1.2".`,
      );
    }
  },
});
