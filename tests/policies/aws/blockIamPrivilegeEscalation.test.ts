import { blockIamPrivilegeEscalation } from "../../../policies/aws/blockIamPrivilegeEscalation";
import { ruleCases } from "../ruleCases";
import { policyJson } from "./policyDocuments";

const LABEL = "IAM role policy 'ci'";
const FIX = "scope Resource to the roles, users and policies it must manage.";

ruleCases(
  "policies/aws/blockIamPrivilegeEscalation",
  blockIamPrivilegeEscalation,
  {
    type: "aws:iam/rolePolicy:RolePolicy",
    name: "ci",
    props: { role: "ci", policy: policyJson({ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::1:role/app-*" }) },
  },
  [
    {
      it: "reports iam:PassRole on every role",
      props: (b) => ({ ...b, policy: policyJson({ Sid: "Pass", Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" }) }),
      violations: [`${LABEL} should not allow privilege escalation: policy statement 'Pass' allows iam:PassRole on every resource; ${FIX}`],
    },
    {
      it: "expands wildcards in actions",
      props: (b) => ({ ...b, policy: policyJson({ Effect: "Allow", Action: "iam:Put*Policy", Resource: "*" }) }),
      violations: [`${LABEL} should not allow privilege escalation: policy statement 1 allows iam:PutGroupPolicy, iam:PutRolePolicy and iam:PutUserPolicy on every resource; ${FIX}`],
    },
    {
      it: "reports NotAction grants that leave escalation actions allowed",
      props: (b) => ({ ...b, policy: policyJson({ Effect: "Allow", NotAction: ["iam:Put*", "iam:Attach*", "iam:*PolicyVersion", "iam:PassRole", "iam:*Login*", "iam:*AccessKey", "iam:AddUserToGroup"], Resource: "*" }) }),
      violations: [`${LABEL} should not allow privilege escalation: policy statement 1 allows iam:UpdateAssumeRolePolicy on every resource; ${FIX}`],
    },
    {
      it: "leaves Action \"*\" on \"*\" to the administrator rule",
      props: (b) => ({ ...b, policy: policyJson({ Effect: "Allow", Action: "*", Resource: "*" }) }),
    },
    {
      it: "accepts read-only IAM access on every resource",
      props: (b) => ({ ...b, policy: policyJson({ Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" }) }),
    },
  ],
);
