// The cloudfit command line: dispatches to a command, prints errors as one clear paragraph (with
// `--json`, also as an error document on stdout), and maps outcomes to exit codes (0 clean, 1
// findings such as violations or budget excess, 2 errors). Nothing fails silently: a program that
// leaves the process with work it can never finish, or an error escaping after a command, still
// ends with one paragraph and exit code 2.

import * as fs from "fs";
import * as path from "path";
import { closest, commandHelp, CommandSpec, Flags, parseFlags, UsageError } from "./args";
import { planCommand, runPlan } from "./commands/plan";
import { previewCommand, runPreview } from "./commands/preview";
import { EXIT_ERROR, EXIT_OK } from "./exitCodes";
import type { PolicyHost, PolicyHostOptions } from "./policyHost";
import { ProgramError } from "./program/errors";
import { isRecording } from "./record";

/** What a command returns: the exit code; it has already written its output. */
export type CommandRun = (flags: Flags, io: Io) => Promise<number>;

/** Where a command writes; tests pass in-memory streams. */
export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  /** The project root (holds Pulumi.yaml and stacks/). */
  readonly root: string;
  /** The directory relative paths on the command line are resolved against. */
  readonly cwd: string;
  /**
   * Starts the policy pack (default: a new pack per command, as the Pulumi CLI does). Tests pass
   * one that serves several commands from one started pack.
   */
  readonly startPolicyHost?: (opts: PolicyHostOptions) => Promise<PolicyHost>;
}

const COMMANDS: readonly { spec: CommandSpec; run: CommandRun }[] = [
  { spec: planCommand, run: runPlan },
  { spec: previewCommand, run: runPreview },
];


function toolHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length)) + 2;
  return (
    "cloudfit: cost-optimal, compliant placement of Pulumi workloads on AWS, Azure and GCP.\n\n" +
    "Usage: cloudfit <command> [flags]   (npm start -- <command> [flags])\n\n" +
    "Commands:\n" +
    COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}${c.spec.summary}`).join("\n") +
    "\n\nWith no command, cloudfit runs `plan --stack dev`.\n" +
    "Run `cloudfit <command> --help` for a command's flags, `cloudfit --version` for the version.\n"
  );
}

/** cloudfit's version, from its package.json. */
export function version(root: string): string {
  try {
    return String(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version);
  } catch {
    return String(JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")).version);
  }
}

/** Writes an error as one paragraph on stderr, and as a JSON document on stdout with `--json`. */
export function reportError(err: unknown, io: Pick<Io, "stdout" | "stderr">, opts: { json: boolean; debug: boolean }): number {
  const e = err instanceof Error ? err : new Error(String(err));
  if (opts.json) {
    const doc = e instanceof ProgramError ? e.toJSON() : { type: e.name, message: e.message };
    io.stdout.write(JSON.stringify({ error: doc }, null, 2) + "\n");
  }
  io.stderr.write(`Error: ${e.message}\n`);
  if (opts.debug) {
    const stack = e instanceof ProgramError ? (e.debugStack ?? (e as { cause?: Error }).cause?.stack) : e.stack;
    if (stack) io.stderr.write(stack + "\n");
  }
  return EXIT_ERROR;
}

/** Runs the command line and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes("--debug");
  const json = argv.includes("--json");
  try {
    if (argv.length === 0) return await runPlan(parseFlags(planCommand, ["--stack", "dev"]), io);
    const [name, ...rest] = argv;
    if (name === "--help" || name === "-h" || name === "help") {
      io.stdout.write(toolHelp());
      return EXIT_OK;
    }
    if (name === "--version" || name === "-v" || name === "version") {
      const v = version(io.root);
      io.stdout.write(json ? JSON.stringify({ name: "cloudfit", version: v }) + "\n" : `cloudfit ${v}\n`);
      return EXIT_OK;
    }
    const command = COMMANDS.find((c) => c.spec.name === name);
    if (!command) {
      const names = COMMANDS.map((c) => c.spec.name);
      const near = closest(name.replace(/^-+/, ""), names);
      const what = name.startsWith("-") ? `flag "${name}" before a command` : `command "${name}"`;
      throw new UsageError(
        `Unknown ${what}.${near ? ` Did you mean ${near}?` : ""} Valid commands: ${names.join(", ")}. ` +
          "To fix: run `cloudfit --help`.",
      );
    }
    const flags = parseFlags(command.spec, rest);
    if (flags.help) {
      io.stdout.write(commandHelp(command.spec));
      return EXIT_OK;
    }
    return await command.run(flags, io);
  } catch (err) {
    return reportError(err, io, { json, debug });
  }
}

/**
 * Runs the command line on this process's argv and streams, and exits with its code once the
 * output is flushed (ending helper processes still starting, such as a policy pack whose program
 * failed first). An error that escapes the command, or a command the event loop can no longer
 * finish, is reported as one paragraph with exit code 2.
 */
export function runFromProcess(): void {
  const argv = process.argv.slice(2);
  const opts = { json: argv.includes("--json"), debug: argv.includes("--debug") };
  let done = false;
  const finish = (code: number) => {
    if (done) return;
    done = true;
    process.exitCode = code;
    process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
  };
  const escaped = (e: unknown) => {
    if (done) return;
    finish(reportError(e, process, opts));
  };
  process.on("uncaughtException", escaped);
  process.on("unhandledRejection", escaped);
  process.on("beforeExit", () => {
    // A program left waiting is reported by the recorder itself, with the program's details.
    if (!done && !isRecording()) {
      escaped(new Error("cloudfit stopped before the command finished: nothing was left that could complete it. To fix: run again with --debug and report the output"));
    }
  });
  main(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    root: process.env.CLOUDFIT_ROOT ?? path.resolve(__dirname, ".."),
    // npm runs scripts from the package folder; INIT_CWD is where `npm start` was typed.
    cwd: process.env.INIT_CWD ?? process.cwd(),
  }).then(finish, escaped);
}

if (require.main === module) runFromProcess();
