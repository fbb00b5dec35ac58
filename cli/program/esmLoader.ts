// ES module loader hooks for programs with `"type": "module"`, run in Node's loader thread (see
// esm-hooks.mjs). They act only on imports made by a program's own files, which carry the run's
// tag in their URL (`?cloudfit-run=N`): the tag is passed on to every program file they import,
// so each run executes the program's module graph anew, while modules in node_modules load once.
// For tagged imports, as in the CommonJS hooks: `@pulumi/pulumi` resolves to cloudfit's copy, other
// packages resolve from the program's node_modules and then, for the packages cloudfit ships, from
// cloudfit's, `./x.js` finds `./x.ts`,
// and TypeScript files compile with the program's tsconfig (transpile.ts).

import * as fs from "fs";
import * as path from "path";
import { fileURLToPath, pathToFileURL } from "url";
import { packageName, shippedPackages } from "./cjsHooks";
import { isTypeScriptFile, transpileFile } from "./transpile";

interface ResolveContext {
  parentURL?: string;
  conditions?: string[];
  importAttributes?: Record<string, string>;
}
interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
interface LoadContext {
  format?: string | null;
  conditions?: string[];
  importAttributes?: Record<string, string>;
}
interface LoadResult {
  format: string;
  source?: string | Buffer;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<ResolveResult>;
type NextLoad = (url: string, context?: LoadContext) => Promise<LoadResult>;

/** The query parameter that tags a run's program files. */
export const RUN_PARAM = "cloudfit-run";
/** The query parameter naming the program's tsconfig.json. */
export const TSCONFIG_PARAM = "cloudfit-tsconfig";

const SDK = /^@pulumi\/pulumi(\/|$)/;
let cloudfitRootUrl = "";
let shipped = new Set<string>();

/** Receives cloudfit's root folder from `module.register`. */
export async function initialize(data: { cloudfitRoot: string }): Promise<void> {
  cloudfitRootUrl = pathToFileURL(path.join(data.cloudfitRoot, "index.js")).href;
  shipped = shippedPackages(data.cloudfitRoot);
}

/** The run tag of a URL ("" when it is not a tagged program file). */
function runTag(url: string | undefined): string {
  if (!url || !url.startsWith("file:")) return "";
  const u = new URL(url);
  return u.searchParams.has(RUN_PARAM) ? u.search : "";
}

/** Tags a resolved program file (file: URL outside node_modules) with the run's query. */
function tagged(result: ResolveResult, tag: string): ResolveResult {
  if (!result.url.startsWith("file:") || result.url.includes("/node_modules/")) return result;
  const u = new URL(result.url);
  u.search = tag;
  return { ...result, url: u.href };
}

function notFound(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "ERR_UNSUPPORTED_DIR_IMPORT";
}

/** Resolves program imports as described above; other imports are left to Node. */
export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<ResolveResult> {
  const tag = runTag(context.parentURL);
  if (!tag) return next(specifier, context);
  if (SDK.test(specifier)) return next(specifier, { ...context, parentURL: cloudfitRootUrl });
  try {
    return tagged(await next(specifier, context), tag);
  } catch (e) {
    if (!notFound(e)) throw e;
    const relative = specifier.startsWith("./") || specifier.startsWith("../");
    if (relative && /\.[cm]?js$/.test(specifier)) {
      const ts = specifier.replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts").replace(/\.cjs$/, ".cts");
      const candidate = new URL(ts, context.parentURL);
      if (fs.existsSync(fileURLToPath(candidate))) return tagged({ url: candidate.href }, tag);
    }
    const bare = !relative && !specifier.startsWith("/") && !/^[a-z]+:/.test(specifier);
    if (bare && shipped.has(packageName(specifier))) {
      try {
        return await next(specifier, { ...context, parentURL: cloudfitRootUrl });
      } catch {
        // Not in cloudfit's node_modules either: the program's own error stands.
      }
    }
    throw e;
  }
}

/** The module format of a .ts file: that of its package (`"type": "module"` or not). */
function packageFormat(file: string): "module" | "commonjs" {
  for (let d = path.dirname(file); ; d = path.dirname(d)) {
    const pkg = path.join(d, "package.json");
    if (fs.existsSync(pkg)) {
      try {
        return JSON.parse(fs.readFileSync(pkg, "utf8")).type === "module" ? "module" : "commonjs";
      } catch {
        return "commonjs";
      }
    }
    if (path.dirname(d) === d) return "commonjs";
  }
}

/** Compiles a program's TypeScript ES modules; everything else loads as Node loads it. */
export async function load(url: string, context: LoadContext, next: NextLoad): Promise<LoadResult> {
  if (!runTag(url)) return next(url, context);
  const file = fileURLToPath(url);
  if (!isTypeScriptFile(file)) return next(url, context);
  const format = file.endsWith(".mts") ? "module" : file.endsWith(".cts") ? "commonjs" : packageFormat(file);
  // A CommonJS TypeScript file goes to require, whose hook (cjsHooks.ts) compiles it.
  if (format === "commonjs") return next(url, { ...context, format: "commonjs" });
  const tsconfig = new URL(url).searchParams.get(TSCONFIG_PARAM) || undefined;
  const out = transpileFile(file, fs.readFileSync(file, "utf8"), "module", tsconfig);
  return { format: "module", source: out.code, shortCircuit: true };
}
