// Azure SQL databases must keep transparent data encryption on. It is on by default; a
// TransparentDataEncryption resource can turn it off.

import type { TransparentDataEncryptionArgs } from "@pulumi/azure-native/sql/transparentDataEncryption";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** No TransparentDataEncryption resource sets state "Disabled". */
export const requireSqlDatabaseTde = resourceRule({
  name: "azure-sql-database-tde-enabled",
  description: "Azure SQL databases must keep transparent data encryption enabled.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS Azure 4.1.5", "CKV2_AZURE_25"],
  types: ["azure-native:sql:TransparentDataEncryption"],
  check: (ctx) => {
    const state = asString(field<TransparentDataEncryptionArgs>(ctx.props, "state"));
    if (state === UNKNOWN) ctx.undecided("state");
    else if (state?.toLowerCase() === "disabled") {
      ctx.report(`${ctx.label} should keep the database encrypted: set state to "Enabled".`);
    }
  },
});
