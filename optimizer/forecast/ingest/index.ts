// Reading usage files: detects the export format, parses it, converts units and puts every
// series on a regular grid. Pure on the file's text; the command reads the file.

import type { UsageSeries, UsageUnit } from "../types";
import { parseCsv } from "./csv";
import { parseCloudWatch } from "./cloudwatch";
import { parseAzureMonitor } from "./azure";
import { parseGcpTimeSeries } from "./gcp";
import { parsePrometheus } from "./prometheus";
import { regularize } from "./regularize";
import { convertUnit } from "./units";
import { parseJson, UsageFormatError } from "./errors";

export { UsageFormatError } from "./errors";
export { convertUnit, isCpuMetric, isMemoryMetric } from "./units";
export { regularize } from "./regularize";

/** Export formats cloudfit reads. */
export type UsageFormat = "csv" | "cloudwatch" | "azure-monitor" | "gcp-monitoring" | "prometheus";

/** Options for reading one usage file. */
export interface ReadOptions {
  /** Row spacing for files without times, and the grid for every series. */
  readonly intervalSec?: number;
  /** Unit label overriding what the file says (e.g. "ratio", "percent", "cores", "GiBy"). */
  readonly unit?: string;
}

/** The format of a usage file from its name and text. */
export function detectFormat(text: string, file: string): UsageFormat {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return "csv";
  const doc = parseJson(text, file);
  if (typeof doc === "object" && doc !== null && !Array.isArray(doc)) {
    const d = doc as Record<string, unknown>;
    if ("MetricDataResults" in d || "Datapoints" in d) return "cloudwatch";
    if (Array.isArray(d.value) && d.value.some((m) => typeof m === "object" && m !== null && "timeseries" in m)) return "azure-monitor";
    if ("timeSeries" in d) return "gcp-monitoring";
    if ("status" in d && "data" in d) return "prometheus";
  }
  throw new UsageFormatError(
    file, 1,
    "is JSON in no format cloudfit reads.",
    "export CloudWatch get-metric-data, Azure Monitor metrics, Cloud Monitoring timeSeries.list or Prometheus query_range JSON, or a CSV with timestamp,value.",
  );
}

/** Every series of a usage file, regular and in canonical units. */
export function readUsage(text: string, file: string, opts: ReadOptions = {}): UsageSeries[] {
  const format = detectFormat(text, file);
  let raws;
  if (format === "csv") raws = parseCsv(text, file, opts.intervalSec);
  else {
    const doc = JSON.parse(text) as Record<string, unknown>;
    if (format === "cloudwatch") raws = parseCloudWatch(doc, text, file);
    else if (format === "azure-monitor") raws = parseAzureMonitor(doc, text, file);
    else if (format === "gcp-monitoring") raws = parseGcpTimeSeries(doc, text, file);
    else raws = parsePrometheus(doc, text, file);
  }
  if (raws.length === 0) throw new UsageFormatError(file, undefined, "holds no series.", "export a time range and metric that hold data.");
  return raws.map((raw) => {
    let r = raw;
    if (opts.unit !== undefined) {
      const conv = convertUnit(opts.unit);
      if (conv.unit === "unknown") {
        throw new UsageFormatError(file, undefined, `has a unit override "${opts.unit}" that cloudfit does not know.`, "use percent, ratio, cores, millicores, bytes, KiB, MiB, GiB or count.");
      }
      r = { ...raw, unit: conv.unit as UsageUnit, points: raw.points.map((p) => ({ t: p.t, v: p.v * conv.factor })) };
    }
    const valid = r.points.filter((p) => Number.isFinite(p.v) && Number.isFinite(p.t)).length;
    if (valid < 2) {
      throw new UsageFormatError(file, undefined, `series ${r.name} has ${valid} usable point${valid === 1 ? "" : "s"}; at least 2 are needed.`, "export a longer time range.");
    }
    return regularize(r, file, opts.intervalSec);
  });
}
