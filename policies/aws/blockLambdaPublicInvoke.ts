// Lambda functions must not be invokable by anyone: no permission for Principal "*" without a
// source condition, and no function URL without IAM authentication, unless the config allows
// the function to be public.

import type { FunctionUrlArgs } from "@pulumi/aws/lambda/functionUrl";
import type { PermissionArgs } from "@pulumi/aws/lambda/permission";
import { allowListSchema, isAllowed, readAllowList } from "../lib/allowList";
import { asString, field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const PERMISSION = "aws:lambda/permission:Permission";
const FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";

interface Config {
  readonly allowedFunctions: readonly RegExp[];
}

/** Permissions and function URLs never open a function to everyone unless allowed. */
export const blockLambdaPublicInvoke = resourceRule<Config>({
  name: "aws-lambda-not-public",
  description:
    "Lambda functions must not be invokable by anyone: no permission for Principal \"*\" without a source condition and no function URL with authorizationType NONE, unless the config allows the function.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AWS_301", "CKV_AWS_258"],
  configSchema: { properties: { allowedFunctions: allowListSchema("Functions") } },
  types: [PERMISSION, FUNCTION_URL],
  config: (raw) => ({ allowedFunctions: readAllowList(raw.allowedFunctions) }),
  check: (ctx) => {
    const p = ctx.props;
    const target = asString(
      ctx.type === PERMISSION ? field<PermissionArgs>(p, "function") : field<FunctionUrlArgs>(p, "functionName"),
    );
    const names = [ctx.name, typeof target === "string" ? target : undefined];
    if (isAllowed(ctx.config.allowedFunctions, names)) return;
    if (ctx.type === FUNCTION_URL) {
      const auth = asString(field<FunctionUrlArgs>(p, "authorizationType"));
      if (auth === UNKNOWN) return ctx.undecided("authorizationType");
      if (auth?.trim().toUpperCase() === "NONE") {
        ctx.report(
          `${ctx.label} should not let anyone invoke its function: authorizationType is "NONE"; ` +
            `set it to "AWS_IAM", or list the function under allowedFunctions if it is public on purpose.`,
        );
      }
      return;
    }
    const principal = asString(field<PermissionArgs>(p, "principal"));
    if (principal === UNKNOWN) return ctx.undecided("principal");
    if (principal?.trim() !== "*") return;
    const limits = ["sourceArn", "sourceAccount", "principalOrgId"] as const;
    if (limits.some((k) => isPresent(field<PermissionArgs>(p, k)))) return;
    ctx.report(
      `${ctx.label} should not let anyone invoke its function: principal is "*" with no ` +
        `sourceArn, sourceAccount or principalOrgId; name the calling service or account, or ` +
        `list the function under allowedFunctions if it is public on purpose.`,
    );
  },
});
