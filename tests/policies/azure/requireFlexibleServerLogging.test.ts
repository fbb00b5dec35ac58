import { requireFlexibleServerLogging } from "../../../policies/azure/requireFlexibleServerLogging";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/requireFlexibleServerLogging",
  requireFlexibleServerLogging,
  { type: "azure-native:dbforpostgresql:Configuration", name: "logs", props: { resourceGroupName: "rg", serverName: "pg", configurationName: "log_connections", value: "on" } },
  [
    { it: "reports connection logging turned off", props: (b) => ({ ...b, value: "OFF" }), violations: ['PostgreSQL server parameter \'logs\' should keep logging on: set log_connections to "ON".'] },
    { it: "reports MySQL audit logging turned off", type: "azure-native:dbformysql:Configuration", props: (b) => ({ ...b, configurationName: "audit_log_enabled", value: "OFF" }), violations: ['MySQL server parameter \'logs\' should keep logging on: set audit_log_enabled to "ON".'] },
    { it: "does not apply PostgreSQL parameters to MySQL", type: "azure-native:dbformysql:Configuration", props: (b) => ({ ...b, value: "off" }) },
  ],
);
