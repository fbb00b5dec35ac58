// EFS file systems must be encrypted at rest.

import type { FileSystemArgs } from "@pulumi/aws/efs/fileSystem";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** encrypted is true. */
export const requireEfsEncryption = resourceRule({
  name: "aws-efs-encrypted",
  description: "EFS file systems must be encrypted at rest.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS AWS 2.4.1", "CKV_AWS_42"],
  types: ["aws:efs/fileSystem:FileSystem"],
  check: (ctx) => {
    const on = asBool(field<FileSystemArgs>(ctx.props, "encrypted"));
    if (on === UNKNOWN) ctx.undecided("encrypted");
    else if (on !== true) ctx.report(`${ctx.label} should be encrypted at rest: set encrypted to true.`);
  },
});
