import * as assert from "assert";
import { networkInventory } from "../../../optimizer/network/inventory";
import { parseNetworkOptions } from "../../../optimizer/network/options";
import { buildTopology } from "../../../optimizer/network/topology";
import { countByType } from "../../components/harness";
import { runProgram, stackConfig } from "../../stacks/harness";
import { fixturePlan, stackPlan } from "./fixtures";

describe("network inventory", () => {
  for (const stack of ["dev", "prod"]) {
    it(`counts, per type, exactly the billable network resources the ${stack} program registers`, async () => {
      const { spec, plan } = stackPlan(stack);
      const options = parseNetworkOptions(JSON.parse(stackConfig(stack)["cloudfit:network"]), "storefront");
      const inv = networkInventory(buildTopology(spec, plan, options));
      const counted: Record<string, number> = {};
      for (const list of [...Object.values(inv.regions), ...Object.values(inv.pairs), inv.global])
        for (const i of list) counted[i.type] = (counted[i.type] ?? 0) + i.count;
      const recorded = countByType((await runProgram(stack)).resources);
      // Records also validate certificates; every other type must match one for one.
      const certificateRecords = (recorded["aws:acm/certificate:Certificate"] ?? 0) + (recorded["gcp:certificatemanager/dnsAuthorization:DnsAuthorization"] ?? 0);
      for (const [type, n] of Object.entries(counted)) {
        const expected = type === "aws:route53/record:Record" ? recorded[type] - certificateRecords : recorded[type];
        // Load balancers of both kinds share a type; compare the sum.
        assert.strictEqual(n, expected, `${type}: inventory ${n}, program ${expected}`);
      }
      // Billable types the program registers all appear in the inventory.
      for (const type of [
        "aws:ec2/natGateway:NatGateway",
        "aws:ec2/vpnConnection:VpnConnection",
        "azure-native:network:VirtualNetworkGateway",
        "gcp:compute/vPNTunnel:VPNTunnel",
        "gcp:compute/routerNat:RouterNat",
        "aws:route53/healthCheck:HealthCheck",
      ])
        if (recorded[type]) assert.ok(counted[type], `${type} missing from the inventory`);
    });
  }

  it("lists per pair what connecting it deploys", () => {
    const { spec, plan } = fixturePlan("prod");
    const inv = networkInventory(buildTopology(spec, plan, parseNetworkOptions({ domain: "x.example.com" }, "s")));
    assert.deepStrictEqual(
      inv.pairs["aws:us-east-1|gcp:europe-west4"].map((i) => [i.type, i.count]),
      [
        ["aws:ec2/vpnConnection:VpnConnection", 2],
        ["gcp:compute/vPNTunnel:VPNTunnel", 4],
      ],
    );
    assert.deepStrictEqual(
      inv.pairs["aws:eu-west-1|aws:us-east-1"].map((i) => [i.type, i.count]),
      [["aws:ec2/vpcPeeringConnection:VpcPeeringConnection", 1]],
    );
  });
});
