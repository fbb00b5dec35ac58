import { requireSqlLogging } from "../../../policies/gcp/requireSqlLogging";
import { ruleCases } from "../ruleCases";
import { sqlProps } from "./sqlInstance";

ruleCases(
  "policies/gcp/requireSqlLogging",
  requireSqlLogging,
  { type: "gcp:sql/databaseInstance:DatabaseInstance", name: "db", props: sqlProps() },
  [
    { it: "reports PostgreSQL without connection logging", props: () => sqlProps({ databaseFlags: [{ name: "log_connections", value: "on" }] }), violations: ['Cloud SQL database instance \'db\' should log connections: set the database flags log_disconnections to "on" (or enable cloudsql.enable_pgaudit).'] },
    { it: "accepts pgAudit instead", props: () => sqlProps({ databaseFlags: [{ name: "cloudsql.enable_pgaudit", value: "on" }] }) },
    { it: "does not apply to MySQL", props: () => sqlProps({ databaseFlags: [] }, { databaseVersion: "MYSQL_8_0" }) },
  ],
);
