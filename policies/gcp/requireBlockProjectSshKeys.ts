// Compute Engine instances must ignore project-wide SSH keys, so that a key added for one
// purpose does not open every VM in the project.

import { metadataRule } from "../lib/gcpMetadataRule";

/** metadata["block-project-ssh-keys"] is "true". */
export const requireBlockProjectSshKeys = metadataRule({
  name: "gcp-compute-block-project-ssh-keys",
  description: "Google Compute Engine instances and templates must block project-wide SSH keys.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS GCP 4.3", "CKV_GCP_32"],
  key: "block-project-ssh-keys",
  required: true,
  unsetIsOn: false,
  message: (label, now) =>
    `${label} should ignore project-wide SSH keys: metadata "block-project-ssh-keys" is ${now}; set it to "true".`,
});
