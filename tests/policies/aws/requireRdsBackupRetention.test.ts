import { requireRdsBackupRetention } from "../../../policies/aws/requireRdsBackupRetention";
import { UNKNOWN_VALUE } from "../harness";
import { deferred, ruleCases } from "../ruleCases";

const LABEL = "RDS instance 'db'";

ruleCases(
  "policies/aws/requireRdsBackupRetention",
  requireRdsBackupRetention,
  { type: "aws:rds/instance:Instance", name: "db", props: { engine: "postgres", instanceClass: "db.t4g.micro", backupRetentionPeriod: 7 } },
  [
    {
      it: "reports an instance with backups unset, which RDS leaves at 0 days",
      props: (b) => ({ ...b, backupRetentionPeriod: undefined }),
      violations: [`${LABEL} should keep backups for at least 7 days: backupRetentionPeriod is unset, meaning 0; set it to 7 or more.`],
    },
    {
      it: "reports a cluster keeping one day",
      type: "aws:rds/cluster:Cluster",
      props: () => ({ engine: "aurora-postgresql", backupRetentionPeriod: 1 }),
      violations: ["RDS cluster 'db' should keep backups for at least 7 days: backupRetentionPeriod is 1; set it to 7 or more."],
    },
    {
      it: "exempts read replicas",
      props: (b) => ({ ...b, backupRetentionPeriod: 0, replicateSourceDb: "db-primary" }),
    },
    {
      it: "uses the configured minimum",
      props: (b) => b,
      config: { minimumDays: 14 },
      violations: [`${LABEL} should keep backups for at least 14 days: backupRetentionPeriod is 7; set it to 14 or more.`],
    },
    {
      it: "defers to the update when the period is not known yet",
      props: (b) => ({ ...b, backupRetentionPeriod: UNKNOWN_VALUE }),
      notApplicable: deferred(LABEL, "backupRetentionPeriod"),
    },
  ],
);
