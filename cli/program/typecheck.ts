// Type-checks a TypeScript program beside its run, as `pulumi preview` type-checks it through
// ts-node: in a worker thread (typecheckCore.ts), so it runs while the program and the policy pack
// start, and with a result cache. A program whose files, config files and packages are unchanged
// since a clean check is not checked again: the cache entry lists each file's hash and each
// package's version, and is stored (atomically) only for clean checks. Skipped, as under the Pulumi
// CLI, for JavaScript programs, with PULUMI_NODEJS_TRANSPILE_ONLY=true, or with `noCheck` set.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createHash } from "crypto";
import { Worker } from "worker_threads";
import { CompileDiagnostic } from "./errors";
import { CheckOutcome, CheckRequest, fileHash, packageVersion } from "./typecheckCore";
import { isTypeScriptFile } from "./transpile";

/** The type check's outcome. */
export interface TypeCheckResult {
  readonly status: "passed" | "failed" | "skipped";
  /** Why it was skipped. */
  readonly reason?: string;
  /** True when a cached clean result was reused. */
  readonly cached: boolean;
  readonly seconds: number;
  readonly diagnostics: readonly CompileDiagnostic[];
}

/** The program facts the check needs. */
export interface CheckedProgram {
  readonly dir: string;
  readonly main: string;
  readonly tsconfig?: string;
  readonly format: "commonjs" | "module";
  readonly typescript: boolean;
}

interface CacheEntry {
  readonly request: CheckRequest;
  readonly typescriptVersion: string;
  readonly files: Record<string, string>;
  readonly packages: Record<string, string>;
}

/** Where cloudfit keeps caches: $CLOUDFIT_CACHE_DIR, else $XDG_CACHE_HOME/cloudfit, else ~/.cache/cloudfit. */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  if (env.CLOUDFIT_CACHE_DIR) return path.resolve(env.CLOUDFIT_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, "cloudfit");
  return path.join(env.HOME || os.homedir(), ".cache", "cloudfit");
}

function installedTypescriptVersion(): string {
  try {
    return String(JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")).version);
  } catch {
    return "";
  }
}

function cacheFile(env: NodeJS.ProcessEnv, req: CheckRequest): string {
  const key = createHash("sha1").update(JSON.stringify(req)).digest("hex").slice(0, 20);
  return path.join(cacheDir(env), "typecheck", `${key}.json`);
}

/** True when a cached clean check still holds: same request, compiler, files and packages. */
function cacheHolds(file: string, req: CheckRequest): boolean {
  let entry: CacheEntry;
  try {
    entry = JSON.parse(fs.readFileSync(file, "utf8")) as CacheEntry;
  } catch {
    return false;
  }
  if (JSON.stringify(entry.request) !== JSON.stringify(req) || entry.typescriptVersion !== installedTypescriptVersion()) return false;
  try {
    return (
      Object.entries(entry.files).every(([f, h]) => fileHash(f) === h) &&
      Object.entries(entry.packages).every(([d, v]) => packageVersion(d) === v)
    );
  } catch {
    return false;
  }
}

function writeCache(file: string, req: CheckRequest, outcome: CheckOutcome): void {
  const entry: CacheEntry = { request: req, typescriptVersion: outcome.typescriptVersion, files: outcome.files, packages: outcome.packages };
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(entry));
    fs.renameSync(tmp, file);
  } catch {
    // An unwritable cache only costs the next run a fresh check.
    fs.rmSync(tmp, { force: true });
  }
}

/** Heap of the type check's worker. */
const WORKER_HEAP_MB = 6144;

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve(o: CheckOutcome): void; reject(e: Error): void }>();

/** Checks in the worker thread, started on first use and kept (unreferenced) for later checks. */
function checkInWorker(req: CheckRequest): Promise<CheckOutcome> {
  if (!worker) {
    // Declaration files of the largest SDKs (azure-native 2.x with every API version) take
    // gigabytes to check; the worker gets room for them rather than the default heap.
    const w = new Worker(path.join(__dirname, "typecheck-worker.js"), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    w.on("message", (msg: { id: number; outcome?: CheckOutcome; error?: string }) => {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (pending.size === 0) w.unref();
      if (msg.outcome) p?.resolve(msg.outcome);
      else p?.reject(new Error(msg.error ?? "the type check failed"));
    });
    const fail = (e: Error) => {
      worker = undefined;
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    };
    w.on("error", fail);
    w.on("exit", (code) => fail(new Error(`the type check's worker exited with code ${code}`)));
    worker = w;
  }
  const id = nextId++;
  worker.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker!.postMessage({ id, request: req });
  });
}

/** Why a program is not type-checked, or undefined when it is. */
function skipReason(prog: CheckedProgram, env: NodeJS.ProcessEnv): string | undefined {
  if (!prog.typescript) return "Pulumi.yaml turns TypeScript off";
  if (!isTypeScriptFile(prog.main)) return "the program is JavaScript";
  if (env.PULUMI_NODEJS_TRANSPILE_ONLY === "true") return "PULUMI_NODEJS_TRANSPILE_ONLY=true, as under the Pulumi CLI";
  if (prog.tsconfig && /"noCheck"\s*:\s*true/.test(fs.readFileSync(prog.tsconfig, "utf8"))) return "tsconfig.json sets noCheck";
  return undefined;
}

/** Starts the type check of a program; resolves when it is done (never rejects). */
export async function startTypeCheck(prog: CheckedProgram, env: NodeJS.ProcessEnv, cloudfitRoot: string): Promise<TypeCheckResult> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  const reason = skipReason(prog, env);
  if (reason) return { status: "skipped", reason, cached: false, seconds: 0, diagnostics: [] };
  const req: CheckRequest = { dir: prog.dir, main: prog.main, tsconfig: prog.tsconfig, format: prog.format, cloudfitRoot };
  const file = cacheFile(env, req);
  if (cacheHolds(file, req)) return { status: "passed", cached: true, seconds: seconds(), diagnostics: [] };
  try {
    const outcome = await checkInWorker(req);
    if (outcome.diagnostics.length === 0) writeCache(file, req, outcome);
    return { status: outcome.diagnostics.length === 0 ? "passed" : "failed", cached: false, seconds: seconds(), diagnostics: outcome.diagnostics };
  } catch (e) {
    return { status: "skipped", reason: `the type check could not run: ${(e as Error).message.split("\n")[0]}`, cached: false, seconds: seconds(), diagnostics: [] };
  }
}
