// Azure ingress of one region: an Application Gateway v2 with a static public IP, listening on 443
// (HTTPS with TLS 1.2 or newer, one certificate per public name from Key Vault, selected by SNI)
// and on 80 (answered only with a permanent redirect to HTTPS); one backend pool per service, which
// the service's scale sets join, and a health probe on the service port.

import * as pulumi from "@pulumi/pulumi";
import { ApplicationGateway } from "@pulumi/azure-native/network";
import type { AzureCertificate } from "../../optimizer/network/options";
import type { IngressContext, IngressEndpoint } from "../ingress";
import { azureTags } from "../tags";
import { azurePublicIp, selfReferencing } from "./ids";

/** Predefined TLS policy of the listeners: TLS 1.2 minimum (learn.microsoft.com, "Application Gateway TLS policy"). */
export const AZURE_TLS_POLICY = "AppGwSslPolicy20220101";

/** Creates the Application Gateway of one region; returns its public IP and each service's pool id. */
export function azureIngress(
  ctx: IngressContext,
  certificate: AzureCertificate,
): IngressEndpoint & { pools: Record<string, pulumi.Output<string>> } {
  const { name, network, backends, healthCheckPath, tags, opts } = ctx;
  const t = azureTags(tags);
  const rg = network.resourceGroupName!;
  const region = network.region;
  const ip = azurePublicIp(`${name}-appgw-ip`, region, rg, tags, opts);
  // A fixed name, so the gateway's own sub-resources can be referred to by id in its definition.
  const { resourceName: gatewayName, sub } = selfReferencing(name, "applicationGateways", rg, opts);
  const gateway = new ApplicationGateway(
    `${name}-appgw`,
    {
      resourceGroupName: rg,
      location: region,
      applicationGatewayName: gatewayName,
      sku: { name: "Standard_v2", tier: "Standard_v2" },
      autoscaleConfiguration: { minCapacity: 1, maxCapacity: 10 },
      identity: { type: "UserAssigned", userAssignedIdentities: [certificate.identityId] },
      gatewayIPConfigurations: [{ name: "gateway", subnet: { id: network.resources.publicSubnetIds[0] } }],
      frontendIPConfigurations: [{ name: "public", publicIPAddress: { id: ip.id } }],
      frontendPorts: [
        { name: "https", port: 443 },
        { name: "http", port: 80 },
      ],
      sslPolicy: { policyType: "Predefined", policyName: AZURE_TLS_POLICY },
      sslCertificates: backends.map((b) => ({
        name: `cert-${b.service}`,
        keyVaultSecretId: certificate.keyVaultSecretId,
      })),
      backendAddressPools: backends.map((b) => ({ name: `pool-${b.service}` })),
      probes: backends.map((b) => ({
        name: `probe-${b.service}`,
        protocol: "Http",
        host: "127.0.0.1",
        port: b.port,
        path: healthCheckPath,
        interval: 10,
        timeout: 5,
        unhealthyThreshold: 3,
        match: { statusCodes: ["200-399"] },
      })),
      backendHttpSettingsCollection: backends.map((b) => ({
        name: `settings-${b.service}`,
        port: b.port,
        protocol: "Http",
        cookieBasedAffinity: "Disabled",
        requestTimeout: 30,
        probe: sub("probes", `probe-${b.service}`),
      })),
      httpListeners: backends.flatMap((b) => [
        {
          name: `https-${b.service}`,
          frontendIPConfiguration: sub("frontendIPConfigurations", "public"),
          frontendPort: sub("frontendPorts", "https"),
          protocol: "Https",
          hostName: b.hostName,
          requireServerNameIndication: true,
          sslCertificate: sub("sslCertificates", `cert-${b.service}`),
        },
        {
          name: `http-${b.service}`,
          frontendIPConfiguration: sub("frontendIPConfigurations", "public"),
          frontendPort: sub("frontendPorts", "http"),
          protocol: "Http",
          hostName: b.hostName,
        },
      ]),
      redirectConfigurations: backends.map((b) => ({
        name: `redirect-${b.service}`,
        redirectType: "Permanent",
        targetListener: sub("httpListeners", `https-${b.service}`),
        includePath: true,
        includeQueryString: true,
      })),
      requestRoutingRules: backends.flatMap((b, i) => [
        {
          name: `route-${b.service}`,
          ruleType: "Basic",
          priority: 100 + 2 * i,
          httpListener: sub("httpListeners", `https-${b.service}`),
          backendAddressPool: sub("backendAddressPools", `pool-${b.service}`),
          backendHttpSettings: sub("backendHttpSettingsCollection", `settings-${b.service}`),
        },
        {
          name: `redirect-${b.service}`,
          ruleType: "Basic",
          priority: 101 + 2 * i,
          httpListener: sub("httpListeners", `http-${b.service}`),
          redirectConfiguration: sub("redirectConfigurations", `redirect-${b.service}`),
        },
      ]),
      tags: t,
    },
    opts,
  );
  // Derived from the gateway's id, so a scale set joining a pool waits for the gateway.
  const pools = Object.fromEntries(
    backends.map((b) => [b.service, gateway.id.apply((id) => `${id}/backendAddressPools/pool-${b.service}`)]),
  );
  return { kind: "ip", ipAddress: ip.ipAddress.apply((a) => a ?? ""), pools };
}
