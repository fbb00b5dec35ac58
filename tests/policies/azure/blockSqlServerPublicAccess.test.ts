import { blockSqlServerPublicAccess } from "../../../policies/azure/blockSqlServerPublicAccess";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/blockSqlServerPublicAccess",
  blockSqlServerPublicAccess,
  { type: "azure-native:sql:Server", name: "sql", props: { resourceGroupName: "rg", publicNetworkAccess: "Disabled", minimalTlsVersion: "1.2" } },
  [
    {
      it: "reports a server left public by default (the exposure found in public programs)",
      props: (b) => ({ ...b, publicNetworkAccess: undefined }),
      violations: ['Azure SQL server \'sql\' should not be reachable over its public endpoint: publicNetworkAccess is unset, which enables it; set it to "Disabled" and connect through a private endpoint.'],
    },
    {
      it: "reports public access enabled explicitly",
      props: (b) => ({ ...b, publicNetworkAccess: "Enabled" }),
      violations: ['Azure SQL server \'sql\' should not be reachable over its public endpoint: publicNetworkAccess is "Enabled"; set it to "Disabled" and connect through a private endpoint.'],
    },
  ],
);
