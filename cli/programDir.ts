// A Pulumi program directory as the Pulumi CLI and its Node.js language host read it: the project
// name, runtime options and entry file from Pulumi.yaml, the entry's module format from the nearest
// package.json, and where the stack settings files live. Entry resolution follows the host
// (@pulumi/pulumi cmd/run/run.js): Pulumi.yaml's `main`, else package.json's `exports` or `main`,
// else the folder's index file.

import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { ProgramError } from "./program/errors";

export { readStackConfig } from "./program/config";

/** A Pulumi program directory: project, entry file, module format and settings locations. */
export interface ProgramDir {
  readonly dir: string;
  readonly project: string;
  /** The entry file the host would load. */
  readonly main: string;
  /** "module" when the package is `"type": "module"` (or the entry is .mjs/.mts): run with import(). */
  readonly format: "commonjs" | "module";
  /** False when Pulumi.yaml sets `runtime.options.typescript: false` (no TypeScript, no type check). */
  readonly typescript: boolean;
  /** The folder of the nearest package.json (the program folder when there is none). */
  readonly packageRoot: string;
  /** The program's tsconfig.json (in its folder), when it has one. */
  readonly tsconfig?: string;
  /** Folder of the stack settings files (Pulumi.yaml's `stackConfigDir`, default the project's). */
  readonly stackConfigDir: string;
  /** Pulumi.yaml's `config:` block (project-level defaults), as written. */
  readonly projectConfig: Readonly<Record<string, unknown>>;
  /** Things the host would warn about, said once in the preview. */
  readonly notes: readonly string[];
}

interface ProjectFile {
  name?: unknown;
  main?: unknown;
  runtime?: unknown;
  stackConfigDir?: unknown;
  config?: unknown;
}

function projectError(what: string, detail: string, fix: string): ProgramError {
  return new ProgramError({ kind: "project", what, detail, fix });
}

/** Reads Pulumi.yaml (or Pulumi.yml) of a directory. */
function readProjectFile(abs: string): { file: string; doc: ProjectFile } {
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(abs, f)).find((f) => fs.existsSync(f));
  if (!file) {
    throw projectError(
      `${abs} is not a Pulumi project`,
      "it has no Pulumi.yaml",
      "pass --program a Pulumi project directory (one holding Pulumi.yaml), or create one with `name:` and `runtime: nodejs`.",
    );
  }
  let doc: unknown;
  try {
    doc = yaml.load(fs.readFileSync(file, "utf8")) ?? {};
  } catch (e) {
    throw projectError(`Reading ${file} failed`, (e as Error).message, "correct the YAML syntax of Pulumi.yaml.");
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw projectError(`Reading ${file} failed`, "it does not hold a mapping", "write Pulumi.yaml as `name: <project>` and `runtime: nodejs` lines.");
  }
  return { file, doc: doc as ProjectFile };
}

/** The nearest package.json at or above `dir`, parsed (empty when there is none or it is unreadable). */
function nearestPackage(dir: string): { root: string; pkg: Record<string, unknown> } | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const file = path.join(d, "package.json");
    if (fs.existsSync(file)) {
      try {
        return { root: d, pkg: JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown> };
      } catch {
        return { root: d, pkg: {} };
      }
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/** The entry package.json names, as the host reads it: `exports` (string or "."), then `main`. */
function packageEntry(pkg: Record<string, unknown>): string | undefined {
  const exp = pkg.exports;
  if (typeof exp === "string") return exp;
  if (exp && typeof exp === "object") {
    const dot = (exp as Record<string, unknown>)["."];
    if (typeof dot === "string") return dot;
    if (dot && typeof dot === "object") {
      const d = dot as Record<string, unknown>;
      const pick = d.default ?? d.require ?? d.import;
      if (typeof pick === "string") return pick;
    }
  }
  return typeof pkg.main === "string" && pkg.main !== "" ? pkg.main : undefined;
}

/** The file Node loads for a folder: package.json's main, then the index files in Node's order. */
function folderEntry(dir: string, format: "commonjs" | "module"): string | undefined {
  if (format === "commonjs") {
    const own = nearestPackage(dir);
    const main = own && own.root === dir ? own.pkg.main : undefined;
    if (typeof main === "string") {
      const m = path.resolve(dir, main);
      for (const c of [m, `${m}.js`, `${m}.ts`, path.join(m, "index.js"), path.join(m, "index.ts")]) {
        if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
      }
    }
  }
  const names = format === "module" ? ["index.js", "index.mjs", "index.ts", "index.mts"] : ["index.js", "index.ts"];
  return names.map((n) => path.join(dir, n)).find((c) => fs.existsSync(c));
}

/** Reads a program directory as `pulumi preview` in it would, and finds its entry file. */
export function readProgramDir(dir: string): ProgramDir {
  const abs = path.resolve(dir);
  const { file, doc } = readProjectFile(abs);
  if (typeof doc.name !== "string" || doc.name === "") {
    throw projectError(`Reading ${file} failed`, "it has no project name", "add `name: <project>` to Pulumi.yaml.");
  }
  const runtime = doc.runtime;
  const runtimeName = typeof runtime === "string" ? runtime : (runtime as { name?: unknown } | undefined)?.name;
  if (runtimeName !== "nodejs") {
    throw projectError(
      `The project in ${abs} cannot be previewed`,
      `its runtime is ${JSON.stringify(runtimeName ?? null)}, and cloudfit runs Node.js programs (TypeScript or JavaScript) only`,
      "set `runtime: nodejs` in Pulumi.yaml if the program is TypeScript or JavaScript.",
    );
  }
  const options = (typeof runtime === "object" && runtime !== null ? (runtime as { options?: Record<string, unknown> }).options : undefined) ?? {};
  const notes: string[] = [];
  const found = nearestPackage(abs);
  const packageRoot = found?.root ?? abs;
  const pkg = found?.pkg ?? {};
  let format: ProgramDir["format"] = pkg.type === "module" ? "module" : "commonjs";

  let target: string;
  if (typeof doc.main === "string" && doc.main !== "") {
    target = path.resolve(abs, doc.main);
    if (!fs.existsSync(target)) {
      throw projectError(
        `The entry file of ${abs} does not exist`,
        `Pulumi.yaml sets main: ${doc.main}, and ${target} is missing`,
        "correct `main` in Pulumi.yaml, or create the file.",
      );
    }
  } else {
    target = abs;
    const entry = packageEntry(pkg);
    if (entry !== undefined && packageRoot === abs) {
      const p = path.join(packageRoot, entry);
      if (fs.existsSync(p)) target = p;
      else notes.push(`Could not find the entry point '${entry}' named in package.json; using ${abs} instead (as the Pulumi CLI does).`);
    } else if (entry !== undefined) {
      // The host would take the entry of the nearest package.json even from a parent folder; that
      // is another package's entry (a monorepo's app), so the program folder's index is run.
      notes.push(
        `The Pulumi CLI would run '${entry}' named by ${path.join(packageRoot, "package.json")} (the nearest package.json); ` +
          `cloudfit runs the program folder's own entry instead. To make both agree, add a package.json to ${abs} or set \`main\` in Pulumi.yaml.`,
      );
    }
  }
  const main = fs.statSync(target).isDirectory() ? folderEntry(target, format) : target;
  if (!main) {
    throw projectError(
      `The entry file of ${abs} was not found`,
      `${target} has no index.ts or index.js${format === "module" ? " (nor index.mjs, index.mts)" : ""}`,
      "add an index.ts, or set `main` in Pulumi.yaml to the program's entry file.",
    );
  }
  if (/\.m[jt]s$/.test(main)) format = "module";
  const typescript = options.typescript !== false;
  if (!typescript && /\.[cm]?tsx?$/.test(main)) {
    throw projectError(
      `The program in ${abs} cannot run`,
      `Pulumi.yaml sets runtime.options.typescript: false, but the entry file ${path.relative(abs, main)} is TypeScript`,
      "remove `typescript: false`, or point `main` at the compiled JavaScript.",
    );
  }
  // As the host: ts-node reads tsconfig.json of the folder the program runs in, if there is one.
  const tsconfig = fs.existsSync(path.join(abs, "tsconfig.json")) ? path.join(abs, "tsconfig.json") : undefined;
  // Pulumi.yaml's legacy `config: <folder>` names where the stack files live.
  const stackDir = typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : typeof doc.config === "string" ? doc.config : undefined;
  const projectConfig =
    doc.config && typeof doc.config === "object" && !Array.isArray(doc.config) ? (doc.config as Record<string, unknown>) : {};
  return {
    dir: abs,
    project: doc.name,
    main,
    format,
    typescript,
    packageRoot,
    tsconfig,
    stackConfigDir: stackDir !== undefined ? path.resolve(abs, stackDir) : abs,
    projectConfig,
    notes,
  };
}
