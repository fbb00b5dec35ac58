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
    const rows = await gapSources(catalog, 6, 1, 20);
    assert.deepEqual(rows.map((r) => r.family), FAMILIES.map((f) => f.label));
    assert.deepEqual(rows.map((r) => r.kind), ["lp", "partial", "partial", "partial", "partial", "model"]);
    const lp = rows[0].bound;
    const whole = rows[rows.length - 1];
    assert.equal(whole.status, "optimal");
    for (const r of rows) {
      assert.ok(Number.isFinite(r.bound), r.family);
      assert.ok(r.bound >= lp - 1e-6 && r.bound <= whole.bound + 1e-6 * whole.bound, `${r.family}: ${r.bound} outside [${lp}, ${whole.bound}]`);
    }
    assert.ok(whole.bound > lp + 1, "the spec has an integrality gap to explain");
    const spec = validateSpec(generateSpec(catalog, { services: 6, seed: 1 }), catalog);
    const r = await optimize(spec, catalog, { solver: "highs", timeLimitSec: 20, relativeGap: 1e-6 });
    assert.ok(Math.abs(r.report.objective - whole.bound) <= 1e-4 * whole.bound, `${r.report.objective} vs ${whole.bound}`);
    const table = renderGapSources(rows);
    assert.match(table, /^\| none \(the linear relaxation\) \| 0 \| \$[\d,]+\.\d\d \| 0% \| optimal \|/m);
    assert.match(table, /^\| every integer column \(the model\) \| \d+ \| \$[\d,]+\.\d\d \| 100% \| optimal \|/m);
  });

  it("gives each family's share of the gap only when the LP and the whole model were both proven", () => {
    const row = (family: string, kind: "lp" | "partial" | "model", bound: number, status: "optimal" | "time_limit" = "optimal") => ({ family, kind, integerColumns: kind === "lp" ? 0 : 10, status, bound, seconds: 1 });
    const rows = [row("lp", "lp", 1000), row("presence", "partial", 1075), row("network", "partial", 1020, "time_limit"), row("model", "model", 1100)];
    const table = renderGapSources(rows);
    assert.match(table, /^\| presence \| 10 \| \$1,075\.00 \| 75% \| optimal \|/m);
    assert.match(table, /^\| network \| 10 \| \$1,020\.00 \| 20% \| time_limit \|/m);
    assert.doesNotMatch(table, /No share closed/);
    // The whole model stopped at its limit: its bound is not the optimum, so no share is given.
    const open = renderGapSources([...rows.slice(0, 3), row("model", "model", 1090, "time_limit")]);
    assert.match(open, /^\| presence \| 10 \| \$1,075\.00 \| – \| optimal \|/m);
    assert.match(open, /\nNo share closed: the linear relaxation or the whole model was not solved to optimality \(raise limitSec\)\.$/);
  });
});
