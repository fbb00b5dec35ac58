// App Service web apps and function apps must redirect HTTP to HTTPS. Sites accept plain HTTP
// unless httpsOnly is set.

import type { WebAppArgs } from "@pulumi/azure-native/web/webApp";
import { WEB_APP } from "../lib/appService";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** httpsOnly is true. */
export const requireAppServiceHttps = resourceRule({
  name: "azure-app-service-https-only",
  description: "Azure App Service web apps and function apps must accept HTTPS only (httpsOnly).",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS Azure 9.2", "CKV_AZURE_14", "CKV_AZURE_70"],
  types: [WEB_APP],
  check: (ctx) => {
    const on = asBool(field<WebAppArgs>(ctx.props, "httpsOnly"));
    if (on === UNKNOWN) ctx.undecided("httpsOnly");
    else if (on !== true) {
      ctx.report(`${ctx.label} should accept HTTPS only: set httpsOnly to true (it is false by default).`);
    }
  },
});
