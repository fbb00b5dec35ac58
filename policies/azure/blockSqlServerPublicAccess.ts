// Azure SQL servers must not accept connections over their public endpoint; clients connect
// through private endpoints. Public network access is enabled by default.

import type { ServerArgs } from "@pulumi/azure-native/sql/server";
import { SQL_SERVER } from "../lib/azureDatabases";
import { quote } from "../lib/messages";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** publicNetworkAccess is "Disabled" (or "SecuredByPerimeter"). */
export const blockSqlServerPublicAccess = resourceRule({
  name: "azure-sql-server-no-public-access",
  description: "Azure SQL servers must disable public network access and be reached through private endpoints.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AZURE_113"],
  types: [SQL_SERVER],
  check: (ctx) => {
    const access = asString(field<ServerArgs>(ctx.props, "publicNetworkAccess"));
    if (access === UNKNOWN) return ctx.undecided("publicNetworkAccess");
    const v = access?.trim().toLowerCase();
    if (v === "disabled" || v === "securedbyperimeter") return;
    const now = access === undefined ? "unset, which enables it" : quote(access);
    ctx.report(
      `${ctx.label} should not be reachable over its public endpoint: publicNetworkAccess is ` +
        `${now}; set it to "Disabled" and connect through a private endpoint.`,
    );
  },
});
