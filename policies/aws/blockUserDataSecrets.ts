// EC2 user data must not carry secrets: anyone who can describe the instance (or read the
// launch template, or the stack's state) can read it, and it stays on the instance's metadata
// service for its lifetime.

import type { InstanceArgs } from "@pulumi/aws/ec2/instance";
import type { LaunchTemplateArgs } from "@pulumi/aws/ec2/launchTemplate";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { decodeUserData, describeSecrets, secretsInText } from "../lib/secrets";
import { UNKNOWN } from "../lib/unknown";

const INSTANCE = "aws:ec2/instance:Instance";

/** No secret pattern in an instance's or launch template's user data. */
export const blockUserDataSecrets = resourceRule({
  name: "aws-ec2-user-data-no-secrets",
  description:
    "EC2 instance and launch template user data must not contain secrets such as access keys, private keys or literal passwords.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AWS_46"],
  types: [INSTANCE, "aws:ec2/launchTemplate:LaunchTemplate"],
  check: (ctx) => {
    const sources =
      ctx.type === INSTANCE
        ? (["userData", "userDataBase64"] as const)
        : (["userData"] as const);
    for (const key of sources) {
      const value = asString(field<InstanceArgs & LaunchTemplateArgs>(ctx.props, key));
      if (value === UNKNOWN) {
        ctx.undecided(key);
        continue;
      }
      if (value === undefined) continue;
      const found = secretsInText(decodeUserData(value));
      if (found.length === 0) continue;
      ctx.report(
        `${ctx.label} should not carry secrets in ${key}: it holds ${describeSecrets(found)}; ` +
          `fetch secrets at boot from Secrets Manager or SSM Parameter Store with the instance role.`,
      );
    }
  },
});
