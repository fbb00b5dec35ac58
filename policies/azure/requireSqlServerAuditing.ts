// Azure SQL servers must audit database activity, keeping at least 90 days of records when they
// are kept in storage. Auditing is off by default. A stack rule: the auditing policy is a
// separate resource linked to its server; anchored on SQL servers, so the runtime skips it in
// stacks without one.

import type { PolicyResource } from "@pulumi/policy";
import type { ServerBlobAuditingPolicyArgs } from "@pulumi/azure-native/sql/serverBlobAuditingPolicy";
import { SQL_SERVER } from "../lib/azureDatabases";
import { linkConfigs, resourcesOfType } from "../lib/links";
import { describeResource } from "../lib/messages";
import { asNumber, asString, field } from "../lib/read";
import { stackRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const AUDITING_TYPES = [
  "azure-native:sql:ServerBlobAuditingPolicy",
  "azure-native:sql:ExtendedServerBlobAuditingPolicy",
];

/** The shortest storage retention accepted, in days (0 means forever). */
const MIN_RETENTION_DAYS = 90;

/** What a server's auditing policies say: enabled, off, or too short; UNKNOWN when not known. */
function verdictOf(policies: readonly PolicyResource[]): "ok" | "off" | number | typeof UNKNOWN {
  let unknown = false;
  let short: number | undefined;
  for (const p of policies) {
    const state = asString(field<ServerBlobAuditingPolicyArgs>(p.props, "state"));
    const days = asNumber(field<ServerBlobAuditingPolicyArgs>(p.props, "retentionDays"));
    if (state === UNKNOWN || days === UNKNOWN) {
      unknown = true;
      continue;
    }
    if (state?.toLowerCase() !== "enabled") continue;
    if (days === undefined || days === 0 || days >= MIN_RETENTION_DAYS) return "ok";
    short = days;
  }
  if (unknown) return UNKNOWN;
  return short ?? "off";
}

/** Every SQL server has an enabled auditing policy keeping 90 days or more. */
export const requireSqlServerAuditing = stackRule({
  name: "azure-sql-server-auditing-enabled",
  description:
    "Azure SQL servers must enable auditing through a server auditing policy, retaining at least 90 days of records in storage.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS Azure 4.1.1", "CIS Azure 4.1.6", "CKV_AZURE_23", "CKV_AZURE_24"],
  anchorType: SQL_SERVER,
  check: (ctx) => {
    const servers = resourcesOfType(ctx.resources, [SQL_SERVER]);
    if (servers.length === 0) return;
    const { byCandidate, unlinked } = linkConfigs(ctx.resources, servers, ["serverName", "name"], AUDITING_TYPES, "serverName");
    for (const server of servers) {
      const label = describeResource(server.type, server.name);
      const policies = byCandidate.get(server.urn) ?? [];
      if (policies.length === 0 && unlinked > 0) {
        ctx.undecided(`${label}: the server of an auditing policy is not known yet`);
        continue;
      }
      const verdict = policies.length === 0 ? "off" : verdictOf(policies);
      if (verdict === UNKNOWN) ctx.undecided(`${label}: its auditing state is not known yet`);
      else if (verdict === "off") {
        ctx.report(
          `${label} should audit database activity: add a sql.ServerBlobAuditingPolicy for it ` +
            `with state "Enabled", sending records to Log Analytics or a storage account.`,
          server.urn,
        );
      } else if (typeof verdict === "number") {
        ctx.report(
          `${label} should keep audit records for at least ${MIN_RETENTION_DAYS} days: its ` +
            `auditing policy keeps ${verdict}; set retentionDays to ${MIN_RETENTION_DAYS} or more ` +
            `(0 keeps them forever).`,
          server.urn,
        );
      }
    }
  },
});
