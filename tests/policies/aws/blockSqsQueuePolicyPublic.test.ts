import { blockSqsQueuePolicyPublic } from "../../../policies/aws/blockSqsQueuePolicyPublic";
import { ruleCases } from "../ruleCases";
import { accountStatement, policyJson, publicStatement } from "./policyDocuments";

const FIX =
  "name the accounts or services allowed as principals, or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition.";

ruleCases(
  "policies/aws/blockSqsQueuePolicyPublic",
  blockSqsQueuePolicyPublic,
  { type: "aws:sqs/queuePolicy:QueuePolicy", name: "jobs", props: { queueUrl: "https://sqs/jobs", policy: policyJson(accountStatement(["sqs:SendMessage"])) } },
  [
    {
      it: "reports a queue anyone may read",
      props: (b) => ({ ...b, policy: policyJson(publicStatement(["sqs:ReceiveMessage", "sqs:DeleteMessage"])) }),
      violations: [`SQS queue policy 'jobs' should not grant access to anyone: policy statement 'Public' allows sqs:ReceiveMessage and sqs:DeleteMessage to Principal "*" with no condition limiting the caller; ${FIX}`],
    },
    {
      it: "checks the inline policy of a queue",
      type: "aws:sqs/queue:Queue",
      props: () => ({ policy: policyJson(publicStatement(["sqs:SendMessage"])) }),
      violations: [`SQS queue 'jobs' should not grant access to anyone: policy statement 'Public' allows sqs:SendMessage to Principal "*" with no condition limiting the caller; ${FIX}`],
    },
  ],
);
