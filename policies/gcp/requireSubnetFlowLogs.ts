// VPC subnets should record flow logs for incident investigation. Off by default, so advisory.
// Proxy-only and Private Service Connect subnets cannot have flow logs and are skipped.

import type { SubnetworkArgs } from "@pulumi/gcp/compute/subnetwork";
import { asString, field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** Subnets of purpose PRIVATE (the default) set logConfig. */
export const requireSubnetFlowLogs = resourceRule({
  name: "gcp-subnetwork-flow-logs",
  description: "Google Cloud VPC subnets must enable flow logs (logConfig).",
  enforcementLevel: "advisory",
  severity: "low",
  benchmarks: ["CIS GCP 3.8", "CKV_GCP_26"],
  types: ["gcp:compute/subnetwork:Subnetwork"],
  check: (ctx) => {
    const purpose = asString(field<SubnetworkArgs>(ctx.props, "purpose"));
    if (purpose === UNKNOWN) return ctx.undecided("purpose");
    if (purpose !== undefined && purpose.toUpperCase() !== "PRIVATE") return;
    if (isPresent(field<SubnetworkArgs>(ctx.props, "logConfig"))) return;
    ctx.report(
      `${ctx.label} should record flow logs: set logConfig (e.g. aggregationInterval ` +
        `"INTERVAL_5_SEC", flowSampling 0.5, metadata "INCLUDE_ALL_METADATA").`,
    );
  },
});
