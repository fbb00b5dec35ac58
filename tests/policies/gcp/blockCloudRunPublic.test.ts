import { blockCloudRunPublic } from "../../../policies/gcp/blockCloudRunPublic";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/blockCloudRunPublic",
  blockCloudRunPublic,
  { type: "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", name: "invoker", props: { name: "api", location: "us-central1", role: "roles/run.invoker", member: "group:devs@example.com" } },
  [
    {
      it: "reports a service anyone may invoke",
      props: (b) => ({ ...b, member: "allUsers" }),
      violations: ["Cloud Run service IAM member 'invoker' should not make the service public: member grants roles/run.invoker to allUsers; grant the role to named users, groups or service accounts instead, or list it under allowedServices if it is public on purpose."],
    },
    { it: "lets the config allow the public front end", props: (b) => ({ ...b, member: "allUsers" }), config: { allowedServices: ["api"] } },
  ],
);
