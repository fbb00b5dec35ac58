// Azure Database for PostgreSQL and MySQL flexible servers must keep backups for at least a
// week (the service default is 7 days; it accepts 1 to 35).

import type { ServerArgs } from "@pulumi/azure-native/dbforpostgresql/server";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { MYSQL_SERVER, POSTGRES_SERVER } from "../lib/azureDatabases";
import { positiveIntSetting } from "../lib/config";
import { asNumber, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Backup = azureInput.dbforpostgresql.BackupArgs;

interface Config {
  readonly minimumDays: number;
}

/** backup.backupRetentionDays is unset (7) or at least the minimum. */
export const requireFlexibleServerBackups = resourceRule<Config>({
  name: "azure-database-flexible-server-backup-retention",
  description:
    "Azure Database for PostgreSQL and MySQL flexible servers must retain backups for at least 7 days (configurable).",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: [],
  configSchema: {
    properties: {
      minimumDays: { type: "integer", minimum: 1, maximum: 35, default: 7, description: "Fewest days of backups to keep." },
    },
  },
  types: [POSTGRES_SERVER, MYSQL_SERVER],
  config: (raw) => ({ minimumDays: positiveIntSetting(raw.minimumDays) ?? 7 }),
  check: (ctx) => {
    const days = asNumber(field<Backup>(field<ServerArgs>(ctx.props, "backup"), "backupRetentionDays"));
    if (days === UNKNOWN) return ctx.undecided("backup.backupRetentionDays");
    // The service keeps 7 days when none is given.
    if ((days ?? 7) >= ctx.config.minimumDays) return;
    ctx.report(
      `${ctx.label} should keep backups for at least ${ctx.config.minimumDays} days: ` +
        `backup.backupRetentionDays is ${days ?? "unset, meaning 7"}; set it to ` +
        `${ctx.config.minimumDays} or more.`,
    );
  },
});
