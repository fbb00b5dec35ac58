// Proof that the reference program's network works, read from the resources it registers under
// Pulumi's mocks for dev and prod: every spec link has a path on its port (same network, or a
// peering or an established IPsec tunnel pair, a firewall that admits the caller's network, and a
// private name that resolves to a balancer listening on the port); nothing is open to the internet
// but the public balancers' listeners; each public service has a front-door name with one
// health-checked target per region; and moving a service changes exactly the connectivity it should.

import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildCandidates } from "../../optimizer/candidates";
import { loadCatalog } from "../../optimizer/catalog";
import { evaluatePlan } from "../../optimizer/evaluate";
import { serializeLock } from "../../optimizer/lock";
import type { Plan } from "../../optimizer/plan";
import type { NormalizedSpec } from "../../optimizer/spec";
import type { Recorded } from "../components/harness";
import { moved, stackPlan } from "../optimizer/network/fixtures";
import { runProgram, stackConfig } from "./harness";
import {
  admissions,
  cidrContains,
  frontDoor,
  GraphNetwork,
  internalListeners,
  networks,
  openToInternet,
  peerings,
  privateNames,
  tunnels,
} from "./networkGraph";

const regionsOf = (plan: Plan, service: string) => [...new Set(plan.services[service].groups.map((g) => `${g.cloud}:${g.region}`))];

/** Pairs of networks joined by a peering or by at least two established tunnels (redundancy). */
function connected(rs: readonly Recorded[], nets: readonly GraphNetwork[]): Set<string> {
  const out = new Set(peerings(rs, nets));
  for (const [k, n] of tunnels(rs, nets)) if (n >= 2) out.add(k);
  return out;
}

for (const stack of ["dev", "prod"]) {
  describe(`the ${stack} stack's network, read from its resources`, () => {
    let rs: Recorded[];
    let nets: GraphNetwork[];
    let links: Set<string>;
    const { spec, plan } = stackPlan(stack);
    const domain = JSON.parse(stackConfig(stack)["cloudfit:network"]).domain as string;
    before(async () => {
      rs = (await runProgram(stack)).resources;
      nets = networks(rs);
      links = connected(rs, nets);
    });

    it("has one network per cloud-region with services or databases", () => {
      const databases = Object.values(plan.databases ?? {}).map((d) => `${d.cloud}:${d.region}`);
      const expected = [...new Set([...spec.services.flatMap((s) => regionsOf(plan, s.name)), ...databases])].sort();
      assert.deepStrictEqual(nets.map((n) => n.key), expected);
    });

    it("gives every link a path on its port from every region of the caller to every region of the callee", () => {
      const admitted = admissions(rs, nets);
      const names = privateNames(rs, nets);
      const listeners = internalListeners(rs);
      const cidr = (k: string) => nets.find((n) => n.key === k)!.cidr;
      let paths = 0;
      for (const l of spec.links.filter((x) => x.toKind === "service")) {
        for (const from of regionsOf(plan, l.from)) {
          for (const to of regionsOf(plan, l.to)) {
            const where = `${l.from} (${from}) -> ${l.to} (${to}):${l.port}`;
            assert.ok(from === to || links.has([from, to].sort().join("|")), `no peering or tunnels for ${where}`);
            assert.ok(
              admitted.some((a) => a.network === to && a.service === l.to && cidrContains(a.cidr, cidr(from)) && a.from <= l.port && l.port <= a.to),
              `${l.to}'s firewall in ${to} does not admit ${from} on ${l.port}`,
            );
            paths++;
          }
          const fqdn = `${l.to}.${stack === "dev" ? "storefront" : "storefront"}.internal`;
          const addresses = names.get(from)?.get(fqdn);
          assert.ok(addresses?.length, `${fqdn} does not resolve in ${from}`);
          for (const a of addresses!) {
            const home = nets.find((n) => cidrContains(n.cidr, a))!;
            assert.ok(home.key === from || links.has([from, home.key].sort().join("|")), `${fqdn} in ${from} resolves to unreachable ${a}`);
            assert.ok(regionsOf(plan, l.to).includes(home.key), `${fqdn} resolves to ${a} in ${home.key}, where ${l.to} does not run`);
            assert.ok(listeners.get(a)?.ports.includes(l.port), `nothing listens on ${a}:${l.port}`);
          }
        }
      }
      assert.ok(paths > 5, `only ${paths} paths checked`);
    });

    it("admits each service port only from its callers' networks, its own balancers and their health checks", () => {
      const layout = (key: string) => {
        const n = nets.find((x) => x.key === key)!;
        const p = n.cidr.split(".").slice(0, 2).join(".");
        return { balancers: [`${p}.64.0/24`, `${p}.65.0/24`], public: [`${p}.32.0/24`, `${p}.33.0/24`, `${p}.34.0/24`, `${p}.40.0/23`] };
      };
      const platform = ["130.211.0.0/22", "35.191.0.0/16", "168.63.129.16/32"];
      for (const a of admissions(rs, nets).filter((x) => x.cidr !== "10.0.0.0/8")) {
        const callers = spec.links
          .filter((l) => l.toKind === "service" && l.to === a.service && a.from <= l.port && l.port <= a.to)
          .flatMap((l) => regionsOf(plan, l.from).map((k) => nets.find((n) => n.key === k)!.cidr));
        const s = spec.services.find((x) => x.name === a.service)!;
        const own = layout(a.network);
        const ok =
          callers.includes(a.cidr) ||
          platform.includes(a.cidr) ||
          own.balancers.includes(a.cidr) ||
          (s.publicPorts.length > 0 && own.public.includes(a.cidr) && a.from === s.ports[0]);
        assert.ok(ok, `${a.service} in ${a.network} admits ${a.cidr} on ${a.from}-${a.to}`);
        assert.ok(a.from === a.to, `${a.service} opens a port range ${a.from}-${a.to}`);
      }
    });

    it("opens nothing to the internet but the public balancers' HTTPS and redirect listeners", () => {
      const open = openToInternet(rs);
      assert.ok(open.length > 0);
      for (const o of open) assert.match(o, /^balancer (aws 443-443|aws 80-80|azure 443,80|gcp 443|gcp 80)$/, o);
    });

    it("gives each public service a front-door name with one health-checked target per region it runs in", () => {
      const doors = frontDoor(rs);
      const publicServices = spec.services.filter((s) => s.publicPorts.length > 0);
      assert.deepStrictEqual([...doors.keys()].sort(), publicServices.map((s) => `${s.name}.${domain}`).sort());
      for (const s of publicServices) {
        const targets = doors.get(`${s.name}.${domain}`)!;
        assert.deepStrictEqual(targets.map((t) => t.setIdentifier).sort(), regionsOf(plan, s.name).sort());
        for (const t of targets) {
          assert.ok(t.ttl <= 30, `TTL ${t.ttl}`);
          assert.deepStrictEqual(
            [t.check?.inputs.type, t.check?.inputs.port, t.check?.inputs.requestInterval, t.check?.inputs.failureThreshold],
            ["HTTPS", 443, 10, 3],
          );
          assert.ok(t.target, `no record for the ${t.setIdentifier} target`);
          assert.strictEqual(t.check!.inputs.fqdn, t.target!.inputs.name);
        }
      }
    });
  });
}

describe("a placement change, read from the resources", () => {
  const CONNECTIVITY = [
    "aws:ec2/vpnGateway:VpnGateway",
    "aws:ec2/customerGateway:CustomerGateway",
    "aws:ec2/vpnConnection:VpnConnection",
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    "aws:ec2/route:Route",
    "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation",
    "azure-native:network:LocalNetworkGateway",
    "azure-native:network:VirtualNetworkGatewayConnection",
    "azure-native:network:VirtualNetworkPeering",
    "gcp:compute/haVpnGateway:HaVpnGateway",
    "gcp:compute/externalVpnGateway:ExternalVpnGateway",
    "gcp:compute/vPNTunnel:VPNTunnel",
    "gcp:compute/routerInterface:RouterInterface",
    "gcp:compute/routerPeer:RouterPeer",
    "gcp:compute/networkPeering:NetworkPeering",
  ];
  let dir: string;
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it("moving cache from GCP to AWS adds and removes exactly the gateways, tunnels and routes it should", async () => {
    const { spec, plan } = stackPlan("dev");
    const next = moved(plan, "cache", "aws", "eu-west-1", "r7g.large");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-move-"));
    const lockFile = path.join(dir, "placement.dev.json");
    fs.writeFileSync(lockFile, serializeLock(next, cost(spec, next)));
    const before = (await runProgram("dev")).resources;
    const after = (await runProgram("dev", { "cloudfit:lockFile": lockFile })).resources;

    const pairs = (rs: Recorded[]) => [...connected(rs, networks(rs))].sort();
    assert.deepStrictEqual(pairs(before), ["aws:eu-north-1|gcp:europe-west4"]);
    // api stays in both clouds, so the GCP network stays; cache's new region joins both by
    // peering (AWS to AWS) and a VPN (to GCP).
    assert.deepStrictEqual(pairs(after), [
      "aws:eu-north-1|aws:eu-west-1",
      "aws:eu-north-1|gcp:europe-west4",
      "aws:eu-west-1|gcp:europe-west4",
    ]);
    assert.deepStrictEqual(tunnels(after, networks(after)).get("aws:eu-west-1|gcp:europe-west4"), 4);
    assert.deepStrictEqual(tunnels(after, networks(after)).get("aws:eu-north-1|gcp:europe-west4"), 4);

    const names = (rs: Recorded[]) => new Map(rs.filter((r) => CONNECTIVITY.includes(r.type)).map((r) => [`${r.type} ${r.name}`, JSON.stringify(r.inputs)]));
    const [b, a] = [names(before), names(after)];
    const removed = [...b.keys()].filter((k) => !a.has(k)).sort();
    const added = [...a.keys()].filter((k) => !b.has(k)).sort();
    const count = (xs: string[], type: string) => xs.filter((x) => x.startsWith(`${type} `)).length;
    assert.ok(removed.every((k) => k.includes("gcp-europe-west4") || k.includes("aws-eu-north-1")), removed.join("\n"));
    assert.ok(added.every((k) => k.includes("aws-eu-west-1")), added.join("\n"));
    assert.deepStrictEqual(
      CONNECTIVITY.map((t) => [t.split(":").pop(), count(removed, t), count(added, t)]).filter(([, r, x]) => r !== 0 || x !== 0),
      [
        ["VpnGateway", 0, 1],
        ["CustomerGateway", 0, 2], // the two interfaces of GCP's HA VPN gateway
        ["VpnConnection", 0, 2],
        ["VpcPeeringConnection", 0, 1],
        ["Route", 0, 7], // the new region's internet and NAT routes, and the peering's routes on both sides
        ["VpnGatewayRoutePropagation", 0, 2],
        ["ExternalVpnGateway", 0, 1],
        ["VPNTunnel", 0, 4],
        ["RouterInterface", 0, 4],
        ["RouterPeer", 0, 4],
      ],
    );
    // Connectivity of the pairs the move does not touch is unchanged, input for input.
    for (const [k, v] of a) if (b.has(k) && !k.includes("gcp-europe-west4") && !k.includes("aws-eu-west-1")) assert.strictEqual(v, b.get(k), k);
  });
});

function cost(spec: NormalizedSpec, plan: Plan) {
  const catalog = loadCatalog();
  return evaluatePlan(spec, plan, catalog, buildCandidates(spec, catalog).regionsOf);
}
