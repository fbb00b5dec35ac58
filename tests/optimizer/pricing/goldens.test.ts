// Accuracy against the Infracost goldens: each golden case is registered with the real provider
// SDKs under Pulumi's mocks, priced with optimizer/pricing and compared with the golden's monthly
// cost of that resource: within 2%, or within the documented range of a known difference.

import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { recordProgram, toPricingResources } from "../../../cli/record";
import { GoldenResource, parseGolden } from "../../../optimizer/catalog/golden";
import { estimateCosts } from "../../../optimizer/pricing";
import type { CostEstimate, UsageFile } from "../../../optimizer/pricing/types";
import { GOLDEN_CASES, GoldenCase } from "./golden-cases";

const GOLDENS = path.resolve(__dirname, "../../../../shared/data/prices/infracost-goldens");

/** The golden's monthly cost of a case's resource (only the listed components when the case says so). */
function goldenMonthly(c: GoldenCase, cache: Map<string, GoldenResource[]>): number {
  let parsed = cache.get(c.golden);
  if (!parsed) cache.set(c.golden, (parsed = parseGolden(fs.readFileSync(path.join(GOLDENS, c.golden), "utf8"))));
  const r = parsed.find((x) => x.name === c.address);
  if (!r) throw new Error(`${c.address} is not in ${c.golden}`);
  const components = c.only ? r.components.filter((x) => c.only!.components.some((n) => x.path.join(" / ").includes(n))) : r.components;
  assert.ok(components.length > 0, `${c.address}: no golden component selected`);
  return components.reduce((s, x) => s + (x.monthlyUSD ?? 0), 0);
}

describe("pricing against the Infracost goldens", function () {
  this.timeout(120000);
  let estimate: CostEstimate;
  const cache = new Map<string, GoldenResource[]>();

  before(async () => {
    const usage: UsageFile = {
      resourceTypeDefaults: {},
      resources: Object.fromEntries(GOLDEN_CASES.filter((c) => c.usage).map((c) => [c.address, c.usage!])),
    };
    const recorded = await recordProgram({
      project: "goldens",
      stack: "test",
      config: { "aws:region": "us-east-1", "gcp:project": "p" },
      program: () => GOLDEN_CASES.forEach((c) => c.build(c.address)),
    });
    estimate = estimateCosts(toPricingResources(recorded), { usage });
  });

  it("covers at least 40 golden resources of the three clouds", () => {
    assert.ok(GOLDEN_CASES.length >= 40, String(GOLDEN_CASES.length));
    for (const cloud of ["aws/", "azure/", "google/"]) {
      assert.ok(GOLDEN_CASES.filter((c) => c.golden.startsWith(cloud)).length >= 10, cloud);
    }
  });

  for (const c of GOLDEN_CASES) {
    it(`${c.address} (${c.golden.split("/")[1]})`, () => {
      const e = estimate.resources.find((r) => r.name === c.address);
      assert.ok(e, `${c.address} was not recorded`);
      assert.ok(e.billing === "priced" || e.billing === "usage", `${c.address}: ${e.billing}: ${e.note}`);
      const golden = goldenMonthly(c, cache);
      // With `only`, the golden is cut down to what the Pulumi resource prices; ours is compared whole.
      const ours = e.monthlyUSD!;
      const detail = `ours ${ours.toFixed(2)} vs golden ${golden.toFixed(2)}: ${JSON.stringify(e.components.map((x) => [x.name, x.monthlyUSD]))}`;
      if (c.differs) {
        const ratio = ours / golden;
        assert.ok(ratio >= c.differs.ratio[0] && ratio <= c.differs.ratio[1], `${c.differs.why}; ratio ${ratio.toFixed(4)}; ${detail}`);
      } else {
        assert.ok(Math.abs(ours - golden) <= Math.max(0.02 * golden, 0.01), detail);
      }
    });
  }
});
