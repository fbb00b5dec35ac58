// CloudTrail trails must record API activity in every region, so that activity in a region the
// team does not use is still seen.

import type { TrailArgs } from "@pulumi/aws/cloudtrail/trail";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** isMultiRegionTrail is true (it defaults to false). */
export const requireCloudTrailMultiRegion = resourceRule({
  name: "aws-cloudtrail-multi-region",
  description: "CloudTrail trails must be multi-region trails that also record global service events.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS AWS 3.1", "CKV_AWS_67"],
  types: ["aws:cloudtrail/trail:Trail"],
  check: (ctx) => {
    const multi = asBool(field<TrailArgs>(ctx.props, "isMultiRegionTrail"));
    const global = asBool(field<TrailArgs>(ctx.props, "includeGlobalServiceEvents"));
    if (multi === UNKNOWN || global === UNKNOWN) {
      return ctx.undecided("isMultiRegionTrail or includeGlobalServiceEvents");
    }
    if (multi !== true) {
      ctx.report(`${ctx.label} should record every region: set isMultiRegionTrail to true.`);
    } else if (global === false) {
      ctx.report(
        `${ctx.label} should record global service events (IAM, STS): set ` +
          `includeGlobalServiceEvents to true (the default).`,
      );
    }
  },
});
