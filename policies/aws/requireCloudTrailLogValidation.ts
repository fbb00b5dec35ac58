// CloudTrail trails must sign their log files, so that tampering with them can be detected.

import type { TrailArgs } from "@pulumi/aws/cloudtrail/trail";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** enableLogFileValidation is true (it defaults to false). */
export const requireCloudTrailLogValidation = resourceRule({
  name: "aws-cloudtrail-log-file-validation",
  description: "CloudTrail trails must enable log file integrity validation.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS AWS 3.2", "CKV_AWS_36"],
  types: ["aws:cloudtrail/trail:Trail"],
  check: (ctx) => {
    const on = asBool(field<TrailArgs>(ctx.props, "enableLogFileValidation"));
    if (on === UNKNOWN) ctx.undecided("enableLogFileValidation");
    else if (on !== true) {
      ctx.report(`${ctx.label} should sign its log files: set enableLogFileValidation to true.`);
    }
  },
});
