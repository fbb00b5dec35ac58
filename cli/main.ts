// The cloudfit command line: dispatches to a command, prints errors as one clear paragraph (with
// `--json`, also as an error document on stdout), and maps outcomes to exit codes (0 clean, 1
// findings such as violations or budget excess, 2 errors). Nothing fails silently: a program that
// leaves the process with work it can never finish, or an error escaping after a command, still
// ends with one paragraph and exit code 2.

import { closest, commandHelp, CommandSpec, Flags, parseFlags, UsageError } from "./args";
import { EXIT_ERROR, EXIT_OK } from "./exitCodes";
import { findProjectRoot, packageVersion } from "./packageInfo";
import type { PolicyHost, PolicyHostOptions } from "./policyHost";
import { ProgramError } from "./program/errors";
import { isRecording } from "./program/recording";
import { startSteps } from "./progress";
import { checkFormatFlags } from "./reviewFormat";

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

/**
 * A command, loaded only when it runs: `preview` pulls in the Pulumi SDK (a second to load), which
 * `--help` and `plan` should not pay for. The summary is repeated here for the tool's help; a test
 * keeps it equal to the command's own.
 */
interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  /** The first step shown on stderr while the command runs (commands with their own progress have none). */
  readonly progress?: string;
  /** Subcommands the command takes first (`catalog show`), passed on as flags.subcommand. */
  readonly subcommands?: readonly string[];
  load(): Promise<{ spec: CommandSpec; run: CommandRun }>;
}

/** Every command of the tool, in the order its help lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "plan",
    summary: "Solve a stack's placement and show it with its cost and its difference from the lock.",
    load: async () => {
      const m = await import("./commands/plan");
      return { spec: m.planCommand, run: m.runPlan };
    },
  },
  {
    name: "preview",
    summary: "Run a stack's program offline, show its cost diff against the lock, and check the policy pack.",
    progress: "running the program",
    load: async () => {
      const m = await import("./commands/preview");
      return { spec: m.previewCommand, run: m.runPreview };
    },
  },
  {
    name: "init",
    summary: "Create a new cloudfit project (program, stack settings, package.json) from the template.",
    load: async () => {
      const m = await import("./commands/init");
      return { spec: m.initCommand, run: m.runInit };
    },
  },
  {
    name: "forecast",
    summary: "Forecast a usage export or a monthly bill, with quantiles and a backtest against seasonal naive.",
    load: async () => {
      const m = await import("./commands/forecast");
      return { spec: m.forecastCommand, run: m.runForecast };
    },
  },
  {
    name: "rightsize",
    summary: "Recommend replicas, vCPU and memory per service from usage history, priced through the optimizer.",
    load: async () => {
      const m = await import("./commands/rightsize");
      return { spec: m.rightsizeCommand, run: m.runRightsize };
    },
  },
  {
    name: "catalog",
    summary: "Show the price catalog, or refresh its instance prices from the clouds' price feeds.",
    subcommands: ["show", "refresh"],
    load: async () => {
      const m = await import("./commands/catalog");
      return { spec: m.catalogCommand, run: m.runCatalog };
    },
  },
];

function toolHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return (
    "cloudfit: cost-optimal, compliant placement of Pulumi workloads on AWS, Azure and GCP.\n\n" +
    "Usage: cloudfit <command> [flags]   (npm start -- <command> [flags])\n\n" +
    "Commands:\n" +
    COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join("\n") +
    "\n\nWith no command, cloudfit runs `plan --stack dev`.\n" +
    "Run `cloudfit <command> --help` for a command's flags, `cloudfit --version` for the version.\n"
  );
}

/** Runs the command line and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes("--debug");
  const json = argv.includes("--json");
  try {
    const [name, ...rest] = argv.length === 0 ? ["plan", "--stack", "dev"] : argv;
    if (name === "--help" || name === "-h" || name === "help") {
      io.stdout.write(toolHelp());
      return EXIT_OK;
    }
    if (name === "--version" || name === "-v" || name === "version") {
      const v = packageVersion();
      io.stdout.write(json ? JSON.stringify({ name: "cloudfit", version: v }) + "\n" : `cloudfit ${v}\n`);
      return EXIT_OK;
    }
    const entry = COMMANDS.find((c) => c.name === name);
    if (!entry) {
      const names = COMMANDS.map((c) => c.name);
      const near = closest(name.replace(/^-+/, ""), names);
      const what = name.startsWith("-") ? `flag "${name}" before a command` : `command "${name}"`;
      throw new UsageError(
        `Unknown ${what}.${near ? ` Did you mean ${near}?` : ""} Valid commands: ${names.join(", ")}. ` +
          "To fix: run `cloudfit --help`.",
      );
    }
    const steps = entry.progress && !rest.includes("--help") ? startSteps(entry.progress, io.stderr) : undefined;
    try {
      const command = await entry.load();
      // A command with subcommands takes one first (`catalog show`), passed on as flags.subcommand.
      const sub = entry.subcommands && rest[0] !== undefined && !rest[0].startsWith("-") ? rest[0] : undefined;
      if (sub !== undefined && !entry.subcommands!.includes(sub)) {
        throw new UsageError(`Unknown subcommand "${sub}" of "cloudfit ${name}". To fix: use one of ${entry.subcommands!.join(", ")}.`);
      }
      const parsed = parseFlags(command.spec, sub === undefined ? rest : rest.slice(1));
      const flags: Flags = sub === undefined ? parsed : { ...parsed, subcommand: sub };
      if (flags.help) {
        io.stdout.write(commandHelp(command.spec));
        return EXIT_OK;
      }
      // plan and preview share the review formats; other commands check their own --format.
      if (command.spec.flags.some((f) => f.name === "skip-unchanged")) checkFormatFlags(flags);
      if (json) warnAboutNpmBanner(io.env, io.stderr);
      return await command.run(flags, io);
    } finally {
      steps?.stop();
    }
  } catch (err) {
    return reportError(err, io, { json, debug });
  }
}

/**
 * `npm start -- <command> --json` prints npm's own banner on stdout before the command runs, which
 * no command can take back: say so on stderr, with the two ways to get the JSON alone.
 */
function warnAboutNpmBanner(env: NodeJS.ProcessEnv, stderr: NodeJS.WritableStream): void {
  // npm sets npm_command for scripts (start, run, test...) and "exec" for npx, which prints no banner.
  const viaNpmScript = env.npm_command !== undefined && env.npm_command !== "exec";
  const silent = env.npm_config_loglevel === "silent";
  if (viaNpmScript && !silent) {
    stderr.write(
      "Note: npm printed its script banner on stdout before this JSON. " +
        "To fix: run `npm start --silent -- ...` or `npx cloudfit ...` for the JSON alone.\n",
    );
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
  // npm runs scripts from the package folder; INIT_CWD is where `npm start` (or npx) was typed.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  main(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    // The Pulumi project the command was started in (the nearest Pulumi.yaml above), as `pulumi` finds it.
    root: process.env.CLOUDFIT_ROOT ?? findProjectRoot(cwd) ?? cwd,
    cwd,
  }).then(finish, escaped);
}

if (require.main === module) runFromProcess();
