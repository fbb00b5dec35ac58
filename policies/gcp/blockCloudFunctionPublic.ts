// Cloud Functions (1st and 2nd gen) must not be invokable by allUsers or allAuthenticatedUsers
// unless the config lists the function as public on purpose.

import { publicMemberRule } from "../lib/publicMembers";

/** No function IAM grant names allUsers or allAuthenticatedUsers, unless allowed. */
export const blockCloudFunctionPublic = publicMemberRule({
  name: "gcp-cloudfunctions-not-public",
  description:
    "Google Cloud Functions must not grant any role to allUsers or allAuthenticatedUsers unless the config allows the function.",
  severity: "high",
  benchmarks: ["CKV_GCP_107"],
  types: [
    "gcp:cloudfunctions/functionIamBinding:FunctionIamBinding",
    "gcp:cloudfunctions/functionIamMember:FunctionIamMember",
    "gcp:cloudfunctions/functionIamPolicy:FunctionIamPolicy",
    "gcp:cloudfunctionsv2/functionIamBinding:FunctionIamBinding",
    "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember",
    "gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy",
  ],
  subject: "the function",
  targetProps: ["cloudFunction"],
  allowList: { setting: "allowedFunctions", what: "Functions" },
});
