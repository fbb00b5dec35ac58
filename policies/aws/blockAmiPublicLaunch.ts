// AMIs must not be shared with every AWS account: a public image exposes whatever was baked in.

import type { AmiLaunchPermissionArgs } from "@pulumi/aws/ec2/amiLaunchPermission";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** No AmiLaunchPermission grants the "all" group. */
export const blockAmiPublicLaunch = resourceRule({
  name: "aws-ec2-ami-not-public",
  description: "AMI launch permissions must not make an image public to every AWS account.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AWS_205"],
  types: ["aws:ec2/amiLaunchPermission:AmiLaunchPermission"],
  check: (ctx) => {
    const group = asString(field<AmiLaunchPermissionArgs>(ctx.props, "group"));
    if (group === UNKNOWN) ctx.undecided("group");
    else if (group?.trim().toLowerCase() === "all") {
      ctx.report(
        `${ctx.label} should not make the image public: remove group "all" and share it with ` +
          `named accounts (accountId) or your organization (organizationArn).`,
      );
    }
  },
});
