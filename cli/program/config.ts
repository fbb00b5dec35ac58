// A stack's configuration as the Pulumi CLI hands it to a program: Pulumi.yaml's project-level
// `config:` defaults, overridden by `Pulumi.<stack>.yaml`, keys namespaced by the project name.
// Offline, a missing stack file is empty configuration (said once as a note), secure values cannot
// be decrypted and are given as a marked placeholder, and declared keys without a value fail as
// the CLI fails them.

import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { ProgramError } from "./errors";

/** What a program sees of the stack's configuration. */
export interface ProgramConfig {
  /** Namespaced keys to string values, as `pulumi.runtime.setAllConfig` takes them. */
  readonly values: Record<string, string>;
  /** Keys whose values are secret. */
  readonly secretKeys: string[];
  /** The stack file read, or the one that was looked for. */
  readonly file: string;
  readonly exists: boolean;
  readonly notes: string[];
}

/** The value a program sees for a secure (encrypted) config value, which cannot be read offline. */
export const SECRET_PLACEHOLDER = "[secret]";

const namespaced = (project: string, key: string) => (key.includes(":") ? key : `${project}:${key}`);

/** Replaces `{ secure: ... }` anywhere in a value; reports whether one was found. */
function withoutSecure(v: unknown): { value: unknown; secret: boolean } {
  if (Array.isArray(v)) {
    const parts = v.map(withoutSecure);
    return { value: parts.map((p) => p.value), secret: parts.some((p) => p.secret) };
  }
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Object.keys(o).length === 1 && typeof o.secure === "string") return { value: SECRET_PLACEHOLDER, secret: true };
    let secret = false;
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(o)) {
      const r = withoutSecure(val);
      out[k] = r.value;
      secret ||= r.secret;
    }
    return { value: out, secret };
  }
  return { value: v, secret: false };
}

/** A config value in the string form the engine passes (objects and arrays as JSON). */
function asString(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** The stack settings file of a stack: Pulumi.<stack>.yaml, or .yml when only that exists. */
export function stackFile(dir: string, stack: string): string {
  const yamlFile = path.join(path.resolve(dir), `Pulumi.${stack}.yaml`);
  const ymlFile = path.join(path.resolve(dir), `Pulumi.${stack}.yml`);
  return !fs.existsSync(yamlFile) && fs.existsSync(ymlFile) ? ymlFile : yamlFile;
}

/** Stack names that have a settings file in `dir`, sorted. */
export function stacksIn(dir: string): string[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return [...new Set(names.map((n) => /^Pulumi\.(.+)\.ya?ml$/.exec(n)?.[1]).filter((n): n is string => n !== undefined))].sort();
}

/** Project-level defaults from Pulumi.yaml's `config:` block, and the keys declared without one. */
function projectDefaults(project: string, block: Readonly<Record<string, unknown>>) {
  const values: Record<string, unknown> = {};
  const required: string[] = [];
  const secret = new Set<string>();
  for (const [k, v] of Object.entries(block)) {
    const key = namespaced(project, k);
    const typed = v !== null && typeof v === "object" && !Array.isArray(v) && ["type", "default", "value", "description", "secret"].some((f) => f in (v as object));
    if (!typed) {
      values[key] = v;
      continue;
    }
    const spec = v as { default?: unknown; value?: unknown; secret?: unknown };
    if (spec.secret === true) secret.add(key);
    if (spec.value !== undefined) values[key] = spec.value;
    else if (spec.default !== undefined) values[key] = spec.default;
    else required.push(key);
  }
  return { values, required, secret };
}

/** Reads a stack's configuration for a program, as the Pulumi CLI would pass it. */
export function readProgramConfig(
  prog: { dir: string; project: string; stackConfigDir: string; projectConfig: Readonly<Record<string, unknown>> },
  stack: string,
): ProgramConfig {
  const file = stackFile(prog.stackConfigDir, stack);
  const exists = fs.existsSync(file);
  const notes: string[] = [];
  const defaults = projectDefaults(prog.project, prog.projectConfig);
  const merged: Record<string, unknown> = { ...defaults.values };
  if (exists) {
    let doc: { config?: unknown; environment?: unknown };
    try {
      doc = (yaml.load(fs.readFileSync(file, "utf8")) ?? {}) as typeof doc;
    } catch (e) {
      throw new ProgramError({
        kind: "config",
        what: `Reading ${file} failed`,
        detail: (e as Error).message,
        fix: "correct the YAML syntax of the stack settings file.",
      });
    }
    const config = doc.config && typeof doc.config === "object" ? (doc.config as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(config)) merged[namespaced(prog.project, k)] = v;
    if (doc.environment !== undefined) {
      notes.push(`${path.basename(file)} imports Pulumi ESC environments; their values are not available offline.`);
    }
  } else {
    const others = stacksIn(prog.stackConfigDir);
    notes.push(
      `There is no ${path.basename(file)} in ${prog.stackConfigDir}: the program runs with ` +
        (Object.keys(merged).length > 0 ? "Pulumi.yaml's project defaults only" : "empty configuration") +
        (others.length > 0 ? ` (stacks with settings: ${others.join(", ")}).` : "."),
    );
  }
  const missing = defaults.required.filter((k) => merged[k] === undefined);
  if (missing.length > 0) {
    const short = missing.map((k) => (k.startsWith(`${prog.project}:`) ? k.slice(prog.project.length + 1) : k));
    throw new ProgramError({
      kind: "config",
      what: `Stack '${stack}' of project '${prog.project}' is missing configuration`,
      detail: `Pulumi.yaml declares ${missing.map((k) => `'${k}'`).join(", ")} without a default, and ${path.basename(file)} does not set ${missing.length === 1 ? "it" : "them"}`,
      fix: `add ${missing.map((k) => `\`${k}: <value>\``).join(", ")} under \`config:\` in ${file} (or run ${short.map((k) => `\`pulumi config set ${k} <value> --stack ${stack}\``).join(", ")}).`,
    });
  }
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  const unreadable: string[] = [];
  for (const [k, v] of Object.entries(merged)) {
    const { value, secret } = withoutSecure(v);
    values[k] = asString(value);
    if (secret) unreadable.push(k);
    if (secret || defaults.secret.has(k)) secretKeys.push(k);
  }
  if (unreadable.length > 0) {
    notes.push(
      `Secure configuration values cannot be decrypted offline; the program sees "${SECRET_PLACEHOLDER}" (as a secret) for ${unreadable.join(", ")}.`,
    );
  }
  return { values, secretKeys, file, exists, notes };
}

/**
 * Stack configuration from `Pulumi.<stack>.yaml` in `dir` (the program's stackConfigDir), keys
 * namespaced as the Pulumi CLI does; empty when the file does not exist.
 */
export function readStackConfig(dir: string, project: string, stack: string): Record<string, string> {
  return readProgramConfig({ dir, project, stackConfigDir: dir, projectConfig: {} }, stack).values;
}
