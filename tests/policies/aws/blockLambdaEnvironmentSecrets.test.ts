import { blockLambdaEnvironmentSecrets } from "../../../policies/aws/blockLambdaEnvironmentSecrets";
import { UNKNOWN_VALUE } from "../harness";
import { ruleCases } from "../ruleCases";

const FIX = "store them in Secrets Manager or SSM Parameter Store and read them at run time.";

ruleCases(
  "policies/aws/blockLambdaEnvironmentSecrets",
  blockLambdaEnvironmentSecrets,
  {
    type: "aws:lambda/function:Function",
    name: "api",
    props: { role: "arn:aws:iam::1:role/api", runtime: "nodejs20.x", environment: { variables: { STAGE: "prod", DB_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:1:secret:db" } } },
  },
  [
    {
      it: "reports a literal password and a Stripe key",
      props: (b) => ({ ...b, environment: { variables: { DB_PASSWORD: "s3cr3t-passw0rd", PAYMENTS: "sk_live_0123456789abcdefghijklmn" } } }),
      violations: [`Lambda function 'api' should not keep secrets in environment variables: a literal secret value (variable DB_PASSWORD) and a Stripe live key (variable PAYMENTS); ${FIX}`],
    },
    {
      it: "ignores values not known yet (computed from other resources)",
      props: (b) => ({ ...b, environment: { variables: { DB_PASSWORD: UNKNOWN_VALUE } } }),
    },
  ],
);
