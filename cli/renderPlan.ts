// Human output of `cloudfit plan`: what the plan is and costs, how sure the solver is, why each
// service runs where it does, and what changes against the lock, in words a newcomer can read.

import { indent, style, table, useColor, usd, usdDelta } from "./format";
import type { PlanDiff } from "./planDiff";
import type { Move, PlacementResult } from "../optimizer/result";
import type { NetworkCostSummary, ReplicaGroup } from "../optimizer/plan";
import { workloadCount, type NormalizedSpec } from "../optimizer/spec";

/** What the plan renderer needs. */
export interface PlanView {
  readonly stack: string;
  readonly spec: NormalizedSpec;
  readonly result: PlacementResult;
  readonly diff: PlanDiff;
  readonly lockFile: string;
  readonly write: boolean;
  readonly written: boolean;
  readonly upToDate: boolean;
  /** Whether the lock existed before this run. */
  readonly hadLock: boolean;
  /** The fixed part of the migration cost per moved replica (--move-cost). */
  readonly moveCostUSD: number;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function pct(x: number | null): string {
  return x === null ? "new" : `${x >= 0 ? "+" : ""}${x.toFixed(1)}%`;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** One sentence on how the plan was found and how close to the cheapest it is proven to be. */
function solveSentence(v: PlanView): string {
  const r = v.result.report;
  if (r.variables === 0) {
    return v.hadLock
      ? `Nothing needed solving: every workload stays where ${v.lockFile} puts it, and each still fits the spec.`
      : "Nothing needed solving: the spec has no workloads.";
  }
  const solver = r.solver === "highs" ? "HiGHS" : r.solver === "jslp" ? "javascript-lp-solver" : r.solver;
  const gap = Number.isFinite(r.gap) ? `${(r.gap * 100).toFixed(3)}%` : "an unknown margin";
  const how =
    r.status === "optimal"
      ? r.gap <= 1e-9
        ? "this is the cheapest plan (proven)"
        : `this is the cheapest plan, proven to within ${gap}`
      : r.status === "feasible"
        ? `this plan is proven to be within ${gap} of the cheapest`
        : `the time limit came first: this is the best plan found, at most ${gap} above the cheapest (raise --time-limit to search longer)`;
  return (
    `Solved with ${solver} in ${seconds(r.solveMs)}: ${how}. ` +
    `(Model: ${plural(r.variables, "variable")}, ${plural(r.constraints, "constraint")}, built in ${seconds(r.buildMs)}.)`
  );
}

/** The placement table: a row per replica group with its own monthly cost, and a total per service. */
function placementTable(v: PlanView): string {
  const { result, spec } = v;
  const rows: string[][] = [];
  for (const svc of spec.services) {
    const p = result.plan.services[svc.name];
    if (!p) continue;
    const c = result.cost.services[svc.name];
    p.groups.forEach((g, i) => {
      const own = c.groups?.[i];
      rows.push([i === 0 ? svc.name : "", i === 0 ? "service" : "", g.cloud, g.region, g.instanceType, String(g.count), String(g.spot), own === undefined ? "" : usd(own)]);
    });
    if (p.groups.length > 1) {
      const count = p.groups.reduce((n, g) => n + g.count, 0);
      const spot = p.groups.reduce((n, g) => n + g.spot, 0);
      rows.push(["", "", "", "", `${svc.name} in total`, String(count), String(spot), usd(c.total)]);
    }
  }
  for (const b of spec.buckets) {
    const p = result.plan.buckets[b.name];
    if (!p) continue;
    rows.push([b.name, "bucket", p.cloud, p.region, `${b.storageGiB} GiB stored`, "", "", usd(result.cost.buckets[b.name].total)]);
  }
  for (const d of spec.databases ?? []) {
    const p = result.plan.databases?.[d.name];
    if (!p) continue;
    const copies = 1 + d.readReplicas;
    rows.push([d.name, "database", p.cloud, p.region, `${p.instanceClass} ${d.engine} ${d.version}${d.ha !== "none" ? `, HA ${d.ha}` : ""}`, String(copies), "0", usd(result.cost.databases?.[d.name]?.total ?? 0)]);
  }
  return table(
    [
      { header: "WORKLOAD" },
      { header: "KIND" },
      { header: "CLOUD" },
      { header: "REGION" },
      { header: "TYPE" },
      { header: "REPLICAS", align: "right" },
      { header: "SPOT", align: "right" },
      { header: "MONTHLY", align: "right" },
    ],
    rows,
  );
}

function where(groups: readonly ReplicaGroup[]): string {
  return [...new Set(groups.map((g) => `${g.cloud}:${g.region}`))].join(", ");
}

/** One sentence per move: what moved, whether it had to or chose to, and what it costs and saves. */
function moveSentence(m: Move, moveCostUSD: number): string {
  const place = (x: Move["from"]) => (Array.isArray(x) ? where(x as ReplicaGroup[]) : `${(x as { cloud: string }).cloud}:${(x as { region: string }).region}`);
  const bucket = m.kind !== "service";
  const subject = bucket ? `the ${m.kind} moves` : m.moved === 1 ? "1 replica moves" : `${m.moved} replicas move`;
  const chosen = m.moved - m.forced;
  const why: string[] = [];
  if (m.forced > 0) {
    const who = bucket || m.forced === m.moved ? (m.moved === 1 ? "it has to" : "they have to") : `${m.forced} ${m.forced === 1 ? "has" : "have"} to`;
    why.push(`${who}: ${m.reasons.join("; ")}`);
  }
  if (chosen > 0) {
    const them = m.forced > 0 ? `the other ${chosen}` : bucket || m.moved === 1 ? "it" : "them";
    why.push(`moving ${them} saves ${usd(m.savingUSD)}/month against keeping ${them === "it" ? "it" : "them"} where ${chosen === 1 ? "it is" : "they are"}`);
  }
  const basis = `${usd(moveCostUSD)} per ${bucket ? m.kind : "replica"} plus a month of internet egress of ${bucket || m.moved === 1 ? "its" : "their"} data`;
  return `${m.workload}: ${subject} from ${place(m.from)} to ${place(m.to)}; ${why.join("; ")}. Migration costs ${usd(m.migrationUSD)} once (${basis}).`;
}

/** Renders the plan command's human output. */
export function renderPlan(v: PlanView, io: { stdout: { isTTY?: boolean }; env: NodeJS.ProcessEnv }): string {
  const s = style(useColor(io.stdout, io.env));
  const { result, diff } = v;
  const out: string[] = [];
  const workloads = workloadCount(v.spec);
  out.push(s.bold(`Plan for stack ${v.stack}: ${plural(workloads, "workload")}, ${usd(result.cost.total)} a month.`), solveSentence(v), "");
  out.push(placementTable(v), "");

  const clouds = Object.entries(result.cost.clouds);
  const net = result.cost.network;
  out.push(
    net
      ? table(
          [{ header: "CLOUD" }, { header: "WORKLOADS", align: "right" }, { header: "NETWORK", align: "right" }, { header: "MONTHLY", align: "right" }],
          [
            ...clouds.map(([c, x]) => {
              const n = net.clouds[c as keyof typeof net.clouds] ?? 0;
              return [c, usd((x ?? 0) - n), `network: ${usd(n)}`, usd(x ?? 0)];
            }),
            [s.bold("total"), s.bold(usd(result.cost.total - net.total)), s.bold(`network: ${usd(net.total)}`), s.bold(usd(result.cost.total))],
          ],
        )
      : table(
          [{ header: "CLOUD" }, { header: "MONTHLY", align: "right" }],
          [...clouds.map(([c, x]) => [c, usd(x ?? 0)]), [s.bold("total"), s.bold(usd(result.cost.total))]],
        ),
    "",
  );
  const c = result.cost;
  out.push(
    `Cost by kind: compute ${usd(c.compute)}, disks ${usd(c.disk)}, bucket storage ${usd(c.storage)}, ` +
      `bucket reads from the internet ${usd(c.internetEgress)}, traffic between workloads ${usd(c.traffic)}` +
      (net ? `, network layer ${usd(net.total)}.` : "."),
  );
  if (net) out.push(networkSentence(net));
  if (result.budget) {
    const b = result.budget;
    out.push(
      b.excessUSD > 0
        ? s.red(`Budget: ${usd(b.totalUSD)} is ${usd(b.excessUSD)} over the monthly budget of ${usd(b.budgetUSD)}.`)
        : `Budget: ${usd(b.totalUSD)} of ${usd(b.budgetUSD)} a month (${usd(b.budgetUSD - b.totalUSD)} left).`,
    );
  }
  out.push("");

  const explanations = Object.values(result.explanations);
  if (explanations.length > 0) {
    out.push(s.bold(`Why each ${v.spec.databases?.length ? "workload" : "service"} runs where it does`));
    for (const e of explanations) {
      const because = e.binding.length > 0 ? `because ${e.binding.join("; ")}` : "because it is the cheapest offer that fits";
      out.push(`  ${e.service} runs ${e.placement} ${because}.`);
      for (const a of e.alternatives) {
        const delta = a.deltaUSD >= 0 ? `${usd(a.deltaUSD)} more` : `${usd(-a.deltaUSD)} less`;
        out.push(`    In ${a.cloud} instead it would cost ${delta} a month (${a.placement}).`);
      }
    }
    out.push("");
  }

  const changed = diff.changes.filter((x) => x.change !== "unchanged");
  if (!v.hadLock) {
    out.push(s.bold(`${v.lockFile} does not exist yet: every workload is new.`));
  } else if (changed.length === 0 && diff.deltaUSD === 0) {
    out.push(
      v.upToDate
        ? `No change: the plan is the one ${v.lockFile} already holds, at the same cost.`
        : `No workload moves; only the monthly costs recorded in ${v.lockFile} ${v.written ? "were" : "are"} out of date.`,
    );
  } else {
    out.push(s.bold(`Changes against ${v.lockFile} (what the stack deploys today)`));
    if (changed.length === 0) {
      out.push("  No workload moves; prices or traffic in the spec changed the cost.");
    } else {
      out.push(
        indent(
          table(
            [{ header: "WORKLOAD" }, { header: "CHANGE" }, { header: "FROM" }, { header: "TO" }, { header: "MONTHLY", align: "right" }],
            changed.map((x) => [x.workload, x.change, x.before ?? "-", x.after ?? "-", usdDelta(x.afterUSD - x.beforeUSD)]),
          ),
        ),
      );
    }
  }
  for (const m of result.moves) out.push(`  ${moveSentence(m, v.moveCostUSD)}`);
  if (v.hadLock && (changed.length > 0 || diff.deltaUSD !== 0)) {
    out.push("", `Monthly cost: ${usd(diff.beforeUSD)} today -> ${usd(diff.afterUSD)} with this plan (${usdDelta(diff.deltaUSD)}, ${pct(diff.deltaPct)}).`);
  }
  if (v.written) out.push(s.green(`Wrote ${v.lockFile}.`));
  else if (v.write && v.upToDate) out.push(`${v.lockFile} is already up to date.`);
  else if (!v.upToDate && !v.write) out.push(s.dim(`Run with --write to save this plan to ${v.lockFile}.`));
  return out.join("\n") + "\n";
}

/** Where the network layer's cost goes: each network, each connection, the front door. */
function networkSentence(net: NetworkCostSummary): string {
  const parts = [
    ...Object.entries(net.regions).map(([k, x]) => `network ${k} ${usd(x)}`),
    ...Object.entries(net.pairs).map(([k, x]) => `${k.replace("|", " <-> ")} ${usd(x)}`),
    ...(net.frontDoor > 0 ? [`front door ${usd(net.frontDoor)}`] : []),
  ];
  return `Network layer (NAT, balancers, peering and VPN, DNS): ${parts.length > 0 ? parts.join(", ") : "nothing billed"}.`;
}
