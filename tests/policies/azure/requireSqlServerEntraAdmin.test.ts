import * as assert from "assert";
import { requireSqlServerEntraAdmin } from "../../../policies/azure/requireSqlServerEntraAdmin";
import { StackResourceCase, UNKNOWN_VALUE, runStack, urnOf } from "../harness";

const SERVER = "azure-native:sql:Server";
const server = (props: Record<string, unknown> = {}): StackResourceCase => ({ type: SERVER, name: "sql", props: { resourceGroupName: "rg", ...props } });

describe("policies/azure/requireSqlServerEntraAdmin", () => {
  it("passes a server naming an Entra administrator", async () => {
    assert.deepStrictEqual(await runStack(requireSqlServerEntraAdmin, [server({ administrators: { login: "dba-group", sid: "0000-1111" } })]), { violations: [] });
  });

  it("passes a server with a separate ServerAzureADAdministrator", async () => {
    const admin: StackResourceCase = { type: "azure-native:sql:ServerAzureADAdministrator", name: "sql-admin", props: { serverName: UNKNOWN_VALUE, login: "dba", sid: "1" }, propertyDependencies: { serverName: ["sql"] } };
    assert.deepStrictEqual(await runStack(requireSqlServerEntraAdmin, [server(), admin]), { violations: [] });
  });

  it("reports a server using SQL logins only", async () => {
    assert.deepStrictEqual(await runStack(requireSqlServerEntraAdmin, [server({ administratorLogin: "sa" })]), {
      violations: [
        {
          message:
            "Azure SQL server 'sql' should have a Microsoft Entra ID administrator: set administrators.login and administrators.sid to an Entra group (or add a sql.ServerAzureADAdministrator), and consider azureADOnlyAuthentication.",
          urn: urnOf(SERVER, "sql"),
        },
      ],
    });
  });
});
