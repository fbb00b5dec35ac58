import { requireSslPolicyTls12 } from "../../../policies/gcp/requireSslPolicyTls12";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/requireSslPolicyTls12",
  requireSslPolicyTls12,
  { type: "gcp:compute/sSLPolicy:SSLPolicy", name: "tls", props: { minTlsVersion: "TLS_1_2", profile: "MODERN" } },
  [
    {
      it: "reports a policy left at the defaults",
      props: () => ({}),
      violations: ['SSL policy \'tls\' should allow only strong TLS: set minTlsVersion to "TLS_1_2" (it is unset, meaning TLS 1.0) and profile to "MODERN" or "RESTRICTED" (it is unset, meaning COMPATIBLE).'],
    },
    { it: "reports the COMPATIBLE profile with TLS 1.2", props: () => ({ minTlsVersion: "TLS_1_2", profile: "COMPATIBLE" }), violations: ['SSL policy \'tls\' should allow only strong TLS: set profile to "MODERN" or "RESTRICTED" (it is "COMPATIBLE").'] },
  ],
);
