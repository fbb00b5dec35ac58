import { blockCloudFunctionPublic } from "../../../policies/gcp/blockCloudFunctionPublic";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/blockCloudFunctionPublic",
  blockCloudFunctionPublic,
  { type: "gcp:cloudfunctions/functionIamMember:FunctionIamMember", name: "invoker", props: { cloudFunction: "resize", role: "roles/cloudfunctions.invoker", member: "serviceAccount:scheduler@p.iam.gserviceaccount.com" } },
  [
    {
      it: "reports a function anyone may invoke (the exposure found in public programs)",
      props: (b) => ({ ...b, member: "allUsers" }),
      violations: ["Cloud Function IAM member 'invoker' should not make the function public: member grants roles/cloudfunctions.invoker to allUsers; grant the role to named users, groups or service accounts instead, or list it under allowedFunctions if it is public on purpose."],
    },
    {
      it: "checks 2nd gen functions",
      type: "gcp:cloudfunctionsv2/functionIamBinding:FunctionIamBinding",
      props: () => ({ cloudFunction: "hook", location: "us-central1", role: "roles/cloudfunctions.invoker", members: ["allUsers"] }),
      violations: ["Cloud Function IAM binding 'invoker' should not make the function public: members[0] grants roles/cloudfunctions.invoker to allUsers; grant the role to named users, groups or service accounts instead, or list it under allowedFunctions if it is public on purpose."],
    },
    { it: "lets the config allow a public webhook by function name", props: (b) => ({ ...b, cloudFunction: "webhook", member: "allUsers" }), config: { allowedFunctions: ["webhook"] } },
  ],
);
