// SSL policies of Google Cloud load balancers must require TLS 1.2 or later with the MODERN or
// RESTRICTED profile (or a CUSTOM one). The API default is TLS 1.0 with the COMPATIBLE profile.

import type { SSLPolicyArgs } from "@pulumi/gcp/compute/sslpolicy";
import { joinAnd, quote } from "../lib/messages";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** minTlsVersion is TLS_1_2 or TLS_1_3 and profile is not COMPATIBLE. */
export const requireSslPolicyTls12 = resourceRule({
  name: "gcp-ssl-policy-tls-1-2",
  description:
    "Google Cloud SSL policies must require TLS 1.2 or later and use the MODERN, RESTRICTED or a CUSTOM profile.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS GCP 3.9", "CKV_GCP_4"],
  types: ["gcp:compute/sSLPolicy:SSLPolicy"],
  check: (ctx) => {
    const version = asString(field<SSLPolicyArgs>(ctx.props, "minTlsVersion"));
    const profile = asString(field<SSLPolicyArgs>(ctx.props, "profile"));
    if (version === UNKNOWN || profile === UNKNOWN) return ctx.undecided("minTlsVersion or profile");
    const fixes: string[] = [];
    if (version === undefined || !["TLS_1_2", "TLS_1_3"].includes(version.toUpperCase())) {
      fixes.push(`minTlsVersion to "TLS_1_2" (it is ${version === undefined ? "unset, meaning TLS 1.0" : quote(version)})`);
    }
    if (profile === undefined || profile.toUpperCase() === "COMPATIBLE") {
      fixes.push(`profile to "MODERN" or "RESTRICTED" (it is ${profile === undefined ? "unset, meaning COMPATIBLE" : quote(profile)})`);
    }
    if (fixes.length > 0) ctx.report(`${ctx.label} should allow only strong TLS: set ${joinAnd(fixes)}.`);
  },
});
