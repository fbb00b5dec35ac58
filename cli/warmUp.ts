// Work `cloudfit preview` starts before it runs: the policy pack process, which takes a second or
// two to boot, boots on the other core while this one loads the Pulumi SDK and runs the program.
// Best effort: the flags are read loosely here, and any problem is left for the command itself
// to meet and report; a pack started for other options is ended unused.

import * as path from "path";
import type { Io } from "./main";
import { prestartPack } from "./packProcess";
import { servedPackDir } from "./policyPack";
import { readProgramDir } from "./programDir";

/** The value of `--name VALUE` or `--name=VALUE` in raw arguments. */
function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return undefined;
}

/** Starts the pack `preview` will serve, with the project and stack it will serve it for. */
export function warmUpPreview(argv: readonly string[], io: Io): void {
  if (argv.includes("--help")) return;
  try {
    const program = flagValue(argv, "program");
    const dir = program !== undefined ? path.resolve(io.cwd, program) : io.root;
    prestartPack({ packDir: servedPackDir(), project: readProgramDir(dir).project, stack: flagValue(argv, "stack") ?? "dev" });
  } catch {
    // The command meets the same problem and reports it with its fix.
  }
}
