// DynamoDB tables should keep point-in-time recovery, so that a table can be restored to any
// second of the last 35 days. Off by default, so advisory.

import type { TableArgs } from "@pulumi/aws/dynamodb/table";
import type * as awsInput from "@pulumi/aws/types/input";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Recovery = awsInput.dynamodb.TablePointInTimeRecovery;

/** pointInTimeRecovery.enabled is true. */
export const requireDynamoDbRecovery = resourceRule({
  name: "aws-dynamodb-point-in-time-recovery",
  description: "DynamoDB tables must enable point-in-time recovery.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CKV_AWS_28"],
  types: ["aws:dynamodb/table:Table"],
  check: (ctx) => {
    const on = asBool(field<Recovery>(field<TableArgs>(ctx.props, "pointInTimeRecovery"), "enabled"));
    if (on === UNKNOWN) ctx.undecided("pointInTimeRecovery.enabled");
    else if (on !== true) {
      ctx.report(`${ctx.label} should keep point-in-time recovery: set pointInTimeRecovery.enabled to true.`);
    }
  },
});
