// Azure SQL servers must refuse TLS versions older than 1.2. An unset minimal version accepts
// every version the service still supports.

import type { ServerArgs } from "@pulumi/azure-native/sql/server";
import { SQL_SERVER } from "../lib/azureDatabases";
import { quote } from "../lib/messages";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** minimalTlsVersion is "1.2" or "1.3". */
export const requireSqlServerTls12 = resourceRule({
  name: "azure-sql-server-min-tls-1-2",
  description: "Azure SQL servers must set minimalTlsVersion to 1.2 or later.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AZURE_52"],
  types: [SQL_SERVER],
  check: (ctx) => {
    const version = asString(field<ServerArgs>(ctx.props, "minimalTlsVersion"));
    if (version === UNKNOWN) return ctx.undecided("minimalTlsVersion");
    if (version !== undefined && ["1.2", "1.3"].includes(version.trim())) return;
    const now = version === undefined ? "unset" : quote(version);
    ctx.report(
      `${ctx.label} should require TLS 1.2 or later: minimalTlsVersion is ${now}; set it to "1.2".`,
    );
  },
});
