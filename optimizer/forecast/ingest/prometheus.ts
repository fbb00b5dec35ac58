// Prometheus HTTP API `query_range` JSON: {status, data: {resultType: "matrix", result: [{metric,
// values: [[unixSeconds, "value"], ...]}]}}; values are strings and may be "NaN" for gaps.

import type { RawSeries } from "../types";
import { unitFromName } from "./units";
import { isObj, lineOfKey, UsageFormatError } from "./errors";

/** Raw series of a Prometheus range-query response. */
export function parsePrometheus(doc: Record<string, unknown>, text: string, file: string): RawSeries[] {
  if (doc.status !== "success") {
    throw new UsageFormatError(file, lineOfKey(text, "status"), `holds a failed query (${String(doc.errorType ?? doc.status)}: ${String(doc.error ?? "no message")}).`, "fix the query and export it again.");
  }
  const data = isObj(doc.data) ? doc.data : {};
  if (data.resultType !== "matrix" || !Array.isArray(data.result)) {
    throw new UsageFormatError(file, lineOfKey(text, "resultType"), `holds a ${String(data.resultType)} result, not a matrix.`, "export with /api/v1/query_range (start, end, step), not /api/v1/query.");
  }
  return data.result.map((r, i) => {
    if (!isObj(r) || !Array.isArray(r.values)) {
      throw new UsageFormatError(file, lineOfKey(text, "result"), `result[${i}] has no values array.`, "export with /api/v1/query_range.");
    }
    const metric = isObj(r.metric) ? r.metric : {};
    const metricName = String(metric.__name__ ?? "");
    const labels = Object.entries(metric).filter(([k]) => k !== "__name__").map(([k, v]) => `${k}=${String(v)}`).sort().join(",");
    const name = `${metricName || "series"}${labels ? `{${labels}}` : ""}`;
    return {
      name,
      unit: unitFromName(name),
      points: r.values.map((p) => {
        const pair = Array.isArray(p) ? p : [];
        return { t: Number(pair[0]) * 1000, v: Number(pair[1]) };
      }),
    };
  });
}
