// GCP ingress of one region: a regional external Application Load Balancer with a static address,
// listening on 443 (HTTPS with a TLS 1.2 minimum, a Google-managed Certificate Manager certificate
// per public name, authorized through the front door's Route 53 zone) and on 80 (a URL map that
// only redirects to HTTPS); one backend service per service on its named port, health-checked on
// the service port, with the service's managed instance groups as backends.

import * as pulumi from "@pulumi/pulumi";
import { Certificate, DnsAuthorization } from "@pulumi/gcp/certificatemanager";
import {
  Address,
  ForwardingRule,
  RegionBackendService,
  RegionHealthCheck,
  RegionSslPolicy,
  RegionTargetHttpProxy,
  RegionTargetHttpsProxy,
  RegionUrlMap,
} from "@pulumi/gcp/compute";
import { Record as DnsRecord } from "@pulumi/aws/route53";
import type { IngressContext, IngressEndpoint } from "../ingress";
import { gcpLabels, gcpName } from "../tags";
import { gcpPortName } from "./service";

/** Creates the regional external Application Load Balancer of one region; returns its address. */
export function gcpIngress(ctx: IngressContext): IngressEndpoint {
  const { name, network, backends, healthCheckPath, tags, opts } = ctx;
  const zoneId = ctx.zoneId!;
  const dnsProvider = ctx.dnsProvider!;
  const region = network.region;
  const labels = gcpLabels(tags);
  const address = new Address(
    gcpName(`${name}-ip`),
    { region, addressType: "EXTERNAL", networkTier: "PREMIUM", labels },
    opts,
  );
  const tls = new RegionSslPolicy(
    gcpName(`${name}-tls`),
    { region, minTlsVersion: "TLS_1_2", profile: "RESTRICTED" },
    opts,
  );
  const services = backends.map((b) => {
    const hc = new RegionHealthCheck(
      gcpName(`${name}-hc-${b.service}`),
      {
        region,
        checkIntervalSec: 10,
        timeoutSec: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
        httpHealthCheck: { port: b.port, requestPath: healthCheckPath },
      },
      opts,
    );
    return new RegionBackendService(
      gcpName(`${name}-bs-${b.service}`),
      {
        region,
        loadBalancingScheme: "EXTERNAL_MANAGED",
        protocol: "HTTP",
        portName: gcpPortName(b.port),
        timeoutSec: 30,
        healthChecks: hc.id,
        backends: (b.targets ?? []).map((group) => ({
          group,
          balancingMode: "UTILIZATION",
          capacityScaler: 1,
        })),
      },
      opts,
    );
  });
  const certs = backends.map((b) => {
    const auth = new DnsAuthorization(
      gcpName(`${name}-auth-${b.service}`),
      { location: region, domain: b.hostName, type: "PER_PROJECT_RECORD", labels },
      opts,
    );
    const rr = auth.dnsResourceRecords[0];
    new DnsRecord(
      `${name}-auth-${b.service}-record`,
      { zoneId, name: rr.name, type: rr.type, records: [rr.data], ttl: 300, allowOverwrite: true },
      { parent: opts.parent, provider: dnsProvider },
    );
    return new Certificate(
      gcpName(`${name}-cert-${b.service}`),
      { location: region, managed: { domains: [b.hostName], dnsAuthorizations: [auth.id] }, labels },
      opts,
    );
  });
  const urlMap = new RegionUrlMap(
    gcpName(`${name}-https`),
    {
      region,
      defaultService: services[0].id,
      hostRules: backends.map((b) => ({ hosts: [b.hostName], pathMatcher: b.service })),
      pathMatchers: backends.map((b, i) => ({ name: b.service, defaultService: services[i].id })),
    },
    opts,
  );
  const httpsProxy = new RegionTargetHttpsProxy(
    gcpName(`${name}-https`),
    {
      region,
      urlMap: urlMap.id,
      certificateManagerCertificates: certs.map((c) => c.id),
      sslPolicy: tls.id,
    },
    opts,
  );
  // The forwarding rules need the region's proxy-only subnetwork to exist first.
  const after = { ...opts, dependsOn: network.resources.proxySubnet ? [network.resources.proxySubnet] : [] };
  const rule = (role: string, port: string, target: pulumi.Input<string>) =>
    new ForwardingRule(
      gcpName(`${name}-${role}`),
      {
        region,
        loadBalancingScheme: "EXTERNAL_MANAGED",
        ipProtocol: "TCP",
        portRange: port,
        ipAddress: address.address,
        network: network.networkId,
        networkTier: "PREMIUM",
        target,
        labels,
      },
      after,
    );
  rule("fr-https", "443", httpsProxy.id);
  const redirect = new RegionUrlMap(
    gcpName(`${name}-redirect`),
    {
      region,
      defaultUrlRedirect: {
        httpsRedirect: true,
        stripQuery: false,
        redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT",
      },
    },
    opts,
  );
  const httpProxy = new RegionTargetHttpProxy(gcpName(`${name}-http`), { region, urlMap: redirect.id }, opts);
  rule("fr-http", "80", httpProxy.id);
  return { kind: "ip", ipAddress: address.address };
}
