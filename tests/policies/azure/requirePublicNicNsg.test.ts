import * as assert from "assert";
import { requirePublicNicNsg } from "../../../policies/azure/requirePublicNicNsg";
import { StackResourceCase, UNKNOWN_VALUE, runStack, urnOf } from "../harness";

const NIC = "azure-native:network:NetworkInterface";
const vnet = (nsg?: string): StackResourceCase => ({
  type: "azure-native:network:VirtualNetwork",
  name: "vnet",
  props: { resourceGroupName: "rg", subnets: [{ name: "default", addressPrefix: "10.0.0.0/24", ...(nsg ? { networkSecurityGroup: { id: nsg } } : {}) }] },
});
const ip: StackResourceCase = { type: "azure-native:network:PublicIPAddress", name: "ip", props: { resourceGroupName: "rg" } };
const nic = (extra: Record<string, unknown> = {}): StackResourceCase => ({
  type: NIC,
  name: "vm-nic",
  props: { resourceGroupName: "rg", ipConfigurations: [{ name: "ipconfig", subnet: { id: UNKNOWN_VALUE }, publicIPAddress: { id: UNKNOWN_VALUE } }], ...extra },
  propertyDependencies: { ipConfigurations: ["vnet", "ip"] },
});

describe("policies/azure/requirePublicNicNsg", () => {
  it("reports a NIC with a public IP in a subnet without an NSG (the exposure found in public programs)", async () => {
    assert.deepStrictEqual(await runStack(requirePublicNicNsg, [vnet(), ip, nic()]), {
      violations: [
        {
          message:
            "Network interface 'vm-nic' should be behind a network security group: it has a public IP address but neither it nor its subnet has an NSG, so every port its VM listens on is open to the internet; set networkSecurityGroup.id on the interface or its subnet to an NSG allowing only the ports it serves.",
          urn: urnOf(NIC, "vm-nic"),
        },
      ],
    });
  });

  it("passes when the subnet has an NSG", async () => {
    assert.deepStrictEqual(await runStack(requirePublicNicNsg, [vnet("/nsg/web"), ip, nic()]), { violations: [] });
  });

  it("passes when the NIC has its own NSG", async () => {
    assert.deepStrictEqual(await runStack(requirePublicNicNsg, [vnet(), ip, nic({ networkSecurityGroup: { id: "/nsg/vm" } })]), { violations: [] });
  });

  it("passes a NIC without a public IP", async () => {
    const privateNic = nic({ ipConfigurations: [{ name: "ipconfig", subnet: { id: UNKNOWN_VALUE } }] });
    assert.deepStrictEqual(await runStack(requirePublicNicNsg, [vnet(), privateNic]), { violations: [] });
  });

  it("does not guess about a subnet outside the stack", async () => {
    const external = { ...nic(), propertyDependencies: { ipConfigurations: ["ip"] } };
    assert.deepStrictEqual(await runStack(requirePublicNicNsg, [ip, external]), { violations: [] });
  });
});
