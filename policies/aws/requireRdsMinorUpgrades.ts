// RDS databases must take minor engine upgrades, which carry security fixes.

import type { InstanceArgs } from "@pulumi/aws/rds/instance";
import { RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE } from "../lib/rds";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** autoMinorVersionUpgrade is not turned off (it defaults to true). */
export const requireRdsMinorUpgrades = resourceRule({
  name: "aws-rds-auto-minor-version-upgrade",
  description: "RDS databases must apply minor engine upgrades automatically.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS AWS 2.3.2", "CKV_AWS_226"],
  types: [RDS_INSTANCE, RDS_CLUSTER, RDS_CLUSTER_INSTANCE],
  check: (ctx) => {
    const on = asBool(field<InstanceArgs>(ctx.props, "autoMinorVersionUpgrade"));
    if (on === UNKNOWN) ctx.undecided("autoMinorVersionUpgrade");
    else if (on === false) {
      ctx.report(
        `${ctx.label} should apply minor engine upgrades: set autoMinorVersionUpgrade to true ` +
          `(the default).`,
      );
    }
  },
});
