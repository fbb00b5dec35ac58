// Azure SQL servers should have a Microsoft Entra ID administrator, so that database access
// can be granted to identities and groups instead of SQL logins with passwords. Advisory:
// servers created before an identity plan exists still work with SQL authentication. A stack
// rule, since the administrator may be a separate ServerAzureADAdministrator resource;
// anchored on SQL servers, so the runtime skips it in stacks without one.

import type { ServerArgs } from "@pulumi/azure-native/sql/server";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { SQL_SERVER } from "../lib/azureDatabases";
import { linkConfigs, resourcesOfType } from "../lib/links";
import { describeResource } from "../lib/messages";
import { field, isPresent } from "../lib/read";
import { stackRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Administrators = azureInput.sql.ServerExternalAdministratorArgs;

const ADMIN_TYPE = "azure-native:sql:ServerAzureADAdministrator";

/** administrators names an Entra ID login, or a ServerAzureADAdministrator names the server. */
export const requireSqlServerEntraAdmin = stackRule({
  name: "azure-sql-server-entra-admin",
  description: "Azure SQL servers must have a Microsoft Entra ID administrator.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CIS Azure 4.1.4", "CKV2_AZURE_7", "CKV2_AZURE_27"],
  anchorType: SQL_SERVER,
  check: (ctx) => {
    const servers = resourcesOfType(ctx.resources, [SQL_SERVER]);
    if (servers.length === 0) return;
    const { byCandidate, unlinked } = linkConfigs(ctx.resources, servers, ["serverName", "name"], [ADMIN_TYPE], "serverName");
    for (const server of servers) {
      if ((byCandidate.get(server.urn) ?? []).length > 0) continue;
      const label = describeResource(server.type, server.name);
      const admins = field<ServerArgs>(server.props, "administrators");
      if (admins === UNKNOWN || unlinked > 0) {
        ctx.undecided(`${label}: its administrators are not known yet`);
        continue;
      }
      if ((["login", "sid"] as const).some((k) => isPresent(field<Administrators>(admins, k)))) continue;
      ctx.report(
        `${label} should have a Microsoft Entra ID administrator: set administrators.login and ` +
          `administrators.sid to an Entra group (or add a sql.ServerAzureADAdministrator), and ` +
          `consider azureADOnlyAuthentication.`,
        server.urn,
      );
    }
  },
});
