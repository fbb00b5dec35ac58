// App Service sites must not accept FTP deployments in clear text. Sites allow both FTP and
// FTPS unless ftpsState says otherwise.

import type * as azureInput from "@pulumi/azure-native/types/input";
import { WEB_APP, siteConfig } from "../lib/appService";
import { quote } from "../lib/messages";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type SiteConfig = azureInput.web.SiteConfigArgs;

/** siteConfig.ftpsState is "Disabled" or "FtpsOnly". */
export const blockAppServiceFtp = resourceRule({
  name: "azure-app-service-ftp-disabled",
  description:
    "Azure App Service web apps and function apps must disable FTP deployments or allow FTPS only (siteConfig.ftpsState).",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS Azure 9.10", "CKV_AZURE_78"],
  types: [WEB_APP],
  check: (ctx) => {
    const state = asString(field<SiteConfig>(siteConfig(ctx.props), "ftpsState"));
    if (state === UNKNOWN) return ctx.undecided("siteConfig.ftpsState");
    if (state !== undefined && ["disabled", "ftpsonly"].includes(state.toLowerCase())) return;
    const now = state === undefined ? "unset, which allows FTP" : quote(state);
    ctx.report(
      `${ctx.label} should not accept FTP in clear text: siteConfig.ftpsState is ${now}; set it ` +
        `to "Disabled" (or "FtpsOnly").`,
    );
  },
});
