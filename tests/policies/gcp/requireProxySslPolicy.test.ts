import { requireProxySslPolicy } from "../../../policies/gcp/requireProxySslPolicy";
import { UNKNOWN_VALUE } from "../harness";
import { ruleCases } from "../ruleCases";

const MESSAGE = (kind: string) =>
  `${kind} 'web' should use an SSL policy requiring TLS 1.2: set sslPolicy to a compute.SSLPolicy with minTlsVersion "TLS_1_2" and profile "MODERN" (without one, Google's default accepts TLS 1.0).`;

ruleCases(
  "policies/gcp/requireProxySslPolicy",
  requireProxySslPolicy,
  { type: "gcp:compute/targetHttpsProxy:TargetHttpsProxy", name: "web", props: { urlMap: "map", sslCertificates: ["cert"], sslPolicy: UNKNOWN_VALUE } },
  [
    { it: "reports an HTTPS proxy without a policy", props: () => ({ urlMap: "map", sslCertificates: ["cert"] }), violations: [MESSAGE("Target HTTPS proxy")] },
    { it: "reports an SSL proxy without a policy", type: "gcp:compute/targetSSLProxy:TargetSSLProxy", props: () => ({ backendService: "svc", sslCertificates: ["cert"] }), violations: [MESSAGE("Target SSL proxy")] },
  ],
);
