import * as assert from "assert";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { ADDRESS_SPACE, regionCidr, subnetCidrs, cidrSlot } from "../../components/addressing";
import { Network, NetworkArgs } from "../../components/network";
import { loadCatalog } from "../../optimizer/catalog";
import { countByType, named, ofType, Recorded, runMocked, typeChain } from "./harness";

describe("Network", () => {
  describe("address plan", () => {
    it("gives every catalog region its own /16 and no two regions the same one", () => {
      const cidrs = loadCatalog().regions.map((r) => regionCidr(r.cloud, r.region));
      assert.ok(
        cidrs.every((c) => c !== undefined && /^10\.\d+\.0\.0\/16$/.test(c)),
        String(cidrs),
      );
      assert.strictEqual(new Set(cidrs).size, cidrs.length);
      assert.strictEqual(regionCidr("aws", "us-east-1"), "10.16.0.0/16");
      assert.strictEqual(cidrSlot("10.18.0.0/16"), 2);
      assert.strictEqual(cidrSlot("192.168.0.0/16"), undefined);
      assert.deepStrictEqual(subnetCidrs("10.18.0.0/16", 2), ["10.18.0.0/20", "10.18.16.0/20"]);
    });
  });

  describe("on AWS", () => {
    let resources: Recorded[];
    before(async () => {
      ({ resources } = await runMocked(
        () => void new Network("net", { cloud: "aws", region: "ap-northeast-1", nat: "off" }),
      ));
    });

    it("creates a VPC, two private subnets in two zones with a route table each and an outbound-only security group", () => {
      assert.deepStrictEqual(countByType(resources), {
        "aws:ec2/routeTable:RouteTable": 2,
        "aws:ec2/routeTableAssociation:RouteTableAssociation": 2,
        "aws:ec2/securityGroup:SecurityGroup": 1,
        "aws:ec2/subnet:Subnet": 2,
        "aws:ec2/vpc:Vpc": 1,
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": 1,
        "cloudfit:network:Network": 1,
        "pulumi:providers:aws": 1,
      });
      assert.strictEqual(
        named(resources, "aws:ec2/vpc:Vpc", "net-vpc").inputs.cidrBlock,
        "10.20.0.0/16",
      );
      const subnets = ofType(resources, "aws:ec2/subnet:Subnet").map((r) => [
        r.name,
        r.inputs.availabilityZone,
        r.inputs.cidrBlock,
        r.inputs.mapPublicIpOnLaunch,
      ]);
      assert.deepStrictEqual(subnets, [
        ["net-private-ap-northeast-1a", "ap-northeast-1a", "10.20.0.0/20", false],
        ["net-private-ap-northeast-1c", "ap-northeast-1c", "10.20.16.0/20", false],
      ]);
      assert.strictEqual(
        resources.some((r) => r.type.includes("internetGateway")),
        false,
      );
      const egress = named(
        resources,
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        "net-sg-egress",
      ).inputs;
      assert.deepStrictEqual(
        [egress.securityGroupId, egress.ipProtocol, egress.cidrIpv4],
        ["net-sg-id", "-1", "0.0.0.0/0"],
      );
      for (const r of resources.filter((x) => x.custom && !x.type.startsWith("pulumi:"))) {
        assert.deepStrictEqual(typeChain(r), ["cloudfit:network:Network", r.type]);
        // Route table associations carry no tags on AWS.
        if (r.type !== "aws:ec2/routeTableAssociation:RouteTableAssociation")
          assert.strictEqual(r.inputs.tags["cloudfit-service"], "shared");
      }
    });
  });

  describe("on Azure", () => {
    let resources: Recorded[];
    before(async () => {
      ({ resources } = await runMocked(
        () => void new Network("net", { cloud: "azure", region: "northeurope", nat: "off" }),
      ));
    });

    it("creates a resource group, a virtual network and a subnet without default outbound access behind an NSG", () => {
      assert.deepStrictEqual(countByType(resources), {
        "azure-native:network:NetworkSecurityGroup": 1,
        "azure-native:network:Subnet": 1,
        "azure-native:network:VirtualNetwork": 1,
        "azure-native:resources:ResourceGroup": 1,
        "cloudfit:network:Network": 1,
        "pulumi:providers:azure-native": 1,
      });
      const vnet = named(resources, "azure-native:network:VirtualNetwork", "net-vnet").inputs;
      assert.deepStrictEqual(vnet.addressSpace, { addressPrefixes: ["10.25.0.0/16"] });
      assert.strictEqual(vnet.resourceGroupName, "net-rg-northeurope");
      const subnet = named(resources, "azure-native:network:Subnet", "net-subnet").inputs;
      assert.deepStrictEqual(
        [
          subnet.addressPrefix,
          subnet.defaultOutboundAccess,
          subnet.networkSecurityGroup,
          subnet.virtualNetworkName,
        ],
        ["10.25.0.0/20", false, { id: "net-nsg-id" }, "net-vnet"],
      );
    });

    it("denies SSH and RDP from the internet before anything else and admits nothing else from it", () => {
      const rules = named(resources, "azure-native:network:NetworkSecurityGroup", "net-nsg").inputs
        .securityRules;
      assert.deepStrictEqual(
        rules.map((r: any) => [
          r.priority,
          r.access,
          r.sourceAddressPrefix,
          r.destinationPortRanges,
        ]),
        [
          [100, "Deny", "Internet", ["22", "3389"]],
          [300, "Allow", ADDRESS_SPACE, ["1-65535"]],
        ],
      );
    });
  });

  describe("on GCP", () => {
    let resources: Recorded[];
    before(async () => {
      ({ resources } = await runMocked(
        () =>
          void new Network("net", {
            cloud: "gcp",
            region: "us-west1",
            cidr: "10.200.0.0/16",
            nat: "off",
          }),
      ));
    });

    it("creates a custom-mode network, a private subnetwork and a high-priority admin-port deny", () => {
      assert.deepStrictEqual(countByType(resources), {
        "cloudfit:network:Network": 1,
        "gcp:compute/firewall:Firewall": 1,
        "gcp:compute/network:Network": 1,
        "gcp:compute/subnetwork:Subnetwork": 1,
        "pulumi:providers:gcp": 1,
      });
      assert.strictEqual(
        named(resources, "gcp:compute/network:Network", "net-vpc").inputs.autoCreateSubnetworks,
        false,
      );
      const sub = named(resources, "gcp:compute/subnetwork:Subnetwork", "net-subnet").inputs;
      assert.deepStrictEqual(
        [sub.ipCidrRange, sub.region, sub.privateIpGoogleAccess, sub.network],
        ["10.200.0.0/20", "us-west1", true, "net-vpc-id"],
      );
      const fw = named(resources, "gcp:compute/firewall:Firewall", "net-deny-admin").inputs;
      assert.deepStrictEqual(
        [fw.direction, fw.priority, fw.sourceRanges, fw.denies],
        ["INGRESS", 100, ["0.0.0.0/0"], [{ protocol: "tcp", ports: ["22", "3389"] }]],
      );
    });
  });

  it("uses a given provider instead of creating one", async () => {
    const { resources } = await runMocked(() => {
      const provider = new AwsProvider("shared-aws", { region: "us-east-1" });
      return new Network("net", { cloud: "aws", region: "us-east-1", provider }).cidr;
    });
    assert.deepStrictEqual(
      ofType(resources, "pulumi:providers:aws").map((r) => r.name),
      ["shared-aws"],
    );
    const shared = named(resources, "pulumi:providers:aws", "shared-aws");
    assert.ok(named(resources, "aws:ec2/vpc:Vpc", "net-vpc").provider?.startsWith(shared.urn!));
  });

  describe("NAT and the parts the network layer asks for", () => {
    const build = (args: Partial<NetworkArgs> & Pick<NetworkArgs, "cloud" | "region">) =>
      runMocked(() => void new Network("net", args)).then((r) => r.resources);

    it("routes both AWS zones through one NAT gateway in a public subnet by default", async () => {
      const resources = await build({ cloud: "aws", region: "eu-west-1" });
      const nats = ofType(resources, "aws:ec2/natGateway:NatGateway");
      assert.deepStrictEqual(
        nats.map((n) => [n.name, n.inputs.subnetId, n.inputs.allocationId, n.inputs.connectivityType]),
        [["net-egress-nat-0", "net-public-eu-west-1a-id", "net-egress-eip-0-id", "public"]],
      );
      assert.deepStrictEqual(typeChain(nats[0]), [
        "cloudfit:network:Egress",
        "aws:ec2/natGateway:NatGateway",
      ]);
      const routes = ofType(resources, "aws:ec2/route:Route").map((r) => [
        r.inputs.routeTableId,
        r.inputs.destinationCidrBlock,
        r.inputs.natGatewayId ?? r.inputs.gatewayId,
      ]);
      assert.deepStrictEqual(routes, [
        ["net-rt-public-id", "0.0.0.0/0", "net-igw-id"],
        ["net-rt-eu-west-1a-id", "0.0.0.0/0", "net-egress-nat-0-id"],
        ["net-rt-eu-west-1b-id", "0.0.0.0/0", "net-egress-nat-0-id"],
      ]);
      const publicSubnets = ofType(resources, "aws:ec2/subnet:Subnet")
        .filter((r) => r.name.startsWith("net-public-"))
        .map((r) => [r.inputs.cidrBlock, r.inputs.mapPublicIpOnLaunch]);
      assert.deepStrictEqual(publicSubnets, [
        ["10.19.32.0/24", false],
        ["10.19.33.0/24", false],
      ]);
    });

    it("gives each AWS zone its own NAT gateway when zonal", async () => {
      const resources = await build({ cloud: "aws", region: "eu-west-1", nat: "zonal" });
      const routes = ofType(resources, "aws:ec2/route:Route")
        .filter((r) => r.inputs.natGatewayId)
        .map((r) => [r.inputs.routeTableId, r.inputs.natGatewayId]);
      assert.deepStrictEqual(routes, [
        ["net-rt-eu-west-1a-id", "net-egress-nat-0-id"],
        ["net-rt-eu-west-1b-id", "net-egress-nat-1-id"],
      ]);
      assert.strictEqual(ofType(resources, "aws:ec2/eip:Eip").length, 2);
    });

    it("attaches an Azure NAT gateway with a static public IP to the workload subnet", async () => {
      const resources = await build({ cloud: "azure", region: "westeurope" });
      const nat = named(resources, "azure-native:network:NatGateway", "net-egress-nat").inputs;
      assert.deepStrictEqual([nat.sku, nat.publicIpAddresses], [{ name: "Standard" }, [{ id: "net-egress-nat-ip-id" }]]);
      const subnet = named(resources, "azure-native:network:Subnet", "net-subnet").inputs;
      assert.deepStrictEqual(subnet.natGateway, { id: "net-egress-nat-id" });
      assert.strictEqual(subnet.defaultOutboundAccess, false);
    });

    it("adds Cloud NAT on a Cloud Router carrying the network's ASN on GCP", async () => {
      const resources = await build({ cloud: "gcp", region: "europe-west4" });
      const router = named(resources, "gcp:compute/router:Router", "net-router").inputs;
      assert.deepStrictEqual(router.bgp, { asn: 64512 + 17 });
      const nat = named(resources, "gcp:compute/routerNat:RouterNat", "net-egress-nat").inputs;
      assert.deepStrictEqual(
        [nat.router, nat.natIpAllocateOption, nat.sourceSubnetworkIpRangesToNat],
        ["net-router", "AUTO_ONLY", "ALL_SUBNETWORKS_ALL_IP_RANGES"],
      );
    });

    it("adds the subnets of balancers and the VPN gateway only when asked for", async () => {
      const azure = await build({ cloud: "azure", region: "eastus", ingress: true, endpoints: true, vpn: true });
      const subnets = ofType(azure, "azure-native:network:Subnet").map((r) => [
        r.name,
        r.inputs.subnetName ?? "",
        r.inputs.addressPrefix,
      ]);
      assert.deepStrictEqual(subnets, [
        ["net-subnet", "", "10.22.0.0/20"],
        ["net-balancers", "", "10.22.64.0/24"],
        ["net-appgw", "", "10.22.34.0/24"],
        ["net-gateway", "GatewaySubnet", "10.22.255.0/27"],
      ]);
      const gwRules = named(azure, "azure-native:network:NetworkSecurityGroup", "net-appgw-nsg").inputs.securityRules;
      assert.deepStrictEqual(
        gwRules.map((r: any) => [r.access, r.sourceAddressPrefix, r.destinationPortRanges]),
        [
          ["Allow", "GatewayManager", ["65200-65535"]],
          ["Allow", "Internet", ["443", "80"]],
          ["Allow", "AzureLoadBalancer", ["1-65535"]],
          ["Deny", "Internet", ["1-65535"]],
        ],
      );
      const gcp = await build({ cloud: "gcp", region: "us-west1", nat: "off", ingress: true, endpoints: true });
      assert.deepStrictEqual(
        ofType(gcp, "gcp:compute/subnetwork:Subnetwork").map((r) => [r.name, r.inputs.ipCidrRange, r.inputs.purpose]),
        [
          ["net-subnet", "10.31.0.0/20", undefined],
          ["net-balancers", "10.31.64.0/24", undefined],
          ["net-proxy", "10.31.40.0/23", "REGIONAL_MANAGED_PROXY"],
        ],
      );
      assert.strictEqual(ofType(gcp, "gcp:compute/router:Router").length, 0);
      const plain = await build({ cloud: "aws", region: "us-east-1", nat: "off" });
      assert.deepStrictEqual(
        ofType(plain, "aws:ec2/subnet:Subnet").map((r) => r.name),
        ["net-private-us-east-1a", "net-private-us-east-1b"],
      );
      assert.strictEqual(ofType(plain, "aws:ec2/internetGateway:InternetGateway").length, 0);
    });
  });
});
