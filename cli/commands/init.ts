// `cloudfit init [DIR]`: writes a new cloudfit project from the shipped template, offline, with
// the same files `pulumi new <template>` writes: Pulumi.yaml, the program (index.ts), the stack's
// settings with a small workload spec and the prompts' answers, package.json and tsconfig.json.
// A new folder is written whole under a temporary name and renamed; in an existing folder nothing
// is written when a file would be overwritten (unless --force), and package.json is merged.

import * as fs from "fs";
import * as path from "path";
import { CommandSpec, Flags, UsageError } from "../args";
import type { Io } from "../main";
import { EXIT_OK } from "../exitCodes";
import { writeAtomic } from "../stackFiles";
import { applyTemplate, mergePackageJson, readTemplate, templateDir, templatePrompts } from "../template";

/** The init command's flags and help. */
export const initCommand: CommandSpec = {
  name: "init",
  summary: "Create a new cloudfit project (program, stack settings, package.json) from the template.",
  usage: "cloudfit init [DIR] [--name NAME] [--stack NAME] [--owner TEAM] [--cost-center CODE] [--gcp-project ID] [--force] [--json]",
  args: [{ name: "DIR", description: "Folder to create the project in (default: the current folder)." }],
  flags: [
    { name: "name", kind: "string", value: "NAME", description: "Project name (default: the folder's name)." },
    { name: "description", kind: "string", value: "TEXT", description: "Project description.", default: "A cloudfit project" },
    { name: "stack", kind: "string", value: "NAME", description: "Stack whose settings file to write.", default: "dev" },
    { name: "owner", kind: "string", value: "TEAM", description: "cloudfit:owner, the team tagged on every resource (default: the template's)." },
    { name: "cost-center", kind: "string", value: "CODE", description: "cloudfit:costCenter, the cost centre tagged on every resource (default: the template's)." },
    { name: "gcp-project", kind: "string", value: "ID", description: "gcp:project, the Google Cloud project (default: the template's)." },
    { name: "force", kind: "boolean", description: "Overwrite files the project would replace in an existing folder." },
  ],
};

/** What `init --json` prints. */
export interface InitOutput {
  readonly dir: string;
  readonly project: string;
  readonly stack: string;
  readonly files: readonly string[];
}

/** The project and Application name rule: it names every resource the program creates. */
const NAME = /^[a-z](?:[a-z0-9-]{0,22}[a-z0-9])?$/;
const STACK = /^[A-Za-z0-9_.-]{1,100}$/;

/** A folder name turned into a project name: lower case, other characters as hyphens. */
function nameFromFolder(dir: string): string {
  return path
    .basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 24)
    .replace(/-+$/, "");
}

function checkNames(project: string, stack: string, explicit: boolean): void {
  if (!NAME.test(project)) {
    const from = explicit ? `--name "${project}"` : `the folder's name (read as "${project}")`;
    throw new UsageError(
      `${from} cannot name the project: it names every resource, so it must start with a letter and hold ` +
        "1 to 24 lower-case letters, digits and hyphens, ending with a letter or digit. To fix: pass --name, e.g. --name shop.",
    );
  }
  if (!STACK.test(stack)) {
    throw new UsageError(`Stack name "${stack}" is not valid: use letters, digits, "_", "." and "-". To fix: write e.g. --stack dev.`);
  }
}

/** Writes a whole new folder: into a temporary sibling, then renamed into place. */
function writeNewFolder(dir: string, files: ReadonlyMap<string, string>): void {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const tmp = path.join(path.dirname(dir), `.${path.basename(dir)}.${process.pid}.tmp`);
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    for (const [rel, text] of files) {
      fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
      fs.writeFileSync(path.join(tmp, rel), text);
    }
    if (fs.existsSync(dir)) fs.rmdirSync(dir);
    fs.renameSync(tmp, dir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Creates the project's files in `dir`; returns the relative paths written. */
export function initProject(dir: string, flags: Flags): string[] {
  const project = typeof flags.name === "string" ? flags.name : nameFromFolder(dir);
  const stack = String(flags.stack);
  checkNames(project, stack, typeof flags.name === "string");
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
    throw new UsageError(`${dir} is a file, not a folder. To fix: pass a folder for the new project.`);
  }
  const template = readTemplate(templateDir());
  const prompts = templatePrompts(template.get("Pulumi.yaml") ?? "");
  const answers: Record<string, string> = {};
  const given: Record<string, string | boolean | undefined> = {
    "cloudfit:owner": flags.owner,
    "cloudfit:costCenter": flags["cost-center"],
    "gcp:project": flags["gcp-project"],
  };
  for (const p of prompts) if (typeof given[p.key] === "string") answers[p.key] = given[p.key] as string;
  const files = applyTemplate(template, { project, description: String(flags.description), stack, config: answers });

  const existing = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  if (existing.length === 0) {
    writeNewFolder(dir, files);
    return [...files.keys()];
  }
  const clashes = [...files.keys()].filter((f) => f !== "package.json" && fs.existsSync(path.join(dir, f)));
  if (clashes.length > 0 && !flags.force) {
    throw new UsageError(
      `${dir} already holds ${clashes.join(", ")}, which the project would replace; nothing was written. ` +
        "To fix: choose an empty or new folder, or pass --force to overwrite them.",
    );
  }
  const pkg = path.join(dir, "package.json");
  if (fs.existsSync(pkg)) {
    let merged: string;
    try {
      merged = mergePackageJson(fs.readFileSync(pkg, "utf8"), files.get("package.json")!);
    } catch (e) {
      throw new UsageError(`${pkg} is not valid JSON (${(e as Error).message}); nothing was written. To fix: correct it first.`);
    }
    files.set("package.json", merged);
  }
  for (const [rel, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeAtomic(path.join(dir, rel), text);
  }
  return [...files.keys()];
}

/** Runs `cloudfit init`. */
export async function runInit(flags: Flags, io: Io): Promise<number> {
  const dir = path.resolve(io.cwd, typeof flags.DIR === "string" ? flags.DIR : ".");
  const files = initProject(dir, flags);
  const project = typeof flags.name === "string" ? flags.name : nameFromFolder(dir);
  const stack = String(flags.stack);
  if (flags.json) {
    const doc: InitOutput = { dir, project, stack, files };
    io.stdout.write(JSON.stringify(doc, null, 2) + "\n");
    return EXIT_OK;
  }
  const near = path.relative(io.cwd, dir) || ".";
  const rel = near.startsWith("..") ? dir : near;
  io.stdout.write(
    `Created project ${project} in ${rel}:\n` +
      files.map((f) => `  ${f}\n`).join("") +
      "\nNext steps:\n" +
      (rel === "." ? "" : `  cd ${rel}\n`) +
      "  npm install\n" +
      `  npx cloudfit plan --stack ${stack} --write    # place the workload; writes placement.${stack}.json\n` +
      `  npx cloudfit preview --stack ${stack}         # run the program offline: cost diff and policies\n` +
      "Edit cloudfit:workload in " +
      `Pulumi.${stack}.yaml to describe your services; deploy with \`pulumi up\` and the policy pack in ` +
      "node_modules/cloudfit/dist/policy-pack.\n",
  );
  return EXIT_OK;
}
