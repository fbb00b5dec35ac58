// The one error type a program run ends with: what failed, the program's own message, where in the
// program it happened and how to fix it, in one paragraph. The kind lets `--json` consumers and
// tests tell the failure classes apart; the original stack stays available for `--debug`.

/** The classes of program failure, each with its own wording and fix. */
export type ProgramErrorKind =
  | "project" // Pulumi.yaml missing, unreadable or not a Node.js project; no entry file
  | "config" // a required configuration value is missing or malformed
  | "compile" // a syntax error in a TypeScript or JavaScript file
  | "typecheck" // TypeScript type errors, as `pulumi preview` reports them
  | "missing-module" // an import that resolves neither in the program's node_modules nor in cloudfit's
  | "threw" // the program threw (or rejected) while it ran
  | "apply" // a callback given to `apply` threw
  | "missing-file" // a FileAsset or FileArchive names a path that does not exist
  | "unsettled"; // the program left the run waiting on a promise that never settles

/** A place in a program's source: file relative to the program directory, 1-based line and column. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One TypeScript diagnostic as `pulumi preview` prints it: `index.ts(3,7): error TS2322: ...`. */
export interface CompileDiagnostic extends SourceLocation {
  readonly code: number;
  readonly message: string;
}

/** The fields of a program failure. */
export interface ProgramErrorInit {
  readonly kind: ProgramErrorKind;
  /** What failed, naming the program, e.g. "The program in /srv/infra (stack dev) threw". */
  readonly what: string;
  /** The program's own error message (or the list of diagnostics). */
  readonly detail: string;
  readonly fix: string;
  readonly location?: SourceLocation;
  readonly diagnostics?: readonly CompileDiagnostic[];
  /** The program's error, for `--debug`. */
  readonly cause?: unknown;
  /** The stack trace with program frames mapped to their TypeScript source, for `--debug`. */
  readonly debugStack?: string;
}

/** A program could not be run to completion; the message is the whole paragraph. */
export class ProgramError extends Error {
  readonly kind: ProgramErrorKind;
  readonly fix: string;
  readonly detail: string;
  readonly location?: SourceLocation;
  readonly diagnostics?: readonly CompileDiagnostic[];
  readonly debugStack?: string;

  constructor(init: ProgramErrorInit) {
    // Diagnostics carry their own positions; otherwise the location follows what failed.
    const at = init.location && !init.diagnostics ? ` at ${formatLocation(init.location)}` : "";
    const detail = init.detail.replace(/\s+$/, "");
    const ownFix = detail.includes("To fix:");
    let message: string;
    if (detail.includes("\n") || init.diagnostics) {
      message = `${init.what}${at}:\n${detail}${ownFix ? "" : `\nTo fix: ${init.fix}`}`;
    } else {
      const end = /[.!?]$/.test(detail) ? "" : ".";
      message = `${init.what}${at}: ${detail}${end}${ownFix ? "" : ` To fix: ${init.fix}`}`;
    }
    super(message);
    this.name = "ProgramError";
    this.kind = init.kind;
    this.fix = init.fix;
    this.detail = detail;
    this.location = init.location;
    this.diagnostics = init.diagnostics;
    this.debugStack = init.debugStack;
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
  }

  /** The error as `--json` prints it. */
  toJSON(): Record<string, unknown> {
    return {
      type: this.name,
      kind: this.kind,
      message: this.message,
      detail: this.detail,
      fix: this.fix,
      location: this.location ?? null,
      ...(this.diagnostics ? { diagnostics: this.diagnostics } : {}),
    };
  }
}

/** "index.ts:12:7". */
export function formatLocation(l: SourceLocation): string {
  return `${l.file}:${l.line}:${l.column}`;
}

/** "index.ts(12,7): error TS2322: message", the form ts-node (and so `pulumi preview`) prints. */
export function formatDiagnostic(d: CompileDiagnostic): string {
  const at = d.file ? `${d.file}(${d.line},${d.column}): ` : "";
  return `${at}error TS${d.code}: ${d.message}`;
}
