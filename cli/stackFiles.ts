// Locating a stack's files: its config (Pulumi.<stack>.yaml in the project's stackConfigDir, e.g.
// stacks/) and its placement lock (placement.<stack>.json beside it), with errors that list the
// stacks that exist.

import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { UsageError } from "./args";
import { existingStacks, readStackFile, stackFilePath } from "../optimizer/config";
import { Catalog, loadCatalog } from "../optimizer/catalog";
import { lockFileName, parseLock, PlacementLock, planCommand } from "../optimizer/lock";

/** Paths of one stack's files. */
export interface StackFiles {
  readonly stack: string;
  readonly configFile: string;
  readonly lockFile: string;
}

/**
 * Where a project keeps its stack settings, as the Pulumi CLI finds them: Pulumi.yaml's
 * `stackConfigDir`, else the project folder itself.
 */
export function stackConfigDir(root: string): string {
  const file = path.join(root, "Pulumi.yaml");
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new UsageError(
      `No Pulumi project in ${root}: it has no Pulumi.yaml, and neither has any folder above it. ` +
        "To fix: run cloudfit in your Pulumi project's folder, or create a project with `cloudfit init`.",
    );
  }
  let doc: { stackConfigDir?: unknown };
  try {
    doc = (yaml.load(text) ?? {}) as typeof doc;
  } catch (e) {
    throw new UsageError(`${file} is not valid YAML: ${(e as Error).message}. To fix: correct it.`);
  }
  return typeof doc.stackConfigDir === "string" ? path.resolve(root, doc.stackConfigDir) : root;
}

/** Resolves a stack name to its files; an unknown stack is a UsageError listing the valid ones. */
export function resolveStack(root: string, stack: string): StackFiles {
  const dir = stackConfigDir(root);
  const stacks = existingStacks(dir);
  if (!stacks.includes(stack)) {
    const want = path.relative(root, path.join(dir, `Pulumi.${stack}.yaml`));
    throw new UsageError(
      `Unknown stack "${stack}": there is no ${want}. ` +
        (stacks.length > 0 ? `Valid stacks: ${stacks.join(", ")}.` : "No stacks are configured.") +
        ` To fix: pass --stack with one of them, or create ${want}.`,
    );
  }
  const configFile = stackFilePath(stack, dir);
  // As the reference program does: cloudfit:lockFile, relative to stacks/, overrides the default.
  const custom = readStackFile(configFile)["cloudfit:lockFile"];
  const lockFile = path.resolve(dir, typeof custom === "string" && custom !== "" ? custom : lockFileName(stack));
  return { stack, configFile, lockFile };
}

/**
 * Reads a stack's lock, or undefined when the stack has none yet. Throws PlacementLockError for
 * a lock that is not valid JSON, not a lock, or names a region or instance type the price
 * catalog does not have (plan and preview both stop there, naming the entry and the fix).
 */
export function readLock(files: StackFiles, catalog: Catalog = loadCatalog()): { lock: PlacementLock; text: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(files.lockFile, "utf8");
  } catch (e) {
    // A path under a file (ENOTDIR) cannot hold a lock either: there is none yet.
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new UsageError(
      `${files.lockFile} could not be read: ${(e as Error).message}. To fix: check the file's permissions, ` +
        `or delete it and run \`${planCommand(files.stack)}\`.`,
    );
  }
  // Named as in the project (stacks/placement.dev.json), whatever directory the command runs in.
  const root = path.dirname(path.dirname(files.configFile));
  const name = path.relative(root, files.lockFile) || files.lockFile;
  return { lock: parseLock(text, name, files.stack, catalog), text };
}

/**
 * Writes a file atomically: the text goes to a temporary file beside it, which is then renamed
 * over the target, so a reader sees either the old bytes or the new ones, never a half.
 */
export function writeAtomic(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // The folder itself is unusable (not a folder, not writable): there is no temporary file.
    }
    throw e;
  }
}
