// The network layer's components under Pulumi's mocks, on an application public in all three
// clouds: TLS and redirects on every public balancer, health checks on the service port, IPsec
// IKEv2 with strong ciphers and generated keys, private zones per cloud, the front door's records.

import * as assert from "assert";
import { Application } from "../../components/application";
import { AWS_TLS_POLICY } from "../../components/aws/ingress";
import { AZURE_TLS_POLICY } from "../../components/azure/ingress";
import { loadCatalog } from "../../optimizer/catalog";
import { parseNetworkOptions } from "../../optimizer/network/options";
import type { Plan } from "../../optimizer/plan";
import { validateSpec } from "../../optimizer/validate";
import { named, ofType, Recorded, runMocked, typeChain } from "./harness";

const spec = validateSpec(
  {
    services: {
      web: { replicas: 3, vcpu: 2, memoryGiB: 4, ports: [8080], publicPorts: [443] },
      api: { replicas: 2, vcpu: 2, memoryGiB: 8, ports: [9000] },
    },
    links: [{ from: "web", to: "api", monthlyGiB: 10 }],
  },
  loadCatalog(),
);
const g = (cloud: "aws" | "azure" | "gcp", region: string, instanceType: string) => ({ cloud, region, instanceType, count: 1, spot: 0 });
const plan: Plan = {
  services: {
    web: { groups: [g("aws", "eu-central-1", "m7g.large"), g("azure", "westeurope", "Standard_D2s_v5"), g("gcp", "europe-west3", "e2-standard-2")] },
    api: { groups: [g("aws", "eu-central-1", "m7g.large"), g("azure", "westeurope", "Standard_E2s_v5")] },
  },
  buckets: {},
};
const network = parseNetworkOptions(
  {
    domain: "shop.example.com",
    healthCheckPath: "/healthz",
    azureCertificate: {
      keyVaultSecretId: "https://shop.vault.azure.net/secrets/web",
      identityId: "/subscriptions/0000/resourceGroups/shop/providers/Microsoft.ManagedIdentity/userAssignedIdentities/gw",
    },
  },
  "shop",
);

describe("network layer components", () => {
  let rs: Recorded[];
  before(async () => {
    ({ resources: rs } = await runMocked(() => void new Application("shop", { spec, plan, network }), {
      config: { "azure-native:subscriptionId": "0000" },
    }));
  });

  it("parents every network resource to a cloudfit component", () => {
    for (const r of rs.filter((x) => x.custom && !x.type.startsWith("pulumi:providers:")))
      assert.ok(typeChain(r)[0].startsWith("cloudfit:"), `${r.type} ${r.name}`);
    for (const t of ["Ingress", "ServiceEndpoint", "VpnGateway", "VpnConnection", "PrivateDns", "FrontDoor", "Egress"])
      assert.ok(ofType(rs, `cloudfit:network:${t}`).length > 0, t);
  });

  it("terminates TLS 1.2+ on AWS with an ACM certificate, redirects HTTP and health-checks the service port", () => {
    const listeners = ofType(rs, "aws:lb/listener:Listener").filter((l) => l.name.startsWith("shop-ingress-"));
    const https = listeners.find((l) => l.inputs.port === 443)!.inputs;
    assert.deepStrictEqual([https.protocol, https.sslPolicy], ["HTTPS", AWS_TLS_POLICY]);
    assert.strictEqual(AWS_TLS_POLICY, "ELBSecurityPolicy-TLS13-1-2-2021-06");
    const http = listeners.find((l) => l.inputs.port === 80)!.inputs;
    assert.deepStrictEqual(http.defaultActions, [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
    const tg = named(rs, "aws:lb/targetGroup:TargetGroup", "shop-ingress-aws-eu-central-1-tg-web").inputs;
    assert.deepStrictEqual([tg.port, tg.protocol, tg.healthCheck.path, tg.healthCheck.port, tg.healthCheck.interval, tg.healthCheck.unhealthyThreshold], [8080, "HTTP", "/healthz", "traffic-port", 10, 3]);
    const cert = named(rs, "aws:acm/certificate:Certificate", "shop-ingress-aws-eu-central-1-cert-web").inputs;
    assert.deepStrictEqual([cert.domainName, cert.validationMethod], ["web.shop.example.com", "DNS"]);
    const attach = ofType(rs, "aws:autoscaling/attachment:Attachment").map((a) => a.inputs.autoscalingGroupName);
    assert.ok(attach.includes("shop-web-asg-eu-central-1-m7g-large"), attach.join());
  });

  it("terminates TLS 1.2+ on Azure with the Key Vault certificate, redirects HTTP and puts the scale set in the pool", () => {
    const gw = named(rs, "azure-native:network:ApplicationGateway", "shop-ingress-azure-westeurope-appgw").inputs;
    assert.deepStrictEqual(gw.sslPolicy, { policyType: "Predefined", policyName: AZURE_TLS_POLICY });
    assert.deepStrictEqual(gw.sslCertificates, [{ name: "cert-web", keyVaultSecretId: "https://shop.vault.azure.net/secrets/web" }]);
    assert.deepStrictEqual(gw.httpListeners.map((l: any) => [l.protocol, l.hostName]), [["Https", "web.shop.example.com"], ["Http", "web.shop.example.com"]]);
    assert.deepStrictEqual([gw.redirectConfigurations[0].redirectType, gw.redirectConfigurations[0].includePath], ["Permanent", true]);
    assert.deepStrictEqual([gw.probes[0].port, gw.probes[0].path, gw.probes[0].interval, gw.probes[0].unhealthyThreshold], [8080, "/healthz", 10, 3]);
    assert.match(gw.requestRoutingRules[0].backendAddressPool.id, /^\/subscriptions\/0000\/resourceGroups\/.+\/applicationGateways\/.+\/backendAddressPools\/pool-web$/);
    const vmss = named(rs, "azure-native:compute:VirtualMachineScaleSet", "shop-web-vmss-westeurope-d2s-v5").inputs;
    const ipc = vmss.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0];
    assert.deepStrictEqual(ipc.applicationGatewayBackendAddressPools, [{ id: "shop-ingress-azure-westeurope-appgw-id/backendAddressPools/pool-web" }]);
    assert.strictEqual(ipc.publicIPAddressConfiguration, undefined);
    const api = named(rs, "azure-native:compute:VirtualMachineScaleSet", "shop-api-vmss-westeurope-e2s-v5").inputs;
    assert.deepStrictEqual(
      api.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0].loadBalancerBackendAddressPools,
      [{ id: "shop-api-endpoint-azure-westeurope-ilb-id/backendAddressPools/pool" }],
    );
  });

  it("terminates TLS 1.2+ on GCP with a managed certificate and redirects HTTP with a URL map", () => {
    const policy = ofType(rs, "gcp:compute/regionSslPolicy:RegionSslPolicy")[0].inputs;
    assert.deepStrictEqual([policy.minTlsVersion, policy.profile], ["TLS_1_2", "RESTRICTED"]);
    const proxy = ofType(rs, "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy")[0].inputs;
    assert.strictEqual(proxy.certificateManagerCertificates.length, 1);
    const maps = ofType(rs, "gcp:compute/regionUrlMap:RegionUrlMap").map((m) => m.inputs.defaultUrlRedirect?.httpsRedirect ?? false);
    assert.deepStrictEqual(maps.sort(), [false, true]);
    const rules = ofType(rs, "gcp:compute/forwardingRule:ForwardingRule").filter((f) => f.inputs.loadBalancingScheme === "EXTERNAL_MANAGED");
    assert.deepStrictEqual(rules.map((f) => f.inputs.portRange).sort(), ["443", "80"]);
    const hc = ofType(rs, "gcp:compute/regionHealthCheck:RegionHealthCheck").find((h) => h.inputs.httpHealthCheck)!.inputs;
    assert.deepStrictEqual([hc.httpHealthCheck.port, hc.httpHealthCheck.requestPath, hc.checkIntervalSec, hc.unhealthyThreshold], [8080, "/healthz", 10, 3]);
  });

  it("runs IKEv2 tunnels with AES-256-GCM, SHA-384 and DH group 20, BGP on, keys generated per tunnel", () => {
    for (const c of ofType(rs, "aws:ec2/vpnConnection:VpnConnection")) {
      for (const t of [1, 2]) {
        assert.deepStrictEqual(c.inputs[`tunnel${t}IkeVersions`], ["ikev2"]);
        assert.deepStrictEqual(c.inputs[`tunnel${t}Phase1EncryptionAlgorithms`], ["AES256-GCM-16"]);
        assert.deepStrictEqual(c.inputs[`tunnel${t}Phase2DhGroupNumbers`], [20]);
        assert.match(JSON.stringify(c.inputs[`tunnel${t}PresharedKey`]), /cfpw-shop-vpn-/);
      }
      assert.strictEqual(c.inputs.staticRoutesOnly, false);
    }
    for (const c of ofType(rs, "azure-native:network:VirtualNetworkGatewayConnection")) {
      assert.deepStrictEqual([c.inputs.connectionProtocol, c.inputs.enableBgp], ["IKEv2", true]);
      assert.deepStrictEqual(c.inputs.ipsecPolicies[0].ikeEncryption, "GCMAES256");
      assert.deepStrictEqual(c.inputs.ipsecPolicies[0].dhGroup, "ECP384");
    }
    for (const t of ofType(rs, "gcp:compute/vPNTunnel:VPNTunnel")) assert.strictEqual(t.inputs.ikeVersion, 2);
    const passwords = ofType(rs, "random:index/randomPassword:RandomPassword");
    assert.strictEqual(passwords.length, 4 + 4 + 2); // AWS-Azure, AWS-GCP, Azure-GCP
    assert.ok(passwords.every((p) => p.inputs.length === 48 && p.inputs.special === false));
    const vng = ofType(rs, "azure-native:network:VirtualNetworkGateway")[0].inputs;
    assert.deepStrictEqual([vng.sku.name, vng.activeActive, vng.enableBgp, vng.vpnType], ["VpnGw1AZ", true, true, "RouteBased"]);
    assert.deepStrictEqual(vng.bgpSettings.bgpPeeringAddresses.map((b: any) => b.customBgpIpAddresses.length), [3, 3]);
  });

  it("keeps the pre-shared keys secret", () => {
    // Pulumi serializes a secret as { [specialSigKey]: specialSecretSig, value }.
    const { specialSigKey, specialSecretSig } = require("@pulumi/pulumi/runtime/rpc");
    const secret = (v: any) => typeof v === "object" && v !== null && v[specialSigKey] === specialSecretSig;
    for (const c of ofType(rs, "aws:ec2/vpnConnection:VpnConnection"))
      assert.ok(secret(c.inputs.tunnel1PresharedKey) && secret(c.inputs.tunnel2PresharedKey), c.name);
    for (const t of ofType(rs, "gcp:compute/vPNTunnel:VPNTunnel")) assert.ok(secret(t.inputs.sharedSecret), t.name);
    for (const c of ofType(rs, "azure-native:network:VirtualNetworkGatewayConnection")) assert.ok(secret(c.inputs.sharedKey), c.name);
  });

  it("names the API in the web tier's private zone of each cloud, with a 30 s TTL", () => {
    const aws = ofType(rs, "aws:route53/record:Record").filter((r) => r.inputs.name === "api.shop.internal");
    assert.strictEqual(aws.length, 1);
    assert.strictEqual(aws[0].inputs.ttl, 30);
    const azure = ofType(rs, "azure-native:privatedns:PrivateRecordSet").filter((r) => r.inputs.relativeRecordSetName === "api");
    assert.strictEqual(azure.length, 1);
    const gcp = ofType(rs, "gcp:dns/recordSet:RecordSet").filter((r) => r.inputs.name === "api.shop.internal.");
    assert.strictEqual(gcp.length, 1);
    // GCP has no api replica: its name resolves to both other regions' balancers.
    assert.strictEqual(gcp[0].inputs.rrdatas.length, 3);
  });

  it("fronts web with three weighted, health-checked records, one per cloud", () => {
    const weighted = ofType(rs, "aws:route53/record:Record").filter((r) => r.inputs.name === "web.shop.example.com");
    assert.deepStrictEqual(weighted.map((r) => r.inputs.setIdentifier).sort(), ["aws:eu-central-1", "azure:westeurope", "gcp:europe-west3"]);
    assert.ok(weighted.every((r) => r.inputs.type === "CNAME" && r.inputs.ttl === 30 && r.inputs.healthCheckId));
    const checks = ofType(rs, "aws:route53/healthCheck:HealthCheck");
    assert.deepStrictEqual(checks.map((c) => [c.inputs.type, c.inputs.resourcePath, c.inputs.requestInterval, c.inputs.failureThreshold]), [
      ["HTTPS", "/healthz", 10, 3],
      ["HTTPS", "/healthz", 10, 3],
      ["HTTPS", "/healthz", 10, 3],
    ]);
    const alias = ofType(rs, "aws:route53/record:Record").find((r) => r.inputs.name === "web-aws-eu-central-1.shop.example.com")!;
    assert.deepStrictEqual(alias.inputs.aliases, [{ name: "shop-ingress-aws-eu-central-1-alb.elb.mock", zoneId: "ZMOCKELB", evaluateTargetHealth: true }]);
  });
});

describe("network layer arguments", () => {
  const { Network } = require("../../components/network") as typeof import("../../components/network");
  const { Peering } = require("../../components/peering") as typeof import("../../components/peering");
  const { Ingress } = require("../../components/ingress") as typeof import("../../components/ingress");
  const { VpnGateway } = require("../../components/vpn") as typeof import("../../components/vpn");
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");

  async function rejects(fn: () => void, path: string, reason: RegExp): Promise<void> {
    await assert.rejects(runMocked(fn), (e: any) => {
      assert.ok(pulumi.InputPropertyError.isInstance(e), String(e));
      assert.strictEqual(e.propertyPath, path);
      assert.match(e.reason, reason);
      assert.match(e.reason, /To fix: /);
      return true;
    });
  }

  it("refuses to peer networks of two clouds, pointing to the VPN", async () => {
    await rejects(
      () => {
        const a = new Network("a", { cloud: "aws", region: "us-east-1", nat: "off" });
        const b = new Network("b", { cloud: "gcp", region: "us-west1", nat: "off" });
        new Peering("p", { a, b });
      },
      "b",
      /networks of two clouds connect over a VPN\. To fix: use VpnConnection\./,
    );
  });

  it("refuses a public balancer in a network built without its subnets", async () => {
    await rejects(
      () => {
        const network = new Network("n", { cloud: "gcp", region: "us-west1", nat: "off" });
        new Ingress("i", { network, backends: [{ service: "web", port: 8080, hostName: "web.example.com" }] });
      },
      "network",
      /gcp:us-west1 was built without ingress\. To fix: create the Network with ingress: true\./,
    );
  });

  it("refuses an Azure VPN gateway without its GatewaySubnet", async () => {
    await rejects(
      () => void new VpnGateway("g", { network: new Network("n", { cloud: "azure", region: "eastus", nat: "off" }) }),
      "network",
      /azure:eastus has no GatewaySubnet\. To fix: create the Network with vpn: true\./,
    );
  });
});
