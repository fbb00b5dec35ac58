import { restrictProjectServiceAccountUser } from "../../../policies/gcp/restrictProjectServiceAccountUser";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/restrictProjectServiceAccountUser",
  restrictProjectServiceAccountUser,
  { type: "gcp:projects/iAMMember:IAMMember", name: "deployer", props: { project: "p", role: "roles/run.developer", member: "group:deployers@example.com" } },
  [
    {
      it: "reports Service Account User granted on the whole project",
      props: (b) => ({ ...b, role: "roles/iam.serviceAccountUser" }),
      violations: ["Project IAM member 'deployer' should not let group:deployers@example.com impersonate every service account of the project: member grants roles/iam.serviceAccountUser at project level; grant it on the one service account it needs (serviceaccount.IAMMember) instead."],
    },
  ],
);
