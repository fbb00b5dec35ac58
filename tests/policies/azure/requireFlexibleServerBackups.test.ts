import { requireFlexibleServerBackups } from "../../../policies/azure/requireFlexibleServerBackups";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/requireFlexibleServerBackups",
  requireFlexibleServerBackups,
  { type: "azure-native:dbformysql:Server", name: "mysql", props: { resourceGroupName: "rg", backup: { backupRetentionDays: 14 } } },
  [
    { it: "passes the service default (7 days)", props: () => ({ resourceGroupName: "rg" }) },
    { it: "reports a single day", props: () => ({ resourceGroupName: "rg", backup: { backupRetentionDays: 1 } }), violations: ["MySQL flexible server 'mysql' should keep backups for at least 7 days: backup.backupRetentionDays is 1; set it to 7 or more."] },
    { it: "uses the configured minimum", props: () => ({ resourceGroupName: "rg" }), config: { minimumDays: 30 }, violations: ["MySQL flexible server 'mysql' should keep backups for at least 30 days: backup.backupRetentionDays is unset, meaning 7; set it to 30 or more."] },
  ],
);
