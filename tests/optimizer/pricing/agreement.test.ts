// plan/preview agreement at the function level: for the reference dev and prod stacks, the
// resources the program registers priced by optimizer/pricing, plus the traffic estimate of the
// spec's links, equal plan's evaluation of the lock once the itemized differences are taken out.

import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { recordProgramDir, toPricingResources } from "../../../cli/record";
import { loadCatalog } from "../../../optimizer/catalog";
import { readStackFile, specFromStackConfig } from "../../../optimizer/config";
import { parseLock } from "../../../optimizer/lock";
import {
  estimateCosts,
  estimateStackTraffic,
  parseUsageFile,
  reconcileWithPlan,
  trafficEstimates,
  trafficPolicyConfig,
} from "../../../optimizer/pricing";

const ROOT = path.resolve(__dirname, "../../..");

/** Billed types of the network layer (components/network*, ingress, egress, VPN, DNS, front door). */
const NETWORK_LAYER = new RegExp(
  "^(aws:ec2/(natGateway|eip|vpnConnection|vpnGateway):|aws:lb/loadBalancer:|aws:route53/(zone|record|healthCheck):|" +
    "azure-native:network:(NatGateway|PublicIPAddress|VirtualNetworkGateway|VirtualNetworkGatewayConnection|LoadBalancer|ApplicationGateway)$|" +
    "azure-native:privatedns:PrivateZone|azure-native:dns:|" +
    "gcp:compute/(forwardingRule|globalForwardingRule|vPNTunnel|haVpnGateway|address|globalAddress|routerNat):|gcp:dns/(managedZone|recordSet):)",
);
const catalog = loadCatalog();

function stackInputs(stack: string) {
  const spec = specFromStackConfig(readStackFile(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`)), catalog);
  const file = path.join(ROOT, "stacks", `placement.${stack}.json`);
  const lock = parseLock(fs.readFileSync(file, "utf8"), file, stack);
  return { spec, lock };
}

describe("plan and preview agree on the reference stacks", function () {
  this.timeout(180000);

  for (const stack of ["dev", "prod"]) {
    it(`${stack}: resources plus traffic equal plan's total, network layer included, but for the KMS key plan does not model`, async () => {
      const { spec, lock } = stackInputs(stack);
      const resources = estimateCosts(toPricingResources(await recordProgramDir(ROOT, stack)), {}, catalog);
      const traffic = estimateStackTraffic(spec, lock.plan, catalog);
      const r = reconcileWithPlan(resources, traffic);

      // The traffic estimate is plan's own traffic and egress, to the cent.
      assert.ok(Math.abs(traffic.trafficUSD - traffic.plan.traffic) < 0.01, `${traffic.trafficUSD} vs ${traffic.plan.traffic}`);
      assert.ok(Math.abs(traffic.internetEgressUSD - traffic.plan.internetEgress) < 0.01);
      // plan's evaluation is the total the lock records.
      assert.strictEqual(traffic.plan.total, lock.costs.totalUSD);
      // plan now prices the network layer (NAT, balancers, VPN, DNS, front door) with preview's
      // rules; the reconciliation lists those resources as not in plan, and they add up to
      // plan's network line to the cent: nothing is left over once they are counted.
      const network = traffic.plan.network!.total;
      assert.ok(network > 0);
      assert.deepStrictEqual(r.differences.filter((d) => d.why === "unexplained"), []);
      const notInPlan = r.differences.filter((d) => d.kind === "not in plan");
      const kms = notInPlan.filter((d) => /aws:kms\/key:Key/.test(d.why) && !d.why.includes(","));
      const layer = notInPlan.filter((d) => !kms.includes(d));
      const types = layer.flatMap((d) => d.why.replace(/^.*: /, "").split(", "));
      assert.deepStrictEqual(types.filter((t) => t !== "aws:kms/key:Key" && !NETWORK_LAYER.test(t)), [], JSON.stringify(layer));
      assert.ok(Math.abs(layer.reduce((n, d) => n + d.usd, 0) - network) < 0.05, `${JSON.stringify(layer)} vs network ${network}`);
      // plan's network line is itemized against them, so nothing is left unexplained.
      const line = r.differences.filter((d) => d.kind === "network");
      assert.strictEqual(line.length, 1);
      assert.ok(Math.abs(line[0].usd + network) < 1e-6, JSON.stringify(line));
      assert.ok(Math.abs(r.unexplainedUSD) < 0.05, `unexplained ${r.unexplainedUSD}: ${JSON.stringify(r.differences)}`);
      // preview's total (priced resources + traffic) is plan's total plus the KMS key, which plan does not model.
      assert.ok(kms.length >= 1, JSON.stringify(notInPlan));
      const kmsUSD = kms.reduce((n, d) => n + d.usd, 0);
      assert.ok(Math.abs(r.previewUSD - traffic.plan.total - kmsUSD) < 0.05, `preview ${r.previewUSD} vs plan ${traffic.plan.total} + KMS ${kmsUSD}`);
    });
  }

  it("splits traffic by workload and cloud, and the policy setting carries the same total", () => {
    const { spec, lock } = stackInputs("dev");
    const t = estimateStackTraffic(spec, lock.plan, catalog);
    const rows = trafficEstimates(t);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((e) => e.type === "cloudfit:traffic:Workload" && e.tags["cloudfit-service"] && e.billing === "priced"));
    const setting = trafficPolicyConfig(t);
    const sum = setting.items.reduce((n, i) => n + i.monthlyUSD, 0);
    assert.ok(Math.abs(sum - t.totalUSD) < 1e-4);
    assert.strictEqual(setting.pricesOf, catalog.pricesOf);
    // A plain JSON document, as a policy configuration file holds it.
    assert.deepStrictEqual(JSON.parse(JSON.stringify(setting)), setting);
  });

  it("takes link volumes and bucket egress from the usage file", () => {
    const { spec, lock } = stackInputs("dev");
    const base = estimateStackTraffic(spec, lock.plan, catalog);
    const link = spec.links[0];
    const usage = parseUsageFile(`traffic:\n  links:\n    "${link.from}->${link.to}": ${link.monthlyGiB * 10}\n`);
    const more = estimateStackTraffic(spec, lock.plan, catalog, usage);
    assert.ok(more.trafficUSD >= base.trafficUSD, `${more.trafficUSD} < ${base.trafficUSD}`);
    const none = parseUsageFile(`traffic:\n  links:\n${spec.links.map((l) => `    "${l.from}->${l.to}": 0`).join("\n")}\n`);
    assert.strictEqual(estimateStackTraffic(spec, lock.plan, catalog, none).trafficUSD, 0);
    assert.throws(
      () => estimateStackTraffic(spec, lock.plan, catalog, parseUsageFile(`traffic:\n  links:\n    "nope->api": 5\n`)),
      /traffic.links names nope->api, which is not a link of the spec/,
    );
  });
});
