// Cloud SQL for PostgreSQL instances should log connections and disconnections (or audit with
// pgAudit), so that access can be investigated. Both flags are off by default, so advisory.

import { SQL_INSTANCE, databaseFlags, engineOf } from "../lib/cloudSql";
import { joinAnd } from "../lib/messages";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const REQUIRED_FLAGS = ["log_connections", "log_disconnections"];

/** PostgreSQL instances set log_connections and log_disconnections on, or enable pgAudit. */
export const requireSqlLogging = resourceRule({
  name: "gcp-sql-instance-connection-logging",
  description:
    "Cloud SQL for PostgreSQL instances must log connections and disconnections (or enable pgAudit).",
  enforcementLevel: "advisory",
  severity: "low",
  benchmarks: ["CIS GCP 6.2.2", "CIS GCP 6.2.3", "CKV_GCP_52", "CKV_GCP_53"],
  types: [SQL_INSTANCE],
  check: (ctx) => {
    const engine = engineOf(ctx.props);
    if (engine === UNKNOWN) return ctx.undecided("databaseVersion");
    if (engine !== "postgres") return;
    const flags = databaseFlags(ctx.props);
    if (flags === UNKNOWN) return ctx.undecided("settings.databaseFlags");
    if (flags.get("cloudsql.enable_pgaudit") === "on") return;
    const off = REQUIRED_FLAGS.filter((f) => flags.get(f) !== "on");
    if (off.length === 0) return;
    ctx.report(
      `${ctx.label} should log connections: set the database flags ${joinAnd(off)} to "on" ` +
        `(or enable cloudsql.enable_pgaudit).`,
    );
  },
});
