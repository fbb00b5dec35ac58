import * as assert from "assert";
import { Service } from "../../components/service";
import { countByType, named, ofType, Recorded, runMocked, typeChain } from "./harness";

const TPL = "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate";
const MIG = "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager";
const FW = "gcp:compute/firewall:Firewall";

/** A web service in europe-west3: 4 x n2d-standard-2, 1 of them on spot, port 443 public. */
function web(): Service {
  return new Service("web", {
    application: "Shop Front",
    placement: {
      groups: [
        { cloud: "gcp", region: "europe-west3", instanceType: "n2d-standard-2", count: 4, spot: 1 },
      ],
    },
    diskGiB: 30,
    publicPorts: [443],
    ingress: [{ port: 8080, cidr: "10.16.0.0/16" }],
  });
}

describe("Service on GCP", () => {
  let resources: Recorded[];
  before(async () => {
    ({ resources } = await runMocked(web, { config: { "gcp:project": "shop-test" } }));
  });

  it("creates a network, firewall rules, and a template with a regional MIG each for standard and spot", () => {
    assert.deepStrictEqual(countByType(resources), {
      [FW]: 2, // admin-port deny of the network, linked 8080; nothing from the internet
      "gcp:compute/network:Network": 1,
      [MIG]: 2,
      [TPL]: 2,
      "gcp:compute/router:Router": 1,
      "gcp:compute/routerNat:RouterNat": 1,
      "gcp:compute/subnetwork:Subnetwork": 1,
      "cloudfit:compute:Service": 1,
      "cloudfit:network:Egress": 1,
      "cloudfit:network:Network": 1,
      "pulumi:providers:gcp": 1,
    });
    assert.deepStrictEqual(
      ofType(resources, TPL)
        .map((r) => r.name)
        .sort(),
      ["web-spot-tpl-europe-west3-n2d-standard-2", "web-tpl-europe-west3-n2d-standard-2"],
    );
    for (const r of [...ofType(resources, TPL), ...ofType(resources, MIG)]) {
      assert.deepStrictEqual(typeChain(r), ["cloudfit:compute:Service", r.type]);
    }
    const provider = named(
      resources,
      "pulumi:providers:gcp",
      "web-net-gcp-europe-west3-gcp-europe-west3",
    );
    assert.deepStrictEqual(
      [provider.inputs.region, provider.inputs.project],
      ["europe-west3", "shop-test"],
    );
  });

  it("sizes the standard and spot groups to the placement", () => {
    const std = named(resources, MIG, "web-mig-europe-west3-n2d-standard-2").inputs;
    const spot = named(resources, MIG, "web-spot-mig-europe-west3-n2d-standard-2").inputs;
    assert.deepStrictEqual([std.targetSize, spot.targetSize], [3, 1]);
    assert.deepStrictEqual(std.versions, [
      {
        name: "primary",
        instanceTemplate: "https://mock.example/web-tpl-europe-west3-n2d-standard-2",
      },
    ]);
    assert.deepStrictEqual(spot.versions, [
      {
        name: "primary",
        instanceTemplate: "https://mock.example/web-spot-tpl-europe-west3-n2d-standard-2",
      },
    ]);
    assert.strictEqual(std.region, "europe-west3");
  });

  it("uses Shielded VM, no external IP and SPOT provisioning only for the spot template", () => {
    for (const r of ofType(resources, TPL)) {
      assert.deepStrictEqual(r.inputs.shieldedInstanceConfig, {
        enableSecureBoot: true,
        enableVtpm: true,
        enableIntegrityMonitoring: true,
      });
      assert.deepStrictEqual(r.inputs.networkInterfaces, [
        { subnetwork: "web-net-gcp-europe-west3-subnet-id" },
      ]);
      assert.strictEqual(r.inputs.disks[0].diskSizeGb, 30);
      assert.strictEqual(
        r.inputs.disks[0].sourceImage,
        "projects/debian-cloud/global/images/family/debian-12",
      );
      assert.strictEqual(r.inputs.metadata["block-project-ssh-keys"], "true");
      assert.deepStrictEqual(r.inputs.tags, ["cloudfit-web"]);
    }
    const spot = named(resources, TPL, "web-spot-tpl-europe-west3-n2d-standard-2").inputs
      .scheduling;
    assert.strictEqual(spot.provisioningModel, "SPOT");
    assert.strictEqual(spot.preemptible, true);
    const std = named(resources, TPL, "web-tpl-europe-west3-n2d-standard-2").inputs.scheduling;
    assert.strictEqual(std.provisioningModel, "STANDARD");
  });

  it("targets firewall rules at the service's tag, admits nothing from the internet and denies admin ports from anywhere", () => {
    const byName = Object.fromEntries(ofType(resources, FW).map((r) => [r.name, r.inputs]));
    assert.deepStrictEqual(byName["web-allow-europe-west3-8080-10-16-0-0-16"].targetTags, [
      "cloudfit-web",
    ]);
    assert.ok(
      ofType(resources, FW).every((r) => !r.inputs.allows || !r.inputs.sourceRanges.includes("0.0.0.0/0")),
    );
    assert.deepStrictEqual(
      ofType(resources, MIG).map((r) => r.inputs.namedPorts),
      [[{ name: "tcp8080", port: 8080 }], [{ name: "tcp8080", port: 8080 }]],
    );
    assert.deepStrictEqual(byName["web-allow-europe-west3-8080-10-16-0-0-16"].sourceRanges, [
      "10.16.0.0/16",
    ]);
    assert.deepStrictEqual(byName["web-allow-europe-west3-8080-10-16-0-0-16"].allows, [
      { protocol: "tcp", ports: ["8080"] },
    ]);
    const deny = byName["web-net-gcp-europe-west3-deny-admin"];
    assert.deepStrictEqual(deny.denies, [{ protocol: "tcp", ports: ["22", "3389"] }]);
    assert.deepStrictEqual([deny.priority, deny.sourceRanges], [100, ["0.0.0.0/0"]]);
    for (const fw of Object.values(byName)) {
      for (const a of fw.allows ?? [])
        assert.ok(!a.ports.includes("22") && !a.ports.includes("3389"));
    }
  });

  it("labels templates and disks with lowercase values GCP accepts", () => {
    const labels = named(resources, TPL, "web-tpl-europe-west3-n2d-standard-2").inputs.labels;
    assert.deepStrictEqual(labels, {
      "cloudfit-application": "shop-front",
      "cloudfit-service": "web",
      "cloudfit-stack": "test",
      "cloudfit-owner": "platform-team",
      "cloudfit-cost-center": "cc-1234",
    });
    assert.deepStrictEqual(
      named(resources, TPL, "web-tpl-europe-west3-n2d-standard-2").inputs.disks[0].labels,
      labels,
    );
  });
});
