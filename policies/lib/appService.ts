// Azure App Service sites (web apps and function apps, both web.WebApp) keep most settings in
// siteConfig; shared by the App Service rules.

import type { WebAppArgs } from "@pulumi/azure-native/web/webApp";
import { Read, asString, field } from "./read";
import { UNKNOWN, Unknown } from "./unknown";

/** App Service sites: web apps, API apps and function apps. */
export const WEB_APP = "azure-native:web:WebApp";

/** A site's siteConfig. */
export function siteConfig(props: Read): Read {
  return field<WebAppArgs>(props, "siteConfig");
}

/** True when the site is a function app (its kind names "functionapp"); UNKNOWN when not known. */
export function isFunctionApp(props: Read): boolean | Unknown {
  const kind = asString(field<WebAppArgs>(props, "kind"));
  if (kind === UNKNOWN) return UNKNOWN;
  return typeof kind === "string" && kind.toLowerCase().includes("functionapp");
}
