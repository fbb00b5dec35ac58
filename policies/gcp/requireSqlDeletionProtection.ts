// Cloud SQL instances should be protected from deletion: Pulumi's deletionProtection (true by
// default) guards against `pulumi destroy` and replacements, and the API's
// settings.deletionProtectionEnabled guards against every other client. Advisory: scratch
// instances are routinely created without it.

import type { DatabaseInstanceArgs } from "@pulumi/gcp/sql/databaseInstance";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { SQL_INSTANCE, settingsOf } from "../lib/cloudSql";
import { joinAnd } from "../lib/messages";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Settings = gcpInput.sql.DatabaseInstanceSettings;

/** deletionProtection is not false and settings.deletionProtectionEnabled is true. */
export const requireSqlDeletionProtection = resourceRule({
  name: "gcp-sql-instance-deletion-protection",
  description:
    "Cloud SQL instances must keep deletionProtection on and enable settings.deletionProtectionEnabled.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: [],
  types: [SQL_INSTANCE],
  check: (ctx) => {
    const pulumiGuard = asBool(field<DatabaseInstanceArgs>(ctx.props, "deletionProtection"));
    const apiGuard = asBool(field<Settings>(settingsOf(ctx.props), "deletionProtectionEnabled"));
    const fixes: string[] = [];
    if (pulumiGuard === UNKNOWN) ctx.undecided("deletionProtection");
    else if (pulumiGuard === false) fixes.push("deletionProtection to true");
    if (apiGuard === UNKNOWN) ctx.undecided("settings.deletionProtectionEnabled");
    else if (apiGuard !== true) fixes.push("settings.deletionProtectionEnabled to true");
    if (fixes.length > 0) ctx.report(`${ctx.label} should be protected from deletion: set ${joinAnd(fixes)}.`);
  },
});
