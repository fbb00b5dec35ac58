// Renders `cloudfit rightsize`: per service the current and recommended size with the evidence
// (forecast peak, rule, risk), the placed monthly cost before and after, as a table, one JSON
// document, or the HTML chart report with current and recommended capacity lines.

import type { RightsizeResult, ServiceUsage, ServiceRecommendation } from "../optimizer/forecast";
import { cpuDemand, formatDuration, memoryDemand } from "../optimizer/forecast";
import { pctChange, table, usd, usdDelta } from "./format";
import type { ChartData, HtmlReport } from "./reportHtml";

/** What the renderers need beside the result. */
export interface RightsizeContext {
  readonly stack: string;
  readonly file: string;
  readonly written: boolean;
  readonly write: boolean;
  readonly unmatched: readonly string[];
  readonly usage: Readonly<Record<string, ServiceUsage>>;
  readonly horizonSec: number;
  readonly notes: readonly string[];
}

const size = (s: { replicas: number; vcpu: number; memoryGiB: number }) => `${s.replicas} x ${s.vcpu} vCPU / ${s.memoryGiB} GiB`;
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** The `rightsize --json` document. */
export function rightsizeJson(r: RightsizeResult, ctx: RightsizeContext): unknown {
  const res = (x: ServiceRecommendation["cpu"]) =>
    x && { capacity: r3(x.capacity.capacity), forecastPeak: r3(x.capacity.forecastPeak), rule: x.capacity.rule, model: x.capacity.model, peak: r3(x.peak), riskRecommended: r3(x.riskRecommended), riskCurrent: r3(x.riskCurrent) };
  return {
    stack: ctx.stack,
    horizon: formatDuration(ctx.horizonSec),
    services: Object.fromEntries(Object.entries(r.services).map(([n, s]) => [n, {
      current: s.current,
      recommended: s.recommended,
      ...(s.cpu ? { cpu: { ...res(s.cpu), series: ctx.usage[n]?.cpu?.name, source: ctx.usage[n]?.cpu?.source } } : {}),
      ...(s.memory ? { memory: { ...res(s.memory), series: ctx.usage[n]?.memory?.name, source: ctx.usage[n]?.memory?.source } } : {}),
      monthlyUSD: { before: r.before.cost.services[n]?.total ?? 0, after: r.after.cost.services[n]?.total ?? 0 },
    }])),
    cost: { before: r.before.cost.total, after: r.after.cost.total, status: { before: r.before.status, after: r.after.status } },
    unmatchedFiles: ctx.unmatched,
    notes: ctx.notes,
    stackFile: { file: ctx.file, written: ctx.written },
  };
}

/** Human output of a right-sizing run. */
export function renderRightsizeText(r: RightsizeResult, ctx: RightsizeContext): string {
  const rows = Object.entries(r.services).map(([n, s]) => {
    const before = r.before.cost.services[n]?.total ?? 0;
    const after = r.after.cost.services[n]?.total ?? 0;
    const risk = [s.cpu ? `cpu ${pct(s.cpu.riskRecommended)}` : "", s.memory ? `mem ${pct(s.memory.riskRecommended)}` : ""].filter(Boolean).join(", ");
    const rule = [s.cpu ? `cpu ${s.cpu.capacity.rule}` : "", s.memory ? `mem ${s.memory.capacity.rule}` : ""].filter(Boolean).join(", ");
    return [n, size(s.current), size(s.recommended), usd(before), usd(after), risk, rule];
  });
  const out = [
    `Right-sizing stack ${ctx.stack} for the next ${formatDuration(ctx.horizonSec)} (P99 forecast plus headroom, priced by the optimizer)`,
    "",
    table(
      [{ header: "SERVICE" }, { header: "CURRENT" }, { header: "RECOMMENDED" }, { header: "BEFORE", align: "right" }, { header: "AFTER", align: "right" }, { header: "RISK" }, { header: "RULE" }],
      rows,
    ),
    "",
    "RISK: share of past intervals whose demand the recommended size would not have covered.",
  ];
  for (const [n, s] of Object.entries(r.services)) {
    for (const [res, x, unit] of [["cpu", s.cpu, "cores"], ["memory", s.memory, "GiB"]] as const) {
      if (!x) continue;
      out.push(`  ${n} ${res}: peak ${x.peak.toFixed(2)} ${unit}, forecast peak ${x.capacity.forecastPeak.toFixed(2)} (${x.capacity.model}), sized for ${x.capacity.capacity.toFixed(2)} ${unit}; the current size missed ${pct(x.riskCurrent)} of intervals.`);
    }
  }
  const b = r.before.cost.total;
  const a = r.after.cost.total;
  out.push("", `Monthly cost, placed by the optimizer: ${usd(b)} -> ${usd(a)} (${usdDelta(a - b)}, ${pctChange(b, a)}).`);
  for (const n of ctx.notes) out.push(`Note: ${n}`);
  if (ctx.unmatched.length > 0) out.push(`Files matching no service (ignored): ${ctx.unmatched.join(", ")}.`);
  if (ctx.written) out.push(`Wrote the recommended sizes to ${ctx.file}. Run \`cloudfit plan --stack ${ctx.stack} --write\` to place them and update the lock.`);
  else if (ctx.write) out.push(`${ctx.file} already holds these sizes; nothing written.`);
  else out.push(`Run with --write to put these sizes into ${ctx.file}.`);
  return out.join("\n") + "\n";
}

/** The HTML report: per service and resource, the demand history, forecast band and capacity lines. */
export function rightsizeHtml(r: RightsizeResult, ctx: RightsizeContext): HtmlReport {
  const charts: ChartData[] = [];
  for (const [n, s] of Object.entries(r.services)) {
    for (const res of ["cpu", "memory"] as const) {
      const x = s[res];
      const series = ctx.usage[n]?.[res];
      if (!x || !series) continue;
      const demand = (res === "cpu" ? cpuDemand : memoryDemand)(series, s.current).values;
      const step = series.intervalSec * 1000;
      const keep = Math.max(0, demand.length - Math.round((7 * 86400) / series.intervalSec));
      const end = series.startMs + demand.length * step;
      const f = x.capacity.forecast;
      const cur = res === "cpu" ? s.current.vcpu * s.current.replicas : s.current.memoryGiB * s.current.replicas;
      const rec = res === "cpu" ? s.recommended.vcpu * s.recommended.replicas : s.recommended.memoryGiB * s.recommended.replicas;
      charts.push({
        title: `${n} ${res}`,
        unit: res === "cpu" ? "cores" : "GiB",
        subtitle: `${series.source} (${series.name}); rule ${x.capacity.rule}, model ${x.capacity.model}; risk ${pct(x.riskRecommended)} recommended, ${pct(x.riskCurrent)} current`,
        history: demand.slice(keep).map((v, i) => [series.startMs + (keep + i) * step, v] as const),
        forecast: Array.from(f.p50, (p50, h) => ({ t: end + h * step, p50, p95: f.p95[h], p99: f.p99[h] })),
        currentCapacity: cur,
        recommendedCapacity: rec,
      });
    }
  }
  return {
    title: `cloudfit rightsize: stack ${ctx.stack}`,
    summary: {
      columns: ["Service", "Current", "Recommended", "Before", "After"],
      rows: Object.entries(r.services).map(([n, s]) => [n, size(s.current), size(s.recommended), usd(r.before.cost.services[n]?.total ?? 0), usd(r.after.cost.services[n]?.total ?? 0)]),
    },
    charts,
    notes: [`Monthly cost placed by the optimizer: ${usd(r.before.cost.total)} -> ${usd(r.after.cost.total)}.`],
  };
}
