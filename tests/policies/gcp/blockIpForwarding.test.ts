import { blockIpForwarding } from "../../../policies/gcp/blockIpForwarding";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/blockIpForwarding",
  blockIpForwarding,
  { type: "gcp:compute/instance:Instance", name: "app", props: { machineType: "e2-small", zone: "us-central1-a", canIpForward: false } },
  [
    {
      it: "reports IP forwarding (the exposure found in public programs)",
      props: (b) => ({ ...b, canIpForward: true }),
      violations: ["Compute instance 'app' should not forward other hosts' traffic: set canIpForward to false, or list it under allowedInstances if it is a NAT or firewall appliance."],
    },
    { it: "checks instance templates", type: "gcp:compute/instanceTemplate:InstanceTemplate", props: () => ({ machineType: "e2-small", canIpForward: true }), violations: ["Instance template 'app' should not forward other hosts' traffic: set canIpForward to false, or list it under allowedInstances if it is a NAT or firewall appliance."] },
    { it: "lets the config allow a NAT appliance", props: (b) => ({ ...b, canIpForward: true }), config: { allowedInstances: ["app"] } },
  ],
);
