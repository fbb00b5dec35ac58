import * as assert from "assert";
import { requireSqlServerAuditing } from "../../../policies/azure/requireSqlServerAuditing";
import { StackResourceCase, UNKNOWN_VALUE, runStack, urnOf } from "../harness";

const SERVER = "azure-native:sql:Server";
const server: StackResourceCase = { type: SERVER, name: "sql", props: { resourceGroupName: "rg" } };
const auditing = (props: Record<string, unknown>): StackResourceCase => ({
  type: "azure-native:sql:ServerBlobAuditingPolicy",
  name: "sql-audit",
  props: { resourceGroupName: "rg", serverName: UNKNOWN_VALUE, ...props },
  propertyDependencies: { serverName: ["sql"] },
});
const urn = urnOf(SERVER, "sql");

describe("policies/azure/requireSqlServerAuditing", () => {
  it("passes a server audited to Log Analytics", async () => {
    assert.deepStrictEqual(await runStack(requireSqlServerAuditing, [server, auditing({ state: "Enabled", isAzureMonitorTargetEnabled: true })]), { violations: [] });
  });

  it("reports a server without auditing", async () => {
    assert.deepStrictEqual(await runStack(requireSqlServerAuditing, [server]), {
      violations: [{ message: 'Azure SQL server \'sql\' should audit database activity: add a sql.ServerBlobAuditingPolicy for it with state "Enabled", sending records to Log Analytics or a storage account.', urn }],
    });
  });

  it("reports a disabled auditing policy", async () => {
    const outcome = await runStack(requireSqlServerAuditing, [server, auditing({ state: "Disabled" })]);
    assert.equal(outcome.violations.length, 1);
  });

  it("reports retention under 90 days", async () => {
    assert.deepStrictEqual(await runStack(requireSqlServerAuditing, [server, auditing({ state: "Enabled", retentionDays: 30 })]), {
      violations: [{ message: "Azure SQL server 'sql' should keep audit records for at least 90 days: its auditing policy keeps 30; set retentionDays to 90 or more (0 keeps them forever).", urn }],
    });
  });
});
