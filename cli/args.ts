// Command-line parsing: a command name, then flags. Pure: turns argv into a typed request or a
// UsageError that lists what is valid.

/** A flag a command accepts. */
export interface FlagSpec {
  readonly name: string;
  /** "boolean" flags take no value; "string" flags take the next argument or "--name=value". */
  readonly kind: "boolean" | "string";
  readonly description: string;
  /** Placeholder shown in help, e.g. "NAME". */
  readonly value?: string;
  readonly default?: string;
}

/** A command and the flags it accepts. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly flags: readonly FlagSpec[];
  /** Positional arguments, in order; each is optional and lands in the flags under its name. */
  readonly args?: readonly { readonly name: string; readonly description: string }[];
}

/** Flags every command accepts. */
export const COMMON_FLAGS: readonly FlagSpec[] = [
  { name: "json", kind: "boolean", description: "Print one JSON document on stdout and nothing else." },
  { name: "debug", kind: "boolean", description: "Show stack traces with errors." },
  { name: "help", kind: "boolean", description: "Show help for the command." },
];

/** Bad command-line input; the message says what is wrong and what is valid. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `word` when it is close enough to be a slip (at most a third of its
 * length away, or a prefix of it), else undefined.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.startsWith(word) && word.length >= 3 ? 0.5 : editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

/** The parsed flags of a command, by name. */
export type Flags = Readonly<Record<string, string | boolean | undefined>>;

/** Parses the flags that follow a command name. */
export function parseFlags(command: CommandSpec, argv: readonly string[]): Flags {
  const specs = [...command.flags, ...COMMON_FLAGS];
  const out: Record<string, string | boolean> = {};
  const positional = [...(command.args ?? [])];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--") && positional.length > 0) {
      out[positional.shift()!.name] = arg;
      continue;
    }
    if (!arg.startsWith("--")) {
      throw new UsageError(
        `Unexpected argument "${arg}" for "cloudfit ${command.name}". ` +
          `To fix: remove it; usage: ${command.usage}.`,
      );
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = specs.find((f) => f.name === name);
    if (!spec) {
      const near = closest(name, specs.map((f) => f.name));
      throw new UsageError(
        `Unknown flag "--${name}" for "cloudfit ${command.name}".` +
          (near ? ` Did you mean --${near}?` : "") +
          ` Valid flags: ${specs.map((f) => "--" + f.name).join(", ")}. To fix: ${near ? `write --${near}` : "use one of them"}, or run \`cloudfit ${command.name} --help\`.`,
      );
    }
    if (spec.kind === "boolean") {
      if (eq >= 0) throw new UsageError(`Flag "--${name}" takes no value. To fix: write --${name} alone.`);
      out[name] = true;
    } else {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) {
        throw new UsageError(
          `Flag "--${name}" needs a value. To fix: write --${name} ${spec.value ?? "VALUE"}.`,
        );
      }
      out[name] = value;
    }
  }
  for (const f of specs) if (out[f.name] === undefined && f.default !== undefined) out[f.name] = f.default;
  return out;
}

/** Renders a command's help text. */
export function commandHelp(c: CommandSpec): string {
  const flags = [...c.flags, ...COMMON_FLAGS];
  const left = flags.map((f) => `  --${f.name}${f.kind === "string" ? " " + (f.value ?? "VALUE") : ""}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  const lines = flags.map((f, i) => {
    const def = f.default !== undefined ? ` (default: ${f.default})` : "";
    return left[i].padEnd(width) + f.description + def;
  });
  const args = (c.args ?? []).map((a) => `  ${a.name.padEnd(width - 2)}${a.description}`);
  const argText = args.length > 0 ? `Arguments:\n${args.join("\n")}\n\n` : "";
  return `${c.summary}\n\nUsage: ${c.usage}\n\n${argText}Flags:\n${lines.join("\n")}\n`;
}
