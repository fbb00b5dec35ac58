import { loadCatalog } from "./optimizer/catalog";
import { loadStackSpec } from "./optimizer/config";
import { optimize } from "./optimizer/optimize";
(async () => {
  const c = loadCatalog();
  let spec: any = loadStackSpec(`/work/wt-netopt/stacks/Pulumi.${process.env.STACK ?? "dev"}.yaml`, c);
  if (process.env.NONET) spec = { ...spec, network: undefined };
  if (process.env.NOLAT) spec = { ...spec, links: spec.links.map((l: any) => ({ ...l, latency: undefined })) };
  const t = Date.now();
  const r = await optimize(spec, c, { explain: !!process.env.EXPLAIN });
  console.log(Date.now() - t, JSON.stringify(r.report), r.cost.total);
})();
