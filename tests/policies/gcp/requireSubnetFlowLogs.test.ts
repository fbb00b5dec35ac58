import { requireSubnetFlowLogs } from "../../../policies/gcp/requireSubnetFlowLogs";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/requireSubnetFlowLogs",
  requireSubnetFlowLogs,
  { type: "gcp:compute/subnetwork:Subnetwork", name: "app", props: { network: "vpc", ipCidrRange: "10.0.0.0/20", logConfig: { aggregationInterval: "INTERVAL_5_SEC" } } },
  [
    { it: "reports a subnet without flow logs", props: (b) => ({ ...b, logConfig: undefined }), violations: ['Subnetwork \'app\' should record flow logs: set logConfig (e.g. aggregationInterval "INTERVAL_5_SEC", flowSampling 0.5, metadata "INCLUDE_ALL_METADATA").'] },
    { it: "skips proxy-only subnets", props: () => ({ network: "vpc", ipCidrRange: "10.1.0.0/23", purpose: "REGIONAL_MANAGED_PROXY", role: "ACTIVE" }) },
  ],
);
