import * as assert from "assert";
import { FAMILIES, gapSources, renderGapSources, withIntegrality } from "../../bench/gap-sources";
import { generateSpec } from "../../bench/generate";
import { loadCatalog } from "../../optimizer/catalog";
import { buildCandidates } from "../../optimizer/candidates";
import { buildPlacementModel } from "../../optimizer/ilp";
import { optimize } from "../../optimizer/optimize";
import { validateSpec } from "../../optimizer/validate";

const catalog = loadCatalog();

describe("bench/gap-sources", function () {
  this.timeout(240_000);

  it("keeps integrality on one family of columns only, network indicators included", () => {
    const spec = validateSpec(generateSpec(catalog, { services: 4, seed: 1 }), catalog);
    const built = buildPlacementModel(spec, catalog, buildCandidates(spec, catalog), { wholeModelCuts: true, names: true });
    const m = built.model;
    const family = (label: string) => FAMILIES.find((f) => f.label.startsWith(label))!;
    const presence = withIntegrality(m, family("presence"));
    const expected = m.colNames.filter((n) => n.startsWith("a[")).length;
    assert.ok(expected > 0);
    assert.equal(presence.integerColumns, expected);
    m.colNames.forEach((n, j) => assert.equal(presence.model.integer[j], n.startsWith("a[") ? 1 : 0, n));
    // The network's indicators are continuous in the model; the family makes them integer.
    const network = withIntegrality(m, family("network"));
    const gw = m.colNames.findIndex((n) => n.startsWith("gw["));
    assert.ok(gw >= 0 && m.integer[gw] === 0 && network.model.integer[gw] === 1);
    const whole = withIntegrality(m, family("every"));
    assert.deepEqual([...whole.model.integer], [...m.integer]);
    assert.equal(withIntegrality(m, family("none")).integerColumns, 0);
    const unnamed = buildPlacementModel(spec, catalog, buildCandidates(spec, catalog), { wholeModelCuts: true }).model;
    assert.throws(() => withIntegrality(unnamed, family("presence")), /no column names: build it with `names: true`/);
  });

  it("bounds every relaxation between the linear relaxation and the optimum, which optimize finds too", async () => {
    const rows = await gapSources(catalog, 6, 1, 60);
    assert.deepEqual(rows.map((r) => r.family), FAMILIES.map((f) => f.label));
    const lp = rows[0].bound;
    const whole = rows[rows.length - 1];
    assert.equal(whole.status, "optimal");
    for (const r of rows) {
      assert.ok(Number.isFinite(r.bound), r.family);
      assert.ok(r.bound >= lp - 1e-6 && r.bound <= whole.bound + 1e-6 * whole.bound, `${r.family}: ${r.bound} outside [${lp}, ${whole.bound}]`);
    }
    assert.ok(whole.bound > lp + 1, "the spec has an integrality gap to explain");
    const spec = validateSpec(generateSpec(catalog, { services: 6, seed: 1 }), catalog);
    const r = await optimize(spec, catalog, { solver: "highs", timeLimitSec: 60, relativeGap: 1e-6 });
    assert.ok(Math.abs(r.report.objective - whole.bound) <= 1e-4 * whole.bound, `${r.report.objective} vs ${whole.bound}`);
    const table = renderGapSources(rows);
    assert.match(table, /^\| none \(the linear relaxation\) \| 0 \| \$[\d,]+\.\d\d \| 0% \| optimal \|/m);
    assert.match(table, /^\| every integer column \(the model\) \| \d+ \| \$[\d,]+\.\d\d \| 100% \| optimal \|/m);
  });
});
