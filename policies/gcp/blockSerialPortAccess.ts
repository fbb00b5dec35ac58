// Compute Engine instances must not accept interactive serial console connections, which bypass
// the network's firewall rules.

import { metadataRule } from "../lib/gcpMetadataRule";

/** metadata["serial-port-enable"] is not on. */
export const blockSerialPortAccess = metadataRule({
  name: "gcp-compute-serial-port-disabled",
  description: "Google Compute Engine instances and templates must not enable the interactive serial console.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS GCP 4.5", "CKV_GCP_35"],
  key: "serial-port-enable",
  required: false,
  unsetIsOn: false,
  message: (label, now) =>
    `${label} should not accept serial console connections: metadata "serial-port-enable" is ${now}; remove it or set it to "false".`,
});
