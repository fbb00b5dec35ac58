import { blockSnsTopicPolicyPublic } from "../../../policies/aws/blockSnsTopicPolicyPublic";
import { ruleCases } from "../ruleCases";
import { accountStatement, policyJson, publicStatement } from "./policyDocuments";

const FIX =
  "name the accounts or services allowed as principals, or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition.";

ruleCases(
  "policies/aws/blockSnsTopicPolicyPublic",
  blockSnsTopicPolicyPublic,
  { type: "aws:sns/topicPolicy:TopicPolicy", name: "alerts", props: { arn: "arn:aws:sns:us-east-1:1:alerts", policy: policyJson(accountStatement(["sns:Publish"])) } },
  [
    {
      it: "reports a topic anyone may publish to",
      props: (b) => ({ ...b, policy: policyJson(publicStatement(["sns:Publish"])) }),
      violations: [`SNS topic policy 'alerts' should not grant access to anyone: policy statement 'Public' allows sns:Publish to Principal "*" with no condition limiting the caller; ${FIX}`],
    },
    {
      it: "accepts publishing limited to an S3 bucket by aws:SourceArn",
      props: (b) => ({ ...b, policy: policyJson(publicStatement(["sns:Publish"], { Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::uploads" } } })) }),
    },
  ],
);
