// Cloud SQL instances should not have a public IPv4 address: clients connect over private IP.
// A public address is on by default, and with no authorized networks it is reachable only
// through the Cloud SQL connectors, so this rule is advisory unless configured mandatory.

import type * as gcpInput from "@pulumi/gcp/types/input";
import { SQL_INSTANCE, ipConfigurationOf } from "../lib/cloudSql";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type IpConfiguration = gcpInput.sql.DatabaseInstanceSettingsIpConfiguration;

/** settings.ipConfiguration.ipv4Enabled is false. */
export const requireSqlPrivateIp = resourceRule({
  name: "gcp-sql-instance-private-ip-only",
  description: "Cloud SQL instances must not have a public IPv4 address (ipv4Enabled false, private IP only).",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CIS GCP 6.6", "CKV_GCP_60"],
  types: [SQL_INSTANCE],
  check: (ctx) => {
    const ipConfig = ipConfigurationOf(ctx.props);
    const on = asBool(field<IpConfiguration>(ipConfig, "ipv4Enabled"));
    if (ipConfig === UNKNOWN || on === UNKNOWN) return ctx.undecided("settings.ipConfiguration.ipv4Enabled");
    if (on === false) return;
    ctx.report(
      `${ctx.label} should have no public IP address: set settings.ipConfiguration.ipv4Enabled ` +
        `to false and privateNetwork to the VPC its clients run in.`,
    );
  },
});
