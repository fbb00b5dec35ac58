import { blockIamRoleTrustPublic } from "../../../policies/aws/blockIamRoleTrustPublic";
import { ruleCases } from "../ruleCases";
import { policyJson } from "./policyDocuments";

const trust = (principal: unknown, extra: Record<string, unknown> = {}) =>
  policyJson({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...extra });

ruleCases(
  "policies/aws/blockIamRoleTrustPublic",
  blockIamRoleTrustPublic,
  { type: "aws:iam/role:Role", name: "app", props: { assumeRolePolicy: trust({ Service: "ec2.amazonaws.com" }) } },
  [
    {
      it: "reports a role anyone may assume",
      props: () => ({ assumeRolePolicy: trust({ AWS: "*" }) }),
      violations: [
        `IAM role 'app' should not grant access to anyone: assumeRolePolicy statement 1 allows sts:AssumeRole to Principal "*" with no condition limiting the caller; name the accounts or services allowed as principals, or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition.`,
      ],
    },
    {
      it: "accepts a wildcard principal limited to the organization",
      props: () => ({ assumeRolePolicy: trust("*", { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }) }),
    },
  ],
);
