// The one error ingest raises: which file, which line, what is wrong and how to fix it.

/** A usage file that cannot be read as usage data. */
export class UsageFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    reason: string,
    fix: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ""}: ${reason} To fix: ${fix}`);
    this.name = "UsageFormatError";
  }
}

/** The 1-based line of a character offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Parses JSON, turning a syntax error into a UsageFormatError with its line. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const lineCol = /line (\d+)/.exec(msg);
    const line = pos ? lineAt(text, Number(pos[1])) : lineCol ? Number(lineCol[1]) : undefined;
    throw new UsageFormatError(file, line, `is not valid JSON (${msg.replace(/^.*?:\s*/, "")}).`, "correct the JSON there, or export the metric again.");
  }
}

/** The 1-based line where a JSON key first appears in the text, for errors about its value. */
export function lineOfKey(text: string, key: string, from = 0): number | undefined {
  const i = text.indexOf(`"${key}"`, from);
  return i < 0 ? undefined : lineAt(text, i);
}

/** Whether a parsed JSON value is an object (not null, not an array). */
export function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
