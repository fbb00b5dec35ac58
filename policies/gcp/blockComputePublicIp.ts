// Compute Engine instances should not have external IP addresses: they are reached through load
// balancers, IAP and Cloud NAT instead. Advisory, since an edge VM with an address is a
// deliberate design.

import type { InstanceArgs } from "@pulumi/gcp/compute/instance";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { GCE_TYPES } from "../lib/gcpInstances";
import { asList, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Nic = gcpInput.compute.InstanceNetworkInterface;

/** No network interface has an accessConfigs entry (an external IPv4 address). */
export const blockComputePublicIp = resourceRule({
  name: "gcp-compute-no-public-ip",
  description: "Google Compute Engine instances and templates must not have external IP addresses.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CIS GCP 4.9", "CKV_GCP_40"],
  types: GCE_TYPES,
  check: (ctx) => {
    const nics = asList(field<InstanceArgs>(ctx.props, "networkInterfaces"));
    if (nics === UNKNOWN) return ctx.undecided("networkInterfaces");
    nics.forEach((nic, i) => {
      const configs = asList(field<Nic>(nic, "accessConfigs"));
      if (configs === UNKNOWN) return ctx.undecided(`networkInterfaces[${i}].accessConfigs`);
      if (configs.length === 0) return;
      ctx.report(
        `${ctx.label} should not have an external IP address: remove ` +
          `networkInterfaces[${i}].accessConfigs and reach it through a load balancer, IAP or Cloud NAT.`,
      );
    });
  },
});
