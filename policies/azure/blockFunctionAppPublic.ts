// Function apps should not be invokable from the whole internet unless meant to be: public
// network access off, or access restrictions that deny by default, unless the config lists the
// app as public on purpose. Function keys still guard HTTP triggers, so advisory unless
// configured mandatory.

import type { WebAppArgs } from "@pulumi/azure-native/web/webApp";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { allowListSchema, isAllowed, readAllowList } from "../lib/allowList";
import { WEB_APP, isFunctionApp, siteConfig } from "../lib/appService";
import { asList, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type SiteConfig = azureInput.web.SiteConfigArgs;

/** Function apps have public access off or restricted, unless allowed by config. */
export const blockFunctionAppPublic = resourceRule<{ allowedApps: readonly RegExp[] }>({
  name: "azure-function-app-not-public",
  description:
    "Azure function apps must disable public network access or restrict it to listed networks, unless the config allows the app to be public.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CKV_AZURE_221"],
  configSchema: { properties: { allowedApps: allowListSchema("Function apps") } },
  types: [WEB_APP],
  config: (raw) => ({ allowedApps: readAllowList(raw.allowedApps) }),
  check: (ctx) => {
    const fn = isFunctionApp(ctx.props);
    if (fn === UNKNOWN) return ctx.undecided("kind");
    if (!fn) return;
    const name = asString(field<WebAppArgs>(ctx.props, "name"));
    if (isAllowed(ctx.config.allowedApps, [ctx.name, typeof name === "string" ? name : undefined])) return;
    const access = asString(field<WebAppArgs>(ctx.props, "publicNetworkAccess"));
    const config = siteConfig(ctx.props);
    const restrictions = asList(field<SiteConfig>(config, "ipSecurityRestrictions"));
    const fallback = asString(field<SiteConfig>(config, "ipSecurityRestrictionsDefaultAction"));
    if (access === UNKNOWN || restrictions === UNKNOWN || fallback === UNKNOWN) {
      return ctx.undecided("publicNetworkAccess or siteConfig.ipSecurityRestrictions");
    }
    if (access?.toLowerCase() === "disabled") return;
    if (restrictions.length > 0 || fallback?.toLowerCase() === "deny") return;
    ctx.report(
      `${ctx.label} should not be invokable from the whole internet: set publicNetworkAccess to ` +
        `"Disabled" or add siteConfig.ipSecurityRestrictions, or list the app under allowedApps ` +
        `if it is public on purpose.`,
    );
  },
});
