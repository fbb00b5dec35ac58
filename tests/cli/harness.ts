// Runs the command line in-process with in-memory streams, and builds throw-away project roots
// (a copy of the stacks, the rest linked to the repository) for commands that write. Commands run
// with a cache folder of their own (removed when the process exits), and may share one started
// policy pack between commands with the same pack configuration.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Writable } from "stream";
import * as yaml from "js-yaml";
import { main } from "../../cli/main";
import { PolicyHost, PolicyHostOptions, startPolicyHost } from "../../cli/policyHost";

/** The repository root. */
export const ROOT = path.resolve(__dirname, "../..");

/** What one command-line run printed and returned. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  /** stderr without the progress lines, which depend on how fast the machine is. */
  readonly stderr: string;
  /** stderr as written. */
  readonly rawStderr: string;
}

/** Progress lines off a terminal: "running the program 4.2 s", "solving the placement 2.5 s, gap 5.00%". */
const PROGRESS_LINE = /^[a-z][^\n]* \d+\.\d s(?:, gap [\d.]+%)?\n/gm;

class Capture extends Writable {
  text = "";
  constructor(readonly isTTY = false) {
    super();
  }
  _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

/** The cache folder commands of this test process use (type-check results), removed at exit. */
export const CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-cache-"));
process.on("exit", () => fs.rmSync(CACHE_DIR, { recursive: true, force: true }));

/** Options of one in-process run. */
export interface RunOptions {
  readonly tty?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly startPolicyHost?: (opts: PolicyHostOptions) => Promise<PolicyHost>;
}

/** Runs `cloudfit <argv>` against a project root. */
export async function run(argv: string[], root = ROOT, opts: RunOptions = {}): Promise<RunResult> {
  const stdout = new Capture(opts.tty);
  const stderr = new Capture(false);
  const env = { CLOUDFIT_CACHE_DIR: CACHE_DIR, ...opts.env };
  const code = await main(argv, { stdout, stderr, env, root, cwd: opts.cwd ?? root, startPolicyHost: opts.startPolicyHost });
  return { code, stdout: stdout.text, stderr: stderr.text.replace(PROGRESS_LINE, ""), rawStderr: stderr.text };
}

/**
 * Policy packs shared by commands: one pack is started per pack folder and configuration and
 * serves every command that asks for the same (the pack reads no project or stack name, so
 * which program started it does not matter). `close` stops them all.
 */
export function sharedPolicyHosts(): { start: (opts: PolicyHostOptions) => Promise<PolicyHost>; started: () => number; close: () => Promise<void> } {
  const hosts = new Map<string, Promise<PolicyHost>>();
  return {
    start(opts) {
      const key = JSON.stringify([fs.realpathSync(opts.packDir), opts.config ?? null, opts.configFile ?? null]);
      let host = hosts.get(key);
      if (!host) {
        host = startPolicyHost(opts);
        hosts.set(key, host);
      }
      return host.then((h) => ({ ...h, info: h.info, configuration: h.configuration, analyze: h.analyze, analyzeStack: h.analyzeStack, close: async () => undefined }));
    },
    started: () => hosts.size,
    async close() {
      for (const h of hosts.values()) await (await h).close();
      hosts.clear();
    },
  };
}

/** Temporary roots of this test process, removed at exit (their links, not what they point to). */
const ROOTS: string[] = [];
process.on("exit", () => ROOTS.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/**
 * A temporary project root: Pulumi.yaml and stacks/ copied (so tests may change them), the code
 * and node_modules linked to the repository. Removed when the test process exits.
 */
export function tempRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-cli-"));
  ROOTS.push(dir);
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.copyFileSync(path.join(ROOT, "cloudfit-usage.yml"), path.join(dir, "cloudfit-usage.yml"));
  fs.cpSync(path.join(ROOT, "stacks"), path.join(dir, "stacks"), { recursive: true });
  for (const entry of ["components", "optimizer", "policies", "cli", "node_modules", "package.json", "tsconfig.json", "index.ts"]) {
    fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
  }
  return dir;
}

/** Edits the workload spec of a stack in a temporary root. */
export function editWorkload(root: string, stack: string, edit: (w: Record<string, any>) => void): void {
  const file = path.join(root, "stacks", `Pulumi.${stack}.yaml`);
  const doc = yaml.load(fs.readFileSync(file, "utf8")) as { config: Record<string, any> };
  edit(doc.config["cloudfit:workload"]);
  fs.writeFileSync(file, yaml.dump(doc));
}

/** Reads a file of a root. */
export function read(root: string, rel: string): string {
  return fs.readFileSync(path.join(root, rel), "utf8");
}
