// Cloud SQL instances must take automated backups and keep at least a week of them. Read
// replicas are exempt: they cannot be backed up.

import type { DatabaseInstanceArgs } from "@pulumi/gcp/sql/databaseInstance";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { SQL_INSTANCE, backupConfigurationOf } from "../lib/cloudSql";
import { positiveIntSetting } from "../lib/config";
import { asBool, asNumber, field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Backup = gcpInput.sql.DatabaseInstanceSettingsBackupConfiguration;
type Retention = gcpInput.sql.DatabaseInstanceSettingsBackupConfigurationBackupRetentionSettings;

/** backupConfiguration.enabled is true and at least 7 backups (the default) are retained. */
export const requireSqlBackups = resourceRule<{ minimumBackups: number }>({
  name: "gcp-sql-instance-backups",
  description:
    "Cloud SQL instances must enable automated backups and retain at least 7 of them (configurable).",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS GCP 6.7", "CKV_GCP_14"],
  configSchema: {
    properties: {
      minimumBackups: { type: "integer", minimum: 1, maximum: 365, default: 7, description: "Fewest daily backups to retain." },
    },
  },
  types: [SQL_INSTANCE],
  config: (raw) => ({ minimumBackups: positiveIntSetting(raw.minimumBackups) ?? 7 }),
  check: (ctx) => {
    if (isPresent(field<DatabaseInstanceArgs>(ctx.props, "masterInstanceName"))) return;
    const backup = backupConfigurationOf(ctx.props);
    const on = asBool(field<Backup>(backup, "enabled"));
    if (backup === UNKNOWN || on === UNKNOWN) return ctx.undecided("settings.backupConfiguration.enabled");
    if (on !== true) {
      ctx.report(`${ctx.label} should take automated backups: set settings.backupConfiguration.enabled to true.`);
      return;
    }
    const retention = field<Backup>(backup, "backupRetentionSettings");
    const count = asNumber(field<Retention>(retention, "retainedBackups"));
    if (count === UNKNOWN) return ctx.undecided("settings.backupConfiguration.backupRetentionSettings");
    // Cloud SQL keeps 7 backups when no retention is given; COUNT is the only unit.
    if ((count ?? 7) >= ctx.config.minimumBackups) return;
    ctx.report(
      `${ctx.label} should keep at least ${ctx.config.minimumBackups} backups: ` +
        `backupRetentionSettings.retainedBackups is ${count}; raise it to ${ctx.config.minimumBackups} or more.`,
    );
  },
});
