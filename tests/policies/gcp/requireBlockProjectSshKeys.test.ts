import { requireBlockProjectSshKeys } from "../../../policies/gcp/requireBlockProjectSshKeys";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/requireBlockProjectSshKeys",
  requireBlockProjectSshKeys,
  { type: "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate", name: "web", props: { machineType: "e2-small", metadata: { "block-project-ssh-keys": "true" } } },
  [
    { it: "reports templates that accept project-wide keys", props: () => ({ machineType: "e2-small" }), violations: ['Regional instance template \'web\' should ignore project-wide SSH keys: metadata "block-project-ssh-keys" is unset; set it to "true".'] },
    { it: "reports the key set to false", props: () => ({ metadata: { "block-project-ssh-keys": "FALSE" } }), violations: ['Regional instance template \'web\' should ignore project-wide SSH keys: metadata "block-project-ssh-keys" is "FALSE"; set it to "true".'] },
  ],
);
