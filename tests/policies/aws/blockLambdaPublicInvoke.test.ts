import { blockLambdaPublicInvoke } from "../../../policies/aws/blockLambdaPublicInvoke";
import { ruleCases } from "../ruleCases";

const PERMISSION_FIX = "name the calling service or account, or list the function under allowedFunctions if it is public on purpose.";

ruleCases(
  "policies/aws/blockLambdaPublicInvoke",
  blockLambdaPublicInvoke,
  {
    type: "aws:lambda/permission:Permission",
    name: "s3-invoke",
    props: { action: "lambda:InvokeFunction", function: "thumbnails", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads" },
  },
  [
    {
      it: "reports a permission for Principal \"*\" with no source condition",
      props: (b) => ({ ...b, principal: "*", sourceArn: undefined }),
      violations: [`Lambda permission 's3-invoke' should not let anyone invoke its function: principal is "*" with no sourceArn, sourceAccount or principalOrgId; ${PERMISSION_FIX}`],
    },
    {
      it: "accepts Principal \"*\" limited to an organization",
      props: (b) => ({ ...b, principal: "*", sourceArn: undefined, principalOrgId: "o-1" }),
    },
    {
      it: "reports a function URL without authentication",
      type: "aws:lambda/functionUrl:FunctionUrl",
      props: () => ({ functionName: "thumbnails", authorizationType: "NONE" }),
      violations: ['Lambda function URL \'s3-invoke\' should not let anyone invoke its function: authorizationType is "NONE"; set it to "AWS_IAM", or list the function under allowedFunctions if it is public on purpose.'],
    },
    {
      it: "lets the config allow a function to be public, by its name",
      type: "aws:lambda/functionUrl:FunctionUrl",
      props: () => ({ functionName: "public-webhook", authorizationType: "NONE" }),
      config: { allowedFunctions: ["public-*"] },
    },
  ],
);
