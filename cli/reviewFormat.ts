// The output-format flags `plan` and `preview` share: `--format text|markdown` (aligned tables for
// a terminal, or a pull-request comment) and `--skip-unchanged` (with markdown, print nothing when
// there is nothing to review, so a workflow can skip its comment).

import { FlagSpec, Flags, UsageError } from "./args";

/** Formats `--format` accepts. */
export const FORMATS = ["text", "markdown"] as const;

/** The flags a command adds to offer review output. */
export const FORMAT_FLAGS: readonly FlagSpec[] = [
  {
    name: "format",
    kind: "string",
    value: "FORMAT",
    description: "Output for people: text (aligned tables) or markdown (a pull-request comment).",
    default: "text",
  },
  {
    name: "skip-unchanged",
    kind: "boolean",
    description: "With --format markdown, print nothing when no cost changes and no policy reports a finding.",
  },
];

/** Rejects a bad --format value or a combination that cannot work, before any work starts. */
export function checkFormatFlags(flags: Flags): void {
  const format = flags.format;
  if (format === undefined) return;
  if (!(FORMATS as readonly string[]).includes(String(format))) {
    throw new UsageError(`Unknown format "${format}". Valid formats: ${FORMATS.join(", ")}. To fix: write --format markdown.`);
  }
  if (flags.json && format !== "text") {
    throw new UsageError(`--json and --format ${format} both choose the output. To fix: pass only one of them.`);
  }
  if (flags["skip-unchanged"] && format !== "markdown") {
    throw new UsageError("--skip-unchanged applies to --format markdown only. To fix: add --format markdown, or drop --skip-unchanged.");
  }
}
