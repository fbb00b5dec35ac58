// Compute Engine instances must not forward packets addressed to other hosts unless they are
// network appliances (NAT or firewall VMs), which can be exempted by name in the config.

import type { InstanceArgs } from "@pulumi/gcp/compute/instance";
import { allowListSchema, isAllowed, readAllowList } from "../lib/allowList";
import { GCE_TYPES } from "../lib/gcpInstances";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** canIpForward is not true, unless the instance is allowed by config. */
export const blockIpForwarding = resourceRule<{ allowedInstances: readonly RegExp[] }>({
  name: "gcp-compute-ip-forwarding-disabled",
  description:
    "Google Compute Engine instances and templates must not enable IP forwarding unless the config allows them (network appliances).",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS GCP 4.6", "CKV_GCP_36"],
  configSchema: { properties: { allowedInstances: allowListSchema("Instances and templates acting as network appliances") } },
  types: GCE_TYPES,
  config: (raw) => ({ allowedInstances: readAllowList(raw.allowedInstances) }),
  check: (ctx) => {
    if (isAllowed(ctx.config.allowedInstances, [ctx.name])) return;
    const on = asBool(field<InstanceArgs>(ctx.props, "canIpForward"));
    if (on === UNKNOWN) ctx.undecided("canIpForward");
    else if (on === true) {
      ctx.report(
        `${ctx.label} should not forward other hosts' traffic: set canIpForward to false, or list ` +
          `it under allowedInstances if it is a NAT or firewall appliance.`,
      );
    }
  },
});
