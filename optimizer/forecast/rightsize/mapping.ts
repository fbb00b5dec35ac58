// Which usage series belong to which service: a mapping file (services.<name>.cpu|memory with a
// file, optionally a series, unit and interval) or, without one, file names such as api.cpu.csv,
// api-memory.json or api.json (one file holding both). Pure on names and parsed data.

import { parseDuration } from "../time";

/** Resources cloudfit sizes. */
export type Resource = "cpu" | "memory";

/** Where one service's series for one resource comes from. */
export interface UsageSource {
  readonly service: string;
  readonly resource: Resource;
  /** File path, relative to the usage directory unless absolute. */
  readonly file: string;
  /** Series name within the file; default the one whose name says the resource, else the first. */
  readonly series?: string;
  /** Unit override, e.g. "ratio" or "GiBy". */
  readonly unit?: string;
  /** Row spacing in seconds for files without times. */
  readonly intervalSec?: number;
  /** A file named for the service alone: used for this resource only when it holds a matching series. */
  readonly optional?: boolean;
}

/** A usage mapping that cannot be used. */
export class UsageMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageMappingError";
  }
}

/** Names a mapping file may have in the usage directory. */
export const MAPPING_FILES = ["mapping.yaml", "mapping.yml", "mapping.json"];

const KEYS = ["file", "series", "unit", "interval"];

/** Sources from a parsed mapping file. */
export function sourcesFromMapping(doc: unknown, file: string, services: readonly string[]): UsageSource[] {
  const obj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
  if (!obj(doc) || !obj(doc.services)) {
    throw new UsageMappingError(`${file} has no services: mapping. To fix: write services: { <service>: { cpu: { file: api-cpu.csv } } }.`);
  }
  const out: UsageSource[] = [];
  for (const [svc, entry] of Object.entries(doc.services)) {
    if (!services.includes(svc)) {
      throw new UsageMappingError(`${file}: services.${svc} is not a service of the stack. To fix: use one of ${services.join(", ")}.`);
    }
    if (!obj(entry)) throw new UsageMappingError(`${file}: services.${svc} must map cpu and/or memory to a source. To fix: write cpu: { file: ${svc}-cpu.csv }.`);
    for (const [res, src] of Object.entries(entry)) {
      if (res !== "cpu" && res !== "memory") {
        throw new UsageMappingError(`${file}: services.${svc}.${res} is not a resource cloudfit sizes. To fix: use cpu or memory.`);
      }
      const s = typeof src === "string" ? { file: src } : src;
      if (!obj(s) || typeof s.file !== "string" || s.file === "") {
        throw new UsageMappingError(`${file}: services.${svc}.${res} needs a file. To fix: write ${res}: { file: ${svc}-${res}.csv }.`);
      }
      const unknown = Object.keys(s).find((k) => !KEYS.includes(k));
      if (unknown) throw new UsageMappingError(`${file}: services.${svc}.${res}.${unknown} is not a known key. To fix: use ${KEYS.join(", ")}.`);
      let intervalSec: number | undefined;
      if (s.interval !== undefined) {
        intervalSec = parseDuration(String(s.interval));
        if (intervalSec === undefined) throw new UsageMappingError(`${file}: services.${svc}.${res}.interval "${String(s.interval)}" is not a duration. To fix: write e.g. 5m.`);
      }
      out.push({
        service: svc,
        resource: res,
        file: s.file,
        ...(typeof s.series === "string" ? { series: s.series } : {}),
        ...(typeof s.unit === "string" ? { unit: s.unit } : {}),
        ...(intervalSec !== undefined ? { intervalSec } : {}),
      });
    }
  }
  return out;
}

/** Sources from file names: <service>.<cpu|memory>.<ext>, <service>-cpu.<ext>, or <service>.<ext> for both. */
export function sourcesFromNames(files: readonly string[], services: readonly string[]): { sources: UsageSource[]; unmatched: string[] } {
  const sources: UsageSource[] = [];
  const unmatched: string[] = [];
  for (const f of [...files].sort()) {
    if (!/\.(csv|json)$/i.test(f)) continue;
    const base = f.replace(/\.(csv|json)$/i, "");
    const m = /^(.+?)[._-](cpu|mem|memory)$/i.exec(base);
    if (m && services.includes(m[1])) {
      sources.push({ service: m[1], resource: m[2].toLowerCase() === "cpu" ? "cpu" : "memory", file: f });
    } else if (services.includes(base)) {
      sources.push({ service: base, resource: "cpu", file: f, optional: true }, { service: base, resource: "memory", file: f, optional: true });
    } else unmatched.push(f);
  }
  return { sources, unmatched };
}
