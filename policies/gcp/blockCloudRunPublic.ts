// Cloud Run services must not be invokable by allUsers or allAuthenticatedUsers unless the config
// lists the service as public on purpose (a public web front end, say).

import { publicMemberRule } from "../lib/publicMembers";

/** No Cloud Run IAM grant names allUsers or allAuthenticatedUsers, unless allowed. */
export const blockCloudRunPublic = publicMemberRule({
  name: "gcp-cloudrun-not-public",
  description:
    "Google Cloud Run services must not grant any role to allUsers or allAuthenticatedUsers unless the config allows the service.",
  severity: "high",
  benchmarks: ["CKV_GCP_102"],
  types: [
    "gcp:cloudrun/iamBinding:IamBinding",
    "gcp:cloudrun/iamMember:IamMember",
    "gcp:cloudrun/iamPolicy:IamPolicy",
    "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding",
    "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
    "gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy",
  ],
  subject: "the service",
  targetProps: ["service", "name"],
  allowList: { setting: "allowedServices", what: "Cloud Run services" },
});
