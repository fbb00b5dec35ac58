// Unit conversion at ingest: every CPU series ends in percent or cores, memory and traffic in
// bytes, so that right-sizing compares like with like. Pure.

import type { UsageUnit } from "../types";

/** A canonical unit and the factor raw values are multiplied by to reach it. */
export interface UnitConversion {
  readonly unit: UsageUnit;
  readonly factor: number;
}

const BYTES: Readonly<Record<string, number>> = {
  b: 1, byte: 1, bytes: 1, By: 1,
  kb: 1e3, kilobytes: 1e3, kB: 1e3, KiBy: 1024, kib: 1024, kibibytes: 1024,
  mb: 1e6, megabytes: 1e6, MBy: 1e6, MiBy: 1048576, mib: 1048576, mebibytes: 1048576,
  gb: 1e9, gigabytes: 1e9, GBy: 1e9, GiBy: 1073741824, gib: 1073741824, gibibytes: 1073741824,
};

/**
 * The canonical unit of a unit label as exporters write it: CloudWatch ("Percent", "Bytes",
 * "Count"), Azure Monitor ("Percent", "Bytes", "Count", "CountPerSecond"), Cloud Monitoring (UCUM:
 * "1" or "10^2.%" for ratios, "By", "s{CPU}"), or a name hint (percent, ratio, cores, millicores).
 */
export function convertUnit(label: string | undefined): UnitConversion {
  if (label === undefined || label === "") return { unit: "unknown", factor: 1 };
  const l = label.trim();
  const lower = l.toLowerCase();
  if (lower === "percent" || l === "%") return { unit: "percent", factor: 1 };
  // UCUM "10^2.%" is a unit of 100 percent: Cloud Monitoring writes CPU utilization as a fraction.
  if (lower === "ratio" || l === "1" || l === "10^2.%") return { unit: "percent", factor: 100 };
  if (lower === "cores" || lower === "core" || lower === "vcpu" || l === "s{CPU}" || l === "{CPU}") return { unit: "cores", factor: 1 };
  if (lower === "millicores" || lower === "m") return { unit: "cores", factor: 1e-3 };
  if (BYTES[l] !== undefined) return { unit: "bytes", factor: BYTES[l] };
  if (BYTES[lower] !== undefined) return { unit: "bytes", factor: BYTES[lower] };
  if (lower === "count" || lower === "countpersecond" || lower === "count/second" || lower === "{request}") return { unit: "count", factor: 1 };
  if (lower === "usd") return { unit: "usd", factor: 1 };
  return { unit: "unknown", factor: 1 };
}

/** The unit a metric or column name suggests, for formats that carry no unit. */
export function unitFromName(name: string): UsageUnit {
  const n = name.toLowerCase();
  if (/cpu.?utili[sz]ation|cpu.?percent|_pct\b|percent/.test(n)) return "percent";
  if (/bytes|_mem_?bytes|memory_bytes/.test(n)) return "bytes";
  if (/cores|cpu_seconds_total|cpu_usage_seconds/.test(n)) return "cores";
  if (/request_?count|requests|count/.test(n)) return "count";
  return "unknown";
}

/** Metric names that hold CPU usage. */
export function isCpuMetric(name: string): boolean {
  return /cpu/i.test(name) && !/cycles|cpi/i.test(name);
}

/** Metric names that hold memory usage. */
export function isMemoryMetric(name: string): boolean {
  return /mem/i.test(name);
}
