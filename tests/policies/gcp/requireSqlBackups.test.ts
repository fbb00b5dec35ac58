import { requireSqlBackups } from "../../../policies/gcp/requireSqlBackups";
import { ruleCases } from "../ruleCases";
import { sqlProps } from "./sqlInstance";

ruleCases(
  "policies/gcp/requireSqlBackups",
  requireSqlBackups,
  { type: "gcp:sql/databaseInstance:DatabaseInstance", name: "db", props: sqlProps() },
  [
    { it: "reports backups left off", props: () => sqlProps({ backupConfiguration: undefined }), violations: ["Cloud SQL database instance 'db' should take automated backups: set settings.backupConfiguration.enabled to true."] },
    { it: "passes the default retention of 7 backups", props: () => sqlProps({ backupConfiguration: { enabled: true } }) },
    {
      it: "reports too few retained backups",
      props: () => sqlProps({ backupConfiguration: { enabled: true, backupRetentionSettings: { retainedBackups: 3 } } }),
      violations: ["Cloud SQL database instance 'db' should keep at least 7 backups: backupRetentionSettings.retainedBackups is 3; raise it to 7 or more."],
    },
    { it: "exempts read replicas", props: () => sqlProps({ backupConfiguration: undefined }, { masterInstanceName: "db-primary" }) },
  ],
);
