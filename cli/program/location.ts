// Where in a program an error happened: the first stack frame in the program's own files (not in
// node_modules, not in cloudfit), its position mapped from the compiled JavaScript back to the
// TypeScript source, and the stack with every program frame so mapped for `--debug`.

import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";
import { isInside } from "./cjsHooks";
import { SourceLocation } from "./errors";
import { isTypeScriptFile, ModuleFormat, originalPosition } from "./transpile";

/** The program facts location mapping needs. */
export interface LocatedProgram {
  readonly dir: string;
  readonly format: ModuleFormat;
  readonly tsconfig?: string;
}

/** One frame of a V8 stack trace. */
export interface Frame {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The frame's text as it appears in the stack. */
  readonly raw: string;
  /** Where the location starts and ends within `raw`. */
  readonly span: readonly [number, number];
}

const FRAME = /^\s*at (?:.*? \()?((?:file:\/\/)?\/[^():]*?(?:\?[^:]*)?):(\d+):(\d+)\)?\s*$/;
const CLOUDFIT_ROOT = path.resolve(__dirname, "..", "..");

/** The frames of a stack trace whose location is a file. */
export function parseFrames(stack: string | undefined): Frame[] {
  const frames: Frame[] = [];
  for (const raw of (stack ?? "").split("\n")) {
    const m = FRAME.exec(raw);
    if (!m) continue;
    const loc = `${m[1]}:${m[2]}:${m[3]}`;
    const start = raw.lastIndexOf(loc);
    const file = m[1].startsWith("file:") ? fileURLToPath(m[1].replace(/\?.*$/, "")) : m[1];
    frames.push({ file, line: Number(m[2]), column: Number(m[3]), raw, span: [start, start + loc.length] });
  }
  return frames;
}

/** True for a file of the program itself (anywhere outside node_modules and cloudfit's sources). */
export function isProgramFile(prog: LocatedProgram, file: string): boolean {
  if (file.includes(`${path.sep}node_modules${path.sep}`)) return false;
  return isInside(prog.dir, file) || !isInside(CLOUDFIT_ROOT, file);
}

/** The module format a program file was compiled to. */
function formatOf(prog: LocatedProgram, file: string): ModuleFormat {
  if (file.endsWith(".mts")) return "module";
  if (file.endsWith(".cts")) return "commonjs";
  return prog.format;
}

/** A frame's position in the program's source (TypeScript positions mapped), relative to the program. */
export function sourceLocation(prog: LocatedProgram, f: { file: string; line: number; column: number }): SourceLocation {
  const mapped = isTypeScriptFile(f.file) ? originalPosition(f.file, f.line, f.column, formatOf(prog, f.file), prog.tsconfig) : undefined;
  return {
    file: path.relative(prog.dir, f.file) || path.basename(f.file),
    line: mapped?.line ?? f.line,
    column: mapped?.column ?? f.column,
  };
}

/** The first frame of the stack in the program's own files, as a source location. */
export function programLocation(prog: LocatedProgram, stack: string | undefined): SourceLocation | undefined {
  const frame = parseFrames(stack).find((f) => isProgramFile(prog, f.file));
  return frame ? sourceLocation(prog, frame) : undefined;
}

/** The stack with program frames rewritten to their TypeScript source positions. */
export function mappedStack(prog: LocatedProgram, stack: string | undefined): string | undefined {
  if (!stack) return stack;
  const byRaw = new Map(parseFrames(stack).filter((f) => isProgramFile(prog, f.file)).map((f) => [f.raw, f] as const));
  return stack
    .split("\n")
    .map((line) => {
      const f = byRaw.get(line);
      if (!f) return line;
      const l = sourceLocation(prog, f);
      return line.slice(0, f.span[0]) + `${path.join(prog.dir, l.file)}:${l.line}:${l.column}` + line.slice(f.span[1]);
    })
    .join("\n");
}

/** The position of the first occurrence of a quoted module specifier in a source file. */
export function importLocation(prog: LocatedProgram, file: string, specifier: string): SourceLocation | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const m = new RegExp(`(["'\`])${specifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\1`).exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index).split("\n");
  return { file: path.relative(prog.dir, file) || path.basename(file), line: before.length, column: before[before.length - 1].length + 1 };
}
