// Azure Database for PostgreSQL and MySQL flexible servers must not be reachable from the
// internet: integrated into a virtual network (a delegated subnet), or public network access
// turned off with private endpoints. A server with neither is created with a public endpoint.

import type { ServerArgs } from "@pulumi/azure-native/dbforpostgresql/server";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { MYSQL_SERVER, POSTGRES_SERVER } from "../lib/azureDatabases";
import { asString, field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Network = azureInput.dbforpostgresql.NetworkArgs;

/** network.delegatedSubnetResourceId is set, or network.publicNetworkAccess is "Disabled". */
export const blockFlexibleServerPublicAccess = resourceRule({
  name: "azure-database-flexible-server-no-public-access",
  description:
    "Azure Database for PostgreSQL and MySQL flexible servers must use a delegated subnet or disable public network access.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AZURE_68", "CKV2_AZURE_57", "CKV2_AZURE_56"],
  types: [POSTGRES_SERVER, MYSQL_SERVER],
  check: (ctx) => {
    const network = field<ServerArgs>(ctx.props, "network");
    if (network === UNKNOWN) return ctx.undecided("network");
    if (isPresent(field<Network>(network, "delegatedSubnetResourceId"))) return;
    const access = asString(field<Network>(network, "publicNetworkAccess"));
    if (access === UNKNOWN) return ctx.undecided("network.publicNetworkAccess");
    if (access?.toLowerCase() === "disabled") return;
    ctx.report(
      `${ctx.label} should not be reachable from the internet: set ` +
        `network.delegatedSubnetResourceId to a delegated subnet, or network.publicNetworkAccess ` +
        `to "Disabled" and connect through a private endpoint.`,
    );
  },
});
