// Firewall rules of Azure SQL, PostgreSQL and MySQL servers must not admit the whole internet
// (or most of it). The special rule 0.0.0.0-0.0.0.0 ("allow Azure services") is left alone:
// it admits Azure's own address space, not the internet.

import type { FirewallRuleArgs } from "@pulumi/azure-native/sql/firewallRule";
import { DATABASE_FIREWALL_RULES, ipv4Number } from "../lib/azureDatabases";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** A range wider than a /8 (16,777,216 addresses) is treated as open to the internet. */
const MAX_ADDRESSES = 2 ** 24;

/** No firewall rule spans more than a /8 of IPv4 addresses. */
export const blockDatabaseFirewallWorld = resourceRule({
  name: "azure-database-firewall-no-public-range",
  description:
    "Firewall rules of Azure SQL, PostgreSQL and MySQL servers must not admit the whole internet (a range wider than a /8).",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS Azure 4.1.2", "CKV_AZURE_11", "CKV2_AZURE_34"],
  types: DATABASE_FIREWALL_RULES,
  check: (ctx) => {
    const start = asString(field<FirewallRuleArgs>(ctx.props, "startIpAddress"));
    const end = asString(field<FirewallRuleArgs>(ctx.props, "endIpAddress"));
    if (start === UNKNOWN || end === UNKNOWN) return ctx.undecided("startIpAddress or endIpAddress");
    const from = start === undefined ? undefined : ipv4Number(start);
    const to = end === undefined ? undefined : ipv4Number(end);
    if (from === undefined || to === undefined || to < from) return;
    if (to - from + 1 <= MAX_ADDRESSES) return;
    ctx.report(
      `${ctx.label} should not admit the internet: it allows ${start} to ${end}; narrow it to ` +
        `the clients' addresses, or use private endpoints or virtual network rules.`,
    );
  },
});
