import { requireOsLogin } from "../../../policies/gcp/requireOsLogin";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/requireOsLogin",
  requireOsLogin,
  { type: "gcp:compute/instance:Instance", name: "app", props: { machineType: "e2-small", metadata: { "enable-oslogin": "TRUE" } } },
  [
    { it: "reports an instance without OS Login", props: () => ({ machineType: "e2-small" }), violations: ['Compute instance \'app\' should use OS Login: metadata "enable-oslogin" is unset; set it to "TRUE" (or enable OS Login for the whole project).'] },
  ],
);
