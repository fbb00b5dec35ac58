import * as assert from "assert";
import { Service } from "../../components/service";
import { DENY_OTHER_PRIORITY, LOCKED_SSH_PUBLIC_KEY } from "../../components/azure/service";
import { countByType, named, ofType, Recorded, runMocked, typeChain } from "./harness";

const VMSS = "azure-native:compute:VirtualMachineScaleSet";
const NSG = "azure-native:network:NetworkSecurityGroup";
const RULE = "azure-native:network:SecurityRule";

/** A worker service in westeurope: 3 x Standard_D2s_v5 with 2 on spot, and 1 Arm64 replica. */
function worker(): Service {
  return new Service("worker", {
    application: "shop",
    placement: {
      groups: [
        {
          cloud: "azure",
          region: "westeurope",
          instanceType: "Standard_D2s_v5",
          count: 3,
          spot: 2,
        },
        {
          cloud: "azure",
          region: "westeurope",
          instanceType: "Standard_D2ps_v5",
          count: 1,
          spot: 0,
        },
      ],
    },
    ports: [8080, 9090],
    ingress: [
      { port: 9090, cidr: "10.18.0.0/16" },
      { port: 8080, cidr: "10.24.0.0/16" },
    ],
  });
}

describe("Service on Azure", () => {
  let resources: Recorded[];
  before(async () => {
    ({ resources } = await runMocked(worker));
  });

  it("creates a resource group, network, NSG with its rules, and one scale set per group plus a Spot scale set", () => {
    assert.deepStrictEqual(countByType(resources), {
      [VMSS]: 3,
      "azure-native:network:NatGateway": 1,
      [NSG]: 2, // the service's own and the subnet's
      "azure-native:network:PublicIPAddress": 1, // the NAT gateway's
      [RULE]: 3,
      "azure-native:network:Subnet": 1,
      "azure-native:network:VirtualNetwork": 1,
      "azure-native:resources:ResourceGroup": 1,
      "cloudfit:compute:Service": 1,
      "cloudfit:network:Egress": 1,
      "cloudfit:network:Network": 1,
      "pulumi:providers:azure-native": 1,
    });
    assert.deepStrictEqual(
      ofType(resources, VMSS)
        .map((r) => r.name)
        .sort(),
      [
        "worker-spot-vmss-westeurope-d2s-v5",
        "worker-vmss-westeurope-d2ps-v5",
        "worker-vmss-westeurope-d2s-v5",
      ],
    );
    for (const r of ofType(resources, VMSS))
      assert.deepStrictEqual(typeChain(r), ["cloudfit:compute:Service", VMSS]);
    const provider = named(
      resources,
      "pulumi:providers:azure-native",
      "worker-net-azure-westeurope-azure-westeurope",
    );
    assert.strictEqual(provider.inputs.location, "westeurope");
    for (const r of resources.filter((x) => x.custom && !x.type.startsWith("pulumi:providers:"))) {
      assert.ok(
        r.provider?.startsWith(provider.urn!),
        `${r.name} does not use the westeurope provider`,
      );
    }
  });

  it("splits on-demand and Spot capacity between the two scale sets", () => {
    const regular = named(resources, VMSS, "worker-vmss-westeurope-d2s-v5").inputs;
    const spot = named(resources, VMSS, "worker-spot-vmss-westeurope-d2s-v5").inputs;
    assert.deepStrictEqual(regular.sku, { name: "Standard_D2s_v5", tier: "Standard", capacity: 1 });
    assert.deepStrictEqual(spot.sku, { name: "Standard_D2s_v5", tier: "Standard", capacity: 2 });
    assert.strictEqual(regular.virtualMachineProfile.priority, undefined);
    assert.strictEqual(spot.virtualMachineProfile.priority, "Spot");
    assert.strictEqual(spot.virtualMachineProfile.evictionPolicy, "Delete");
    assert.deepStrictEqual(spot.virtualMachineProfile.billingProfile, { maxPrice: -1 });
  });

  it("encrypts at host, uses a managed OS disk, gives no public IP and disables password login", () => {
    for (const r of ofType(resources, VMSS)) {
      const p = r.inputs.virtualMachineProfile;
      assert.strictEqual(p.securityProfile.encryptionAtHost, true, r.name);
      assert.deepStrictEqual(p.storageProfile.osDisk, {
        createOption: "FromImage",
        caching: "ReadWrite",
        diskSizeGB: 20,
        managedDisk: { storageAccountType: "StandardSSD_LRS" },
      });
      const nic = p.networkProfile.networkInterfaceConfigurations;
      assert.strictEqual(nic.length, 1);
      assert.deepStrictEqual(nic[0].networkSecurityGroup, { id: "worker-nsg-westeurope-id" });
      assert.deepStrictEqual(nic[0].ipConfigurations, [
        {
          name: "ipconfig",
          primary: true,
          subnet: { id: "worker-net-azure-westeurope-subnet-id" },
        },
      ]);
      assert.strictEqual(JSON.stringify(p).includes("publicIPAddressConfiguration"), false);
      assert.strictEqual(p.osProfile.linuxConfiguration.disablePasswordAuthentication, true);
      assert.strictEqual(
        p.osProfile.linuxConfiguration.ssh.publicKeys[0].keyData,
        LOCKED_SSH_PUBLIC_KEY,
      );
      assert.strictEqual(p.osProfile.adminPassword, undefined);
    }
  });

  it("uses trusted launch and the x64 image on x86_64 sizes, the Arm64 image on Arm64 sizes", () => {
    const x64 = named(resources, VMSS, "worker-vmss-westeurope-d2s-v5").inputs
      .virtualMachineProfile;
    assert.deepStrictEqual(x64.securityProfile, {
      encryptionAtHost: true,
      securityType: "TrustedLaunch",
      uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
    });
    assert.deepStrictEqual(x64.storageProfile.imageReference, {
      publisher: "Canonical",
      offer: "ubuntu-24_04-lts",
      sku: "server",
      version: "latest",
    });
    const arm = named(resources, VMSS, "worker-vmss-westeurope-d2ps-v5").inputs
      .virtualMachineProfile;
    assert.deepStrictEqual(arm.securityProfile, { encryptionAtHost: true });
    assert.strictEqual(arm.storageProfile.imageReference.sku, "server-arm64");
  });

  it("admits each linked port only from its source network, then denies everything else", () => {
    const rules = ofType(resources, RULE).map((r): Record<string, any> => ({
      ...r.inputs,
      name: r.name,
    }));
    assert.deepStrictEqual(
      rules.map((r) => [
        r.name,
        r.priority,
        r.access,
        r.sourceAddressPrefix,
        r.destinationPortRange,
        r.networkSecurityGroupName,
      ]),
      [
        // Priority 200 + 16 x slot + port index: 10.18/16 is slot 2, 9090 the second port.
        [
          "worker-rule-westeurope-9090-10-18-0-0-16",
          233,
          "Allow",
          "10.18.0.0/16",
          "9090",
          "worker-nsg-westeurope",
        ],
        [
          "worker-rule-westeurope-8080-10-24-0-0-16",
          328,
          "Allow",
          "10.24.0.0/16",
          "8080",
          "worker-nsg-westeurope",
        ],
        [
          "worker-rule-westeurope-deny-other",
          DENY_OTHER_PRIORITY,
          "Deny",
          "*",
          "*",
          "worker-nsg-westeurope",
        ],
      ],
    );
    assert.ok(rules.every((r) => r.direction === "Inbound"));
    assert.ok(!rules.some((r) => r.access === "Allow" && r.sourceAddressPrefix === "Internet"));
  });

  it("tags scale sets, NSGs, the network, the NAT gateway and its IP, and the resource group", () => {
    for (const r of resources.filter((x) => x.inputs.tags !== undefined)) {
      assert.strictEqual(r.inputs.tags["cloudfit-owner"], "platform-team", r.name);
      assert.strictEqual(r.inputs.tags["cloudfit-cost-center"], "CC-1234", r.name);
      assert.strictEqual(r.inputs.tags["cloudfit-application"], "shop", r.name);
    }
    assert.strictEqual(
      named(resources, VMSS, "worker-vmss-westeurope-d2s-v5").inputs.tags["cloudfit-service"],
      "worker",
    );
    assert.strictEqual(
      named(
        resources,
        "azure-native:resources:ResourceGroup",
        "worker-net-azure-westeurope-rg-westeurope",
      ).inputs.tags["cloudfit-service"],
      "shared",
    );
    assert.strictEqual(
      ofType(resources, VMSS).length + ofType(resources, NSG).length + 4,
      resources.filter((x) => x.inputs.tags).length,
    );
  });
});
