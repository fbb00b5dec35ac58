import { countByType, named, ofType, Recorded, runMocked, typeChain } from "./harness";
import * as assert from "assert";
import { Service } from "../../components/service";
import { HOURS_PER_MONTH, loadCatalog } from "../../optimizer/catalog";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const ASG = "aws:autoscaling/group:Group";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

const TAGS = {
  "cloudfit-application": "shop",
  "cloudfit-service": "api",
  "cloudfit-stack": "test",
  "cloudfit-owner": "platform-team",
  "cloudfit-cost-center": "CC-1234",
};

/** An API service on AWS: 3 replicas of m7g.large (1 on spot) and 1 m7i.large in eu-central-1. */
function api(): Service {
  return new Service("api", {
    application: "shop",
    placement: {
      groups: [
        { cloud: "aws", region: "eu-central-1", instanceType: "m7g.large", count: 3, spot: 1 },
        { cloud: "aws", region: "eu-central-1", instanceType: "m7i.large", count: 1, spot: 0 },
      ],
    },
    diskGiB: 40,
    ports: [8080],
    publicPorts: [443],
    ingress: [{ port: 8080, cidr: "10.32.0.0/16", from: "gcp:europe-west3" }],
  });
}

describe("Service on AWS", () => {
  let resources: Recorded[];
  let value: any;
  before(async () => {
    ({ resources, value } = await runMocked(() => {
      const s = api();
      return { placement: s.placement, cost: s.monthlyCostUSD };
    }));
  });

  it("creates one network, one security group and a launch template with an Auto Scaling group per replica group", () => {
    assert.deepStrictEqual(countByType(resources), {
      [ASG]: 2,
      "aws:ec2/eip:Eip": 1,
      "aws:ec2/internetGateway:InternetGateway": 1,
      [LT]: 2,
      "aws:ec2/natGateway:NatGateway": 1,
      "aws:ec2/route:Route": 3,
      "aws:ec2/routeTable:RouteTable": 3,
      "aws:ec2/routeTableAssociation:RouteTableAssociation": 4,
      [SG]: 2, // the service's own and the network's baseline group
      "aws:ec2/subnet:Subnet": 4,
      "aws:ec2/vpc:Vpc": 1,
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": 1,
      [INGRESS]: 1,
      "cloudfit:compute:Service": 1,
      "cloudfit:network:Egress": 1,
      "cloudfit:network:Network": 1,
      "pulumi:providers:aws": 1,
    });
    assert.deepStrictEqual(
      ofType(resources, LT)
        .map((r) => r.name)
        .sort(),
      ["api-lt-eu-central-1-m7g-large", "api-lt-eu-central-1-m7i-large"],
    );
    assert.deepStrictEqual(
      ofType(resources, ASG)
        .map((r) => r.name)
        .sort(),
      ["api-asg-eu-central-1-m7g-large", "api-asg-eu-central-1-m7i-large"],
    );
    named(resources, SG, "api-sg-eu-central-1");
  });

  it("parents every resource to the component and uses the region's explicit provider", () => {
    const provider = named(
      resources,
      "pulumi:providers:aws",
      "api-net-aws-eu-central-1-aws-eu-central-1",
    );
    assert.strictEqual(provider.inputs.region, "eu-central-1");
    for (const r of resources.filter((x) => x.custom && !x.type.startsWith("pulumi:providers:"))) {
      assert.ok(
        typeChain(r)[0].startsWith("cloudfit:"),
        `${r.name} is not inside a cloudfit component`,
      );
      assert.ok(
        r.provider?.startsWith(provider.urn!),
        `${r.name} does not use the eu-central-1 provider`,
      );
    }
    for (const r of [...ofType(resources, LT), ...ofType(resources, ASG)]) {
      assert.deepStrictEqual(typeChain(r), ["cloudfit:compute:Service", r.type]);
    }
  });

  it("encrypts the root volume, requires IMDSv2 and gives no public IP", () => {
    const lt = named(resources, LT, "api-lt-eu-central-1-m7g-large").inputs;
    assert.deepStrictEqual(lt.blockDeviceMappings, [
      {
        deviceName: "/dev/xvda",
        ebs: { encrypted: "true", volumeSize: 40, volumeType: "gp3", deleteOnTermination: "true" },
      },
    ]);
    assert.deepStrictEqual(lt.metadataOptions, {
      httpEndpoint: "enabled",
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
    });
    assert.strictEqual(lt.networkInterfaces[0].associatePublicIpAddress, "false");
    assert.deepStrictEqual(lt.networkInterfaces[0].securityGroups, [
      "api-sg-eu-central-1-id",
      "api-net-aws-eu-central-1-sg-id",
    ]);
    assert.strictEqual(lt.instanceType, "m7g.large");
    assert.strictEqual(
      lt.imageId,
      "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    );
    const x86 = named(resources, LT, "api-lt-eu-central-1-m7i-large").inputs;
    assert.strictEqual(
      x86.imageId,
      "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    );
  });

  it("pins each Auto Scaling group at its count, with spot above an on-demand base", () => {
    const mixed = named(resources, ASG, "api-asg-eu-central-1-m7g-large").inputs;
    assert.deepStrictEqual([mixed.minSize, mixed.maxSize, mixed.desiredCapacity], [3, 3, 3]);
    assert.deepStrictEqual(mixed.mixedInstancesPolicy.instancesDistribution, {
      onDemandBaseCapacity: 2,
      onDemandPercentageAboveBaseCapacity: 0,
      spotAllocationStrategy: "price-capacity-optimized",
    });
    assert.deepStrictEqual(mixed.mixedInstancesPolicy.launchTemplate.launchTemplateSpecification, {
      launchTemplateId: "api-lt-eu-central-1-m7g-large-id",
      version: "$Latest",
    });
    assert.strictEqual(mixed.launchTemplate, undefined);
    assert.deepStrictEqual(mixed.vpcZoneIdentifiers, [
      "api-net-aws-eu-central-1-private-eu-central-1a-id",
      "api-net-aws-eu-central-1-private-eu-central-1b-id",
    ]);
    const plain = named(resources, ASG, "api-asg-eu-central-1-m7i-large").inputs;
    assert.deepStrictEqual([plain.minSize, plain.maxSize, plain.desiredCapacity], [1, 1, 1]);
    assert.strictEqual(plain.mixedInstancesPolicy, undefined);
    assert.deepStrictEqual(plain.launchTemplate, {
      id: "api-lt-eu-central-1-m7i-large-id",
      version: "$Latest",
    });
  });

  it("keeps the instances closed to the internet and opens the linked port only to the peer's network", () => {
    const rules = ofType(resources, INGRESS).map((r): Record<string, any> => ({
      ...r.inputs,
      name: r.name,
    }));
    assert.deepStrictEqual(
      rules.map(({ name, cidrIpv4, fromPort, toPort, ipProtocol, securityGroupId }) => ({
        name,
        cidrIpv4,
        fromPort,
        toPort,
        ipProtocol,
        securityGroupId,
      })),
      [
        {
          name: "api-in-eu-central-1-8080-10-32-0-0-16",
          cidrIpv4: "10.32.0.0/16",
          fromPort: 8080,
          toPort: 8080,
          ipProtocol: "tcp",
          securityGroupId: "api-sg-eu-central-1-id",
        },
      ],
    );
    assert.ok(rules.every((r) => r.fromPort !== 22 && r.fromPort !== 3389));
    assert.ok(rules.every((r) => r.cidrIpv4 !== "0.0.0.0/0"));
  });

  it("tags every taggable resource with service, application, stack, owner and cost centre", () => {
    const untaggable = ["aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/route:Route"];
    for (const r of resources.filter((x) => x.custom && !x.type.startsWith("pulumi:providers:") && !untaggable.includes(x.type))) {
      const tags =
        r.type === ASG
          ? Object.fromEntries(r.inputs.tags.map((t: any) => [t.key, t.value]))
          : r.inputs.tags;
      const expected = r.name.startsWith("api-net-")
        ? { ...TAGS, "cloudfit-service": "shared" }
        : TAGS;
      for (const [k, v] of Object.entries(expected))
        assert.strictEqual(tags?.[k], v, `${r.name} tag ${k}`);
    }
    const lt = named(resources, LT, "api-lt-eu-central-1-m7g-large").inputs;
    assert.deepStrictEqual(
      lt.tagSpecifications.map((t: any) => t.resourceType),
      ["instance", "volume"],
    );
  });

  it("reports its placement and the catalog price of its compute and disks", () => {
    assert.deepStrictEqual(
      value.placement.groups.map((g: any) => g.instanceType),
      ["m7g.large", "m7i.large"],
    );
    const c = loadCatalog();
    const g = c.offer("aws", "eu-central-1", "m7g.large")!;
    const i = c.offer("aws", "eu-central-1", "m7i.large")!;
    const compute =
      HOURS_PER_MONTH * (2 * g.onDemandHourlyUSD + g.spotHourlyUSD! + i.onDemandHourlyUSD);
    const disk = 4 * 40 * c.diskPerGiBMonth("aws", "eu-central-1");
    assert.strictEqual(value.cost, Math.round((compute + disk) * 100) / 100);
  });
});
