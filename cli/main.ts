// The cloudfit command line: dispatches to a command, prints errors as one clear paragraph, and
// maps outcomes to exit codes (0 clean, 1 findings such as violations or budget excess, 2 errors).

import { commandHelp, CommandSpec, Flags, parseFlags, UsageError } from "./args";
import { CATALOG_SUBCOMMANDS, catalogCommand, runCatalog } from "./commands/catalog";
import { planCommand, runPlan } from "./commands/plan";
import { previewCommand, runPreview } from "./commands/preview";
import { EXIT_ERROR, EXIT_OK } from "./exitCodes";

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
}

const COMMANDS: readonly { spec: CommandSpec; run: CommandRun; subcommands?: readonly string[] }[] = [
  { spec: planCommand, run: runPlan },
  { spec: previewCommand, run: runPreview },
  { spec: catalogCommand, run: runCatalog, subcommands: CATALOG_SUBCOMMANDS },
];


function toolHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length)) + 2;
  return (
    "cloudfit: cost-optimal, compliant placement of Pulumi workloads on AWS, Azure and GCP.\n\n" +
    "Usage: cloudfit <command> [flags]   (npm start -- <command> [flags])\n\n" +
    "Commands:\n" +
    COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}${c.spec.summary}`).join("\n") +
    "\n\nWith no command, cloudfit runs `plan --stack dev`.\n" +
    "Run `cloudfit <command> --help` for a command's flags.\n"
  );
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
    const command = COMMANDS.find((c) => c.spec.name === name);
    if (!command) {
      const what = name.startsWith("-") ? `flag "${name}" before a command` : `command "${name}"`;
      throw new UsageError(
        `Unknown ${what}. Valid commands: ${COMMANDS.map((c) => c.spec.name).join(", ")}. ` +
          "To fix: run `cloudfit --help`.",
      );
    }
    // A command with subcommands takes one first (`catalog show`), passed on as flags.subcommand.
    const sub = command.subcommands && rest[0] !== undefined && !rest[0].startsWith("--") ? rest[0] : undefined;
    if (sub !== undefined && !command.subcommands!.includes(sub)) {
      throw new UsageError(`Unknown subcommand "${sub}" of "cloudfit ${name}". To fix: use one of ${command.subcommands!.join(", ")}.`);
    }
    const parsed = parseFlags(command.spec, sub === undefined ? rest : rest.slice(1));
    const flags: Flags = sub === undefined ? parsed : { ...parsed, subcommand: sub };
    if (flags.help) {
      io.stdout.write(commandHelp(command.spec));
      return EXIT_OK;
    }
    return await command.run(flags, io);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    if (json) {
      io.stdout.write(JSON.stringify({ error: { type: e.name, message: e.message } }, null, 2) + "\n");
    }
    io.stderr.write(`Error: ${e.message}\n`);
    if (debug && e.stack) io.stderr.write(e.stack + "\n");
    return EXIT_ERROR;
  }
}

/** Runs the command line on this process's argv and streams, setting the exit code. */
export function runFromProcess(): void {
  const path = require("path") as typeof import("path");
  main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    root: process.env.CLOUDFIT_ROOT ?? path.resolve(__dirname, ".."),
    // npm runs scripts from the package folder; INIT_CWD is where `npm start` was typed.
    cwd: process.env.INIT_CWD ?? process.cwd(),
  }).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runFromProcess();
