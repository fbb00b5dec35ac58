import { requireDnsSec } from "../../../policies/gcp/requireDnsSec";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/requireDnsSec",
  requireDnsSec,
  { type: "gcp:dns/managedZone:ManagedZone", name: "public", props: { dnsName: "example.com.", dnssecConfig: { state: "on" } } },
  [
    { it: "reports an unsigned public zone", props: () => ({ dnsName: "example.com." }), violations: ['Cloud DNS managed zone \'public\' should be signed with DNSSEC: set dnssecConfig.state to "on".'] },
    {
      it: "reports an RSASHA1 key",
      props: () => ({ dnsName: "example.com.", dnssecConfig: { state: "on", defaultKeySpecs: [{ algorithm: "rsasha1", keyType: "keySigning" }] } }),
      violations: ['Cloud DNS managed zone \'public\' should not sign with RSASHA1: set dnssecConfig.defaultKeySpecs[0].algorithm to "rsasha256" or "ecdsap256sha256".'],
    },
    { it: "skips private zones", props: () => ({ dnsName: "internal.", visibility: "private" }) },
  ],
);
