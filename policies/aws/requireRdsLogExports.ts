// RDS instances and clusters should export their database logs to CloudWatch Logs, where they
// are kept, searched and alarmed on. Nothing is exported by default, so advisory.

import type { ClusterArgs } from "@pulumi/aws/rds/cluster";
import type { InstanceArgs } from "@pulumi/aws/rds/instance";
import { RDS_CLUSTER, RDS_INSTANCE } from "../lib/rds";
import { asList, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** enabledCloudwatchLogsExports names at least one log. */
export const requireRdsLogExports = resourceRule({
  name: "aws-rds-log-exports-enabled",
  description: "RDS database instances and clusters must export their logs to CloudWatch Logs.",
  enforcementLevel: "advisory",
  severity: "low",
  benchmarks: ["CKV_AWS_129", "CKV_AWS_324"],
  types: [RDS_INSTANCE, RDS_CLUSTER],
  check: (ctx) => {
    const logs = asList(field<InstanceArgs & ClusterArgs>(ctx.props, "enabledCloudwatchLogsExports"));
    if (logs === UNKNOWN) ctx.undecided("enabledCloudwatchLogsExports");
    else if (logs.length === 0) {
      ctx.report(
        `${ctx.label} should export its logs: set enabledCloudwatchLogsExports to the engine's ` +
          `logs (e.g. ["postgresql"], or ["audit", "error", "general", "slowquery"] for MySQL).`,
      );
    }
  },
});
