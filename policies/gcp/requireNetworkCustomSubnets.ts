// VPC networks should not create a subnet in every region automatically (auto mode, the API's
// default), which also brings the permissive default ranges; create the subnets the workload
// needs instead. Advisory, since auto mode is the default.

import type { NetworkArgs } from "@pulumi/gcp/compute/network";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** autoCreateSubnetworks is false. */
export const requireNetworkCustomSubnets = resourceRule({
  name: "gcp-network-custom-subnets",
  description: "Google Cloud VPC networks must use custom mode (autoCreateSubnetworks false) rather than auto mode.",
  enforcementLevel: "advisory",
  severity: "low",
  benchmarks: ["CIS GCP 3.1"],
  types: ["gcp:compute/network:Network"],
  check: (ctx) => {
    const auto = asBool(field<NetworkArgs>(ctx.props, "autoCreateSubnetworks"));
    if (auto === UNKNOWN) ctx.undecided("autoCreateSubnetworks");
    else if (auto !== false) {
      ctx.report(
        `${ctx.label} should not create subnets in every region: set autoCreateSubnetworks to ` +
          `false and declare the subnets it needs.`,
      );
    }
  },
});
