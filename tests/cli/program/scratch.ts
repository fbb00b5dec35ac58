// Throw-away program folders for the runner's tests: written into a temporary folder outside the
// repository (so modules resolve as for a user's program) and removed when the process exits.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const made: string[] = [];
process.on("exit", () => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** Writes `files` (path → content) into a new temporary folder and returns the folder. */
export function scratchProgram(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-program-"));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

/** A Pulumi.yaml for a Node.js project. */
export function projectFile(name: string, extra = ""): string {
  return `name: ${name}\nruntime: nodejs\n${extra}`;
}
