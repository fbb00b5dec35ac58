import { requireNetworkCustomSubnets } from "../../../policies/gcp/requireNetworkCustomSubnets";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/requireNetworkCustomSubnets",
  requireNetworkCustomSubnets,
  { type: "gcp:compute/network:Network", name: "vpc", props: { autoCreateSubnetworks: false } },
  [{ it: "reports an auto-mode network (the API default)", props: () => ({}), violations: ["Network 'vpc' should not create subnets in every region: set autoCreateSubnetworks to false and declare the subnets it needs."] }],
);
