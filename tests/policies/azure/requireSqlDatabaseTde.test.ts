import { requireSqlDatabaseTde } from "../../../policies/azure/requireSqlDatabaseTde";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/requireSqlDatabaseTde",
  requireSqlDatabaseTde,
  { type: "azure-native:sql:TransparentDataEncryption", name: "tde", props: { resourceGroupName: "rg", serverName: "sql", databaseName: "app", state: "Enabled" } },
  [{ it: "reports encryption turned off", props: (b) => ({ ...b, state: "Disabled" }), violations: ['Azure SQL transparent data encryption \'tde\' should keep the database encrypted: set state to "Enabled".'] }],
);
