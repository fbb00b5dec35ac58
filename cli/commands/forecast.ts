// `cloudfit forecast`: reads a usage export (or a monthly bill), forecasts it with prediction
// quantiles and a rolling-origin backtest beside the seasonal-naive baseline, and prints a table,
// one JSON document, or a self-contained HTML chart report.

import * as fs from "fs";
import * as path from "path";
import { CommandSpec, Flags, UsageError } from "../args";
import type { Io } from "../main";
import { EXIT_OK } from "../exitCodes";
import { forecastBill, forecastSeries, parseBillCsv, readUsage, type UsageSeries } from "../../optimizer/forecast";
import { billHtml, forecastHtml, forecastJson, renderBillText, renderForecastText } from "../renderForecast";
import { renderHtmlReport, type HtmlReport } from "../reportHtml";
import { deliver, durationFlag, formatFlag, numberFlag, timeFlag } from "../usageFlags";
import { rightsizeRequest, rightsizeStack } from "./rightsize";
import { usd } from "../format";

/** The forecast command's flags and help. */
export const forecastCommand: CommandSpec = {
  name: "forecast",
  summary: "Forecast a usage export or a monthly bill, with quantiles and a backtest against seasonal naive.",
  usage: "cloudfit forecast (--input FILE | --bill FILE) [--metric NAME] [--train-until TIME] [--horizon 1d] [--format table|json|html] [--json]",
  flags: [
    { name: "input", kind: "string", value: "FILE", description: "Usage export: CloudWatch JSON or CSV, Azure Monitor JSON, Cloud Monitoring JSON, Prometheus JSON." },
    { name: "bill", kind: "string", value: "FILE", description: "Monthly bill CSV with a month column (YYYY-MM) instead of --input." },
    { name: "metric", kind: "string", value: "NAME", description: "Series (or bill column) to forecast; default every series in the file." },
    { name: "train-until", kind: "string", value: "TIME", description: "Use only data before this time (ISO-8601, UTC); later values are kept for comparison." },
    { name: "horizon", kind: "string", value: "DURATION", description: "How far ahead: 1d, 12h, 7d (usage), or a number of months (bill).", default: "1d" },
    { name: "interval", kind: "string", value: "DURATION", description: "Row spacing of a file without times, e.g. 5m." },
    { name: "unit", kind: "string", value: "UNIT", description: "Unit of the values when the file does not say: percent, ratio, cores, bytes, GiB, count." },
    { name: "backtest", kind: "string", value: "N", description: "Rolling backtest origins, one horizon apart (0 skips it).", default: "3" },
    { name: "usage", kind: "string", value: "DIR", description: "With --bill: usage exports of --stack, to add the plan's projected monthly cost from forecast demand." },
    { name: "stack", kind: "string", value: "NAME", description: "With --bill --usage: the stack whose plan is projected.", default: "dev" },
    { name: "solver", kind: "string", value: "NAME", description: "With --bill --usage: solver that places the projected plan (highs or jslp).", default: "highs" },
    { name: "format", kind: "string", value: "FORMAT", description: "table, json or html." },
    { name: "output", kind: "string", value: "FILE", description: "Write the output to FILE (atomically) instead of stdout." },
  ],
};

function readText(file: string, flag: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === "ENOENT" ? `${flag} ${file} does not exist. To fix: pass the path of an exported file.` : `${file} could not be read: ${(e as Error).message}. To fix: check the file's permissions.`,
    );
  }
}

/** Picks the series named by --metric, or all. */
export function selectSeries(all: readonly UsageSeries[], metric: string | undefined, file: string): UsageSeries[] {
  if (metric === undefined) return [...all];
  const hit = all.filter((s) => s.name === metric);
  if (hit.length === 0) {
    throw new UsageError(`${file} has no series "${metric}". Series in it: ${all.map((s) => s.name).join(", ")}. To fix: pass --metric with one of them.`);
  }
  return hit;
}

function withNote(r: HtmlReport, note: string): HtmlReport {
  return note === "" ? r : { ...r, notes: [...(r.notes ?? []), note] };
}

async function runBill(flags: Flags, io: Io): Promise<number> {
  const file = path.resolve(io.cwd, String(flags.bill));
  const raw = String(flags.horizon);
  const months = /^\d+$/.test(raw) ? Number(raw) : raw === "1d" ? 3 : NaN;
  if (!Number.isInteger(months) || months < 1 || months > 36) {
    throw new UsageError(`--horizon for a bill is a number of months from 1 to 36, got "${raw}". To fix: write --horizon 3.`);
  }
  const { metric, months: history } = parseBillCsv(readText(file, "--bill"), String(flags.bill), flags.metric === undefined ? undefined : String(flags.metric));
  const b = forecastBill(metric, history, months);
  const format = formatFlag(flags);
  let projected: { stack: string; currentMonthlyUSD: number; projectedMonthlyUSD: number } | undefined;
  if (flags.usage !== undefined) {
    // The stack sized by rightsize's rules from its forecast demand, then placed and priced.
    const rs = await rightsizeStack(io, rightsizeRequest({ ...flags, horizon: undefined }, io));
    projected = { stack: String(flags.stack), currentMonthlyUSD: rs.result.before.cost.total, projectedMonthlyUSD: rs.result.after.cost.total };
  }
  const projectedLine = projected
    ? `Plan of stack ${projected.stack} from forecast demand (sizes by cloudfit rightsize, placed by the optimizer): ` +
      `${usd(projected.projectedMonthlyUSD)} a month, against ${usd(projected.currentMonthlyUSD)} at its current sizes.\n`
    : "";
  const text =
    format === "json" ? JSON.stringify({ bill: { file: String(flags.bill), ...b, ...(projected ? { projected } : {}) } }, null, 2) + "\n" :
    format === "html" ? renderHtmlReport(withNote(billHtml(b, String(flags.bill)), projectedLine.trim())) :
    renderBillText(b, String(flags.bill)) + projectedLine;
  const d = deliver(text, flags, io.cwd);
  io.stdout.write(d.stdout);
  if (d.wrote) io.stderr.write(`Wrote ${d.wrote}\n`);
  return EXIT_OK;
}

/** Runs `cloudfit forecast`. */
export async function runForecast(flags: Flags, io: Io): Promise<number> {
  if (flags.input !== undefined && flags.bill !== undefined) throw new UsageError("--input and --bill cannot be used together. To fix: forecast one file at a time.");
  if (flags.bill !== undefined) return runBill(flags, io);
  if (flags.usage !== undefined) throw new UsageError("--usage goes with --bill (the plan's projected cost beside the bill). To fix: use cloudfit rightsize --usage DIR to size services from usage.");
  if (flags.input === undefined) throw new UsageError("cloudfit forecast needs --input FILE (a usage export) or --bill FILE. To fix: e.g. cloudfit forecast --input cpu.csv.");
  const format = formatFlag(flags);
  const horizonSec = durationFlag(flags, "horizon")!;
  const intervalSec = durationFlag(flags, "interval");
  const trainUntilMs = timeFlag(flags, "train-until");
  const origins = numberFlag(flags, "backtest", 0, 30)!;
  if (!Number.isInteger(origins)) throw new UsageError(`--backtest must be a whole number, got "${String(flags.backtest)}". To fix: write --backtest 3.`);
  const file = path.resolve(io.cwd, String(flags.input));
  const all = readUsage(readText(file, "--input"), String(flags.input), { intervalSec, unit: flags.unit === undefined ? undefined : String(flags.unit) });
  const chosen = selectSeries(all, flags.metric === undefined ? undefined : String(flags.metric), String(flags.input));
  const results = chosen.map((s, i) => {
    if (chosen.length > 1 && format !== "json") io.stderr.write(`forecasting ${i + 1}/${chosen.length}: ${s.name}\n`);
    if (trainUntilMs !== undefined && trainUntilMs <= s.startMs + 2 * s.intervalSec * 1000) {
      throw new UsageError(`--train-until ${String(flags["train-until"])} leaves fewer than 2 points of ${s.name}, which starts at ${new Date(s.startMs).toISOString()}. To fix: pass a later time.`);
    }
    return { s, f: forecastSeries(s, { horizonSec, trainUntilMs, backtestOrigins: origins }) };
  });
  const forecasts = results.map((r) => r.f);
  let text: string;
  if (format === "json") text = JSON.stringify(forecastJson(forecasts), null, 2) + "\n";
  else if (format === "html") {
    const byName = new Map(results.map((r) => [r.f, r.s]));
    text = renderHtmlReport(forecastHtml(forecasts, (f) => {
      const s = byName.get(f)!;
      const n = f.trainedOn.points;
      const keep = Math.max(0, n - Math.max(4 * f.forecast.length, Math.round(7 * 86400 / s.intervalSec)));
      const hist = s.values.slice(keep, n + f.forecast.length).map((v, i) => [s.startMs + (keep + i) * s.intervalSec * 1000, v] as const);
      return hist;
    }));
  } else text = renderForecastText(forecasts);
  const d = deliver(text, flags, io.cwd);
  io.stdout.write(d.stdout);
  if (d.wrote) io.stderr.write(`Wrote ${d.wrote}\n`);
  return EXIT_OK;
}
