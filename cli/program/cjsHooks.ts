// Module resolution and compilation for a CommonJS program while it runs, installed around one run
// and removed after it (nothing stays patched between runs):
// - `@pulumi/pulumi` always resolves to cloudfit's own copy, so the program, its provider SDKs and
//   the mocks share one runtime (two copies would keep two separate sets of settings);
// - every other module resolves from the program's own node_modules first, as Node would, then,
//   for the packages cloudfit itself depends on (its provider SDKs), from cloudfit's, so a program
//   folder needs no install of what cloudfit ships;
// - `./x.js` finds `./x.ts` when only the TypeScript source exists, as ts-node does;
// - the program's TypeScript files are compiled with its own tsconfig (transpile.ts).
// The program's own modules are dropped from require's cache afterwards, so the next run executes
// them again.

import * as fs from "fs";
import * as path from "path";
import { isTypeScriptFile, transpileFile } from "./transpile";

/** What the hooks need to know about the program. */
export interface HookedProgram {
  readonly dir: string;
  readonly tsconfig?: string;
  /** False when the program has TypeScript turned off (runtime.options.typescript: false). */
  readonly typescript: boolean;
}

/** An unresolvable import seen during the run, for the error report. */
export interface MissingImport {
  readonly request: string;
  readonly from?: string;
}

interface ModuleInternals {
  _resolveFilename(request: string, parent: NodeModule | undefined, isMain: boolean, options?: { paths?: string[] }): string;
  _extensions: Record<string, ((module: NodeModule & { _compile(code: string, file: string): void }, filename: string) => void) | undefined>;
}

const Module = require("module") as ModuleInternals;
const SDK = /^@pulumi\/pulumi(\/|$)/;
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/** True when `file` lies inside `dir`. */
export function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/** A bare package specifier ("@pulumi/random", "lodash/fp"), as opposed to a path. */
export function isBare(request: string): boolean {
  return !request.startsWith(".") && !path.isAbsolute(request) && !request.startsWith("node:") && !request.startsWith("file:");
}

/**
 * The packages cloudfit ships to programs: its own direct dependencies (not what they pull in,
 * whose versions a program cannot rely on).
 */
export function shippedPackages(cloudfitRoot: string): Set<string> {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(cloudfitRoot, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    return new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].filter((n) => !n.startsWith("@types/")));
  } catch {
    return new Set();
  }
}

/** A package cloudfit lends a program whose package.json asks for a version it does not satisfy. */
export interface LentMismatch {
  readonly name: string;
  readonly wanted: string;
  readonly lent: string;
}

/**
 * The packages the program's package.json asks for, that its node_modules lacks, and that cloudfit
 * lends in another major version than the one asked for (a newer minor of the same major keeps
 * the program's API, as semver promises, and is not worth a note).
 */
export function lentMismatches(packageRoot: string, cloudfitRoot: string): LentMismatch[] {
  let deps: Record<string, string> = {};
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    deps = { ...pkg.devDependencies, ...pkg.dependencies };
  } catch {
    return [];
  }
  // semver comes with @pulumi/pulumi, which cloudfit depends on.
  const semver = require(require.resolve("semver", { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] })) as {
    major(v: string): number;
    minVersion(range: string): { version: string } | null;
    validRange(r: string): string | null;
  };
  const shipped = shippedPackages(cloudfitRoot);
  const out: LentMismatch[] = [];
  for (const [name, wanted] of Object.entries(deps)) {
    if (!shipped.has(name) || name === "@pulumi/pulumi" || !semver.validRange(wanted)) continue;
    let own: string | undefined;
    try {
      own = require.resolve(`${name}/package.json`, { paths: [packageRoot] });
    } catch {
      // Not installed anywhere the program looks: cloudfit lends its own.
    }
    if (own && !isInside(path.join(cloudfitRoot, "node_modules"), own)) continue;
    try {
      const lent = String(JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`, { paths: [cloudfitRoot] }), "utf8")).version);
      const lowest = semver.minVersion(wanted);
      if (lowest && semver.major(lowest.version) !== semver.major(lent)) out.push({ name, wanted, lent });
    } catch {
      // cloudfit does not have it installed: nothing is lent.
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The package a bare specifier names: "@scope/name" or "name". */
export function packageName(request: string): string {
  const parts = request.split("/");
  return request.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * Installs the hooks for one run of a program; returns the function that removes them and drops
 * the program's modules from require's cache. `cloudfitRoot` is where cloudfit's node_modules is.
 */
export function installCjsHooks(
  prog: HookedProgram,
  cloudfitRoot: string,
  missing: MissingImport[],
): () => void {
  const before = new Set(Object.keys(require.cache));
  const resolveFilename = Module._resolveFilename;
  const fallback = [cloudfitRoot];
  const shipped = shippedPackages(cloudfitRoot);
  Module._resolveFilename = function (request, parent, isMain, options) {
    if (SDK.test(request)) return resolveFilename.call(this, request, parent, isMain, { paths: fallback });
    try {
      return resolveFilename.call(this, request, parent, isMain, options);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw e;
      const from = parent?.filename;
      if (prog.typescript && /\.[cm]?js$/.test(request) && !isBare(request) && from) {
        const ts = path.resolve(path.dirname(from), request).replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts").replace(/\.cjs$/, ".cts");
        if (fs.existsSync(ts)) return ts;
      }
      if (isBare(request) && shipped.has(packageName(request))) {
        try {
          return resolveFilename.call(this, request, parent, isMain, { paths: fallback });
        } catch {
          // Not in cloudfit's node_modules either: report the program's own failure below.
        }
      }
      missing.push({ request, from });
      throw e;
    }
  };

  const saved = new Map<string, ModuleInternals["_extensions"][string] | undefined>();
  if (prog.typescript) {
    for (const ext of [".ts", ".tsx", ".cts"]) {
      const previous = Module._extensions[ext];
      saved.set(ext, previous);
      Module._extensions[ext] = (module, filename) => {
        // cloudfit's own sources (when it runs under ts-node) keep their compiler; program files,
        // wherever they are outside node_modules, compile with the program's options.
        const own = previous && (filename.includes(NODE_MODULES) || (isInside(cloudfitRoot, filename) && !isInside(prog.dir, filename)));
        if (own) return previous(module, filename);
        if (!isTypeScriptFile(filename)) return previous?.(module, filename);
        const out = transpileFile(filename, fs.readFileSync(filename, "utf8"), "commonjs", prog.tsconfig, prog.dir);
        module._compile(out.code, filename);
      };
    }
  }

  return () => {
    Module._resolveFilename = resolveFilename;
    for (const [ext, previous] of saved) {
      if (previous) Module._extensions[ext] = previous;
      else delete Module._extensions[ext];
    }
    for (const key of Object.keys(require.cache)) {
      if (!before.has(key) && !key.includes(NODE_MODULES)) delete require.cache[key];
    }
  };
}
