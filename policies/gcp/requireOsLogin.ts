// Compute Engine instances should use OS Login, which ties SSH access to IAM identities and
// their two-step verification instead of keys in metadata. Off unless enabled for the instance
// or the project, so advisory unless configured mandatory.

import { metadataRule } from "../lib/gcpMetadataRule";

/** metadata["enable-oslogin"] is "TRUE". */
export const requireOsLogin = metadataRule({
  name: "gcp-compute-os-login-enabled",
  description: "Google Compute Engine instances and templates must enable OS Login (metadata enable-oslogin TRUE).",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CIS GCP 4.4", "CKV_GCP_34"],
  key: "enable-oslogin",
  required: true,
  unsetIsOn: false,
  message: (label, now) =>
    `${label} should use OS Login: metadata "enable-oslogin" is ${now}; set it to "TRUE" (or ` +
    `enable OS Login for the whole project).`,
});
