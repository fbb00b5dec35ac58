// Azure Monitor metrics JSON (`az monitor metrics list`, REST Microsoft.Insights/metrics): a
// `value` array of metrics, each with a unit and timeseries of {timeStamp, average|total|...}.

import type { RawSeries } from "../types";
import { parseDuration, parseTimestamp } from "../time";
import { convertUnit, unitFromName } from "./units";
import { isObj, lineOfKey, UsageFormatError } from "./errors";

const AGGREGATIONS = ["average", "total", "maximum", "minimum", "count"];

/** Raw series of an Azure Monitor metrics response, one per metric and per timeseries. */
export function parseAzureMonitor(doc: Record<string, unknown>, text: string, file: string): RawSeries[] {
  const metrics = doc.value as unknown[];
  const intervalSec = typeof doc.interval === "string" ? parseDuration(doc.interval) : undefined;
  const out: RawSeries[] = [];
  metrics.forEach((m, i) => {
    if (!isObj(m) || !Array.isArray(m.timeseries)) {
      throw new UsageFormatError(file, lineOfKey(text, "value"), `value[${i}] has no timeseries array.`, "export with `az monitor metrics list --output json`.");
    }
    const nameObj = m.name;
    const metric = isObj(nameObj) ? String(nameObj.value ?? nameObj.localizedValue ?? `metric${i + 1}`) : String(nameObj ?? `metric${i + 1}`);
    const conv = convertUnit(typeof m.unit === "string" ? m.unit : undefined);
    const unit = conv.unit === "unknown" ? unitFromName(metric) : conv.unit;
    m.timeseries.forEach((ts, k) => {
      const data = isObj(ts) && Array.isArray(ts.data) ? ts.data.filter(isObj) : undefined;
      if (!data) throw new UsageFormatError(file, lineOfKey(text, "timeseries"), `value[${i}].timeseries[${k}] has no data array.`, "export the metric again.");
      const agg = AGGREGATIONS.find((a) => data.some((d) => typeof d[a] === "number")) ?? "average";
      const labels = isObj(ts) && Array.isArray(ts.metadatavalues)
        ? ts.metadatavalues.filter(isObj).map((mv) => String(isObj(mv.name) ? mv.name.value : mv.name) + "=" + String(mv.value)).join(",")
        : "";
      out.push({
        name: labels ? `${metric}{${labels}}` : metric,
        unit,
        intervalSec,
        // A data point without the aggregation is a period with no samples: a gap.
        points: data.map((d) => ({ t: parseTimestamp(String(d.timeStamp)), v: typeof d[agg] === "number" ? (d[agg] as number) * conv.factor : NaN })),
      });
    });
  });
  return out;
}
