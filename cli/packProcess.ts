// Starts a Node.js policy pack process exactly as the Pulumi CLI's `pulumi-analyzer-policy`
// plugin does: reads PulumiPolicy.yaml, resolves @pulumi/pulumi/cmd/run-policy-pack from the pack
// directory, runs `node <run-policy-pack> <engine-address> . [-option=value...]` in the pack
// directory with the CLI's PULUMI_* environment, and reads the port the pack prints on stdout.
// A pack can be started ahead of time, to boot while the program runs, and taken over later.

import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { EngineServer, startEngine } from "./engineService";

/** How the pack process is started: directory, stack identity and configuration. */
export interface PackProcessOptions {
  /** The policy pack directory (holding PulumiPolicy.yaml and package.json). */
  readonly packDir: string;
  readonly project?: string;
  readonly stack?: string;
  readonly organization?: string;
  /** Stack configuration (namespaced keys), passed as PULUMI_CONFIG. */
  readonly stackConfig?: Record<string, string>;
  /** Whether this is a preview; default true. */
  readonly dryRun?: boolean;
  /** How long the pack may take to print its port, in ms; default 180000. */
  readonly startTimeoutMs?: number;
}

/** The policy pack could not be started or failed to answer. */
export class PolicyHostError extends Error {
  constructor(what: string, why: string, fix: string) {
    super(`${what} failed: ${why}. To fix: ${fix}`);
    this.name = "PolicyHostError";
  }
}

/** What starting the pack needs from its directory: the runner module and the runtime options. */
export interface PackLaunch {
  readonly runner: string;
  /** `-key=value` arguments from PulumiPolicy.yaml's `runtime.options`, as the CLI appends them. */
  readonly optionArgs: string[];
}

/** Reads PulumiPolicy.yaml and resolves the runner from the pack directory, as the CLI's plugin does. */
export function preparePack(packDir: string): PackLaunch {
  const manifest = path.join(packDir, "PulumiPolicy.yaml");
  let runtime: unknown;
  try {
    runtime = (yaml.load(fs.readFileSync(manifest, "utf8")) as { runtime?: unknown } | null)
      ?.runtime;
  } catch (e) {
    throw new PolicyHostError(
      `Loading the policy pack project ${manifest}`,
      e instanceof Error ? e.message : String(e),
      "pass the directory of a policy pack (one holding PulumiPolicy.yaml).",
    );
  }
  const name =
    typeof runtime === "string" ? runtime : (runtime as { name?: unknown } | undefined)?.name;
  if (name !== "nodejs") {
    throw new PolicyHostError(
      `Loading the policy pack project ${manifest}`,
      `its runtime is ${JSON.stringify(name)}, and only Node.js packs are served here`,
      "set `runtime: nodejs` in PulumiPolicy.yaml.",
    );
  }
  const options = (runtime as { options?: Record<string, unknown> }).options ?? {};
  const optionArgs = Object.entries(options)
    .filter(([, v]) => v !== undefined && v !== null && String(v) !== "")
    .map(([k, v]) => `-${k}=${String(v)}`);
  let runner: string;
  try {
    runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
  } catch {
    throw new PolicyHostError(
      `Finding @pulumi/pulumi/cmd/run-policy-pack from ${packDir}`,
      "it looks like the policy pack's dependencies are not installed",
      "run `npm install` in the pack directory or at the repository root above it.",
    );
  }
  return { runner, optionArgs };
}

/** Starts the pack process and resolves with the port it prints on its first stdout line. */
export function spawnPack(
  opts: PackProcessOptions,
  launch: PackLaunch,
  engineAddress: string,
): { child: ChildProcess; port: Promise<number>; stderr: () => string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const set = (k: string, v: string | undefined) => {
    if (v) env[k] = v;
  };
  if (opts.stackConfig && Object.keys(opts.stackConfig).length > 0)
    set("PULUMI_CONFIG", JSON.stringify(opts.stackConfig));
  const dryRun = String(opts.dryRun ?? true);
  for (const prefix of ["PULUMI_NODEJS_", "PULUMI_"]) {
    set(`${prefix}ORGANIZATION`, opts.organization);
    set(`${prefix}PROJECT`, opts.project);
    set(`${prefix}STACK`, opts.stack);
    set(`${prefix}DRY_RUN`, dryRun);
  }
  const child = spawn(process.execPath, [launch.runner, engineAddress, ".", ...launch.optionArgs], {
    cwd: opts.packDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d) => (err = (err + d).slice(-8000)));
  const port = new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(
      () => reject(new Error(`no port printed within ${opts.startTimeoutMs ?? 180000} ms`)),
      opts.startTimeoutMs ?? 180000,
    );
    child.stdout!.on("data", (d) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      clearTimeout(timer);
      const n = Number(out.slice(0, nl).trim());
      if (Number.isInteger(n) && n > 0) resolve(n);
      else reject(new Error(`it printed "${out.slice(0, nl)}" instead of a port`));
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`it exited with code ${code}: ${err.trim() || "no error output"}`));
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  return { child, port, stderr: () => err };
}

/** A pack process and the engine service it was given, before any call is made to it. */
export interface LaunchedPack {
  readonly engine: EngineServer;
  readonly pack: ReturnType<typeof spawnPack>;
}

/** Starts an engine service and the pack process pointed at it. */
export async function launchPack(opts: PackProcessOptions): Promise<LaunchedPack> {
  const launch = preparePack(opts.packDir);
  const engine = await startEngine();
  return { engine, pack: spawnPack(opts, launch, engine.address) };
}
