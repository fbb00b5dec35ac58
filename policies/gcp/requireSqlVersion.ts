// Cloud SQL instances must run a database major version still in standard support.

import type { DatabaseInstanceArgs } from "@pulumi/gcp/sql/databaseInstance";
import { SQL_INSTANCE } from "../lib/cloudSql";
import { MinimumVersions, isOlder, minimumVersionsSchema, readMinimumVersions } from "../lib/dbVersions";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** Oldest major versions in standard support on Cloud SQL in 2025. */
const DEFAULTS = { postgres: "13", mysql: "8.0", sqlserver: "2017" };

/** databaseVersion ("POSTGRES_15", "MYSQL_8_0") is at least the minimum of its engine. */
export const requireSqlVersion = resourceRule<{ minimumVersions: MinimumVersions }>({
  name: "gcp-sql-instance-supported-version",
  description: "Cloud SQL instances must run a database version at or above the configured minimum for their engine.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CKV_GCP_79"],
  configSchema: minimumVersionsSchema(DEFAULTS),
  types: [SQL_INSTANCE],
  config: (raw) => ({ minimumVersions: readMinimumVersions(raw.minimumVersions, DEFAULTS) }),
  check: (ctx) => {
    const raw = asString(field<DatabaseInstanceArgs>(ctx.props, "databaseVersion"));
    if (raw === UNKNOWN) return ctx.undecided("databaseVersion");
    if (raw === undefined) return;
    // "MYSQL_8_0_31" → engine "mysql", version "8.0.31"; "SQLSERVER_2019_STANDARD" → "2019".
    const [engine, ...rest] = raw.trim().split("_");
    const version = rest.filter((p) => /^\d+$/.test(p)).join(".");
    const minimum = ctx.config.minimumVersions.get(engine.toLowerCase());
    if (minimum === undefined || version === "" || !isOlder(version, minimum)) return;
    ctx.report(
      `${ctx.label} should run a supported version: databaseVersion ${raw} is older than ` +
        `${engine} ${minimum}; upgrade to ${minimum} or later.`,
    );
  },
});
