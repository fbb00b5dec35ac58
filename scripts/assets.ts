// What the build carries besides compiled modules, by rule rather than by list: every
// non-TypeScript file in the compiled source folders (catalog JSON, worker scripts, the command's
// bin.js) except build inputs and compiler settings. And a check of the result: every file a
// compiled module loads by a literal relative path (require("./x.json"), path.join(__dirname, "x"))
// must exist in the output, but on lines marked "source checkout only".

import * as fs from "fs";
import * as path from "path";

/** Files never copied: compiler settings and build inputs (price tables the catalog is made from). */
const SKIP_FILE = /^tsconfig.*\.json$|\.ts$/;
const SKIP_DIR = new Set(["sources", "fixtures", "node_modules"]);

/** Top-level source folders a tsconfig compiles, from its "include" patterns ("cli/**\/*.ts" → "cli"). */
export function sourceFolders(tsconfigFile: string): string[] {
  const include = (JSON.parse(fs.readFileSync(tsconfigFile, "utf8")) as { include?: string[] }).include ?? [];
  const dirs = include.map((p) => p.split("/")[0]).filter((d) => d !== "" && !d.includes("*") && !d.endsWith(".ts"));
  return [...new Set(dirs)].sort();
}

function walk(dir: string, rel: string, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory()) {
      if (!SKIP_DIR.has(e.name)) walk(path.join(dir, e.name), path.join(rel, e.name), out);
    } else if (e.isFile() && !SKIP_FILE.test(e.name)) {
      out.push(path.join(rel, e.name));
    }
  }
}

/** Copies the run-time files of `folders` from `root` into `outDir`; returns their relative paths. */
export function copyAssets(root: string, outDir: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  for (const f of folders) walk(path.join(root, f), f, files);
  for (const rel of files) {
    fs.mkdirSync(path.dirname(path.join(outDir, rel)), { recursive: true });
    fs.copyFileSync(path.join(root, rel), path.join(outDir, rel));
  }
  return files;
}

const REQUIRE = /\brequire\(\s*"(\.{1,2}\/[^"]*)"\s*\)/g;
const DIRNAME_PATH = /\b(?:join|resolve)\)?\(\s*__dirname((?:\s*,\s*"[^"]*")+)\s*\)/g;

function resolvesTo(file: string): boolean {
  return [file, `${file}.js`, `${file}.json`, path.join(file, "index.js")].some((f) => fs.existsSync(f));
}

/** Every literal relative load in the JavaScript under `dir` that points at no file: "module: path". */
export function missingRuntimeFiles(dir: string): string[] {
  const modules: string[] = [];
  const collect = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) collect(p);
      else if (e.name.endsWith(".js")) modules.push(p);
    }
  };
  collect(dir);
  const missing: string[] = [];
  for (const m of modules.sort()) {
    // Lines marked "source checkout only" load what exists only in a clone (ts-node, sources).
    const text = fs
      .readFileSync(m, "utf8")
      .split("\n")
      .filter((l) => !l.includes("source checkout only"))
      .join("\n");
    const base = path.dirname(m);
    for (const [, spec] of text.matchAll(REQUIRE)) {
      if (!resolvesTo(path.resolve(base, spec))) missing.push(`${path.relative(dir, m)}: require("${spec}")`);
    }
    for (const [, args] of text.matchAll(DIRNAME_PATH)) {
      const parts = [...args.matchAll(/"([^"]*)"/g)].map((x) => x[1]);
      if (!fs.existsSync(path.resolve(base, ...parts))) {
        missing.push(`${path.relative(dir, m)}: ${parts.join("/")} beside the module`);
      }
    }
  }
  return missing;
}
