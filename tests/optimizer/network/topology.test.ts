import * as assert from "assert";
import { createHash } from "crypto";
import { networkInventory } from "../../../optimizer/network/inventory";
import { NetworkOptionsError, parseNetworkOptions } from "../../../optimizer/network/options";
import { addressOffset, azureBgpAddresses, buildTopology, pairKey } from "../../../optimizer/network/topology";
import { moved, fixturePlan as stackPlan } from "./fixtures";

const options = parseNetworkOptions({ domain: "shop.example.com" }, "storefront");

describe("network topology", () => {
  describe("of the dev stack", () => {
    const { spec, plan } = stackPlan("dev");
    const t = buildTopology(spec, plan, options);

    it("has one network per cloud-region with services, with NAT, and none for a region with only a bucket", () => {
      assert.deepStrictEqual(
        t.networks.map((n) => [n.key, n.cidr, n.services, n.nat]),
        [
          ["azure:eastus", "10.22.0.0/16", ["api"], "regional"],
          ["gcp:asia-northeast1", "10.34.0.0/16", ["worker"], "regional"],
          ["gcp:europe-west4", "10.33.0.0/16", ["cache"], "regional"],
          ["gcp:us-west1", "10.31.0.0/16", ["api", "web"], "regional"],
        ],
      );
    });

    it("connects exactly the pairs the links cross: peering within GCP, VPN to Azure", () => {
      assert.deepStrictEqual(
        t.connections.map((c) => [c.key, c.kind, c.links.map((l) => `${l.from}->${l.to}:${l.port}`), c.tunnels.length]),
        [
          ["azure:eastus|gcp:asia-northeast1", "vpn", ["worker->api:8080"], 2],
          ["azure:eastus|gcp:europe-west4", "vpn", ["api->cache:6379"], 2],
          ["azure:eastus|gcp:us-west1", "vpn", ["web->api:8080"], 2],
          ["gcp:asia-northeast1|gcp:us-west1", "peering", ["worker->api:8080"], 0],
          ["gcp:europe-west4|gcp:us-west1", "peering", ["api->cache:6379"], 0],
        ],
      );
      assert.deepStrictEqual(
        t.networks.filter((n) => n.vpnGateway).map((n) => n.key),
        ["azure:eastus", "gcp:asia-northeast1", "gcp:europe-west4", "gcp:us-west1"],
      );
    });

    it("gives every tunnel a /30 no other tunnel of either gateway uses, GCP taking the first address", () => {
      const seen = new Set<string>();
      for (const c of t.connections.filter((x) => x.kind === "vpn"))
        for (const tunnel of c.tunnels) {
          for (const end of [c.a, c.b]) {
            assert.ok(!seen.has(`${end}|${tunnel.range}`), `${tunnel.range} twice on ${end}`);
            seen.add(`${end}|${tunnel.range}`);
          }
          assert.match(tunnel.range, /^169\.254\.22\.\d+\/30$/);
          const gcp = c.a.startsWith("gcp:") ? c.a : c.b;
          assert.strictEqual(tunnel.addresses[gcp], tunnel.range.replace(/\.(\d+)\/30$/, (_, o) => `.${Number(o) + 1}`));
        }
      const [i0, i1] = azureBgpAddresses(t, "azure:eastus");
      assert.strictEqual(i0.length + i1.length, 6);
      assert.ok([...i0, ...i1].every((a) => /^169\.254\.22\.\d+$/.test(a)));
    });

    it("puts internal balancers where called services run and a public balancer where the public one runs", () => {
      assert.deepStrictEqual(
        t.networks.map((n) => [n.key, n.endpoints.map((e) => `${e.service}:${e.ports.join(",")}@${e.addresses.join(",")}`), n.ingress.map((b) => `${b.service}:${b.port}`)]),
        [
          ["azure:eastus", [`api:8080@10.22.64.${addressOffset("api", new Set())}`], []],
          ["gcp:asia-northeast1", [], []],
          ["gcp:europe-west4", [`cache:6379@10.33.64.${addressOffset("cache", new Set())}`], []],
          ["gcp:us-west1", [`api:8080@10.31.64.${addressOffset("api", new Set())}`], ["web:8080"]],
        ],
      );
    });

    it("names each called service in its callers' private zones, preferring the local balancer", () => {
      const west = t.networks.find((n) => n.key === "gcp:us-west1")!;
      const a = addressOffset("api", new Set());
      const c = addressOffset("cache", new Set());
      assert.deepStrictEqual(west.records, [
        { service: "api", name: "api", addresses: [`10.31.64.${a}`] },
        { service: "api", name: "api-azure-eastus", addresses: [`10.22.64.${a}`] },
        { service: "api", name: "api-gcp-us-west1", addresses: [`10.31.64.${a}`] },
        { service: "cache", name: "cache", addresses: [`10.33.64.${c}`] },
        { service: "cache", name: "cache-gcp-europe-west4", addresses: [`10.33.64.${c}`] },
      ]);
      const asia = t.networks.find((n) => n.key === "gcp:asia-northeast1")!;
      assert.deepStrictEqual(asia.records[0], { service: "api", name: "api", addresses: [`10.22.64.${a}`, `10.31.64.${a}`] });
      assert.deepStrictEqual(t.networks.find((n) => n.key === "gcp:europe-west4")!.records, []);
    });

    it("admits each service's port only from its callers' networks and its balancers' health checks", () => {
      assert.deepStrictEqual(t.admits.cache["gcp:europe-west4"], [
        { port: 6379, cidr: "10.22.0.0/16", from: "azure:eastus" },
        { port: 6379, cidr: "10.31.0.0/16", from: "gcp:us-west1" },
        { port: 6379, cidr: "130.211.0.0/22", from: "health checks" },
        { port: 6379, cidr: "35.191.0.0/16", from: "health checks" },
      ]);
      assert.deepStrictEqual(t.admits.web["gcp:us-west1"], [
        { port: 8080, cidr: "10.31.40.0/23", from: "public balancer" },
        { port: 8080, cidr: "130.211.0.0/22", from: "health checks" },
        { port: 8080, cidr: "35.191.0.0/16", from: "health checks" },
      ]);
      assert.deepStrictEqual(t.admits.api["azure:eastus"].map((r) => r.cidr), [
        "10.31.0.0/16",
        "10.34.0.0/16",
        "168.63.129.16/32",
      ]);
      assert.deepStrictEqual(t.admits.worker["gcp:asia-northeast1"], []);
    });

    it("gives the public service one weighted, named target per region it runs in", () => {
      assert.deepStrictEqual(t.frontDoors, [
        {
          service: "web",
          name: "web.shop.example.com",
          targets: [{ key: "gcp:us-west1", cloud: "gcp", region: "us-west1", regionalName: "web-gcp-us-west1.shop.example.com", weight: 2 }],
        },
      ]);
    });

    it("is the same for the same inputs", () => {
      assert.deepStrictEqual(buildTopology(spec, plan, options), t);
    });
  });

  describe("of the prod stack", () => {
    const { spec, plan } = stackPlan("prod");
    const t = buildTopology(spec, plan, options);

    it("peers AWS regions, and runs four-tunnel VPNs between AWS and GCP", () => {
      assert.deepStrictEqual(
        t.connections.map((c) => [c.key, c.kind, c.tunnels.length]),
        [
          ["aws:eu-west-1|aws:us-east-1", "peering", 0],
          ["aws:eu-west-1|gcp:europe-west4", "vpn", 4],
          ["aws:us-east-1|gcp:asia-northeast1", "vpn", 4],
          ["aws:us-east-1|gcp:europe-west4", "vpn", 4],
          ["gcp:asia-northeast1|gcp:europe-west4", "peering", 0],
        ],
      );
      for (const c of t.connections.filter((x) => x.kind === "vpn")) {
        const aws = c.a.startsWith("aws:") ? c.a : c.b;
        for (const tunnel of c.tunnels) assert.match(tunnel.addresses[aws], /^169\.254\.1\d\d\.\d+1?$/);
        assert.deepStrictEqual(c.tunnels.map((x) => x.group), [0, 0, 1, 1]);
      }
    });

    it("puts the public service behind a balancer in each of its two regions, weighted by replicas", () => {
      assert.deepStrictEqual(
        t.frontDoors[0].targets.map((x) => [x.key, x.weight]),
        [
          ["aws:us-east-1", 1],
          ["gcp:europe-west4", 3],
        ],
      );
      const east = t.networks.find((n) => n.key === "aws:us-east-1")!;
      assert.strictEqual(east.endpoints.find((e) => e.service === "api")!.addresses.length, 2);
      assert.deepStrictEqual(t.admits.web["aws:us-east-1"].filter((r) => r.from === "public balancer").map((r) => r.cidr), [
        "10.16.32.0/24",
        "10.16.33.0/24",
      ]);
    });
  });

  describe("after a placement change", () => {
    it("moving a service to another cloud replaces exactly the connections its links cross", () => {
      const { spec, plan } = stackPlan("dev");
      const before = buildTopology(spec, plan, options);
      const after = buildTopology(spec, moved(plan, "cache", "aws", "eu-west-1", "r7g.large"), options);
      const keys = (t: typeof before) => new Set(t.connections.map((c) => `${c.key} ${c.kind}`));
      const [b, a] = [keys(before), keys(after)];
      assert.deepStrictEqual([...b].filter((k) => !a.has(k)), [
        "azure:eastus|gcp:europe-west4 vpn",
        "gcp:europe-west4|gcp:us-west1 peering",
      ]);
      assert.deepStrictEqual([...a].filter((k) => !b.has(k)), [
        "aws:eu-west-1|azure:eastus vpn",
        "aws:eu-west-1|gcp:us-west1 vpn",
      ]);
      assert.deepStrictEqual(after.networks.map((n) => n.key), ["aws:eu-west-1", "azure:eastus", "gcp:asia-northeast1", "gcp:us-west1"]);
      assert.strictEqual(pairKey("gcp:us-west1", "aws:eu-west-1"), "aws:eu-west-1|gcp:us-west1");
    });
  });

  describe("settings it needs", () => {
    const { spec, plan } = stackPlan("dev");

    it("asks for a domain when a service is public, and for a certificate when it runs in Azure", () => {
      assert.throws(
        () => buildTopology(spec, moved(plan, "web", "azure", "eastus", "Standard_D2s_v5"), parseNetworkOptions({}, "storefront")),
        (e: unknown) => {
          assert.ok(e instanceof NetworkOptionsError);
          assert.strictEqual(
            e.message,
            "The network settings (cloudfit:network) have 1 problem:\n" +
              "  network.domain: is not set, but services.web has public ports and needs a public name. To fix: set cloudfit:network to { domain: <a domain whose DNS you control> }.",
          );
          return true;
        },
      );
      assert.throws(
        () => buildTopology(spec, moved(plan, "web", "azure", "eastus", "Standard_D2s_v5"), options),
        /network\.azureCertificate: is not set, but services\.web is public and runs in azure:eastus/,
      );
    });

    it("refuses NAT off while services read buckets over the internet", () => {
      assert.throws(
        () => buildTopology(spec, plan, parseNetworkOptions({ domain: "shop.example.com", nat: "off" }, "storefront")),
        /network\.nat: is off, but services\.api in azure:eastus reads bucket assets in aws over the internet\. To fix: set nat to regional/,
      );
    });

    it("reports every bad setting at once", () => {
      assert.throws(
        () => parseNetworkOptions({ domain: "Shop", nat: "yes", natt: 1, healthCheckPath: "health" }, "storefront"),
        (e: unknown) => {
          assert.ok(e instanceof NetworkOptionsError);
          assert.deepStrictEqual(
            e.problems.map((p) => p.path),
            ["network.natt", "network.domain", "network.nat", "network.healthCheckPath"],
          );
          return true;
        },
      );
      assert.deepStrictEqual(parseNetworkOptions(undefined, "Store Front"), {
        dnsProvider: "route53",
        nat: "regional",
        healthCheckPath: "/",
        privateDomain: "store-front.internal",
      });
    });
  });

  it("moves an internal balancer address to the next free offset on a collision", () => {
    const first = addressOffset("api", new Set());
    assert.ok(first >= 4 && first <= 253);
    assert.strictEqual(addressOffset("api", new Set([first])), first === 253 ? 4 : first + 1);
  });

  it("places a balancer at 4 plus the first four bytes of its name's SHA-256 mod 250, however often asked", () => {
    for (const name of ["api", "cache", "svc-0042", "a".repeat(300)]) {
      const digest = createHash("sha256").update(name).digest().readUInt32BE(0) % 250;
      for (let i = 0; i < 3; i++) assert.strictEqual(addressOffset(name, new Set()), 4 + digest, name);
    }
  });

  describe("for pricing", () => {
    for (const stack of ["dev", "prod"]) {
      it(`of the ${stack} stack is the whole topology less its firewall sources, so it bills the same`, () => {
        const { spec, plan } = stackPlan(stack);
        const plans = [
          plan,
          moved(plan, "api", "aws", "eu-west-1", "m7i.large"),
          moved(plan, "api", "gcp", "us-west1", "n2-standard-2"),
        ];
        for (const p of plans) {
          const whole = buildTopology(spec, p, options);
          const priced = buildTopology(spec, p, options, { pricing: true });
          assert.ok(Object.keys(whole.admits).length > 0);
          assert.deepStrictEqual(priced.admits, {});
          assert.deepStrictEqual(priced, { ...whole, admits: {} });
          assert.deepStrictEqual(networkInventory(priced), networkInventory(whole));
        }
      });
    }
  });
});
