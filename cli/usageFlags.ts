// Flag parsing shared by `forecast` and `rightsize`: durations, quantities, output format, and
// writing a report file atomically. Pure apart from the final write.

import * as path from "path";
import { Flags, UsageError } from "./args";
import { parseDuration, parseTimestamp } from "../optimizer/forecast";
import { writeAtomic } from "./stackFiles";

/** Output formats of the forecast and rightsize commands. */
export type OutputFormat = "table" | "json" | "html";

/** A duration flag in seconds. */
export function durationFlag(flags: Flags, name: string): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const sec = parseDuration(String(raw));
  if (sec === undefined) throw new UsageError(`--${name} "${String(raw)}" is not a duration. To fix: write e.g. --${name} 1d, 12h, 7d or 30m.`);
  return sec;
}

/** A time flag (ISO-8601 or "YYYY-MM-DD HH:MM:SS", UTC) in epoch ms. */
export function timeFlag(flags: Flags, name: string): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const ms = parseTimestamp(String(raw));
  if (!Number.isFinite(ms)) throw new UsageError(`--${name} "${String(raw)}" is not a time. To fix: write e.g. --${name} 2014-04-21T00:00:00Z.`);
  return ms;
}

/** A number flag within [min, max]. */
export function numberFlag(flags: Flags, name: string, min: number, max: number): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${String(raw)}". To fix: write e.g. --${name} ${min === 0 ? max / 10 : min}.`);
  return n;
}

/** The output format from --format and --json. */
export function formatFlag(flags: Flags): OutputFormat {
  if (flags.json) {
    if (flags.format !== undefined && flags.format !== "json") throw new UsageError(`--json and --format ${String(flags.format)} contradict each other. To fix: pass one of them.`);
    return "json";
  }
  // "text" is what plan and preview call their table output; accept it here too.
  const f = flags.format === "text" ? "table" : String(flags.format ?? "table");
  if (f !== "table" && f !== "json" && f !== "html") throw new UsageError(`Unknown format "${f}". Valid formats: table (or text), json, html. To fix: write --format html.`);
  return f;
}

/** Writes the rendered output to --output (atomically) or returns it for stdout. */
export function deliver(text: string, flags: Flags, cwd: string): { stdout: string; wrote?: string } {
  if (flags.output === undefined) return { stdout: text };
  const file = path.resolve(cwd, String(flags.output));
  try {
    writeAtomic(file, text);
  } catch (e) {
    throw new UsageError(`Could not write ${file}: ${(e as Error).message}. To fix: pass --output in a directory that exists and is writable.`);
  }
  return { stdout: "", wrote: file };
}
