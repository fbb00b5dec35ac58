// The estimate's contract: billing kinds, named components with sources, usage-dependent prices
// never a silent 0, free types with their reason and source, components and providers never
// billed, and a representative corpus of resource types all accounted for.

import * as assert from "assert";
import { loadCatalog } from "../../../optimizer/catalog";
import {
  estimateCosts,
  FREE_TYPES,
  PRICED_TYPES,
  parseUsageFile,
  PricingResource,
  ResourceEstimate,
} from "../../../optimizer/pricing";
import { sustainedUseMultiplier } from "../../../optimizer/pricing/rules/common";
import { tieredCost } from "../../../optimizer/pricing/context";

const catalog = loadCatalog();
const res = (type: string, props: Record<string, unknown> = {}, extra: Partial<PricingResource> = {}): PricingResource => ({
  urn: `urn:pulumi:s::p::${type}::${extra.name ?? "r"}`,
  name: "r",
  type,
  props,
  provider: { type: `pulumi:providers:${type.split(":")[0]}`, props: { region: "us-east-1" } },
  ...extra,
});
const one = (r: PricingResource, usage?: string): ResourceEstimate =>
  estimateCosts([r], usage ? { usage: parseUsageFile(usage) } : {}, catalog).resources[0];

describe("resource estimates", () => {
  it("prices a resource as named components with quantity, unit price, monthly cost and source", () => {
    const e = one(res("aws:ec2/natGateway:NatGateway"), "resources:\n  r: { monthlyDataProcessedGB: 200 }\n");
    assert.strictEqual(e.billing, "priced");
    assert.deepStrictEqual(
      e.components.map((c) => [c.name, c.unit, c.quantity, c.unitUSD, c.monthlyUSD]),
      [
        ["NAT gateway", "hours", 730, 0.045, 0.045 * 730],
        ["Data processed", "GB", 200, 0.045, 9],
      ],
    );
    assert.ok(e.components.every((c) => /golden|cited|recalled|assumed/.test(c.source)), e.components[0].source);
    assert.strictEqual(e.monthlyUSD, 0.045 * 730 + 9);
    assert.deepStrictEqual([e.cloud, e.region], ["aws", "us-east-1"]);
  });

  it("shows the unit price of a usage-based component instead of a silent 0", () => {
    const e = one(res("aws:lambda/function:Function", { memorySize: 512 }));
    assert.strictEqual(e.billing, "usage");
    assert.strictEqual(e.monthlyUSD, 0);
    assert.ok(e.components.every((c) => c.quantity === null && c.monthlyUSD === null && c.unitUSD > 0));
    assert.match(e.note, /depends on usage: Requests \$0\.20 per 1M requests \(usage key monthlyRequests\)/);
  });

  it("fills usage from the type's defaults, then from the resource by name or URN", () => {
    const file = [
      "version: 1",
      "resourceTypeDefaults:",
      '  "aws:lambda/function:Function": { monthlyRequests: 1000000, averageDurationMs: 100 }',
      "resources:",
      "  r: { monthlyRequests: 3000000 }",
    ].join("\n");
    const e = one(res("aws:lambda/function:Function", { memorySize: 1024 }), file);
    assert.strictEqual(e.billing, "priced");
    // 3M requests at $0.20 per 1M, and 3M x 0.1 s x 1 GB = 300,000 GB-seconds.
    assert.ok(Math.abs(e.monthlyUSD! - (0.6 + 300000 * 0.0000166667)) < 1e-6, String(e.monthlyUSD));
  });

  it("applies tiers to the part of the quantity each covers", () => {
    assert.strictEqual(tieredCost([[1000, 0.4], [null, 0.2]], 1500), 1000 * 0.4 + 500 * 0.2);
    assert.strictEqual(tieredCost([[32, 1]], 40), undefined);
    const e = one(res("aws:route53/record:Record"), "resources:\n  r: { monthlyQueries: 1500000000 }\n");
    assert.strictEqual(e.monthlyUSD, 1000 * 0.4 + 500 * 0.2);
  });

  it("applies GCP's sustained-use discount by series and hours", () => {
    assert.ok(Math.abs(sustainedUseMultiplier("n1-standard-4", 730) - 0.7) < 1e-9);
    // N2 increments 100/86.78/73.56/60.34% average 80.17%: Google's "up to 20%".
    assert.ok(Math.abs(sustainedUseMultiplier("n2-standard-4", 730) - 0.8017) < 1e-4);
    assert.strictEqual(sustainedUseMultiplier("n1-standard-4", 100), 1);
    assert.strictEqual(sustainedUseMultiplier("e2-standard-4", 730), 1);
    const vm = one(res("gcp:compute/instance:Instance", { machineType: "n2-standard-8", zone: "us-central1-a", bootDisk: { initializeParams: { size: 10, type: "pd-balanced" } } }));
    const hourly = catalog.offer("gcp", "us-central1", "n2-standard-8")!.onDemandHourlyUSD;
    assert.ok(Math.abs(vm.components[0].monthlyUSD! - hourly * 730 * 0.8017) < 0.01);
    assert.match(vm.components[0].name, /20% sustained-use discount/);
  });

  it("gives free types their reason and source, and never bills components or providers", () => {
    const free = one(res("aws:ec2/securityGroup:SecurityGroup"));
    assert.strictEqual(free.billing, "free");
    assert.match(free.note, /VPC networking construct \(source: aws\.amazon\.com\/vpc\/pricing/);
    for (const e of FREE_TYPES) assert.ok(e.why && e.source, String(e.match));
    assert.strictEqual(one(res("pulumi:providers:aws")).billing, "free");
    assert.strictEqual(one({ urn: "u", name: "app", type: "cloudfit:app:Application", props: {} }).billing, "free");
    assert.strictEqual(one({ urn: "u", name: "svc", type: "my:thing:Thing", props: {}, custom: false }).billing, "free");
    assert.strictEqual(one(res("random:index/randomPassword:RandomPassword")).billing, "free");
    const other = one(res("cloudflare:index/record:Record"));
    assert.strictEqual(other.billing, "unpriced");
    assert.match(other.note, /outside the catalog/);
  });

  it("says why a resource is unpriced", () => {
    assert.match(one(res("aws:sfn/stateMachine:StateMachine")).note, /has no price rule/);
    assert.match(one(res("aws:ec2/instance:Instance", { instanceType: "x9.huge" })).note, /instance type 'x9\.huge' has no aws price in us-east-1/);
    const noRegion = one({ urn: "u", name: "n", type: "aws:ec2/natGateway:NatGateway", props: {}, provider: { type: "pulumi:providers:aws", props: {} } });
    assert.match(noRegion.note, /its region is unknown: set aws:region/);
    assert.strictEqual(noRegion.monthlyUSD, null);
  });

  it("accounts for every type of a representative corpus: priced, usage, free or unpriced with a reason, none thrown", () => {
    const corpus = [
      ...PRICED_TYPES,
      "aws:ec2/vpc:Vpc",
      "aws:iam/role:Role",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:lb/targetGroup:TargetGroup",
      "azure-native:network:VirtualNetwork",
      "azure-native:resources:ResourceGroup",
      "gcp:compute/firewall:Firewall",
      "gcp:projects/iAMMember:IAMMember",
      "aws:opensearch/domain:Domain",
    ];
    const out = estimateCosts(corpus.map((t, i) => res(t, {}, { name: `r${i}`, urn: `urn:${i}` })), {}, catalog).resources;
    assert.strictEqual(out.length, corpus.length);
    for (const e of out) {
      assert.ok(["priced", "usage", "free", "unpriced"].includes(e.billing), e.type);
      assert.ok(e.billing === "priced" || e.note.length > 0, `${e.type} has no note`);
      if (e.billing === "unpriced") assert.strictEqual(e.monthlyUSD, null);
      else assert.ok(Number.isFinite(e.monthlyUSD!) && e.monthlyUSD! >= 0, e.type);
      if (FREE_TYPES.some((f) => f.match.test(e.type)) && !PRICED_TYPES.includes(e.type)) assert.strictEqual(e.billing, "free", e.type);
    }
    assert.ok(PRICED_TYPES.length >= 100, String(PRICED_TYPES.length));
  });
});
