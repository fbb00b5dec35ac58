import * as assert from "assert";
import { Application } from "../../components/application";
import { parseNetworkOptions } from "../../optimizer/network/options";
import { buildCandidates } from "../../optimizer/candidates";
import { loadCatalog } from "../../optimizer/catalog";
import { evaluatePlan } from "../../optimizer/evaluate";
import type { Plan } from "../../optimizer/plan";
import { validateSpec } from "../../optimizer/validate";
import { verifyPlan } from "../../optimizer/verify";
import { countByType, named, ofType, Recorded, runMocked, typeChain } from "./harness";

const catalog = loadCatalog();
const spec = validateSpec(
  {
    services: {
      web: { replicas: 2, vcpu: 2, memoryGiB: 4, publicPorts: [443] },
      api: {
        replicas: 3,
        vcpu: 2,
        memoryGiB: 8,
        ports: [8080, 9090],
        availability: { minClouds: 2 },
      },
    },
    buckets: { assets: { storageGiB: 100 } },
    links: [
      { from: "web", to: "api", monthlyGiB: 100 },
      { from: "api", to: "assets", monthlyGiB: 50 },
    ],
  },
  catalog,
);
const plan: Plan = {
  services: {
    web: {
      groups: [
        { cloud: "aws", region: "eu-central-1", instanceType: "m7g.large", count: 2, spot: 0 },
      ],
    },
    api: {
      groups: [
        {
          cloud: "azure",
          region: "westeurope",
          instanceType: "Standard_E2s_v5",
          count: 1,
          spot: 0,
        },
        { cloud: "gcp", region: "europe-west3", instanceType: "e2-standard-2", count: 2, spot: 0 },
      ],
    },
  },
  buckets: { assets: { cloud: "aws", region: "us-east-1" } },
};

const network = parseNetworkOptions({ domain: "shop.example.com" }, "shop");

describe("Application", () => {
  let resources: Recorded[];
  let value: any;
  before(async () => {
    ({ resources, value } = await runMocked(() => {
      const app = new Application("shop", { spec, plan, network });
      return {
        cost: app.monthlyCostUSD,
        clouds: app.costPerCloud,
        services: app.costPerService,
        buckets: app.costPerBucket,
        placement: app.placement,
      };
    }));
  });

  it("creates one provider per cloud-region used and one network per cloud-region with services", () => {
    assert.deepStrictEqual(
      resources
        .filter((r) => r.type.startsWith("pulumi:providers:"))
        .map((r) => r.name)
        .sort(),
      [
        "shop-aws-eu-central-1",
        "shop-aws-us-east-1",
        "shop-azure-westeurope",
        "shop-gcp-europe-west3",
      ],
    );
    assert.deepStrictEqual(
      ofType(resources, "cloudfit:network:Network")
        .map((r) => r.name)
        .sort(),
      ["shop-net-aws-eu-central-1", "shop-net-azure-westeurope", "shop-net-gcp-europe-west3"],
    );
    const counts = countByType(resources);
    assert.strictEqual(counts["cloudfit:compute:Service"], 2);
    assert.strictEqual(counts["cloudfit:storage:Bucket"], 1);
    assert.strictEqual(counts["azure-native:resources:ResourceGroup"], 1);
    for (const r of ofType(resources, "cloudfit:compute:Service"))
      assert.deepStrictEqual(typeChain(r), ["cloudfit:app:Application", r.type]);
  });

  it("puts the bucket in its own region's provider and every service group in its network", () => {
    const usEast = named(resources, "pulumi:providers:aws", "shop-aws-us-east-1");
    assert.ok(
      named(resources, "aws:s3/bucket:Bucket", "shop-assets-bucket").provider?.startsWith(
        usEast.urn!,
      ),
    );
    const asg = named(
      resources,
      "aws:autoscaling/group:Group",
      "shop-web-asg-eu-central-1-m7g-large",
    );
    assert.ok(
      asg.provider?.startsWith(
        named(resources, "pulumi:providers:aws", "shop-aws-eu-central-1").urn!,
      ),
    );
    assert.deepStrictEqual(asg.inputs.vpcZoneIdentifiers, [
      "shop-net-aws-eu-central-1-private-eu-central-1a-id",
      "shop-net-aws-eu-central-1-private-eu-central-1b-id",
    ]);
  });

  it("opens the API's linked port only to the web tier's network and its balancers' health checks, and the web port only to its balancer", () => {
    const webCidr = "10.18.0.0/16"; // aws:eu-central-1 in the address plan
    const azure = ofType(resources, "azure-native:network:SecurityRule").map((r) => [
      r.name,
      r.inputs.priority,
      r.inputs.sourceAddressPrefix,
      r.inputs.destinationPortRange,
    ]);
    assert.deepStrictEqual(azure, [
      ["shop-api-rule-westeurope-8080-10-18-0-0-16", 200 + 16 * 2, webCidr, "8080"],
      ["shop-api-rule-westeurope-8080-168-63-129-16-32", 110, "168.63.129.16/32", "8080"],
      ["shop-api-rule-westeurope-deny-other", 4096, "*", "*"],
    ]);
    const gcp = ofType(resources, "gcp:compute/firewall:Firewall")
      .filter((r) => r.inputs.allows)
      .map((r) => [r.name, r.inputs.sourceRanges, r.inputs.allows[0].ports]);
    assert.deepStrictEqual(gcp, [
      ["shop-api-allow-europe-west3-8080-10-18-0-0-16", [webCidr], ["8080"]],
      ["shop-api-allow-europe-west3-8080-130-211-0-0-22", ["130.211.0.0/22"], ["8080"]],
      ["shop-api-allow-europe-west3-8080-35-191-0-0-16", ["35.191.0.0/16"], ["8080"]],
    ]);
    const aws = ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(
      (r) => [r.name, r.inputs.cidrIpv4, r.inputs.fromPort],
    );
    assert.deepStrictEqual(aws, [
      ["shop-web-in-eu-central-1-8080-10-18-32-0-24", "10.18.32.0/24", 8080],
      ["shop-web-in-eu-central-1-8080-10-18-33-0-24", "10.18.33.0/24", 8080],
      ["shop-ingress-aws-eu-central-1-alb-in-443", "0.0.0.0/0", 443],
      ["shop-ingress-aws-eu-central-1-alb-in-80", "0.0.0.0/0", 80],
    ]);
  });

  it("connects the web tier's network to each of the API's over a VPN and gives it a private name for the API", () => {
    assert.deepStrictEqual(
      ofType(resources, "cloudfit:network:VpnConnection").map((r) => r.name),
      ["shop-vpn-aws-eu-central-1-azure-westeurope", "shop-vpn-aws-eu-central-1-gcp-europe-west3"],
    );
    assert.strictEqual(ofType(resources, "aws:ec2/vpnConnection:VpnConnection").length, 4);
    const records = ofType(resources, "aws:route53/record:Record")
      .filter((r) => r.inputs.name?.endsWith(".shop.internal"))
      .map((r) => [r.inputs.name, r.inputs.records])
      .sort();
    // Each balancer sits at the same host offset, a digest of the service name, in its region's balancer subnet.
    assert.deepStrictEqual(records, [
      ["api-azure-westeurope.shop.internal", ["10.24.64.208"]],
      ["api-gcp-europe-west3.shop.internal", ["10.32.64.208"]],
      ["api.shop.internal", ["10.24.64.208", "10.32.64.208"]],
    ]);
  });

  it("exports the plan and its cost in total, per cloud, per service and per bucket", () => {
    const cost = evaluatePlan(spec, plan, catalog, buildCandidates(spec, catalog).regionsOf);
    assert.ok(cost.traffic > 0);
    assert.strictEqual(value.cost, cost.total);
    assert.deepStrictEqual(value.clouds, cost.clouds);
    assert.deepStrictEqual(value.services, {
      api: cost.services.api.total,
      web: cost.services.web.total,
    });
    assert.deepStrictEqual(value.buckets, { assets: cost.buckets.assets.total });
    assert.deepStrictEqual(value.placement, plan);
  });

  it("places the spec with the optimizer when given no plan", async () => {
    const { value: placed, resources: made } = await runMocked(async () => {
      const app = await Application.place("shop", {
        spec,
        network: parseNetworkOptions(
          {
            domain: "shop.example.com",
            azureCertificate: {
              keyVaultSecretId: "https://shop.vault.azure.net/secrets/web",
              identityId:
                "/subscriptions/0000/resourceGroups/shop/providers/Microsoft.ManagedIdentity/userAssignedIdentities/shop-gateway",
            },
          },
          "shop",
        ),
        optimizer: { explain: false },
      });
      return app.placement;
    });
    assert.deepStrictEqual(verifyPlan(spec, catalog, placed), []);
    const groups = placed.services.web.groups.length + placed.services.api.groups.length;
    const scaling = made.filter((r) =>
      [
        "aws:autoscaling/group:Group",
        "azure-native:compute:VirtualMachineScaleSet",
        "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager",
      ].includes(r.type),
    );
    assert.strictEqual(scaling.length, groups);
  });
});
