import { blockSerialPortAccess } from "../../../policies/gcp/blockSerialPortAccess";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/blockSerialPortAccess",
  blockSerialPortAccess,
  { type: "gcp:compute/instance:Instance", name: "app", props: { machineType: "e2-small", metadata: { "enable-oslogin": "TRUE" } } },
  [{ it: "reports the serial console enabled", props: () => ({ metadata: { "serial-port-enable": "1" } }), violations: ['Compute instance \'app\' should not accept serial console connections: metadata "serial-port-enable" is "1"; remove it or set it to "false".'] }],
);
