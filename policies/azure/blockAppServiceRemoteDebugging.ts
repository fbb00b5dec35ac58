// App Service sites must not leave remote debugging on: it opens debugger ports to the site.

import type * as azureInput from "@pulumi/azure-native/types/input";
import { WEB_APP, siteConfig } from "../lib/appService";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type SiteConfig = azureInput.web.SiteConfigArgs;

/** siteConfig.remoteDebuggingEnabled is not true. */
export const blockAppServiceRemoteDebugging = resourceRule({
  name: "azure-app-service-remote-debugging-off",
  description: "Azure App Service web apps and function apps must not enable remote debugging.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CKV_AZURE_72"],
  types: [WEB_APP],
  check: (ctx) => {
    const on = asBool(field<SiteConfig>(siteConfig(ctx.props), "remoteDebuggingEnabled"));
    if (on === UNKNOWN) ctx.undecided("siteConfig.remoteDebuggingEnabled");
    else if (on === true) {
      ctx.report(`${ctx.label} should not allow remote debugging: set siteConfig.remoteDebuggingEnabled to false.`);
    }
  },
});
