// `cloudfit rightsize`: maps usage files to a stack's services, forecasts each service's CPU and
// memory demand, recommends replicas, vCPU and memory, prices the spec before and after through
// the optimizer, and with --write puts the sizes into stacks/Pulumi.<stack>.yaml in place.

import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { CommandSpec, Flags, UsageError } from "../args";
import type { Io } from "../main";
import { EXIT_OK } from "../exitCodes";
import { resolveStack, writeAtomic } from "../stackFiles";
import { loadCatalog, validateSpec, type WorkloadSpec } from "../../optimizer";
import { parseStackFile, workloadFromStackConfig } from "../../optimizer/config";
import {
  applySizes,
  DEFAULT_RIGHTSIZE,
  isCpuMetric,
  isMemoryMetric,
  MAPPING_FILES,
  readUsage,
  rightsizeSpec,
  sourcesFromMapping,
  sourcesFromNames,
  UsageMappingError,
  type ServiceUsage,
  type UsageSeries,
  type UsageSource,
} from "../../optimizer/forecast";
import { renderRightsizeText, rightsizeHtml, rightsizeJson } from "../renderRightsize";
import { renderHtmlReport } from "../reportHtml";
import { startProgress } from "../progress";
import { deliver, durationFlag, formatFlag, numberFlag } from "../usageFlags";

/** The rightsize command's flags and help. */
export const rightsizeCommand: CommandSpec = {
  name: "rightsize",
  summary: "Recommend replicas, vCPU and memory per service from usage history, priced through the optimizer.",
  usage: "cloudfit rightsize --usage DIR [--stack NAME] [--map FILE] [--horizon 7d] [--headroom 0.1] [--write] [--format table|json|html]",
  flags: [
    { name: "stack", kind: "string", value: "NAME", description: "Stack to right-size (stacks/Pulumi.NAME.yaml).", default: "dev" },
    { name: "usage", kind: "string", value: "DIR", description: "Directory of usage exports: <service>.cpu.csv, <service>-memory.json, ... or a mapping.yaml." },
    { name: "map", kind: "string", value: "FILE", description: "Mapping file (services.<name>.cpu|memory: { file, series, unit, interval }); default DIR/mapping.yaml." },
    { name: "horizon", kind: "string", value: "DURATION", description: "Forecast horizon the size must cover.", default: "7d" },
    { name: "headroom", kind: "string", value: "FRACTION", description: "Headroom over the forecast's upper quantile.", default: String(DEFAULT_RIGHTSIZE.headroom) },
    { name: "quantile", kind: "string", value: "Q", description: "Forecast quantile to cover: p90, p95 or p99.", default: "p99" },
    { name: "write", kind: "boolean", description: "Write the recommended sizes into stacks/Pulumi.NAME.yaml, keeping its comments and layout." },
    { name: "solver", kind: "string", value: "NAME", description: "Solver that prices the specs: highs or jslp.", default: "highs" },
    { name: "time-limit", kind: "string", value: "SECONDS", description: "Solver time limit per spec.", default: "30" },
    { name: "format", kind: "string", value: "FORMAT", description: "table, json or html." },
    { name: "output", kind: "string", value: "FILE", description: "Write the output to FILE (atomically) instead of stdout." },
  ],
};

function pickSeries(all: readonly UsageSeries[], src: UsageSource): UsageSeries {
  if (src.series !== undefined) {
    const s = all.find((x) => x.name === src.series);
    if (!s) throw new UsageMappingError(`${src.file} has no series "${src.series}" for ${src.service} ${src.resource}. Series in it: ${all.map((x) => x.name).join(", ")}. To fix: name one of them in the mapping.`);
    return s;
  }
  const wanted = all.filter((s) => (src.resource === "cpu" ? isCpuMetric(s.name) : isMemoryMetric(s.name)));
  return wanted[0] ?? all[0];
}

/** Reads the usage directory into series per service. */
export function readServiceUsage(dir: string, mapFile: string | undefined, services: readonly string[]): { usage: Record<string, ServiceUsage>; unmatched: string[]; notes: string[] } {
  const notes: string[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    throw new UsageError(`--usage ${dir} is not a readable directory. To fix: pass the directory holding the usage exports.`);
  }
  const mapPath = mapFile ?? MAPPING_FILES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  let sources: UsageSource[];
  let unmatched: string[] = [];
  let base = dir;
  if (mapPath) {
    let text: string;
    try {
      text = fs.readFileSync(mapPath, "utf8");
    } catch {
      throw new UsageError(`--map ${mapPath} could not be read. To fix: pass an existing mapping file.`);
    }
    const doc = parseDocument(text);
    if (doc.errors.length > 0) throw new UsageMappingError(`${mapPath} is not valid YAML (${doc.errors[0].message.split("\n")[0]}). To fix: correct it.`);
    sources = sourcesFromMapping(doc.toJS(), mapPath, services);
    base = path.dirname(mapPath);
  } else {
    ({ sources, unmatched } = sourcesFromNames(entries, services));
  }
  if (sources.length === 0) {
    throw new UsageMappingError(
      `No usage file in ${dir} belongs to a service of the stack (${services.join(", ")}). ` +
        "To fix: name files <service>.cpu.csv or <service>.memory.json, or write a mapping.yaml with services.<name>.cpu: { file: ... }.",
    );
  }
  const usage: Record<string, { cpu?: UsageSeries; memory?: UsageSeries }> = {};
  const cache = new Map<string, UsageSeries[]>();
  for (const src of sources) {
    const file = path.resolve(base, src.file);
    const key = `${file}|${src.unit ?? ""}|${src.intervalSec ?? ""}`;
    if (!cache.has(key)) {
      let text: string;
      try {
        text = fs.readFileSync(file, "utf8");
      } catch {
        throw new UsageMappingError(`The usage file ${file} for ${src.service} ${src.resource} does not exist. To fix: correct the path in the mapping.`);
      }
      cache.set(key, readUsage(text, path.relative(process.cwd(), file) || file, { unit: src.unit, intervalSec: src.intervalSec }));
    }
    const all = cache.get(key)!;
    if (src.optional) {
      // A file named for the service alone feeds only the resources it holds a series for.
      const has = all.some((s) => (src.resource === "cpu" ? isCpuMetric(s.name) : isMemoryMetric(s.name)));
      if (!has && !(src.resource === "cpu" && all.length === 1)) continue;
    }
    let series = pickSeries(all, src);
    if (series.unit === "unknown" || series.unit === "count") {
      const max = series.values.reduce((m, v) => Math.max(m, v), -Infinity);
      const min = series.values.reduce((m, v) => Math.min(m, v), Infinity);
      if (src.resource === "cpu" && min >= 0 && max <= 100) {
        series = { ...series, unit: "percent" };
        notes.push(`${src.service} cpu: ${series.source} gives no unit; its values lie within 0-100, so they are read as CPU percent of each replica.`);
      } else {
        throw new UsageMappingError(
          `${series.source} (${series.name}) gives no unit for ${src.service} ${src.resource}. ` +
            `To fix: set unit in a mapping.yaml (services.${src.service}.${src.resource}: { file: ${src.file}, unit: ${src.resource === "cpu" ? "percent" : "GiBy"} }).`,
        );
      }
    }
    (usage[src.service] ??= {})[src.resource] = series;
  }
  return { usage, unmatched, notes };
}

/** What right-sizing a stack from a usage directory needs beside the files. */
export interface RightsizeRequest {
  readonly stack: string;
  readonly usageDir: string;
  readonly mapFile?: string;
  readonly horizonSec: number;
  readonly headroom: number;
  readonly quantile: 0.9 | 0.95 | 0.99;
  readonly solver: "highs" | "jslp";
  readonly timeLimitSec: number;
}

/** Reads a stack and its usage, recommends sizes and prices the spec before and after. */
export async function rightsizeStack(io: Io, req: RightsizeRequest) {
  const files = resolveStack(io.root, req.stack);
  const text = fs.readFileSync(files.configFile, "utf8");
  const rel = path.relative(io.root, files.configFile);
  const raw = workloadFromStackConfig(parseStackFile(text, rel), rel) as WorkloadSpec;
  const catalog = loadCatalog();
  const services = validateSpec(raw, catalog).services.map((s) => s.name);
  const { usage, unmatched, notes } = readServiceUsage(req.usageDir, req.mapFile, services);
  const progress = startProgress("forecasting and pricing", io.stderr);
  try {
    const result = await rightsizeSpec(raw, catalog, usage, {
      horizonSec: req.horizonSec,
      solver: req.solver,
      timeLimitSec: req.timeLimitSec,
      settings: { ...DEFAULT_RIGHTSIZE, headroom: req.headroom, quantile: req.quantile },
    });
    return { result, files, text, rel, catalog, usage, unmatched, notes };
  } finally {
    progress.stop();
  }
}

/** The right-size request from the flags rightsize (and forecast --bill --usage) take. */
export function rightsizeRequest(flags: Flags, io: Io): RightsizeRequest {
  const q = String(flags.quantile ?? "p99");
  const quantile = q === "p90" ? 0.9 : q === "p95" ? 0.95 : q === "p99" ? 0.99 : undefined;
  if (quantile === undefined) throw new UsageError(`--quantile must be p90, p95 or p99, got "${q}". To fix: write --quantile p99.`);
  const solver = String(flags.solver ?? "highs");
  if (solver !== "highs" && solver !== "jslp") throw new UsageError(`Unknown solver "${solver}". Valid solvers: highs, jslp. To fix: write --solver highs.`);
  return {
    stack: String(flags.stack ?? "dev"),
    usageDir: path.resolve(io.cwd, String(flags.usage)),
    mapFile: flags.map === undefined ? undefined : path.resolve(io.cwd, String(flags.map)),
    horizonSec: durationFlag({ horizon: flags.horizon ?? "7d" }, "horizon")!,
    headroom: numberFlag({ headroom: flags.headroom ?? String(DEFAULT_RIGHTSIZE.headroom) }, "headroom", 0, 5)!,
    quantile,
    solver,
    timeLimitSec: numberFlag({ "time-limit": flags["time-limit"] ?? "30" }, "time-limit", 1, 3600)!,
  };
}

/** Runs `cloudfit rightsize`. */
export async function runRightsize(flags: Flags, io: Io): Promise<number> {
  if (flags.usage === undefined) throw new UsageError("cloudfit rightsize needs --usage DIR, the directory of usage exports. To fix: e.g. cloudfit rightsize --stack dev --usage usage/.");
  const format = formatFlag(flags);
  const req = rightsizeRequest(flags, io);
  const { result, files, text, rel, catalog, usage, unmatched, notes } = await rightsizeStack(io, req);
  const { stack, horizonSec } = req;
  let written = false;
  const sizes = Object.fromEntries(Object.entries(result.services).map(([n, r]) => [n, r.recommended]));
  const changed = Object.values(result.services).some((r) => JSON.stringify(r.current) !== JSON.stringify(r.recommended));
  if (flags.write && changed) {
    const next = applySizes(text, rel, sizes);
    // The edited file must still hold a valid spec before it replaces the old one.
    validateSpec(workloadFromStackConfig(parseStackFile(next, rel), rel), catalog);
    writeAtomic(files.configFile, next);
    written = true;
  }
  const ctx = { stack, file: rel, written, write: Boolean(flags.write), unmatched, usage, horizonSec, notes };
  const out =
    format === "json" ? JSON.stringify(rightsizeJson(result, ctx), null, 2) + "\n" :
    format === "html" ? renderHtmlReport(rightsizeHtml(result, ctx)) :
    renderRightsizeText(result, ctx);
  const d = deliver(out, flags, io.cwd);
  io.stdout.write(d.stdout);
  if (d.wrote) io.stderr.write(`Wrote ${d.wrote}\n`);
  return EXIT_OK;
}
