import { requireSqlVersion } from "../../../policies/gcp/requireSqlVersion";
import { ruleCases } from "../ruleCases";
import { sqlProps } from "./sqlInstance";

ruleCases(
  "policies/gcp/requireSqlVersion",
  requireSqlVersion,
  { type: "gcp:sql/databaseInstance:DatabaseInstance", name: "db", props: sqlProps() },
  [
    { it: "reports MySQL 5.7", props: () => sqlProps({}, { databaseVersion: "MYSQL_5_7" }), violations: ["Cloud SQL database instance 'db' should run a supported version: databaseVersion MYSQL_5_7 is older than MYSQL 8.0; upgrade to 8.0 or later."] },
    { it: "passes MySQL 8.0.31", props: () => sqlProps({}, { databaseVersion: "MYSQL_8_0_31" }) },
    { it: "reports SQL Server 2016", props: () => sqlProps({}, { databaseVersion: "SQLSERVER_2016_STANDARD" }), violations: ["Cloud SQL database instance 'db' should run a supported version: databaseVersion SQLSERVER_2016_STANDARD is older than SQLSERVER 2017; upgrade to 2017 or later."] },
  ],
);
