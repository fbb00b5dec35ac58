// Cloud SQL instances must not authorize the whole internet to connect to their public IP.

import type * as gcpInput from "@pulumi/gcp/types/input";
import { SQL_INSTANCE, ipConfigurationOf } from "../lib/cloudSql";
import { isWorldCidr } from "../lib/net";
import { asList, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type IpConfiguration = gcpInput.sql.DatabaseInstanceSettingsIpConfiguration;
type Network = gcpInput.sql.DatabaseInstanceSettingsIpConfigurationAuthorizedNetwork;

/** No authorized network is 0.0.0.0/0 (or any /0). */
export const blockSqlWorldNetworks = resourceRule({
  name: "gcp-sql-instance-no-public-networks",
  description: "Cloud SQL instances must not authorize 0.0.0.0/0 (the whole internet) to connect.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS GCP 6.5", "CKV_GCP_11"],
  types: [SQL_INSTANCE],
  check: (ctx) => {
    const networks = asList(field<IpConfiguration>(ipConfigurationOf(ctx.props), "authorizedNetworks"));
    if (networks === UNKNOWN) return ctx.undecided("settings.ipConfiguration.authorizedNetworks");
    networks.forEach((n, i) => {
      const value = asString(field<Network>(n, "value"));
      if (value === UNKNOWN) return ctx.undecided(`settings.ipConfiguration.authorizedNetworks[${i}].value`);
      if (typeof value !== "string" || !isWorldCidr(value)) return;
      ctx.report(
        `${ctx.label} should not let the internet connect: ` +
          `settings.ipConfiguration.authorizedNetworks[${i}] is ${value}; list the clients' ` +
          `networks, or connect through private IP or the Cloud SQL Auth Proxy.`,
      );
    });
  },
});
