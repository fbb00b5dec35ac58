// The compiled policy pack. The pack's TypeScript sources (policies/index.ts and everything it
// imports, the price catalog included) are bundled into one JavaScript file beside the pack's
// PulumiPolicy.yaml and package.json. Such a pack starts without type-checking itself, and since
// it holds nothing outside its folder it runs from an installed package
// (`pulumi preview --policy-pack node_modules/cloudfit/dist/policy-pack`) and publishes with
// `pulumi policy publish`. `npm run build` writes it to dist/policy-pack; a clone running from its
// TypeScript sources bundles it on demand into node_modules/.cache, so both serve the same pack.

import { createHash } from "crypto";
import { builtinModules } from "module";
import * as fs from "fs";
import * as path from "path";
import { packageRoot, runsFromSources } from "./packageInfo";

/** Folder of the compiled pack inside dist/. */
export const PACK_FOLDER = "policy-pack";

/** The pack could not be compiled; the message names the cause and the fix. */
export class PackBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackBuildError";
  }
}

/** File name → content of a compiled pack folder. */
export type PackFiles = ReadonlyMap<string, string>;

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The package a bare import names ("@pulumi/policy/x" → "@pulumi/policy"). */
function packageOf(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * Compiles the pack in `srcDir` (its index.ts, PulumiPolicy.yaml and package.json) into the files
 * of a standard, self-contained pack. Packages the pack declares as dependencies stay imports
 * (they are the runtime the Pulumi CLI provides); everything else is bundled.
 */
export function compilePack(srcDir: string): PackFiles {
  // esbuild is a build tool: loaded only when compiling, never by an installed command.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require("esbuild") as typeof import("esbuild");
  const manifest = JSON.parse(fs.readFileSync(path.join(srcDir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  const declared = Object.keys(manifest.dependencies ?? {});
  const result = esbuild.buildSync({
    entryPoints: [path.join(srcDir, "index.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // Every @pulumi package stays external: bundling one would copy a provider SDK (or a second
    // Pulumi runtime) into the pack; the check below names any the pack does not declare.
    external: [...declared, "@pulumi/*"],
    keepNames: true,
    write: false,
    outfile: path.join(srcDir, "index.js"),
    metafile: true,
    logLevel: "silent",
    banner: { js: "// cloudfit policy pack, compiled from policies/index.ts by `npm run build`." },
  });
  const imported = new Set<string>();
  for (const out of Object.values(result.metafile.outputs))
    for (const i of out.imports) if (i.external && !BUILTINS.has(i.path)) imported.add(packageOf(i.path));
  const undeclared = [...imported].filter((p) => !declared.includes(p)).sort();
  if (undeclared.length > 0) {
    throw new PackBuildError(
      `The policy pack imports ${undeclared.join(", ")} at run time, but ${path.join(srcDir, "package.json")} ` +
        "does not declare it, so the served or published pack could not load it. " +
        "To fix: import only its types (`import type`), or add it to the pack's dependencies.",
    );
  }
  const js = result.outputFiles[0].text;
  if (/\b__(dirname|filename)\b/.test(js)) {
    throw new PackBuildError(
      "The policy pack's code reads a file relative to its own module (__dirname), which the " +
        "compiled pack does not carry. To fix: load such data with require() of a .json file, " +
        "which the bundle includes.",
    );
  }
  const files = new Map<string, string>([["index.js", js]]);
  // The pack's other top-level files (manifest, package.json, example configuration) go as they are.
  for (const f of fs.readdirSync(srcDir).sort()) {
    const full = path.join(srcDir, f);
    if (f.endsWith(".ts") || f.startsWith("tsconfig") || !fs.statSync(full).isFile()) continue;
    files.set(f, fs.readFileSync(full, "utf8"));
  }
  for (const required of ["PulumiPolicy.yaml", "package.json"]) {
    if (!files.has(required)) {
      throw new PackBuildError(`${path.join(srcDir, required)} is missing. To fix: restore it; a policy pack needs it.`);
    }
  }
  return files;
}

/** Writes pack files into `dir`, which must not exist yet. */
export function writePackFiles(files: PackFiles, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
}

/**
 * Compiles the pack from sources into a folder named by the content's hash under `cacheDir`, and
 * returns it. A folder is written once under a temporary name and renamed, so a pack being served
 * from it is never rewritten underneath; folders of older contents are removed after a day.
 */
export function compilePackCached(srcDir: string, cacheDir: string): string {
  const files = compilePack(srcDir);
  const hash = createHash("sha256");
  for (const [name, text] of files) hash.update(name).update("\0").update(text).update("\0");
  const name = `${PACK_FOLDER}-${hash.digest("hex").slice(0, 16)}`;
  const dir = path.join(cacheDir, name);
  if (!fs.existsSync(path.join(dir, "index.js"))) {
    const tmp = path.join(cacheDir, `.${name}.${process.pid}.tmp`);
    fs.rmSync(tmp, { recursive: true, force: true });
    writePackFiles(files, tmp);
    try {
      fs.renameSync(tmp, dir);
    } catch (e) {
      // Another process renamed the same content into place first.
      fs.rmSync(tmp, { recursive: true, force: true });
      if (!fs.existsSync(path.join(dir, "index.js"))) throw e;
    }
  }
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const other of fs.readdirSync(cacheDir)) {
    const p = path.join(cacheDir, other);
    if (other !== name && other.startsWith(`${PACK_FOLDER}-`) && fs.statSync(p).mtimeMs < dayAgo)
      fs.rmSync(p, { recursive: true, force: true });
  }
  return dir;
}

/**
 * The pack `cloudfit preview` serves: the compiled one shipped in dist/ when running compiled,
 * or, from a clone's TypeScript sources, the same pack compiled from policies/ (once a process).
 */
export function servedPackDir(): string {
  served ??= findServedPack();
  return served;
}

let served: string | undefined;

function findServedPack(): string {
  if (!runsFromSources()) {
    const dir = path.resolve(__dirname, "..", PACK_FOLDER);
    if (!fs.existsSync(path.join(dir, "index.js"))) {
      throw new PackBuildError(
        `The compiled policy pack is missing from ${dir}. ` +
          "To fix: reinstall cloudfit, or in a clone run `npm run build`.",
      );
    }
    return dir;
  }
  const root = packageRoot();
  return compilePackCached(path.join(root, "policies"), path.join(root, "node_modules", ".cache", "cloudfit"));
}
