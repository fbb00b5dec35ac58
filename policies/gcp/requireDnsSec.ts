// Public Cloud DNS zones should be signed with DNSSEC, with no RSASHA1 keys. DNSSEC is off by
// default, so advisory unless configured mandatory.

import type { ManagedZoneArgs } from "@pulumi/gcp/dns/managedZone";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { asList, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Dnssec = gcpInput.dns.ManagedZoneDnssecConfig;
type KeySpec = gcpInput.dns.ManagedZoneDnssecConfigDefaultKeySpec;

/** Public zones set dnssecConfig.state "on" and use no RSASHA1 key. */
export const requireDnsSec = resourceRule({
  name: "gcp-dns-dnssec-enabled",
  description: "Public Google Cloud DNS zones must enable DNSSEC and must not use RSASHA1 keys.",
  enforcementLevel: "advisory",
  severity: "low",
  benchmarks: ["CIS GCP 3.3", "CIS GCP 3.4", "CIS GCP 3.5", "CKV_GCP_16", "CKV_GCP_17"],
  types: ["gcp:dns/managedZone:ManagedZone"],
  check: (ctx) => {
    const visibility = asString(field<ManagedZoneArgs>(ctx.props, "visibility"));
    if (visibility === UNKNOWN) return ctx.undecided("visibility");
    if (visibility !== undefined && visibility.toLowerCase() !== "public") return;
    const dnssec = field<ManagedZoneArgs>(ctx.props, "dnssecConfig");
    const state = asString(field<Dnssec>(dnssec, "state"));
    if (state === UNKNOWN) return ctx.undecided("dnssecConfig.state");
    if (state?.toLowerCase() !== "on") {
      ctx.report(`${ctx.label} should be signed with DNSSEC: set dnssecConfig.state to "on".`);
      return;
    }
    const specs = asList(field<Dnssec>(dnssec, "defaultKeySpecs"));
    if (specs === UNKNOWN) return ctx.undecided("dnssecConfig.defaultKeySpecs");
    specs.forEach((s, i) => {
      const algorithm = asString(field<KeySpec>(s, "algorithm"));
      if (algorithm === UNKNOWN) return ctx.undecided(`dnssecConfig.defaultKeySpecs[${i}].algorithm`);
      if (algorithm?.toLowerCase() !== "rsasha1") return;
      ctx.report(
        `${ctx.label} should not sign with RSASHA1: set dnssecConfig.defaultKeySpecs[${i}].algorithm ` +
          `to "rsasha256" or "ecdsap256sha256".`,
      );
    });
  },
});
