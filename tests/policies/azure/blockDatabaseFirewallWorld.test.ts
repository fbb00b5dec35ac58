import { blockDatabaseFirewallWorld } from "../../../policies/azure/blockDatabaseFirewallWorld";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/blockDatabaseFirewallWorld",
  blockDatabaseFirewallWorld,
  { type: "azure-native:sql:FirewallRule", name: "office", props: { resourceGroupName: "rg", serverName: "sql", startIpAddress: "203.0.113.0", endIpAddress: "203.0.113.255" } },
  [
    {
      it: "reports a rule admitting every address",
      props: (b) => ({ ...b, startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" }),
      violations: ["Azure SQL firewall rule 'office' should not admit the internet: it allows 0.0.0.0 to 255.255.255.255; narrow it to the clients' addresses, or use private endpoints or virtual network rules."],
    },
    {
      it: "checks PostgreSQL flexible server rules too",
      type: "azure-native:dbforpostgresql:FirewallRule",
      props: (b) => ({ ...b, startIpAddress: "1.0.0.0", endIpAddress: "223.255.255.255" }),
      violations: ["PostgreSQL flexible firewall rule 'office' should not admit the internet: it allows 1.0.0.0 to 223.255.255.255; narrow it to the clients' addresses, or use private endpoints or virtual network rules."],
    },
    { it: "leaves the 'allow Azure services' rule (0.0.0.0 to 0.0.0.0) alone", props: (b) => ({ ...b, startIpAddress: "0.0.0.0", endIpAddress: "0.0.0.0" }) },
  ],
);
