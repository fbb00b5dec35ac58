// Lambda environment variables must not hold secrets: they are visible to anyone who can read
// the function's configuration and are stored in the stack's state in plain text.

import type { FunctionArgs } from "@pulumi/aws/lambda/function";
import type * as awsInput from "@pulumi/aws/types/input";
import { field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { describeSecrets, secretsInVariables } from "../lib/secrets";
import { UNKNOWN } from "../lib/unknown";
import { variableMap } from "../lib/variables";

type Environment = awsInput.lambda.FunctionEnvironment;

/** No Lambda environment variable holds a literal secret. */
export const blockLambdaEnvironmentSecrets = resourceRule({
  name: "aws-lambda-environment-no-secrets",
  description:
    "Lambda function environment variables must not contain secrets such as passwords, tokens or access keys.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AWS_45"],
  types: ["aws:lambda/function:Function"],
  check: (ctx) => {
    const vars = variableMap(field<Environment>(field<FunctionArgs>(ctx.props, "environment"), "variables"));
    if (vars === UNKNOWN) return ctx.undecided("environment.variables");
    const found = secretsInVariables(vars);
    if (found.length === 0) return;
    ctx.report(
      `${ctx.label} should not keep secrets in environment variables: ${describeSecrets(found)}; ` +
        `store them in Secrets Manager or SSM Parameter Store and read them at run time.`,
    );
  },
});
