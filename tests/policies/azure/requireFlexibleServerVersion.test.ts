import { requireFlexibleServerVersion } from "../../../policies/azure/requireFlexibleServerVersion";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/requireFlexibleServerVersion",
  requireFlexibleServerVersion,
  { type: "azure-native:dbforpostgresql:Server", name: "pg", props: { resourceGroupName: "rg", version: "16" } },
  [
    { it: "reports PostgreSQL 12", props: (b) => ({ ...b, version: "12" }), violations: ["PostgreSQL flexible server 'pg' should run a supported PostgreSQL version: version 12 is older than 13; upgrade to 13 or later."] },
    { it: "reports MySQL 5.7", type: "azure-native:dbformysql:Server", props: () => ({ resourceGroupName: "rg", version: "5.7" }), violations: ["MySQL flexible server 'pg' should run a supported MySQL version: version 5.7 is older than 8.0; upgrade to 8.0 or later."] },
    { it: "passes MySQL 8.0.21", type: "azure-native:dbformysql:Server", props: () => ({ resourceGroupName: "rg", version: "8.0.21" }) },
  ],
);
