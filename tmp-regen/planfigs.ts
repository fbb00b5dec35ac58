import * as fs from "fs";
import * as path from "path";
import { editWorkload, run, tempRoot } from "../tests/cli/harness";
function edit(root: string, rel: string, from: string, to: string) {
  const f = path.join(root, rel); const t = fs.readFileSync(f, "utf8"); if (!t.includes(from)) throw new Error("no " + from); fs.writeFileSync(f, t.replace(from, to));
}
(async () => {
  const out: any = {};
  { const root = tempRoot(); editWorkload(root, "prod", (w) => { w.services.worker.replicas = 8; w.services.worker.spotReplicas = 8; });
    const d = JSON.parse((await run(["plan", "--stack", "prod", "--reoptimize", "--json"], root)).stdout);
    out.prodWorker = { groups: d.plan.services.worker.groups, moves: d.moves, total: d.cost.total, obj: d.status.objective, before: d.diff.beforeUSD };
    const lockW = JSON.parse(fs.readFileSync("stacks/placement.prod.json","utf8")).services.worker; out.prodWorkerLock = lockW; }
  { const root = tempRoot();
    const lock = fs.readFileSync("stacks/placement.dev.json", "utf8"); out.devWorkerLock = JSON.parse(lock).services.worker;
    const w = JSON.parse(lock).services.worker.groups[0];
    const from = `{ "cloud": "${w.cloud}", "region": "${w.region}", "instanceType": "${w.instanceType}", "count": ${w.count}, "spot": ${w.spot} }`;
    out.from = from;
    edit(root, "stacks/placement.dev.json", from, `{ "cloud": "aws", "region": "eu-north-1", "instanceType": "c6g.xlarge", "count": 2, "spot": 0 }`);
    editWorkload(root, "dev", (w) => { w.services.worker.replicas = 4; w.services.worker.spotReplicas = 4; });
    for (const mode of [[], ["--reoptimize"]]) {
      const d = JSON.parse((await run(["plan", "--stack", "dev", "--json", ...mode], root)).stdout);
      out["keep" + mode.join("")] = { groups: d.plan.services.worker.groups, moves: d.moves, total: d.cost.total, before: d.diff.beforeUSD };
      const e = JSON.parse((await run(["plan", "--stack", "dev", "--json", "--move-cost", "0", ...mode], root)).stdout);
      out["move" + mode.join("")] = { groups: e.plan.services.worker.groups, moves: e.moves, total: e.cost.total, obj: e.status.objective };
    }
    const h = await run(["plan", "--stack", "dev", "--move-cost", "0"], root);
    out.words = h.stdout.split("\n").filter((l) => /worker: |Monthly cost:/.test(l));
  }
  { const root = tempRoot(); editWorkload(root, "dev", (w) => { w.services.cache.residency = ["DE"]; });
    const d = JSON.parse((await run(["plan", "--stack", "dev", "--json"], root)).stdout);
    out.forced = { moves: d.moves, total: d.cost.total, obj: d.status.objective };
    const h = await run(["plan", "--stack", "dev"], root); out.forcedWords = h.stdout.split("\n").filter((l) => /cache: /.test(l)); }
  { const root = tempRoot(); editWorkload(root, "dev", (w) => { w.services.api.replicas = 5; });
    const d = JSON.parse((await run(["plan", "--stack", "dev", "--json"], root)).stdout);
    const api = d.diff.changes.find((c: any) => c.workload === "api");
    out.today = { diff: [d.diff.beforeUSD, d.diff.afterUSD, d.diff.deltaUSD, d.diff.deltaPct], api: [api.change, api.beforeUSD, api.afterUSD], moves: d.moves };
    const h = await run(["plan", "--stack", "dev"], root); out.todayWords = h.stdout.split("\n").filter((l) => /Monthly cost:/.test(l)); }
  { const h = await run(["plan", "--stack", "dev"]); out.devLines = h.stdout.split("\n").filter((l) => /^orders|orders runs|^ {2}(api|cache|web|worker) runs|^api /.test(l)); }
  console.log(JSON.stringify(out, null, 1));
})();
