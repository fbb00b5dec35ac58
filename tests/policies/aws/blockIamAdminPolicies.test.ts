import { blockIamAdminPolicies } from "../../../policies/aws/blockIamAdminPolicies";
import { UNKNOWN_VALUE } from "../harness";
import { deferred, ruleCases } from "../ruleCases";
import { policyJson } from "./policyDocuments";

const READ = { Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::data/*" };
const ADMIN = { Sid: "All", Effect: "Allow", Action: "*", Resource: "*" };

ruleCases(
  "policies/aws/blockIamAdminPolicies",
  blockIamAdminPolicies,
  { type: "aws:iam/policy:Policy", name: "app", props: { policy: policyJson(READ) } },
  [
    {
      it: "reports a policy allowing every action on every resource",
      props: () => ({ policy: policyJson(READ, ADMIN) }),
      violations: [
        `IAM policy 'app' should not grant full administrative privileges: policy statement 'All' allows Action "*" on Resource "*"; list the actions and resources the workload needs.`,
      ],
    },
    {
      it: "accepts every action on one resource, and a Deny of everything",
      props: () => ({ policy: policyJson({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::data" }, { Effect: "Deny", Action: "*", Resource: "*" }) }),
    },
    {
      it: "reports an inline policy of a role",
      type: "aws:iam/role:Role",
      props: () => ({ assumeRolePolicy: "{}", inlinePolicies: [{ name: "ok", policy: policyJson(READ) }, { name: "admin", policy: policyJson(ADMIN) }] }),
      violations: [
        `IAM role 'app' should not grant full administrative privileges: inlinePolicies[1].policy statement 'All' allows Action "*" on Resource "*"; list the actions and resources the workload needs.`,
      ],
    },
    {
      it: "reports an attachment of AdministratorAccess",
      type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      props: () => ({ role: "app", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
      violations: [
        "IAM role policy attachment 'app' should not grant full administrative privileges: policyArn attaches AdministratorAccess; attach a policy limited to the actions the workload needs.",
      ],
    },
    {
      it: "reports AdministratorAccess among a role's managed policies",
      type: "aws:iam/role:Role",
      props: () => ({ assumeRolePolicy: "{}", managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"] }),
      violations: [
        "IAM role 'app' should not grant full administrative privileges: managedPolicyArns[1] attaches AdministratorAccess; attach a policy limited to the actions the workload needs.",
      ],
    },
    {
      it: "defers to the update when the document is not known yet",
      props: () => ({ policy: UNKNOWN_VALUE }),
      notApplicable: deferred("IAM policy 'app'", "policy"),
    },
  ],
);
