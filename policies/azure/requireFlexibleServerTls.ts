// Azure Database for PostgreSQL and MySQL flexible servers must keep requiring TLS 1.2 or later.
// Both require secure transport by default; the rule reports server parameters that turn it
// off or admit TLS 1.0 or 1.1.

import { MYSQL_CONFIGURATION, POSTGRES_CONFIGURATION } from "../lib/azureDatabases";
import { quote } from "../lib/messages";
import { parameterOf } from "../lib/serverParameters";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** A value (or comma-separated list) that admits TLS 1.0 or 1.1. */
const OLD_TLS = /tlsv1(\.[01])?(,|$)/;

/** No Configuration turns require_secure_transport off or admits TLS 1.0 or 1.1. */
export const requireFlexibleServerTls = resourceRule({
  name: "azure-database-flexible-server-tls-enforced",
  description:
    "Azure Database for PostgreSQL and MySQL flexible servers must not turn off require_secure_transport or admit TLS versions older than 1.2.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS Azure 4.3.1", "CIS Azure 4.4.1", "CIS Azure 4.4.2"],
  types: [POSTGRES_CONFIGURATION, MYSQL_CONFIGURATION],
  check: (ctx) => {
    const param = parameterOf(ctx.props);
    if (param === UNKNOWN) return ctx.undecided("configurationName or value");
    if (param === undefined || param.value === undefined) return;
    const { name, value } = param;
    if (name === "require_secure_transport" && (value === "off" || value === "0")) {
      ctx.report(
        `${ctx.label} should keep requiring TLS: require_secure_transport is ${quote(value)}; ` +
          `set it to "ON" (the default) or remove this configuration.`,
      );
    }
    const minimum = name === "ssl_min_protocol_version" || name === "tls_version";
    if (minimum && OLD_TLS.test(value.replace(/\s+/g, ""))) {
      ctx.report(
        `${ctx.label} should admit TLS 1.2 or later only: ${name} is ${quote(value)}; set it to ` +
          `"TLSv1.2" or later.`,
      );
    }
  },
});
