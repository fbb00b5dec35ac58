// Runs a Pulumi program directory offline the way the Pulumi Node.js language host runs it for
// `pulumi preview`: its own folder as working directory, its entry file loaded with require (or
// import for ES modules), its TypeScript compiled with its tsconfig and type-checked beside the run,
// modules from its node_modules first and cloudfit's next, the stack's configuration, and realistic
// offline answers to the data sources it looks up. Any failure becomes one ProgramError.

import * as fs from "fs";
import * as path from "path";
import { captureConsole, LoggedLine } from "../consoleCapture";
import { DEFAULT_ORGANIZATION, recordProgramRun, RecordedResource } from "../record";
import { ProgramDir, readProgramDir } from "../programDir";
import { installCjsHooks, LentMismatch, lentMismatches, MissingImport } from "./cjsHooks";
import { ProgramConfig, readProgramConfig } from "./config";
import { formatDiagnostic, ProgramError } from "./errors";
import { importProgram } from "./esm";
import { describeFailure } from "./failure";
import { Lookup, offlineMocks } from "./mocks";
import { startTypeCheck, TypeCheckResult } from "./typecheck";

/** How to run a program. */
export interface RunOptions {
  /** Configuration keys that override the stack's. */
  readonly extraConfig?: Readonly<Record<string, string>>;
  /** The environment (cache folder, PULUMI_NODEJS_TRANSPILE_ONLY); default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** What `pulumi.getOrganization()` returns; default "organization". */
  readonly organization?: string;
  /** Type-check TypeScript programs (default true). */
  readonly typeCheck?: boolean;
}

/** Everything one offline run of a program produced. */
export interface ProgramRun {
  readonly program: ProgramDir;
  readonly config: ProgramConfig;
  readonly resources: RecordedResource[];
  /** The stack outputs in wire form. */
  readonly outputs: Record<string, unknown>;
  /** What the program logged (pulumi.log and console). */
  readonly messages: LoggedLine[];
  /** Invokes answered from the offline table: their values are placeholders, not account data. */
  readonly lookups: Lookup[];
  /** Invokes not in the table, answered with their own inputs. */
  readonly unknownInvokes: string[];
  readonly stackReferences: string[];
  /**
   * The type check, still running when the program finished first: await it with `typeChecked`,
   * which fails as `pulumi preview` would on type errors.
   */
  readonly typeCheck: Promise<TypeCheckResult>;
  /** "The program in <dir> (stack <stack>)", for messages. */
  readonly what: string;
  /** Packages cloudfit lent in another version than the program's package.json asks for. */
  readonly lent: readonly LentMismatch[];
  /** Things to say once about the run (missing stack file, secure values, placeholders). */
  readonly notes: string[];
}

/** cloudfit's own folder: its node_modules is the fallback for a program's modules. */
export const CLOUDFIT_ROOT = path.resolve(__dirname, "..", "..");

/** The entry module run as the host runs it: a function export is called, anything else is the outputs. */
async function loadEntry(prog: ProgramDir): Promise<unknown> {
  let exported: unknown;
  if (prog.format === "module") {
    exported = await importProgram(prog.main, prog.tsconfig, CLOUDFIT_ROOT);
  } else {
    delete require.cache[prog.main];
    exported = require(prog.main);
  }
  return exported instanceof Function ? exported() : exported;
}

/** What to say about packages lent in another version than the program asks for. */
function lentNote(lent: readonly LentMismatch[], packageRoot: string): string {
  const names = lent.map((m) => m.name).join(", ");
  const list = lent.map((m) => `${m.name} ${m.lent} (package.json asks for ${m.wanted})`).join(", ");
  return `the program's node_modules lacks ${names}, so cloudfit lent its ${list}: run \`npm install\` in ${packageRoot} to use the versions it pins`;
}

/** The ProgramError for type errors, listed as `pulumi preview` lists them. */
function typeErrors(what: string, check: TypeCheckResult, lent: readonly LentMismatch[] = [], packageRoot = ""): ProgramError {
  const n = check.diagnostics.length;
  return new ProgramError({
    kind: "typecheck",
    what: `${what} has ${n} TypeScript error${n === 1 ? "" : "s"}`,
    detail: check.diagnostics.map((d) => `  ${formatDiagnostic(d)}`).join("\n"),
    fix:
      "correct them; `pulumi preview` type-checks the program and rejects it for them too (PULUMI_NODEJS_TRANSPILE_ONLY=true skips the check, as under the Pulumi CLI)." +
      (lent.length > 0 ? ` Also, ${lentNote(lent, packageRoot)}.` : ""),
    location: check.diagnostics[0].line > 0 ? check.diagnostics[0] : undefined,
    diagnostics: check.diagnostics,
  });
}

const SIG = "4dabf18193072939515e22adb298388d";
const ASSET_SIGS: Readonly<Record<string, string>> = { c44067f5952c0a294b673a41bacd8c17: "FileAsset", "0def7320c3a5731c473e5ecbe6d01bc7": "FileArchive" };

/** File assets and archives among a resource's inputs whose path does not exist (relative to `dir`). */
function missingFiles(value: unknown, dir: string, at: string): { property: string; kind: string; path: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => missingFiles(v, dir, `${at}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  const o = value as Record<string, unknown>;
  const kind = ASSET_SIGS[String(o[SIG])];
  if (kind && typeof o.path === "string") return fs.existsSync(path.resolve(dir, o.path)) ? [] : [{ property: at, kind, path: o.path }];
  return Object.entries(o).flatMap(([k, v]) => missingFiles(v, dir, /^[A-Za-z_$][\w$]*$/.test(k) ? (at ? `${at}.${k}` : k) : `${at}[${JSON.stringify(k)}]`));
}

/** Fails, as the engine would when it reads them, on file assets that do not exist. */
function checkAssets(resources: readonly RecordedResource[], dir: string, what: string): void {
  for (const r of resources) {
    const [missing] = missingFiles(r.props, dir, "");
    if (!missing) continue;
    throw new ProgramError({
      kind: "missing-file",
      what: `${what} refers to a file that does not exist`,
      detail: `${r.name} (${r.type}) .${missing.property} is ${missing.kind} ${missing.path}, which is not in ${dir}`,
      fix: "correct the path; a relative path is taken from the program's folder, as `pulumi preview` takes it.",
    });
  }
}

/** Notes about the run's offline answers and leftovers. */
function runNotes(run: { unknown: string[]; references: string[]; leaked: number }): string[] {
  const notes: string[] = [];
  if (run.references.length > 0) {
    notes.push(`StackReference outputs are unknown offline, as for stacks not deployed yet: ${run.references.join(", ")}.`);
  }
  if (run.unknown.length > 0) {
    notes.push(`Not answered offline, so each returned its own inputs: ${run.unknown.join(", ")}.`);
  }
  if (run.leaked > 0) {
    notes.push(`The program left ${run.leaked} promise${run.leaked === 1 ? "" : "s"} pending when it finished; \`pulumi preview\` reports such leaks.`);
  }
  return notes;
}

/** The run's type check once done; a program with type errors fails here, as under `pulumi preview`. */
export async function typeChecked(run: Pick<ProgramRun, "typeCheck" | "what" | "lent" | "program">): Promise<TypeCheckResult> {
  const checked = await run.typeCheck;
  if (checked.status === "failed") throw typeErrors(run.what, checked, run.lent, run.program.packageRoot);
  return checked;
}

/** A note for a type check that did not run, if it did not. */
export function typeCheckNote(checked: TypeCheckResult): string[] {
  return checked.status === "skipped" ? [`Type check skipped: ${checked.reason}.`] : [];
}

/**
 * Runs the program in `dir` for `stack` offline and returns what it registered; its type check may
 * still be running (see `typeChecked`).
 */
export async function runProgramDir(dir: string, stack: string, opts: RunOptions = {}): Promise<ProgramRun> {
  const env = opts.env ?? process.env;
  const prog = readProgramDir(dir);
  const config = readProgramConfig(prog, stack);
  const what = `The program in ${prog.dir} (stack ${stack})`;
  const lent = lentMismatches(prog.packageRoot, CLOUDFIT_ROOT);
  const check: Promise<TypeCheckResult> =
    opts.typeCheck === false
      ? Promise.resolve({ status: "skipped", reason: "turned off", cached: false, seconds: 0, diagnostics: [] })
      : startTypeCheck(prog, env, CLOUDFIT_ROOT);
  const organization = opts.organization ?? DEFAULT_ORGANIZATION;
  const values = { ...config.values, ...opts.extraConfig };
  const { mocks, log } = offlineMocks({ project: prog.project, stack, organization, config: values });
  const missing: MissingImport[] = [];
  const prepare = () => {
    const cwd = process.cwd();
    process.chdir(prog.dir);
    const uninstall = installCjsHooks(prog, CLOUDFIT_ROOT, missing);
    return () => {
      uninstall();
      process.chdir(cwd);
    };
  };
  let recording;
  try {
    recording = await captureConsole(() =>
      recordProgramRun({
        program: () => loadEntry(prog),
        project: prog.project,
        stack,
        config: values,
        secretKeys: config.secretKeys,
        organization,
        mocks,
        prepare,
      }),
    );
  } catch (e) {
    // A program with type errors would not have started under the Pulumi CLI: report those first,
    // unless it does not parse or a package is missing (the check would say the same, later).
    const failure = describeFailure(e, { what, prog, stack, project: prog.project, configFile: config.file, missing });
    if (failure.kind === "compile" || failure.kind === "missing-module") throw failure;
    const checked = await check;
    if (checked.status === "failed") throw typeErrors(what, checked, lent, prog.packageRoot);
    throw failure;
  }
  const { resources, outputs, leakedPromises } = recording.value;
  checkAssets(resources, prog.dir, what);
  return {
    program: prog,
    config,
    resources,
    outputs,
    messages: recording.lines,
    lookups: log.lookups(),
    unknownInvokes: log.unknownInvokes(),
    stackReferences: log.stackReferences(),
    typeCheck: check,
    what,
    lent,
    notes: [...prog.notes, ...config.notes, ...(lent.length > 0 ? [`${lentNote(lent, prog.packageRoot)}.`.replace(/^t/, "T")] : []), ...runNotes({ unknown: log.unknownInvokes(), references: log.stackReferences(), leaked: leakedPromises })],
  };
}
