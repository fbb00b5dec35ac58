import { blockComputePublicIp } from "../../../policies/gcp/blockComputePublicIp";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/blockComputePublicIp",
  blockComputePublicIp,
  { type: "gcp:compute/instance:Instance", name: "app", props: { machineType: "e2-small", networkInterfaces: [{ subnetwork: "app" }] } },
  [
    {
      it: "reports an external address",
      props: (b) => ({ ...b, networkInterfaces: [{ network: "default", accessConfigs: [{}] }] }),
      violations: ["Compute instance 'app' should not have an external IP address: remove networkInterfaces[0].accessConfigs and reach it through a load balancer, IAP or Cloud NAT."],
    },
  ],
);
