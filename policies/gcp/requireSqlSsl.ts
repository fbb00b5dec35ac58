// Cloud SQL instances must refuse unencrypted connections. By default they accept both.

import type * as gcpInput from "@pulumi/gcp/types/input";
import { SQL_INSTANCE, ipConfigurationOf } from "../lib/cloudSql";
import { quote } from "../lib/messages";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type IpConfiguration = gcpInput.sql.DatabaseInstanceSettingsIpConfiguration;

const ENCRYPTED = new Set(["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"]);

/** settings.ipConfiguration.sslMode is ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED. */
export const requireSqlSsl = resourceRule({
  name: "gcp-sql-instance-ssl-required",
  description:
    "Cloud SQL instances must require encrypted connections (sslMode ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED).",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS GCP 6.4", "CKV_GCP_6"],
  types: [SQL_INSTANCE],
  check: (ctx) => {
    const mode = asString(field<IpConfiguration>(ipConfigurationOf(ctx.props), "sslMode"));
    if (mode === UNKNOWN) return ctx.undecided("settings.ipConfiguration.sslMode");
    if (mode !== undefined && ENCRYPTED.has(mode.trim().toUpperCase())) return;
    const now = mode === undefined ? "unset, which accepts unencrypted connections" : quote(mode);
    ctx.report(
      `${ctx.label} should refuse unencrypted connections: settings.ipConfiguration.sslMode is ` +
        `${now}; set it to "ENCRYPTED_ONLY".`,
    );
  },
});
