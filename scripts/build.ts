// `npm run build` (also run by `prepare`, so by `npm pack` and `npm publish`): compiles the library
// and the command line to JavaScript with declaration files (tsc, tsconfig.build.json), copies the
// non-TypeScript files those modules load at run time, compiles the policy pack into a
// self-contained pack (dist/policy-pack), and checks that every file a compiled module loads by a
// relative path is there. It builds into a temporary folder and swaps it in at the end, so a
// failed build leaves the previous dist/ as it was.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { compilePack, PACK_FOLDER, writePackFiles } from "../cli/policyPack";
import { POLICY_METADATA_FILE, policyMetadataOf } from "../cli/policyConfig";
import type { Policies } from "@pulumi/policy";
import { copyAssets, missingRuntimeFiles, sourceFolders } from "./assets";

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const CONFIG = path.join(ROOT, "tsconfig.build.json");

/** The build failed; the message says where and how to fix it. */
class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuildError";
  }
}

function step(label: string): () => void {
  const t0 = Date.now();
  process.stderr.write(`build: ${label}...\n`);
  return () => process.stderr.write(`build: ${label} took ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

function compile(outDir: string): void {
  const done = step("compiling TypeScript (tsc -p tsconfig.build.json)");
  const tsc = require.resolve("typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", CONFIG, "--outDir", outDir], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) {
    throw new BuildError("tsc reported the errors above. To fix: correct them; `npm run typecheck` shows the same errors.");
  }
  done();
}

/** Replaces dist/ with the finished build in two renames. */
function swapIn(tmp: string): void {
  const old = `${DIST}.old-${process.pid}`;
  if (fs.existsSync(DIST)) fs.renameSync(DIST, old);
  fs.renameSync(tmp, DIST);
  fs.rmSync(old, { recursive: true, force: true });
}

function build(): void {
  const started = Date.now();
  const tmp = path.join(ROOT, `.dist-${process.pid}.tmp`);
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    compile(tmp);
    const copied = copyAssets(ROOT, tmp, sourceFolders(CONFIG));
    process.stderr.write(`build: copied ${copied.length} run-time files (${copied.join(", ")})\n`);
    const donePack = step(`compiling the policy pack into dist/${PACK_FOLDER}`);
    writePackFiles(compilePack(path.join(ROOT, "policies")), path.join(tmp, PACK_FOLDER));
    // The policy list the command checks configurations against, so it need not load policies/.
    const { cloudfitPolicies } = require("../policies/policies") as { cloudfitPolicies: Policies };
    fs.writeFileSync(path.join(tmp, "cli", POLICY_METADATA_FILE), JSON.stringify(policyMetadataOf(cloudfitPolicies)) + "\n");
    donePack();
    const missing = missingRuntimeFiles(tmp);
    if (missing.length > 0) {
      throw new BuildError(
        `compiled modules load files the build did not produce:\n${missing.map((m) => `  ${m}`).join("\n")}\n` +
          "To fix: keep each such file beside the module's source (the build copies every non-TypeScript " +
          "file of the source folders), or load JSON with require() so the compiler follows it.",
      );
    }
    swapIn(tmp);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  process.stderr.write(`build: dist/ written in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

if (require.main === module) {
  try {
    build();
  } catch (e) {
    process.stderr.write(`Error: the build failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
