import { restrictServiceAccountAdminRoles } from "../../../policies/gcp/restrictServiceAccountAdminRoles";
import { ruleCases } from "../ruleCases";

const SA = "serviceAccount:ci@p.iam.gserviceaccount.com";

ruleCases(
  "policies/gcp/restrictServiceAccountAdminRoles",
  restrictServiceAccountAdminRoles,
  { type: "gcp:projects/iAMMember:IAMMember", name: "ci", props: { project: "p", role: "roles/storage.objectCreator", member: SA } },
  [
    {
      it: "reports Editor granted to a service account",
      props: (b) => ({ ...b, role: "roles/editor" }),
      violations: [`Project IAM member 'ci' should not give a service account administrator rights: member grants roles/editor to ${SA}; grant the predefined roles for the services it uses instead.`],
    },
    {
      it: "reports an admin role on a folder",
      type: "gcp:folder/iAMBinding:IAMBinding",
      props: () => ({ folder: "folders/1", role: "roles/compute.networkAdmin", members: ["user:ops@example.com", SA] }),
      violations: [`Folder IAM binding 'ci' should not give a service account administrator rights: members[1] grants roles/compute.networkAdmin to ${SA}; grant the predefined roles for the services it uses instead.`],
    },
    { it: "leaves admin roles held by people to review", props: (b) => ({ ...b, role: "roles/owner", member: "user:owner@example.com" }) },
  ],
);
