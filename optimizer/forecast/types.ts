// Plain data shared by the forecasting stages: a regular usage series, what ingest did to make it
// regular, and a forecast with its quantiles and backtest figures.

/** Units a usage series can be in after conversion. */
export type UsageUnit = "percent" | "cores" | "bytes" | "count" | "usd" | "unknown";

/** What ingest did to turn raw points into a regular series. */
export interface IngestReport {
  /** Points read from the file. */
  readonly read: number;
  /** Grid slots with no point, filled by linear interpolation between their neighbours. */
  readonly filled: number;
  /** Points dropped: repeated timestamps (the values are averaged) and non-numeric values. */
  readonly dropped: number;
  /** Of `dropped`, points that repeated a timestamp already seen. */
  readonly duplicates: number;
  /** Points that arrived out of time order and were sorted. */
  readonly reordered: number;
  /** Points whose timestamp was off the regular grid and was snapped to its nearest slot. */
  readonly snapped: number;
  /** Longest run of filled slots. */
  readonly longestGap: number;
}

/** A regular time series: one value per `intervalSec`, starting at `startMs`. */
export interface UsageSeries {
  /** Name, unique within its file: the metric, column or label set. */
  readonly name: string;
  /** File the series came from. */
  readonly source: string;
  readonly unit: UsageUnit;
  readonly intervalSec: number;
  /** Epoch milliseconds of the first value; relative traces start at 0 (1970-01-01). */
  readonly startMs: number;
  /** True when the file gives time relative to the trace start rather than calendar time. */
  readonly relativeTime: boolean;
  readonly values: readonly number[];
  readonly ingest: IngestReport;
}

/** One raw point: epoch milliseconds and value (NaN when the file held no number). */
export interface RawPoint {
  readonly t: number;
  readonly v: number;
}

/** A series as read from a file, before it is put on a regular grid. */
export interface RawSeries {
  readonly name: string;
  readonly unit: UsageUnit;
  readonly points: readonly RawPoint[];
  readonly relativeTime?: boolean;
  /** Interval the file states (e.g. Azure's `interval: PT5M`), used before guessing from the data. */
  readonly intervalSec?: number;
}

/** Forecast quantile levels reported per step. */
export const QUANTILES = [0.5, 0.9, 0.95, 0.99] as const;

/** One forecast step: time and the predicted quantiles. */
export interface ForecastStep {
  readonly t: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
}

/** Accuracy of a forecasting method over a rolling-origin backtest. */
export interface BacktestScore {
  /** Mean absolute error over the seasonal-naive in-sample error (M4's MASE); null when that is 0. */
  readonly mase: number | null;
  /** Symmetric mean absolute percentage error in percent (0–200). */
  readonly smape: number;
  /** Share of actuals at or below the P95 forecast. */
  readonly coverage95: number;
  /** Origins and steps scored. */
  readonly origins: number;
  readonly steps: number;
}
