import { requireSqlServerTls12 } from "../../../policies/azure/requireSqlServerTls12";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/requireSqlServerTls12",
  requireSqlServerTls12,
  { type: "azure-native:sql:Server", name: "sql", props: { resourceGroupName: "rg", minimalTlsVersion: "1.2" } },
  [
    { it: "reports a server with no minimum TLS version", props: () => ({ resourceGroupName: "rg" }), violations: ['Azure SQL server \'sql\' should require TLS 1.2 or later: minimalTlsVersion is unset; set it to "1.2".'] },
    { it: "reports TLS 1.0", props: (b) => ({ ...b, minimalTlsVersion: "1.0" }), violations: ['Azure SQL server \'sql\' should require TLS 1.2 or later: minimalTlsVersion is "1.0"; set it to "1.2".'] },
    { it: "passes TLS 1.3", props: (b) => ({ ...b, minimalTlsVersion: "1.3" }) },
  ],
);
