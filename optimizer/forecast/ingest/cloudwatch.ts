// Amazon CloudWatch JSON exports: `aws cloudwatch get-metric-data` (MetricDataResults with
// parallel Timestamps and Values, newest first by default) and `get-metric-statistics`
// (Datapoints with a statistic and a Unit).

import type { RawSeries } from "../types";
import { parseTimestamp } from "../time";
import { convertUnit, unitFromName } from "./units";
import { isObj, lineOfKey, UsageFormatError } from "./errors";

const STATISTICS = ["Average", "Maximum", "Sum", "Minimum", "SampleCount"];

/** Raw series of a CloudWatch GetMetricData or GetMetricStatistics response. */
export function parseCloudWatch(doc: Record<string, unknown>, text: string, file: string): RawSeries[] {
  if (Array.isArray(doc.MetricDataResults)) {
    return doc.MetricDataResults.map((r, i) => {
      const line = lineOfKey(text, "MetricDataResults");
      if (!isObj(r) || !Array.isArray(r.Timestamps) || !Array.isArray(r.Values)) {
        throw new UsageFormatError(file, line, `MetricDataResults[${i}] has no Timestamps and Values arrays.`, "export with `aws cloudwatch get-metric-data --output json`.");
      }
      if (r.Timestamps.length !== r.Values.length) {
        throw new UsageFormatError(file, line, `MetricDataResults[${i}] has ${r.Timestamps.length} Timestamps but ${r.Values.length} Values.`, "export the metric again; the two arrays must be parallel.");
      }
      const name = String(r.Label ?? r.Id ?? `m${i + 1}`);
      const ts = r.Timestamps as unknown[];
      const vs = r.Values as unknown[];
      return {
        name,
        unit: unitFromName(name),
        points: ts.map((t, j) => ({ t: parseTimestamp(String(t)), v: typeof vs[j] === "number" ? (vs[j] as number) : NaN })),
      };
    });
  }
  if (Array.isArray(doc.Datapoints)) {
    const dps = doc.Datapoints.filter(isObj);
    const stat = STATISTICS.find((s) => dps.some((d) => typeof d[s] === "number"));
    if (!stat) {
      throw new UsageFormatError(file, lineOfKey(text, "Datapoints"), "has Datapoints without any statistic (Average, Maximum, Sum, Minimum, SampleCount).", "export with --statistics Average.");
    }
    const conv = convertUnit(typeof dps[0]?.Unit === "string" ? dps[0].Unit : undefined);
    const name = String(doc.Label ?? "metric");
    const unit = conv.unit === "unknown" ? unitFromName(name) : conv.unit;
    return [{
      name,
      unit,
      points: dps.map((d) => ({ t: parseTimestamp(String(d.Timestamp)), v: typeof d[stat] === "number" ? (d[stat] as number) * conv.factor : NaN })),
    }];
  }
  throw new UsageFormatError(file, 1, "is JSON but neither MetricDataResults nor Datapoints is present.", "export with `aws cloudwatch get-metric-data` or `get-metric-statistics --output json`.");
}
