import { loadCatalog } from "./optimizer/catalog";
import { loadStackSpec } from "./optimizer/config";
import { optimize } from "./optimizer/optimize";
(async () => {
  const c = loadCatalog();
  const spec = loadStackSpec("/work/wt-netopt/stacks/Pulumi.dev.yaml", c);
  try { const r = await optimize(spec, c, { explain: false }); console.log(JSON.stringify(r.report), r.cost.total, JSON.stringify(r.cost.network), JSON.stringify(r.plan)); } catch (e) { console.log((e as any).stack); }
})();
