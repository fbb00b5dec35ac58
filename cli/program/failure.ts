// Turns whatever a failing program threw into one ProgramError: a syntax error, a missing module, a
// missing or malformed configuration value, a throw inside an `apply` callback, a program that
// never finishes, or any other throw. Each names the program, quotes its own message, points at
// the place in its source, and says how to fix it; the mapped stack is kept for `--debug`.

import * as fs from "fs";
import * as path from "path";
import { isBare, MissingImport, packageName, shippedPackages } from "./cjsHooks";
import { CompileDiagnostic, ProgramError, SourceLocation } from "./errors";
import { importLocation, LocatedProgram, mappedStack, parseFrames, programLocation, sourceLocation, isProgramFile } from "./location";

/** What is known about the failing run. */
export interface FailureContext {
  /** The program, as the start of a sentence: "The program in /srv/infra (stack dev)". */
  readonly what: string;
  readonly prog?: LocatedProgram & { readonly packageRoot?: string };
  readonly stack?: string;
  /** The Pulumi project name (config keys in its namespace are set without it). */
  readonly project?: string;
  /** The stack settings file the configuration came from. */
  readonly configFile?: string;
  /** Imports the CommonJS hooks could not resolve. */
  readonly missing?: readonly MissingImport[];
}

const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error TS(\d+): (.*)$/;
const DEBUG_HINT = "run with --debug for the stack trace";

/** The message of anything thrown. */
function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === "string") return e;
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}

/** Diagnostics of a TypeScript syntax error (thrown here or, as text, by the loader thread). */
function syntaxDiagnostics(e: unknown, base: string): CompileDiagnostic[] | undefined {
  const lines = messageOf(e).split("\n").map((l) => DIAGNOSTIC.exec(l));
  if (lines.length === 0 || lines.some((m) => !m)) return undefined;
  return lines.map((m) => {
    const [, file, line, column, code, message] = m as RegExpExecArray;
    return { file: path.isAbsolute(file) ? path.relative(base, file) : file, line: Number(line), column: Number(column), code: Number(code), message };
  });
}

/** A V8 SyntaxError in a JavaScript file: its "file:line" header and the caret under the source. */
function jsSyntaxLocation(e: Error, prog: LocatedProgram): SourceLocation | undefined {
  const m = /^((?:file:\/\/)?\/[^\n]*?):(\d+)\n(.*)\n(\s*)\^/.exec(e.stack ?? "");
  if (!m) return undefined;
  const file = m[1].replace(/^file:\/\//, "").replace(/\?.*$/, "");
  return { file: path.relative(prog.dir, file), line: Number(m[2]), column: m[4].length + 1 };
}

/** The version range the program's package.json gives a package, if it lists it. */
function declaredRange(root: string | undefined, pkg: string): string | undefined {
  if (!root) return undefined;
  try {
    const json = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    return [json.dependencies, json.devDependencies, json.optionalDependencies].map((d) => d?.[pkg]).find((v) => v !== undefined);
  } catch {
    return undefined;
  }
}

function missingModule(e: unknown, ctx: FailureContext, prog: FailureContext["prog"]): ProgramError | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code !== "MODULE_NOT_FOUND" && code !== "ERR_MODULE_NOT_FOUND") return undefined;
  const msg = messageOf(e);
  const m = /Cannot find (?:module|package) '([^']+)'(?: imported from (\S+))?/.exec(msg);
  if (!m) return undefined;
  const request = m[1];
  const seen = ctx.missing?.find((x) => x.request === request);
  const from = m[2] ?? seen?.from ?? (e as { requireStack?: string[] }).requireStack?.[0];
  const fromFile = from?.startsWith("file:") ? new URL(from).pathname : from;
  const location = prog && fromFile && isProgramFile(prog, fromFile) ? importLocation(prog, fromFile, request) : undefined;
  const dir = prog?.packageRoot ?? prog?.dir ?? ".";
  if (!isBare(request)) {
    const shown = path.isAbsolute(request) && prog ? path.relative(prog.dir, request) : request;
    return new ProgramError({
      kind: "missing-module",
      what: `${ctx.what} cannot load ${shown}`,
      detail: `no such file${fromFile ? ` (imported from ${prog ? path.relative(prog.dir, fromFile) : fromFile})` : ""}`,
      fix: "correct the import path, or create the file.",
      location,
      cause: e,
    });
  }
  const pkg = packageName(request);
  const range = declaredRange(prog?.packageRoot, pkg);
  const shipped = shippedVersion(pkg);
  if (shipped !== undefined && request !== pkg) {
    // cloudfit has the package, but not the module the program wants: another major version.
    return new ProgramError({
      kind: "missing-module",
      what: `${ctx.what} cannot load ${request}`,
      detail: `cloudfit ships ${pkg} ${shipped}, which has no such module${range ? `, package.json asks for ${range}` : ""}, and the program's node_modules has no ${pkg}`,
      fix: range ? `run \`npm install\` in ${dir} to install the version package.json asks for.` : `run \`npm install ${pkg}@<the version the program was written for>\` in ${dir}.`,
      location,
      cause: e,
    });
  }
  return new ProgramError({
    kind: "missing-module",
    what: `${ctx.what} cannot load the package ${pkg}`,
    detail: range
      ? `package.json lists ${pkg}, but it is not installed in ${path.join(dir, "node_modules")}, and cloudfit does not ship it`
      : `neither the program's node_modules nor cloudfit's has it`,
    fix: range ? `run \`npm install\` in ${dir}.` : `run \`npm install ${pkg}\` in ${dir}.`,
    location,
    cause: e,
  });
}

/** The version of a package cloudfit ships (one of its own dependencies), if it is one. */
function shippedVersion(pkg: string): string | undefined {
  const root = path.resolve(__dirname, "..", "..");
  if (!shippedPackages(root).has(pkg)) return undefined;
  try {
    return String(JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`, { paths: [root] }), "utf8")).version);
  } catch {
    return undefined;
  }
}

function configFailure(e: unknown, ctx: FailureContext, location: SourceLocation | undefined): ProgramError | undefined {
  const msg = messageOf(e);
  const missing = /Missing required configuration variable '([^']+)'/.exec(msg);
  const invalid = /^Configuration '([^']+)' value /.exec(msg);
  if (!missing && !invalid) return undefined;
  const key = (missing ?? invalid)![1];
  const file = ctx.configFile ?? `Pulumi.${ctx.stack ?? "<stack>"}.yaml`;
  const [ns, ...rest] = key.split(":");
  const cliKey = rest.length > 0 && ns === ctx.project ? rest.join(":") : key;
  const exists = fs.existsSync(file);
  const setIt = ctx.stack ? ` (or run \`pulumi config set ${cliKey} <value> --stack ${ctx.stack}\`)` : "";
  return new ProgramError({
    kind: "config",
    what: missing ? `${ctx.what} needs configuration value '${key}'` : `${ctx.what} rejected configuration value '${key}'`,
    detail: missing ? `${path.basename(file)} ${exists ? "does not set it" : "does not exist"}` : msg.split("\n")[0],
    fix: missing
      ? exists
        ? `add \`${key}: <value>\` under \`config:\` in ${file}${setIt}.`
        : `create ${file} with \`config:\` holding \`${key}: <value>\`${setIt}.`
      : `correct the value of ${key} in ${file}.`,
    location,
    cause: e,
  });
}

/** Describes a program failure as one ProgramError. */
export function describeFailure(e: unknown, ctx: FailureContext): ProgramError {
  if (e instanceof ProgramError) return e;
  const prog = ctx.prog;
  const stack = e instanceof Error ? e.stack : undefined;
  const debugStack = prog ? mappedStack(prog, stack) : stack;
  if (e instanceof Error && e.name === "UnsettledProgramError") {
    return new ProgramError({
      kind: "unsettled",
      what: `${ctx.what} never finished`,
      detail: `${e.message}; \`pulumi preview\` would end it the same way`,
      fix: "await every promise the program creates (or return it from the exported function), and never create resources inside an apply callback.",
      cause: e,
    });
  }
  const diagnostics = syntaxDiagnostics(e, prog?.dir ?? process.cwd());
  if (diagnostics) {
    return new ProgramError({
      kind: "compile",
      what: `${ctx.what} does not compile`,
      detail: diagnostics.map((d) => `  ${d.file}(${d.line},${d.column}): error TS${d.code}: ${d.message}`).join("\n"),
      fix: `correct the syntax at ${diagnostics[0].file} line ${diagnostics[0].line}; \`pulumi preview\` rejects it as well.`,
      location: diagnostics[0],
      diagnostics,
      cause: e,
    });
  }
  if (e instanceof SyntaxError && prog) {
    const location = jsSyntaxLocation(e, prog) ?? programLocation(prog, stack);
    return new ProgramError({
      kind: "compile",
      what: `${ctx.what} does not compile`,
      detail: `SyntaxError: ${e.message}`,
      fix: `correct the syntax${location ? ` at ${location.file} line ${location.line}` : ""}; \`pulumi preview\` rejects it as well.`,
      location,
      cause: e,
      debugStack,
    });
  }
  const missing = missingModule(e, ctx, prog);
  if (missing) return missing;
  const location = prog ? programLocation(prog, stack) : undefined;
  const config = configFailure(e, ctx, location);
  if (config) return config;
  // Pulumi's RunError carries a message meant for the user, shown without a stack or location.
  const isRunError = e instanceof Error && (e.name === "RunError" || (e as { __pulumiRunError?: boolean }).__pulumiRunError === true);
  if (isRunError) {
    return new ProgramError({ kind: "threw", what: `${ctx.what} stopped`, detail: messageOf(e), fix: "follow the message above.", cause: e, debugStack });
  }
  const frames = parseFrames(stack);
  const first = prog ? frames.findIndex((f) => isProgramFile(prog, f.file)) : -1;
  // The frame after the program's is the SDK's apply machinery (output.js, or output.ts when
  // source maps are on).
  const inApply = first >= 0 && frames.slice(first + 1, first + 3).some((f) => /applyHelperAsync/.test(f.raw) || /[\\/]@pulumi[\\/](pulumi[\\/])?output\.[jt]s$/.test(f.file));
  const where = location ? ` at ${location.file} line ${location.line}` : "";
  if (inApply) {
    return new ProgramError({
      kind: "apply",
      what: `${ctx.what} failed inside an apply callback`,
      detail: messageOf(e),
      fix: `correct the callback${where}; it runs once its inputs are known and must handle every value they can take (${DEBUG_HINT}).`,
      location,
      cause: e,
      debugStack,
    });
  }
  const name = e instanceof Error && e.name !== "Error" ? `${e.name}: ` : "";
  return new ProgramError({
    kind: "threw",
    what: `${ctx.what} threw an error`,
    detail: `${name}${messageOf(e)}`,
    fix: `correct the program${where} (${DEBUG_HINT}).`,
    location: location ?? (prog && frames.length > 0 && isProgramFile(prog, frames[0].file) ? sourceLocation(prog, frames[0]) : undefined),
    cause: e,
    debugStack,
  });
}
