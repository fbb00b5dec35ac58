// Compiles a program's TypeScript one file at a time, as the Pulumi Node.js host's ts-node does
// when it runs a program: the program's tsconfig.json with the host's defaults for target and
// module, syntax errors reported as `file(line,col): error TS…`, and positions in the compiled code
// mapped back to the TypeScript source for error locations. Used by the CommonJS require hook, the
// ES module loader thread and the type check, so the three agree on the options.

import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";
import { CompileDiagnostic } from "./errors";

let loaded: typeof TS | undefined;

/** The TypeScript compiler (loaded on first use: it takes a few hundred milliseconds). */
export function typescript(): typeof TS {
  loaded ??= require("typescript") as typeof TS;
  return loaded;
}

/** How a file runs: as CommonJS (require) or as an ES module (import). */
export type ModuleFormat = "commonjs" | "module";

/** True for the TypeScript source extensions a program may use. */
export function isTypeScriptFile(file: string): boolean {
  return /\.(c|m)?tsx?$/.test(file) && !file.endsWith(".d.ts");
}

/**
 * The host's defaults, overridden by the program's own compilerOptions (cmd/run/run.js). A program
 * that sets one of module and moduleResolution gets neither default: TypeScript derives the other,
 * where mixing the program's `module: commonjs` with a default `nodenext` would be a config error.
 */
function hostDefaults(format: ModuleFormat, raw: Record<string, unknown>): Record<string, unknown> {
  const own = "module" in raw || "moduleResolution" in raw;
  return {
    target: format === "module" ? "ES2022" : "ES2020",
    ...(own ? {} : { module: "nodenext", moduleResolution: "nodenext" }),
    sourceMap: true,
  };
}

/** A program's compiler options, the diagnostics of its tsconfig, and the config files read. */
export interface ProgramOptions {
  readonly options: TS.CompilerOptions;
  readonly diagnostics: readonly TS.Diagnostic[];
  /** The tsconfig.json and the files it extends. */
  readonly configFiles: readonly string[];
}

const optionsCache = new Map<string, ProgramOptions>();

/**
 * Compiler options for a program: its tsconfig.json read in full (with `extends`), then the host's
 * defaults for target, module, moduleResolution and sourceMap unless the program's own
 * compilerOptions set them, as ts-node receives them from the Pulumi host.
 */
export function programCompilerOptions(tsconfig: string | undefined, format: ModuleFormat): ProgramOptions {
  const key = `${tsconfig ?? ""}\0${tsconfig && fs.existsSync(tsconfig) ? fs.statSync(tsconfig).mtimeMs : 0}\0${format}`;
  const hit = optionsCache.get(key);
  if (hit) return hit;
  const ts = typescript();
  let base: TS.CompilerOptions = {};
  let raw: Record<string, unknown> = {};
  let diagnostics: readonly TS.Diagnostic[] = [];
  const configFiles: string[] = [];
  let dir = process.cwd();
  if (tsconfig) {
    dir = path.dirname(tsconfig);
    const source = ts.readJsonConfigFile(tsconfig, ts.sys.readFile);
    const text = ts.sys.readFile(tsconfig) ?? "{}";
    raw = ((ts.parseConfigFileTextToJson(tsconfig, text).config as { compilerOptions?: Record<string, unknown> } | undefined)?.compilerOptions ?? {}) as Record<string, unknown>;
    const parsed = ts.parseJsonSourceFileConfigFileContent(source, ts.sys, dir, undefined, tsconfig);
    base = parsed.options;
    configFiles.push(tsconfig, ...(source.extendedSourceFiles ?? []));
    // "No inputs were found" (18003) and friends do not apply: ts-node ignores them too.
    diagnostics = [...((source as { parseDiagnostics?: TS.Diagnostic[] }).parseDiagnostics ?? []), ...parsed.errors].filter((d) => ![18002, 18003, 6059].includes(d.code));
  }
  const overrides = ts.convertCompilerOptionsFromJson({ ...hostDefaults(format, raw), ...raw }, dir);
  const out = { options: { ...base, ...overrides.options }, diagnostics, configFiles };
  optionsCache.set(key, out);
  return out;
}

/** The output of compiling one file. */
export interface Transpiled {
  readonly code: string;
  readonly sourceMap: string;
}

/** A syntax error in a program file; the message is ts-node's `file(line,col): error TS…` line. */
export class ProgramSyntaxError extends SyntaxError {
  constructor(readonly diagnostics: readonly CompileDiagnostic[]) {
    super(diagnostics.map((d) => `${d.file}(${d.line},${d.column}): error TS${d.code}: ${d.message}`).join("\n"));
    this.name = "ProgramSyntaxError";
  }
}

/** One TypeScript diagnostic with its position, the file relative to `base` (absolute without). */
export function toCompileDiagnostic(d: TS.Diagnostic, base?: string): CompileDiagnostic {
  const ts = typescript();
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (!d.file || d.start === undefined) return { file: "", line: 0, column: 0, code: d.code, message };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const file = base === undefined ? d.file.fileName : path.relative(base, d.file.fileName) || d.file.fileName;
  return { file, line: line + 1, column: character + 1, code: d.code, message };
}

/**
 * Compiles one file for running: CommonJS for require, ES2022 modules for import. Throws a
 * ProgramSyntaxError (file names relative to `base`, absolute without) when it does not parse.
 */
export function transpileFile(file: string, source: string, format: ModuleFormat, tsconfig: string | undefined, base?: string): Transpiled {
  const ts = typescript();
  const { options } = programCompilerOptions(tsconfig, format);
  const compilerOptions: TS.CompilerOptions = {
    ...options,
    module: format === "module" ? ts.ModuleKind.ES2022 : ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    sourceMap: true,
    inlineSourceMap: false,
    inlineSources: false,
    declaration: false,
    declarationMap: false,
    composite: false,
    incremental: false,
    noEmit: false,
    emitDeclarationOnly: false,
    outDir: undefined,
    outFile: undefined,
  };
  const out = ts.transpileModule(source, { fileName: file, compilerOptions, reportDiagnostics: true });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new ProgramSyntaxError(errors.map((d) => toCompileDiagnostic(d, base)));
  // The source map comment is dropped: positions are mapped by `originalPosition` on demand.
  const code = out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
  return { code, sourceMap: out.sourceMapText ?? "" };
}

/**
 * The TypeScript source position of a 1-based position in the compiled form of `file`, by
 * compiling it again with the same options (only done when an error is reported).
 */
export function originalPosition(
  file: string,
  line: number,
  column: number,
  format: ModuleFormat,
  tsconfig: string | undefined,
): { line: number; column: number } | undefined {
  try {
    const { sourceMap } = transpileFile(file, fs.readFileSync(file, "utf8"), format, tsconfig);
    const { SourceMap } = require("module") as { SourceMap: new (payload: object) => SourceMapLike };
    const entry = new SourceMap(JSON.parse(sourceMap)).findEntry(line - 1, column - 1);
    if (!entry || entry.originalLine === undefined) return undefined;
    return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  } catch {
    return undefined;
  }
}

interface SourceMapLike {
  findEntry(line: number, column: number): { originalLine?: number; originalColumn: number };
}
