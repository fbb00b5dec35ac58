import { blockEcrRepositoryPolicyPublic } from "../../../policies/aws/blockEcrRepositoryPolicyPublic";
import { UNKNOWN_VALUE } from "../harness";
import { deferred, ruleCases } from "../ruleCases";
import { accountStatement, policyJson, publicStatement } from "./policyDocuments";

const LABEL = "ECR repository policy 'images'";
const FIX =
  "name the accounts or services allowed as principals, or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition.";

ruleCases(
  "policies/aws/blockEcrRepositoryPolicyPublic",
  blockEcrRepositoryPolicyPublic,
  {
    type: "aws:ecr/repositoryPolicy:RepositoryPolicy",
    name: "images",
    props: { repository: "app", policy: policyJson(accountStatement(["ecr:BatchGetImage"])) },
  },
  [
    {
      it: "reports Principal \"*\" allowed to push and delete (the exposure found in public programs)",
      props: (b) => ({ ...b, policy: policyJson(publicStatement(["ecr:PutImage", "ecr:DeleteRepository"])) }),
      violations: [
        `${LABEL} should not grant access to anyone: policy statement 'Public' allows ecr:PutImage and ecr:DeleteRepository to Principal "*" with no condition limiting the caller; ${FIX}`,
      ],
    },
    {
      it: "reads a policy given as an object and a principal written { AWS: \"*\" }",
      props: (b) => ({ ...b, policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "ecr:*" }] } }),
      violations: [
        `${LABEL} should not grant access to anyone: policy statement 1 allows ecr:* to Principal "*" with no condition limiting the caller; ${FIX}`,
      ],
    },
    {
      it: "accepts a public principal limited by an organization condition",
      props: (b) => ({
        ...b,
        policy: policyJson(publicStatement(["ecr:BatchGetImage"], { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } })),
      }),
    },
    {
      it: "ignores Deny statements for everyone",
      props: (b) => ({ ...b, policy: policyJson({ Effect: "Deny", Principal: "*", Action: "ecr:DeleteRepository" }) }),
    },
    {
      it: "defers to the update when the policy is built from values not known yet",
      props: (b) => ({ ...b, policy: UNKNOWN_VALUE }),
      notApplicable: deferred(LABEL, "policy"),
    },
  ],
);
