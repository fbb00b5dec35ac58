// Google Cloud Monitoring `projects.timeSeries.list` JSON: `timeSeries` with a metric type and
// labels, a unit (UCUM), and points (newest first) of doubleValue, int64Value or a distribution.

import type { RawSeries } from "../types";
import { parseTimestamp } from "../time";
import { convertUnit, unitFromName } from "./units";
import { isObj, lineOfKey, UsageFormatError } from "./errors";

function pointValue(v: unknown): number {
  if (!isObj(v)) return NaN;
  if (typeof v.doubleValue === "number") return v.doubleValue;
  if (typeof v.doubleValue === "string") return Number(v.doubleValue);
  if (v.int64Value !== undefined) return Number(v.int64Value);
  if (isObj(v.distributionValue) && typeof v.distributionValue.mean === "number") return v.distributionValue.mean;
  return NaN;
}

// Metrics whose values are ratios in [0, 1] even where the response carries no unit.
const RATIO_METRICS = /cpu\/utilization|memory\/percent_used|utilization$/;

/** Raw series of a Cloud Monitoring timeSeries.list response. */
export function parseGcpTimeSeries(doc: Record<string, unknown>, text: string, file: string): RawSeries[] {
  const list = doc.timeSeries as unknown[];
  return list.map((ts, i) => {
    if (!isObj(ts) || !Array.isArray(ts.points)) {
      throw new UsageFormatError(file, lineOfKey(text, "timeSeries"), `timeSeries[${i}] has no points array.`, "export with the Monitoring API's projects.timeSeries.list (view FULL).");
    }
    const metric = isObj(ts.metric) ? ts.metric : {};
    const type = String(metric.type ?? `series${i + 1}`);
    const labels = { ...(isObj(ts.resource) && isObj(ts.resource.labels) ? ts.resource.labels : {}), ...(isObj(metric.labels) ? metric.labels : {}) };
    const labelText = Object.entries(labels).map(([k, v]) => `${k}=${String(v)}`).sort().join(",");
    const short = type.replace(/^.*googleapis\.com\//, "");
    let conv = convertUnit(typeof ts.unit === "string" ? ts.unit : undefined);
    if (conv.unit === "unknown" && RATIO_METRICS.test(type)) conv = { unit: "percent", factor: 100 };
    const unit = conv.unit === "unknown" ? unitFromName(type) : conv.unit;
    return {
      name: labelText ? `${short}{${labelText}}` : short,
      unit,
      points: ts.points.filter(isObj).map((p) => {
        const iv = isObj(p.interval) ? p.interval : {};
        return { t: parseTimestamp(String(iv.endTime ?? iv.startTime)), v: pointValue(p.value) * conv.factor };
      }),
    };
  });
}
