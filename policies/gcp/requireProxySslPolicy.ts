// HTTPS and SSL proxies of Google Cloud load balancers must name an SSL policy: without one they
// use Google's default policy, which accepts TLS 1.0 with the COMPATIBLE profile.

import type { TargetHttpsProxyArgs } from "@pulumi/gcp/compute/targetHttpsProxy";
import { field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";

/** sslPolicy is set on every target HTTPS and SSL proxy. */
export const requireProxySslPolicy = resourceRule({
  name: "gcp-lb-proxy-ssl-policy",
  description:
    "Google Cloud target HTTPS and SSL proxies must use an SSL policy (the default policy accepts TLS 1.0).",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS GCP 3.9"],
  types: ["gcp:compute/targetHttpsProxy:TargetHttpsProxy", "gcp:compute/targetSSLProxy:TargetSSLProxy"],
  check: (ctx) => {
    // A policy not known yet (created in the same update) counts as set; gcp-ssl-policy-tls-1-2
    // checks the policy itself.
    if (isPresent(field<TargetHttpsProxyArgs>(ctx.props, "sslPolicy"))) return;
    ctx.report(
      `${ctx.label} should use an SSL policy requiring TLS 1.2: set sslPolicy to a ` +
        `compute.SSLPolicy with minTlsVersion "TLS_1_2" and profile "MODERN" (without one, ` +
        `Google's default accepts TLS 1.0).`,
    );
  },
});
