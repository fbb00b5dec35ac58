// Renders `cloudfit forecast`: the JSON document, aligned tables for people, and the HTML chart
// report, for usage series and for a monthly bill.

import type { BillForecast, SeriesForecast } from "../optimizer/forecast";
import { formatDuration, isoTime } from "../optimizer/forecast";
import { table, usd } from "./format";
import type { ChartData, HtmlReport } from "./reportHtml";

/** The `forecast --json` document for usage series. */
export function forecastJson(series: readonly SeriesForecast[]): unknown {
  return {
    series: series.map((s) => ({
      name: s.name,
      source: s.source,
      unit: s.unit,
      intervalSec: s.intervalSec,
      relativeTime: s.relativeTime,
      model: s.model,
      seasonality: s.seasonality,
      candidates: s.candidates,
      backtest: s.backtest,
      baseline: s.baseline,
      ingest: s.ingest,
      trainedOn: { from: isoTime(s.trainedOn.from), until: isoTime(s.trainedOn.until), points: s.trainedOn.points },
      forecast: s.forecast.map((f) => ({ t: isoTime(f.t), p50: f.p50, p90: f.p90, p95: f.p95, p99: f.p99 })),
    })),
  };
}

const num = (x: number) => (Math.abs(x) >= 1e5 ? x.toExponential(3) : x.toFixed(Math.abs(x) >= 100 ? 1 : 3));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function ingestLine(s: SeriesForecast): string {
  const i = s.ingest;
  const parts = [`${i.read} points read`];
  if (i.filled > 0) parts.push(`${i.filled} filled (longest gap ${i.longestGap} step${i.longestGap === 1 ? "" : "s"})`);
  if (i.dropped > 0) parts.push(`${i.dropped} dropped (${i.duplicates} repeated timestamps)`);
  if (i.reordered > 0) parts.push(`${i.reordered} out of order`);
  if (i.snapped > 0) parts.push(`${i.snapped} snapped to the ${formatDuration(s.intervalSec)} grid`);
  return parts.join(", ");
}

/** Human output of a usage forecast: per series, its evidence and the forecast every hour or so. */
export function renderForecastText(series: readonly SeriesForecast[]): string {
  const out: string[] = [];
  for (const s of series) {
    const seas = s.seasonality.length > 0 ? s.seasonality.map((p) => `${p.name} (strength ${p.strength.toFixed(2)})`).join(", ") : "none found";
    out.push(`Series ${s.name}  (${s.source}, ${s.unit}, every ${formatDuration(s.intervalSec)}, trained on ${s.trainedOn.points} points to ${isoTime(s.trainedOn.until)})`);
    out.push(`  Ingest: ${ingestLine(s)}.`);
    if (s.relativeTime) out.push("  Times count from the start of the trace (shown as from 1970-01-01T00:00:00Z): the file gives no calendar time.");
    out.push(`  Seasonality: ${seas}.  Model: ${s.model}.`);
    if (s.backtest && s.baseline) {
      const m = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));
      out.push(
        `  Backtest (${s.backtest.origins} rolling origin${s.backtest.origins === 1 ? "" : "s"}, ${s.backtest.steps} steps): MASE ${m(s.backtest.mase)} (seasonal naive ${m(s.baseline.backtest.mase)}), ` +
          `sMAPE ${s.backtest.smape.toFixed(1)}% (${s.baseline.backtest.smape.toFixed(1)}%), P95 coverage ${pct(s.backtest.coverage95)}.`,
      );
    } else out.push("  Backtest: the series is too short for a rolling-origin backtest.");
    const every = Math.max(1, Math.round(s.forecast.length / 24));
    const rows = s.forecast.filter((_, i) => i % every === 0).map((f) => [isoTime(f.t), num(f.p50), num(f.p90), num(f.p95), num(f.p99)]);
    out.push("");
    out.push(table([{ header: "TIME" }, { header: "P50", align: "right" }, { header: "P90", align: "right" }, { header: "P95", align: "right" }, { header: "P99", align: "right" }], rows).split("\n").map((l) => "  " + l).join("\n"));
    if (every > 1) out.push(`  (every ${every}th of ${s.forecast.length} steps; --json gives all)`);
    out.push("");
  }
  return out.join("\n");
}

/** The HTML report of usage forecasts. */
export function forecastHtml(series: readonly SeriesForecast[], history: (s: SeriesForecast) => readonly (readonly [number, number])[]): HtmlReport {
  const charts: ChartData[] = series.map((s) => ({
    title: s.name,
    unit: s.unit,
    subtitle: `${s.source}; model ${s.model}; ` + (s.backtest ? `backtest MASE ${s.backtest.mase?.toFixed(3) ?? "n/a"}, P95 coverage ${pct(s.backtest.coverage95)}` : "no backtest"),
    history: history(s),
    forecast: s.forecast.map((f) => ({ t: f.t, p50: f.p50, p95: f.p95, p99: f.p99 })),
  }));
  return {
    title: "cloudfit forecast",
    summary: {
      columns: ["Series", "Unit", "Model", "MASE", "Seasonal naive MASE", "P95 coverage"],
      rows: series.map((s) => [s.name, s.unit, s.model, s.backtest?.mase?.toFixed(3) ?? "n/a", s.baseline?.backtest.mase?.toFixed(3) ?? "n/a", s.backtest ? pct(s.backtest.coverage95) : "n/a"]),
    },
    charts,
  };
}

/** Human output of a bill forecast. */
export function renderBillText(b: BillForecast, file: string): string {
  const out = [`Bill ${file} (${b.metric}, ${b.history.length} months ${b.history[0].month} to ${b.history[b.history.length - 1].month})`, ""];
  out.push("Levels (cost = fixed + per day x days in month):");
  out.push(table(
    [{ header: "FROM" }, { header: "TO" }, { header: "MONTHS", align: "right" }, { header: "FIXED", align: "right" }, { header: "PER DAY", align: "right" }],
    b.segments.map((s) => [s.from, s.to, String(s.months), usd(s.fixedUSD), usd(s.perDayUSD)]),
  ).split("\n").map((l) => "  " + l).join("\n"));
  out.push("", "Forecast:");
  out.push(table(
    [{ header: "MONTH" }, { header: "DAYS", align: "right" }, { header: "P10", align: "right" }, { header: "P50", align: "right" }, { header: "P90", align: "right" }],
    b.forecast.map((f) => [f.month, String(f.days), usd(f.p10), usd(f.p50), usd(f.p90)]),
  ).split("\n").map((l) => "  " + l).join("\n"));
  if (b.backtest) out.push("", `Backtest, one month ahead over the last ${b.backtest.months} months: MAPE ${b.backtest.mape.toFixed(1)}% (last month repeated: ${b.backtest.naiveMape.toFixed(1)}%).`);
  for (const n of b.notes) out.push(`Note: ${n}`);
  return out.join("\n") + "\n";
}

/** The HTML report of a bill forecast: monthly history and the forecast band. */
export function billHtml(b: BillForecast, file: string): HtmlReport {
  const t = (m: string) => Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 15);
  return {
    title: "cloudfit bill forecast",
    summary: { columns: ["Month", "Days", "P10", "P50", "P90"], rows: b.forecast.map((f) => [f.month, String(f.days), usd(f.p10), usd(f.p50), usd(f.p90)]) },
    charts: [{
      title: `${file}: ${b.metric}`,
      unit: "USD",
      subtitle: b.notes.join(" "),
      history: b.history.map((m) => [t(m.month), m.usd] as const),
      forecast: b.forecast.map((f) => ({ t: t(f.month), p50: f.p50, p95: f.p90, p99: f.p90 })),
    }],
    notes: ["The band spans P50 to P90 for a bill."],
  };
}
