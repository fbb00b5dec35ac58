import { restrictIamUserPolicies } from "../../../policies/aws/restrictIamUserPolicies";
import { UNKNOWN_VALUE } from "../harness";
import { deferred, ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/restrictIamUserPolicies",
  restrictIamUserPolicies,
  { type: "aws:iam/policyAttachment:PolicyAttachment", name: "readers", props: { policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess", groups: ["readers"] } },
  [
    {
      it: "reports an inline user policy",
      type: "aws:iam/userPolicy:UserPolicy",
      props: () => ({ user: "deploy", policy: "{}" }),
      violations: ["IAM user policy 'readers' should not give a user its own inline policy: put the permissions in a group policy and add the user to that group, or use a role."],
    },
    {
      it: "reports a policy attached to a user",
      type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
      props: () => ({ user: "deploy", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
      violations: ["IAM user policy attachment 'readers' should not attach a policy to a user directly: attach it to a group and add the user to that group, or use a role."],
    },
    {
      it: "reports a PolicyAttachment that names users",
      props: (b) => ({ ...b, users: ["deploy"] }),
      violations: ["IAM policy attachment 'readers' should not attach a policy to a user directly: attach it to a group and add the user to that group, or use a role."],
    },
    {
      it: "defers to the update when the attachment's users are not known yet",
      props: (b) => ({ ...b, users: UNKNOWN_VALUE }),
      notApplicable: deferred("IAM policy attachment 'readers'", "users"),
    },
  ],
);
