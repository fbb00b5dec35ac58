// The forecasting benchmark of `npm run bench`: accuracy of cloudfit's forecasts against seasonal
// naive and each single model on every shared usage series (1-day horizon, rolling origins over
// the last 3 days), the right-size replay against the Compute Optimizer, Azure Advisor and VPA
// rules, the monthly bill backtest, and the time to forecast 1,000 series of 14 days.

import * as fs from "fs";
import * as path from "path";
import {
  backtest,
  boundsFor,
  forecastBill,
  forecastSeries,
  parseBillCsv,
  readUsage,
  replaySeries,
  rollingOrigins,
  type ModelName,
  type UsageSeries,
} from "../optimizer/forecast";
import { table } from "../cli/format";

/** Where the shared usage series are. */
export const USAGE_DIR = path.resolve(__dirname, "../../shared/data/usage");

/** Accuracy of one method over all series. */
export interface MethodAccuracy {
  readonly method: string;
  readonly medianMase: number;
  readonly meanSmape: number;
  /** Share of all scored actuals at or below the method's P95 (null for seasonal naive). */
  readonly coverage95: number | null;
  readonly perSeries: readonly { readonly series: string; readonly mase: number | null }[];
}

/** One right-size rule's replay over all series. */
export interface RuleReplay {
  readonly rule: string;
  /** Share of all second-half intervals under-provisioned, pooled over series. */
  readonly underProvisioned: number;
  /** Series with at most 1% of intervals under-provisioned. */
  readonly seriesWithin1Pct: number;
  /** Mean over series of capacity-hours relative to Compute Optimizer's rule. */
  readonly capacityVsComputeOptimizer: number;
}

/** The whole forecasting benchmark. */
export interface ForecastBench {
  readonly series: number;
  readonly accuracy: readonly MethodAccuracy[];
  readonly maseRatio: number;
  readonly replay: readonly RuleReplay[];
  readonly replayPerSeries: readonly { readonly series: string; readonly rules: readonly { readonly rule: string; readonly underProvisioned: number; readonly capacityVsCO: number }[] }[];
  readonly bill: { readonly months: number; readonly mape: number; readonly naiveMape: number; readonly mapeExcludingShutdown: number; readonly naiveMapeExcludingShutdown: number };
  readonly speed: {
    readonly series: number;
    readonly points: number;
    /** Wall-clock time of the whole run, on one thread. */
    readonly forecastMs: number;
    /** CPU time of this process over the run: what the wall time would be on an otherwise idle core. */
    readonly forecastCpuMs: number;
    readonly withBacktestMsPerSeries: number;
  };
  readonly targets: readonly { readonly target: string; readonly met: boolean; readonly detail: string }[];
}

/** Every 5-minute series of the shared usage folder (NAB, Azure 2019, Google 2019). */
export function sharedSeries(dir = USAGE_DIR): UsageSeries[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".csv") && !f.startsWith("radian"))
    .sort()
    .flatMap((f) => readUsage(fs.readFileSync(path.join(dir, f), "utf8"), f, { intervalSec: 300 }));
}

function median(xs: number[]): number {
  const a = [...xs].sort((p, q) => p - q);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
}

function accuracy(all: readonly UsageSeries[], say: (m: string) => void): { methods: MethodAccuracy[]; ratio: number } {
  const variants: [string, readonly ModelName[] | undefined][] = [["cloudfit", undefined], ["ets", ["ets"]], ["ar", ["ar"]], ["ets+ar", ["ets+ar"]]];
  const methods: MethodAccuracy[] = [];
  let naive: MethodAccuracy | undefined;
  for (const [method, models] of variants) {
    say(`forecast accuracy: ${method}`);
    const per: { series: string; mase: number | null }[] = [];
    const naivePer: { series: string; mase: number | null }[] = [];
    let covered = 0;
    let steps = 0;
    let smape = 0;
    let naiveSmape = 0;
    for (const s of all) {
      const r = backtest(s.values, s.intervalSec, { horizon: 288, models, bounds: boundsFor(s.unit, s.values) }, rollingOrigins(s.values.length, 288, 3));
      per.push({ series: s.name, mase: r.ours.mase });
      naivePer.push({ series: s.name, mase: r.seasonalNaive.mase });
      covered += r.ours.coverage95 * r.ours.steps;
      steps += r.ours.steps;
      smape += r.ours.smape;
      naiveSmape += r.seasonalNaive.smape;
    }
    const med = median(per.map((p) => p.mase ?? NaN).filter(Number.isFinite));
    methods.push({ method, medianMase: med, meanSmape: smape / all.length, coverage95: covered / steps, perSeries: per });
    naive ??= { method: "seasonal-naive", medianMase: median(naivePer.map((p) => p.mase ?? NaN).filter(Number.isFinite)), meanSmape: naiveSmape / all.length, coverage95: null, perSeries: naivePer };
  }
  methods.push(naive!);
  return { methods, ratio: methods[0].medianMase / naive!.medianMase };
}

function replay(all: readonly UsageSeries[]): { rules: RuleReplay[]; perSeries: ForecastBench["replayPerSeries"] } {
  const totals = new Map<string, { under: number; n: number; within: number; rel: number }>();
  const perSeries: { series: string; rules: { rule: string; underProvisioned: number; capacityVsCO: number }[] }[] = [];
  for (const s of all) {
    const r = replaySeries(s.values, s.intervalSec, undefined, boundsFor(s.unit, s.values));
    const co = r.find((x) => x.rule === "compute-optimizer")!.capacityHours;
    const n = s.values.length - Math.floor(s.values.length / 2);
    perSeries.push({ series: s.name, rules: r.map((x) => ({ rule: x.rule, underProvisioned: x.underProvisioned, capacityVsCO: x.capacityHours / co })) });
    for (const x of r) {
      const t = totals.get(x.rule) ?? { under: 0, n: 0, within: 0, rel: 0 };
      t.under += x.underProvisioned * n;
      t.n += n;
      t.within += x.underProvisioned <= 0.01 ? 1 : 0;
      t.rel += x.capacityHours / co;
      totals.set(x.rule, t);
    }
  }
  const rules = [...totals.entries()].map(([rule, t]) => ({ rule, underProvisioned: t.under / t.n, seriesWithin1Pct: t.within, capacityVsComputeOptimizer: t.rel / all.length }));
  return { rules, perSeries };
}

function billBacktest(dir: string): ForecastBench["bill"] {
  const f = path.join(dir, "radian_aws_monthly_cost.csv");
  const { metric, months } = parseBillCsv(fs.readFileSync(f, "utf8"), f);
  const all = forecastBill(metric, months, 1, 12).backtest!;
  const before = forecastBill(metric, months.slice(0, -1), 1, 12).backtest!;
  return { months: all.months, mape: all.mape, naiveMape: all.naiveMape, mapeExcludingShutdown: before.mape, naiveMapeExcludingShutdown: before.naiveMape };
}

/** 1,000 (or `n`) windows of 14 days cut from the real series, forecast one day ahead. */
function speed(all: readonly UsageSeries[], n: number, say: (m: string) => void): ForecastBench["speed"] {
  const len = 14 * 288;
  const pool = all.filter((s) => s.values.length >= len);
  const windows = Array.from({ length: n }, (_, i) => {
    const s = pool[i % pool.length];
    const off = (i * 97) % (s.values.length - len + 1);
    return { ...s, name: `${s.name}#${i}`, values: s.values.slice(off, off + len) };
  });
  say(`speed: forecasting ${n} series of ${len} points`);
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (const w of windows) forecastSeries(w, { horizonSec: 86400, backtestOrigins: 0 });
  const forecastMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  const k = Math.min(50, n);
  const t1 = process.hrtime.bigint();
  for (const w of windows.slice(0, k)) forecastSeries(w, { horizonSec: 86400, backtestOrigins: 3 });
  return { series: n, points: len, forecastMs, forecastCpuMs: (cpu.user + cpu.system) / 1000, withBacktestMsPerSeries: Number(process.hrtime.bigint() - t1) / 1e6 / k };
}

/** Runs the forecasting benchmark. */
export function benchForecast(o: { series: number; dir?: string }, say: (m: string) => void = () => undefined): ForecastBench {
  const dir = o.dir ?? USAGE_DIR;
  const all = sharedSeries(dir);
  const { methods, ratio } = accuracy(all, say);
  say("right-size replay");
  const { rules, perSeries } = replay(all);
  const bill = billBacktest(dir);
  const sp = speed(all, o.series, say);
  const ours = rules.find((r) => r.rule === "cloudfit")!;
  const co = rules.find((r) => r.rule === "compute-optimizer")!;
  const az = rules.find((r) => r.rule === "azure-advisor")!;
  const cov = methods[0].coverage95!;
  const targets = [
    { target: "median MASE <= 0.90 x seasonal naive's", met: ratio <= 0.9, detail: `${ratio.toFixed(3)} (${methods[0].medianMase.toFixed(3)} vs ${methods[methods.length - 1].medianMase.toFixed(3)})` },
    { target: "P95 covers 93-97% of actuals", met: cov >= 0.93 && cov <= 0.97, detail: `${(100 * cov).toFixed(1)}%` },
    { target: "replay: <= 1% of intervals under-provisioned", met: ours.underProvisioned <= 0.01, detail: `${(100 * ours.underProvisioned).toFixed(2)}% pooled; ${ours.seriesWithin1Pct} of ${all.length} series within 1%` },
    {
      target: "replay: fewer capacity-hours than Compute Optimizer and Azure Advisor at the same or lower under-provisioning",
      met: ours.capacityVsComputeOptimizer < 1 && ours.capacityVsComputeOptimizer < az.capacityVsComputeOptimizer && ours.underProvisioned <= co.underProvisioned && ours.underProvisioned <= az.underProvisioned,
      detail: `capacity ${ours.capacityVsComputeOptimizer.toFixed(3)} x Compute Optimizer's (Azure Advisor ${az.capacityVsComputeOptimizer.toFixed(3)}); under-provisioned ${(100 * ours.underProvisioned).toFixed(2)}% vs ${(100 * co.underProvisioned).toFixed(2)}% and ${(100 * az.underProvisioned).toFixed(2)}%`,
    },
    {
      target: `${sp.series} series of 14 days at 5 min in < 60 s`,
      met: sp.series >= 1000 && sp.forecastMs < 60_000,
      detail: `${(sp.forecastMs / 1000).toFixed(1)} s wall, ${(sp.forecastCpuMs / 1000).toFixed(1)} s CPU`,
    },
  ];
  return { series: all.length, accuracy: methods, maseRatio: ratio, replay: rules, replayPerSeries: perSeries, bill, speed: sp, targets };
}

/** The forecasting benchmark as text tables. */
export function renderForecastBench(b: ForecastBench): string {
  const f3 = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));
  const pct = (x: number, d = 1) => `${(100 * x).toFixed(d)}%`;
  const out = [`Forecasting: ${b.series} shared usage series, 1-day horizon, rolling origins over the last 3 days`, ""];
  out.push(table(
    [{ header: "METHOD" }, { header: "MEDIAN MASE", align: "right" }, { header: "MEAN sMAPE", align: "right" }, { header: "P95 COVERAGE", align: "right" }],
    b.accuracy.map((m) => [m.method, f3(m.medianMase), `${m.meanSmape.toFixed(1)}%`, m.coverage95 === null ? "-" : pct(m.coverage95)]),
  ));
  out.push("", "Per series MASE (cloudfit / seasonal naive):");
  const naive = b.accuracy[b.accuracy.length - 1];
  out.push(table([{ header: "SERIES" }, { header: "CLOUDFIT", align: "right" }, { header: "SEASONAL NAIVE", align: "right" }], b.accuracy[0].perSeries.map((p, i) => [p.series, f3(p.mase), f3(naive.perSeries[i].mase)])));
  out.push("", "Right-size replay (size from the first half, score on the second):");
  out.push(table(
    [{ header: "RULE" }, { header: "UNDER-PROVISIONED", align: "right" }, { header: "SERIES <= 1%", align: "right" }, { header: "CAPACITY vs COMPUTE OPTIMIZER", align: "right" }],
    b.replay.map((r) => [r.rule, pct(r.underProvisioned, 2), `${r.seriesWithin1Pct}/${b.series}`, f3(r.capacityVsComputeOptimizer)]),
  ));
  out.push("", table(
    [{ header: "SERIES" }, ...b.replay.map((r) => ({ header: r.rule.toUpperCase(), align: "right" as const }))],
    b.replayPerSeries.map((s) => [s.series, ...s.rules.map((r) => `${pct(r.underProvisioned, 2)} @ ${r.capacityVsCO.toFixed(2)}`)]),
  ));
  out.push(
    "",
    `Bill (one month ahead, last ${b.bill.months} months): MAPE ${b.bill.mape.toFixed(1)}% vs last month repeated ${b.bill.naiveMape.toFixed(1)}%; ` +
      `before the shutdown month: ${b.bill.mapeExcludingShutdown.toFixed(2)}% vs ${b.bill.naiveMapeExcludingShutdown.toFixed(2)}%.`,
    `Speed: ${b.speed.series} series of ${b.speed.points} points forecast in ${(b.speed.forecastMs / 1000).toFixed(1)} s wall, ` +
      `${(b.speed.forecastCpuMs / 1000).toFixed(1)} s CPU (${(b.speed.forecastCpuMs / b.speed.series).toFixed(1)} ms CPU each, one thread); ` +
      `with the command's 3-origin backtest ${b.speed.withBacktestMsPerSeries.toFixed(0)} ms wall each.`,
    "",
    "Forecasting targets:",
    ...b.targets.map((t) => `  ${t.met ? "met   " : "MISSED"} ${t.target}: ${t.detail}`),
  );
  return out.join("\n") + "\n";
}
