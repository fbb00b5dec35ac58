// Azure Database for PostgreSQL and MySQL flexible servers must run a major version still in
// standard support.

import type { ServerArgs } from "@pulumi/azure-native/dbforpostgresql/server";
import { MYSQL_SERVER, POSTGRES_SERVER } from "../lib/azureDatabases";
import { MinimumVersions, isOlder, minimumVersionsSchema, readMinimumVersions } from "../lib/dbVersions";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** Oldest major versions in standard support in 2025. */
const DEFAULTS = { postgresql: "13", mysql: "8.0" };

/** version is at least the configured minimum (unset means the service's current default). */
export const requireFlexibleServerVersion = resourceRule<{ minimumVersions: MinimumVersions }>({
  name: "azure-database-flexible-server-supported-version",
  description:
    "Azure Database for PostgreSQL and MySQL flexible servers must run a major version at or above the configured minimum.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: [],
  configSchema: minimumVersionsSchema(DEFAULTS),
  types: [POSTGRES_SERVER, MYSQL_SERVER],
  config: (raw) => ({ minimumVersions: readMinimumVersions(raw.minimumVersions, DEFAULTS) }),
  check: (ctx) => {
    const version = asString(field<ServerArgs>(ctx.props, "version"));
    if (version === UNKNOWN) return ctx.undecided("version");
    if (version === undefined) return;
    const engine = ctx.type === POSTGRES_SERVER ? "postgresql" : "mysql";
    const minimum = ctx.config.minimumVersions.get(engine);
    if (minimum === undefined || !isOlder(version, minimum)) return;
    ctx.report(
      `${ctx.label} should run a supported ${engine === "mysql" ? "MySQL" : "PostgreSQL"} version: ` +
        `version ${version} is older than ${minimum}; upgrade to ${minimum} or later.`,
    );
  },
});
