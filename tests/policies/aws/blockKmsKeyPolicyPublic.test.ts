import { blockKmsKeyPolicyPublic } from "../../../policies/aws/blockKmsKeyPolicyPublic";
import { ruleCases } from "../ruleCases";
import { accountStatement, policyJson, publicStatement } from "./policyDocuments";

ruleCases(
  "policies/aws/blockKmsKeyPolicyPublic",
  blockKmsKeyPolicyPublic,
  { type: "aws:kms/key:Key", name: "data", props: { enableKeyRotation: true, policy: policyJson(accountStatement(["kms:*"])) } },
  [
    {
      it: "reports a key policy letting anyone decrypt",
      props: (b) => ({ ...b, policy: policyJson(publicStatement(["kms:Decrypt"])) }),
      violations: [
        `KMS key 'data' should not grant access to anyone: policy statement 'Public' allows kms:Decrypt to Principal "*" with no condition limiting the caller; name the accounts or services allowed as principals, or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition.`,
      ],
    },
    {
      it: "accepts a public principal limited by kms:CallerAccount",
      props: (b) => ({ ...b, policy: policyJson(publicStatement(["kms:Decrypt"], { Condition: { StringEquals: { "kms:CallerAccount": "111122223333" } } })) }),
    },
    {
      it: "checks a separate KeyPolicy resource",
      type: "aws:kms/keyPolicy:KeyPolicy",
      props: () => ({ keyId: "k", policy: policyJson(publicStatement(["kms:*"])) }),
      violations: [
        `KMS key policy 'data' should not grant access to anyone: policy statement 'Public' allows kms:* to Principal "*" with no condition limiting the caller; name the accounts or services allowed as principals, or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition.`,
      ],
    },
    {
      it: "reports NotAction grants to anyone as everything but the listed actions",
      props: (b) => ({ ...b, policy: policyJson({ Effect: "Allow", Principal: "*", NotAction: "kms:ScheduleKeyDeletion", Resource: "*" }) }),
      violations: [
        `KMS key 'data' should not grant access to anyone: policy statement 1 allows all but kms:ScheduleKeyDeletion to Principal "*" with no condition limiting the caller; name the accounts or services allowed as principals, or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition.`,
      ],
    },
  ],
);
