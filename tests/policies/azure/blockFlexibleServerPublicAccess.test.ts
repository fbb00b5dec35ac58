import { blockFlexibleServerPublicAccess } from "../../../policies/azure/blockFlexibleServerPublicAccess";
import { ruleCases } from "../ruleCases";

const FIX = 'set network.delegatedSubnetResourceId to a delegated subnet, or network.publicNetworkAccess to "Disabled" and connect through a private endpoint.';

ruleCases(
  "policies/azure/blockFlexibleServerPublicAccess",
  blockFlexibleServerPublicAccess,
  { type: "azure-native:dbforpostgresql:Server", name: "pg", props: { resourceGroupName: "rg", version: "16", network: { delegatedSubnetResourceId: "/subnets/db", privateDnsZoneArmResourceId: "/zones/pg" } } },
  [
    { it: "reports a server with a public endpoint", props: (b) => ({ ...b, network: undefined }), violations: [`PostgreSQL flexible server 'pg' should not be reachable from the internet: ${FIX}`] },
    { it: "passes public access disabled", props: (b) => ({ ...b, network: { publicNetworkAccess: "Disabled" } }) },
    { it: "checks MySQL servers too", type: "azure-native:dbformysql:Server", props: () => ({ resourceGroupName: "rg", network: { publicNetworkAccess: "Enabled" } }), violations: [`MySQL flexible server 'pg' should not be reachable from the internet: ${FIX}`] },
  ],
);
