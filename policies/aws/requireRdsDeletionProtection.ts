// RDS instances and clusters should be protected from deletion, so that a replacement or a
// destroyed stack cannot drop a database. Off by default and a nuisance on scratch stacks,
// so advisory unless configured mandatory.

import type { ClusterArgs } from "@pulumi/aws/rds/cluster";
import type { InstanceArgs } from "@pulumi/aws/rds/instance";
import { RDS_CLUSTER, RDS_INSTANCE, isReadReplica } from "../lib/rds";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** deletionProtection is true. */
export const requireRdsDeletionProtection = resourceRule({
  name: "aws-rds-deletion-protection",
  description: "RDS database instances and clusters must enable deletion protection.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CKV_AWS_293", "CKV_AWS_139"],
  types: [RDS_INSTANCE, RDS_CLUSTER],
  check: (ctx) => {
    if (isReadReplica(ctx.type, ctx.props)) return;
    const on = asBool(field<InstanceArgs & ClusterArgs>(ctx.props, "deletionProtection"));
    if (on === UNKNOWN) ctx.undecided("deletionProtection");
    else if (on !== true) {
      ctx.report(`${ctx.label} should be protected from deletion: set deletionProtection to true.`);
    }
  },
});
