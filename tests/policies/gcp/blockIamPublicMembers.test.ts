import { blockIamPublicMembers } from "../../../policies/gcp/blockIamPublicMembers";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/blockIamPublicMembers",
  blockIamPublicMembers,
  { type: "gcp:pubsub/topicIAMMember:TopicIAMMember", name: "publisher", props: { topic: "events", role: "roles/pubsub.publisher", member: "serviceAccount:app@p.iam.gserviceaccount.com" } },
  [
    {
      it: "reports a topic anyone may publish to",
      props: (b) => ({ ...b, member: "allUsers" }),
      violations: ["Pub/Sub topic IAM member 'publisher' should not make it public: member grants roles/pubsub.publisher to allUsers; grant the role to named users, groups or service accounts instead."],
    },
    {
      it: "reports a project policy granting a role to allAuthenticatedUsers",
      type: "gcp:projects/iAMPolicy:IAMPolicy",
      props: () => ({ project: "p", policyData: JSON.stringify({ bindings: [{ role: "roles/viewer", members: ["allAuthenticatedUsers"] }] }) }),
      violations: ["Project IAM policy 'publisher' should not make it public: policyData bindings[0] grants roles/viewer to allAuthenticatedUsers; grant the role to named users, groups or service accounts instead."],
    },
  ],
);
