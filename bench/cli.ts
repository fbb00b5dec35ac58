// Command-line timings in `npm run bench`: the built `cloudfit` command (plain Node.js, as
// installed) for `--help`, `plan --stack dev` and `preview --stack dev`, end to end in fresh
// processes, against the targets; preview both on the reference program (TypeScript that
// imports cloudfit's sources) and on a project made by `cloudfit init` with the reference dev
// stack, importing the compiled package as a user's program does; and the policy pack's start,
// compiled against type-checked by ts-node. Wall and CPU seconds, with the machine and its load.
// Run alone with `npx ts-node bench/cli.ts [runs]`.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startPolicyHost } from "../cli/policyHost";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "dist", "cli", "bin.js");

/** One command's timings over several runs. */
export interface CliTiming {
  readonly name: string;
  readonly runs: number;
  readonly medianSec: number;
  readonly minSec: number;
  /** Median CPU seconds (user + system) of the process, when /usr/bin/time is there to tell. */
  readonly medianCpuSec?: number;
  readonly targetSec?: number;
}

/** What the CLI benchmark measured. */
export interface CliBenchResult {
  readonly loadAverageBefore: number;
  readonly loadAverageAfter: number;
  readonly buildSec: number;
  readonly timings: readonly CliTiming[];
  readonly packStart: { readonly compiledSec: number; readonly typeCheckedSec: number };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const TIME = "/usr/bin/time";

function runOnce(args: string[], cwd: string): { wall: number; cpu?: number } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  for (const k of Object.keys(env)) if (/^(npm_|INIT_CWD$|TS_NODE_)/.test(k)) delete env[k];
  const useTime = fs.existsSync(TIME);
  const cmd = useTime ? TIME : process.execPath;
  const argv = useTime ? ["-f", "CPU %U %S", process.execPath, BIN, ...args] : [BIN, ...args];
  const start = performance.now();
  const r = spawnSync(cmd, argv, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`cloudfit ${args.join(" ")} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : undefined };
}

function timeCommand(name: string, args: string[], cwd: string, runs: number, targetSec?: number): CliTiming {
  runOnce(args, cwd); // a first run warms the file cache and, for preview, the pack's cache
  const results = Array.from({ length: runs }, () => runOnce(args, cwd));
  const cpus = results.map((r) => r.cpu).filter((c): c is number => c !== undefined);
  return {
    name,
    runs,
    medianSec: median(results.map((r) => r.wall)),
    minSec: Math.min(...results.map((r) => r.wall)),
    ...(cpus.length === runs ? { medianCpuSec: median(cpus) } : {}),
    ...(targetSec !== undefined ? { targetSec } : {}),
  };
}

/**
 * A project as `cloudfit init` makes it, holding the reference dev stack's settings and lock, with
 * node_modules pointing at this clone's build and SDKs (no install needed to time it).
 */
function userProject(dir: string): void {
  const r = spawnSync(process.execPath, [BIN, "init", dir, "--name", "storefront"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cloudfit init failed: ${r.stderr}`);
  fs.copyFileSync(path.join(ROOT, "stacks", "Pulumi.dev.yaml"), path.join(dir, "Pulumi.dev.yaml"));
  fs.copyFileSync(path.join(ROOT, "stacks", "placement.dev.json"), path.join(dir, "placement.dev.json"));
  const nm = path.join(dir, "node_modules");
  fs.mkdirSync(path.join(nm, "cloudfit"), { recursive: true });
  fs.copyFileSync(path.join(ROOT, "package.json"), path.join(nm, "cloudfit", "package.json"));
  fs.symlinkSync(path.join(ROOT, "dist"), path.join(nm, "cloudfit", "dist"));
  fs.symlinkSync(path.join(ROOT, "node_modules", "@pulumi"), path.join(nm, "@pulumi"));
}

async function packStartSec(packDir: string): Promise<number> {
  const start = performance.now();
  const host = await startPolicyHost({ packDir, project: "bench", stack: "dev" });
  const sec = (performance.now() - start) / 1000;
  await host.close();
  return sec;
}

/** Builds the package, then times the built command `runs` times per command. */
export async function benchCli(runs: number, say: (msg: string) => void = () => undefined): Promise<CliBenchResult> {
  const loadAverageBefore = os.loadavg()[0];
  say("building (npm run build)");
  const t0 = performance.now();
  const build = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", "scripts/build.ts"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`the build failed: ${build.stderr.slice(-2000)}`);
  const buildSec = (performance.now() - t0) / 1000;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-bench-cli-"));
  try {
    const project = path.join(tmp, "storefront");
    userProject(project);
    const timings: CliTiming[] = [];
    say("cloudfit --help");
    timings.push(timeCommand("cloudfit --help", ["--help"], ROOT, runs, 0.5));
    say("cloudfit plan --stack dev");
    timings.push(timeCommand("cloudfit plan --stack dev", ["plan", "--stack", "dev"], ROOT, runs, 1.5));
    say("cloudfit preview --stack dev (a user's project)");
    timings.push(timeCommand("cloudfit preview --stack dev (init project)", ["preview", "--stack", "dev"], project, runs, 5));
    say("cloudfit preview --stack dev (the reference program's sources)");
    timings.push(timeCommand("cloudfit preview --stack dev (reference sources)", ["preview", "--stack", "dev"], ROOT, runs));
    say("policy pack start, compiled and type-checked");
    const packStart = {
      compiledSec: median(await sequence(runs, () => packStartSec(path.join(ROOT, "dist", "policy-pack")))),
      typeCheckedSec: await packStartSec(path.join(ROOT, "policies")),
    };
    return { loadAverageBefore, loadAverageAfter: os.loadavg()[0], buildSec, timings, packStart };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function sequence<T>(n: number, f: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}

/** The CLI timings as an aligned table with each target's verdict. */
export function renderCliText(r: CliBenchResult | { skipped: string }): string {
  if ("skipped" in r) return `\nCommand line: skipped (${r.skipped}).\n`;
  const rows = r.timings.map((t) => [
    t.name,
    `${t.medianSec.toFixed(2)} s`,
    `${t.minSec.toFixed(2)} s`,
    t.medianCpuSec !== undefined ? `${t.medianCpuSec.toFixed(2)} s` : "-",
    t.targetSec !== undefined ? `< ${t.targetSec} s: ${t.medianSec < t.targetSec ? "met" : "missed"}` : "",
  ]);
  const head = ["COMMAND", "MEDIAN WALL", "MIN WALL", "MEDIAN CPU", "TARGET (median)"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  const p = r.packStart;
  return [
    "",
    `Command line (built package, ${r.timings[0]?.runs ?? 0} runs each after one warm-up; build ${r.buildSec.toFixed(1)} s; ` +
      `load average ${r.loadAverageBefore.toFixed(1)} before, ${r.loadAverageAfter.toFixed(1)} after, on ${os.cpus().length} cores)`,
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    `Policy pack start: compiled ${p.compiledSec.toFixed(2)} s, type-checked by ts-node ${p.typeCheckedSec.toFixed(2)} s ` +
      `(${(p.typeCheckedSec / p.compiledSec).toFixed(1)}x).`,
    "",
  ].join("\n");
}

if (require.main === module) {
  const runs = Number(process.argv[2] ?? 5);
  benchCli(runs, (m) => process.stderr.write(`[cli] ${m}\n`))
    .then((r) => process.stdout.write(renderCliText(r)))
    .catch((e) => {
      process.stderr.write(`Error: ${(e as Error).message}\n`);
      process.exitCode = 2;
    });
}
