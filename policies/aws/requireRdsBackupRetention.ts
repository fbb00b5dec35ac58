// RDS instances and clusters must keep automated backups for at least a week, so that a bad
// change or a deleted table can be restored. Read replicas are exempt: they back up nothing.

import type { ClusterArgs } from "@pulumi/aws/rds/cluster";
import type { InstanceArgs } from "@pulumi/aws/rds/instance";
import { positiveIntSetting } from "../lib/config";
import { RDS_CLUSTER, RDS_INSTANCE, isReadReplica } from "../lib/rds";
import { asNumber, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

interface Config {
  readonly minimumDays: number;
}

/** backupRetentionPeriod is at least 7 days (unset: 0 on instances, 1 on clusters). */
export const requireRdsBackupRetention = resourceRule<Config>({
  name: "aws-rds-backup-retention",
  description:
    "RDS database instances and clusters must retain automated backups for at least 7 days (configurable).",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CKV_AWS_133"],
  configSchema: {
    properties: {
      minimumDays: {
        type: "integer",
        minimum: 1,
        maximum: 35,
        default: 7,
        description: "Fewest days of automated backups to keep.",
      },
    },
  },
  types: [RDS_INSTANCE, RDS_CLUSTER],
  config: (raw) => ({ minimumDays: positiveIntSetting(raw.minimumDays) ?? 7 }),
  check: (ctx) => {
    if (isReadReplica(ctx.type, ctx.props)) return;
    const days = asNumber(field<InstanceArgs & ClusterArgs>(ctx.props, "backupRetentionPeriod"));
    if (days === UNKNOWN) return ctx.undecided("backupRetentionPeriod");
    // Defaults from the rds.Instance (0) and rds.Cluster (1) documentation.
    const effective = days ?? (ctx.type === RDS_INSTANCE ? 0 : 1);
    if (effective >= ctx.config.minimumDays) return;
    const now = days === undefined ? `unset, meaning ${effective}` : `${days}`;
    ctx.report(
      `${ctx.label} should keep backups for at least ${ctx.config.minimumDays} days: ` +
        `backupRetentionPeriod is ${now}; set it to ${ctx.config.minimumDays} or more.`,
    );
  },
});
