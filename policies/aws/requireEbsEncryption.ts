// EBS volumes must be encrypted at rest.

import type { VolumeArgs } from "@pulumi/aws/ebs/volume";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** Every EBS volume sets `encrypted` to true. */
export const requireEbsEncryption = resourceRule({
  name: "aws-ebs-volume-encrypted",
  description: "EBS volumes must be encrypted at rest.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS AWS 2.2.1", "CKV_AWS_3"],
  types: ["aws:ebs/volume:Volume"],
  check: (ctx) => {
    const encrypted = asBool(field<VolumeArgs>(ctx.props, "encrypted"));
    if (encrypted === UNKNOWN) ctx.undecided("encrypted");
    else if (encrypted !== true) {
      ctx.report(`${ctx.label} should be encrypted: set encrypted to true.`);
    }
  },
});
