// The type check of a TypeScript program, as `pulumi preview` does it through ts-node: the entry
// file and everything it imports, with the program's tsconfig and the host's defaults, reporting
// the errors in the program's own files (never in node_modules). Modules resolve from the
// program's node_modules first, then cloudfit's, as when the program runs. Parsed declaration
// files of node_modules are kept in a cache across checks in one process: checking a second
// program that imports the same provider SDKs then costs seconds instead of tens of seconds.

import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";
import { createHash } from "crypto";
import { isBare, packageName, shippedPackages } from "./cjsHooks";
import { CompileDiagnostic } from "./errors";
import { ModuleFormat, programCompilerOptions, toCompileDiagnostic, typescript } from "./transpile";

/** What to check. */
export interface CheckRequest {
  readonly dir: string;
  readonly main: string;
  readonly tsconfig?: string;
  readonly format: ModuleFormat;
  /** Where cloudfit's node_modules is (the fallback for modules and @types/node). */
  readonly cloudfitRoot: string;
}

/** The outcome, with what it depended on (for the result cache in typecheck.ts). */
export interface CheckOutcome {
  readonly diagnostics: CompileDiagnostic[];
  /** SHA-1 of every program file and config file the check read, by absolute path. */
  readonly files: Record<string, string>;
  /** Version of every package in node_modules the check read, by package folder. */
  readonly packages: Record<string, string>;
  readonly typescriptVersion: string;
}

/** Parsed files of node_modules, kept across checks; keyed by path, mtime and parse options. */
export type SourceFileCache = Map<string, TS.SourceFile>;

/** Codes ts-node ignores by default (and so does `pulumi preview`). */
const IGNORED = new Set([6059, 18002, 18003]);
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/** SHA-1 of a file's bytes. */
export function fileHash(file: string): string {
  return createHash("sha1").update(fs.readFileSync(file)).digest("hex");
}

/** The folder of the package a file in node_modules belongs to. */
export function packageDir(file: string): string {
  const i = file.lastIndexOf(NODE_MODULES) + NODE_MODULES.length;
  const rest = file.slice(i).split(path.sep);
  return file.slice(0, i) + (rest[0].startsWith("@") ? `${rest[0]}${path.sep}${rest[1]}` : rest[0]);
}

/** The version in a package folder's package.json ("" when unreadable). */
export function packageVersion(dir: string): string {
  try {
    return String(JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version ?? "");
  } catch {
    return "";
  }
}

/** Compiler options for checking: the program's, without emit, with cloudfit's @types/node as fallback. */
function checkOptions(
  req: CheckRequest,
  host: TS.CompilerHost,
): { options: TS.CompilerOptions; configDiagnostics: readonly TS.Diagnostic[]; configFiles: readonly string[] } {
  const ts = typescript();
  const { options: base, diagnostics, configFiles } = programCompilerOptions(req.tsconfig, req.format);
  const options: TS.CompilerOptions = {
    ...base,
    noEmit: true,
    skipLibCheck: true,
    incremental: false,
    composite: false,
    declaration: false,
    declarationMap: false,
    emitDeclarationOnly: false,
    tsBuildInfoFile: undefined,
  };
  // cloudfit's @types stand in for what the program has not installed, as its node_modules do for
  // modules: listed types may come from there; unlisted (all of a root) only @types/node does.
  const fallback = path.join(req.cloudfitRoot, "node_modules", "@types");
  const roots = options.typeRoots ?? ts.getEffectiveTypeRoots(options, host) ?? [];
  if (options.types !== undefined) {
    if (!roots.includes(fallback)) options.typeRoots = [...roots, fallback];
  } else {
    const present = roots.flatMap((r) => (fs.existsSync(r) ? fs.readdirSync(r).filter((n) => !n.startsWith(".")) : []));
    if (!present.includes("node") && fs.existsSync(path.join(fallback, "node"))) {
      options.typeRoots = [...roots, fallback];
      options.types = [...new Set(present), "node"];
    }
  }
  return { options, configDiagnostics: diagnostics, configFiles };
}

/** Type-checks a program and returns its errors, with what the result depends on. */
export function checkProgram(req: CheckRequest, cache: SourceFileCache = new Map()): CheckOutcome {
  const ts = typescript();
  const host = ts.createCompilerHost({});
  const { options, configDiagnostics, configFiles } = checkOptions(req, host);
  const checkHost = ts.createCompilerHost(options);
  const getSourceFile = checkHost.getSourceFile.bind(checkHost);
  checkHost.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.includes(NODE_MODULES)) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    let mtime = 0;
    try {
      mtime = fs.statSync(fileName).mtimeMs;
    } catch {
      return undefined;
    }
    const key = `${fileName}\0${mtime}\0${JSON.stringify(languageVersion)}`;
    let sf = cache.get(key);
    if (!sf) {
      sf = getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (sf) cache.set(key, sf);
    }
    return sf;
  };
  const moduleCache = ts.createModuleResolutionCache(req.dir, (f) => f, options);
  const fallbackFrom = path.join(req.cloudfitRoot, "index.ts");
  const shipped = shippedPackages(req.cloudfitRoot);
  checkHost.resolveModuleNameLiterals = (literals, containingFile, redirected, opts, containingSourceFile) =>
    literals.map((lit) => {
      const mode = ts.getModeForUsageLocation(containingSourceFile, lit, opts);
      const own = ts.resolveModuleName(lit.text, containingFile, opts, checkHost, moduleCache, redirected, mode);
      if (own.resolvedModule || !isBare(lit.text) || !shipped.has(packageName(lit.text))) return own;
      const fallback = ts.resolveModuleName(lit.text, fallbackFrom, opts, checkHost, undefined, redirected, mode);
      return fallback.resolvedModule ? fallback : own;
    });
  const program = ts.createProgram({ rootNames: [req.main], options, host: checkHost });
  const local = program.getSourceFiles().filter((sf) => !sf.fileName.includes(NODE_MODULES) && !program.isSourceFileDefaultLibrary(sf) && !sf.isDeclarationFile);
  const all = [
    ...configDiagnostics,
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...local.flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]),
  ].filter((d) => d.category === ts.DiagnosticCategory.Error && !IGNORED.has(d.code));

  const files: Record<string, string> = {};
  const packages: Record<string, string> = {};
  for (const sf of program.getSourceFiles()) {
    if (sf.fileName.includes(NODE_MODULES)) {
      const dir = packageDir(sf.fileName);
      if (!(dir in packages)) packages[dir] = packageVersion(dir);
    } else if (!program.isSourceFileDefaultLibrary(sf)) {
      files[sf.fileName] = fileHash(sf.fileName);
    }
  }
  for (const c of configFiles) if (fs.existsSync(c)) files[c] = fileHash(c);
  const seen = new Set<string>();
  const diagnostics = all
    .map((d) => toCompileDiagnostic(d, req.dir))
    .filter((d) => {
      const key = `${d.file}:${d.line}:${d.column}:${d.code}:${d.message}`;
      return !seen.has(key) && seen.add(key) !== undefined;
    });
  return { diagnostics, files, packages, typescriptVersion: ts.version };
}
