// Forecasting a monthly bill: each month's cost as a fixed part plus a daily rate times its days,
// fitted on the last year of months since the last level shift; shifts are found where the daily rate moves
// by more than 15% and stays there. Prediction intervals come from the relative residuals within
// level segments, widening with the horizon. Pure.

import { quantiles } from "./stats";
import { UsageFormatError } from "./ingest/errors";

/** One month of a bill. */
export interface BillMonth {
  /** YYYY-MM. */
  readonly month: string;
  readonly usd: number;
}

/** A run of months at one level: cost = fixedUSD + perDayUSD x days. */
export interface BillSegment {
  readonly from: string;
  readonly to: string;
  readonly months: number;
  readonly fixedUSD: number;
  readonly perDayUSD: number;
}

/** A forecast month. */
export interface BillForecastMonth {
  readonly month: string;
  readonly days: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

/** The bill's forecast with the evidence behind it. */
export interface BillForecast {
  readonly metric: string;
  readonly history: readonly BillMonth[];
  readonly segments: readonly BillSegment[];
  /** Months left out of the level fit as one-month outliers. */
  readonly outliers: readonly string[];
  readonly forecast: readonly BillForecastMonth[];
  /** One-month-ahead errors over the last months, ours beside last month's cost repeated. */
  readonly backtest: { readonly months: number; readonly mape: number; readonly naiveMape: number } | null;
  readonly notes: readonly string[];
}

/** Days in a YYYY-MM month. */
export function daysIn(month: string): number {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** Monthly totals of a bill CSV with a month column (YYYY-MM); rows of one month are summed. */
export function parseBillCsv(text: string, file: string, metric?: string): { metric: string; months: BillMonth[] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length < 2) throw new UsageFormatError(file, 1, "has no rows.", "export the bill with a header row and one row per month.");
  const header = lines[0].split(",").map((h) => h.trim());
  const mi = header.findIndex((h) => /^(month|period|billing_?month|date)$/i.test(h));
  if (mi < 0) throw new UsageFormatError(file, 1, `has no month column (header: ${header.join(",")}).`, "add a month column holding YYYY-MM.");
  const first = lines[1].split(",");
  const numeric = header.map((_, i) => i).filter((i) => i !== mi && first[i] !== undefined && first[i].trim() !== "" && Number.isFinite(Number(first[i])));
  const name = metric ?? (header.find((h) => /^total/i.test(h)) || header[numeric[0]]);
  const vi = header.indexOf(name ?? "");
  if (vi < 0 || vi === mi) {
    throw new UsageFormatError(file, 1, `has no column "${metric}".`, `pass --metric with one of ${numeric.map((i) => header[i]).join(", ")}.`);
  }
  const sums = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(",");
    const month = (cells[mi] ?? "").trim().slice(0, 7);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageFormatError(file, i + 1, `has a month "${cells[mi]}" that is not YYYY-MM.`, "write months as 2025-01.");
    const v = Number(cells[vi]);
    if (!Number.isFinite(v)) throw new UsageFormatError(file, i + 1, `has a cost "${cells[vi]}" that is not a number.`, "write the cost as a plain number, e.g. 89.48.");
    sums.set(month, (sums.get(month) ?? 0) + v);
  }
  const months = [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, usd]) => ({ month, usd: Math.round(usd * 100) / 100 }));
  return { metric: name!, months };
}

/** Least-squares cost = fixed + perDay x days on a segment; proportional when all months have the same length. */
function fitSegment(ms: readonly BillMonth[]): { fixedUSD: number; perDayUSD: number } {
  const d = ms.map((m) => daysIn(m.month));
  const y = ms.map((m) => m.usd);
  const md = d.reduce((a, b) => a + b, 0) / d.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < d.length; i++) { sxx += (d[i] - md) ** 2; sxy += (d[i] - md) * (y[i] - my); }
  if (ms.length >= 3 && sxx > 0) {
    const perDayUSD = sxy / sxx;
    const fixedUSD = my - perDayUSD * md;
    if (perDayUSD >= 0 && fixedUSD >= 0) return { fixedUSD, perDayUSD };
  }
  return { fixedUSD: 0, perDayUSD: my / md };
}

const SHIFT = 0.15;
const FIT_MONTHS = 12;

/** Splits months into level segments and one-month outliers. */
function segment(ms: readonly BillMonth[]): { segments: BillMonth[][]; outliers: string[] } {
  const rate = (m: BillMonth) => m.usd / daysIn(m.month);
  const segments: BillMonth[][] = [];
  const outliers: string[] = [];
  let cur: BillMonth[] = [];
  const level = () => {
    const r = cur.map(rate).sort((a, b) => a - b);
    return r[Math.floor(r.length / 2)];
  };
  for (let i = 0; i < ms.length; i++) {
    if (cur.length === 0) { cur.push(ms[i]); continue; }
    const off = (r: number) => Math.abs(Math.log(r / level())) > Math.log(1 + SHIFT);
    if (!off(rate(ms[i]))) { cur.push(ms[i]); continue; }
    const nextAlsoOff = i + 1 < ms.length && off(rate(ms[i + 1]));
    if (nextAlsoOff || i === ms.length - 1) { segments.push(cur); cur = [ms[i]]; }
    else outliers.push(ms[i].month);
  }
  if (cur.length > 0) segments.push(cur);
  return { segments, outliers };
}

/** Forecasts the next `horizon` months of a bill. */
export function forecastBill(metric: string, months: readonly BillMonth[], horizon: number, backtestMonths = 12): BillForecast {
  if (months.length === 0) throw new Error("forecastBill needs at least one month");
  const { segments, outliers } = segment(months);
  const fits = segments.map(fitSegment);
  const resid: number[] = [];
  segments.forEach((seg, k) => {
    for (const m of seg) {
      const f = fits[k].fixedUSD + fits[k].perDayUSD * daysIn(m.month);
      if (seg.length >= 3 && f > 0) resid.push(m.usd / f - 1);
    }
  });
  const [q10, q90] = resid.length >= 3 ? quantiles(resid, [0.1, 0.9]) : [-0.1, 0.1];
  const lastSeg = segments[segments.length - 1];
  // The level is the last year of the last segment: older months at a level within 15% still drift.
  const last = fitSegment(lastSeg.slice(-FIT_MONTHS));
  const notes: string[] = [];
  if (lastSeg.length === 1 && segments.length > 1) {
    notes.push(`${lastSeg[0].month} departs from the level before it by more than ${SHIFT * 100}%; the forecast follows the new level, which one month cannot confirm.`);
  }
  if (outliers.length > 0) notes.push(`One-month outliers left out of the level: ${outliers.join(", ")}.`);
  const missing: string[] = [];
  for (let i = 1; i < months.length; i++) {
    for (let m = nextMonth(months[i - 1].month); m < months[i].month; m = nextMonth(m)) missing.push(m);
  }
  if (missing.length > 0) notes.push(`Months missing from the bill, left out rather than counted as zero: ${missing.join(", ")}.`);
  const forecast: BillForecastMonth[] = [];
  let month = months[months.length - 1].month;
  for (let h = 1; h <= horizon; h++) {
    month = nextMonth(month);
    const days = daysIn(month);
    const p50 = last.fixedUSD + last.perDayUSD * days;
    // Too few months at this level widen the interval: the level itself is uncertain.
    const widen = Math.sqrt(h) * (lastSeg.length < 3 ? 2 : 1);
    const r = (x: number) => Math.round(x * 100) / 100;
    forecast.push({ month, days, p10: r(Math.max(0, p50 * (1 + Math.min(q10, -0.01) * widen))), p50: r(p50), p90: r(p50 * (1 + Math.max(q90, 0.01) * widen)) });
  }
  let backtest: BillForecast["backtest"] = null;
  const k = Math.min(backtestMonths, months.length - 3);
  if (k > 0 && backtestMonths > 0) {
    let ours = 0;
    let naive = 0;
    for (let i = months.length - k; i < months.length; i++) {
      const f = forecastBill(metric, months.slice(0, i), 1, 0).forecast[0].p50;
      const y = months[i].usd;
      ours += Math.abs(y - f) / Math.max(Math.abs(y), 1e-9);
      naive += Math.abs(y - months[i - 1].usd) / Math.max(Math.abs(y), 1e-9);
    }
    backtest = { months: k, mape: (100 * ours) / k, naiveMape: (100 * naive) / k };
  }
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    metric,
    history: months,
    segments: segments.map((s, i) => ({ from: s[0].month, to: s[s.length - 1].month, months: s.length, fixedUSD: round(fits[i].fixedUSD), perDayUSD: round(fits[i].perDayUSD) })),
    outliers,
    forecast,
    backtest,
    notes,
  };
}
