// Azure Database flexible servers must keep their connection and audit logging on: the
// PostgreSQL log_checkpoints, log_connections and log_disconnections parameters (on by
// default), and MySQL's audit_log_enabled once turned on. The rule reports parameters set to
// off.

import { MYSQL_CONFIGURATION, POSTGRES_CONFIGURATION } from "../lib/azureDatabases";
import { parameterOf } from "../lib/serverParameters";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** The logging parameters watched, by server kind. */
const WATCHED: Readonly<Record<string, readonly string[]>> = {
  [POSTGRES_CONFIGURATION]: ["log_checkpoints", "log_connections", "log_disconnections"],
  [MYSQL_CONFIGURATION]: ["audit_log_enabled"],
};

/** No Configuration turns a watched logging parameter off. */
export const requireFlexibleServerLogging = resourceRule({
  name: "azure-database-flexible-server-logging",
  description:
    "Azure Database flexible servers must not turn off connection and audit logging (PostgreSQL log_checkpoints, log_connections, log_disconnections; MySQL audit_log_enabled).",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS Azure 4.3.2", "CIS Azure 4.3.3", "CIS Azure 4.3.4", "CIS Azure 4.4.3", "CKV_AZURE_30", "CKV_AZURE_31"],
  types: [POSTGRES_CONFIGURATION, MYSQL_CONFIGURATION],
  check: (ctx) => {
    const param = parameterOf(ctx.props);
    if (param === UNKNOWN) return ctx.undecided("configurationName or value");
    if (param === undefined || !WATCHED[ctx.type].includes(param.name)) return;
    if (param.value !== "off" && param.value !== "0") return;
    ctx.report(`${ctx.label} should keep logging on: set ${param.name} to "ON".`);
  },
});
