// The project template (templates/typescript), applied the way `pulumi new <template>` applies it:
// ${PROJECT} and ${DESCRIPTION} replaced in every file, the `template:` section dropped from
// Pulumi.yaml, and the answers to its config prompts written into the stack's settings file. Pure
// apart from reading the template folder; `cloudfit init` writes what this returns.

import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { packageRoot } from "./packageInfo";

/** The template `cloudfit init` writes and the README points `pulumi new` at. */
export function templateDir(): string {
  return path.join(packageRoot(), "templates", "typescript");
}

/** The stack whose settings file the template ships (Pulumi.dev.yaml). */
export const TEMPLATE_STACK = "dev";

/** A config prompt of the template: the key, what it is for, and its default answer. */
export interface TemplatePrompt {
  readonly key: string;
  readonly description: string;
  readonly default: string;
}

/** What a project is made with. */
export interface TemplateValues {
  readonly project: string;
  readonly description: string;
  readonly stack: string;
  /** Answers to the config prompts by key; unanswered prompts take their default. */
  readonly config: Readonly<Record<string, string>>;
}

/** Files of the template folder that only package it (npm's rules), not part of a project. */
const PACKAGING = new Set([".npmignore"]);

/** Every file of a template folder, as relative path → text, in path order. */
export function readTemplate(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!PACKAGING.has(e.name)) files.set(path.relative(dir, p), fs.readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return files;
}

/** The config prompts of a template's Pulumi.yaml (`template.config`), in file order. */
export function templatePrompts(pulumiYaml: string): TemplatePrompt[] {
  const doc = yaml.load(pulumiYaml) as { template?: { config?: Record<string, { description?: string; default?: unknown }> } };
  return Object.entries(doc.template?.config ?? {}).map(([key, v]) => ({
    key,
    description: v.description ?? "",
    default: v.default === undefined ? "" : String(v.default),
  }));
}

/** Pulumi.yaml without its `template:` section, which only `pulumi new` reads. */
function dropTemplateSection(text: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^template:\s*$/.test(l));
  if (start < 0) return text;
  let end = start + 1;
  while (end < lines.length && (lines[end] === "" || /^\s/.test(lines[end]))) end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join("\n").replace(/\n*$/, "\n");
}

/** The stack file with the prompts' answers added at the top of its `config:` map. */
function withConfig(text: string, answers: readonly [string, string][]): string {
  const lines = answers.map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
  if (/^config:\s*$/m.test(text)) return text.replace(/^config:\s*$/m, ["config:", ...lines].join("\n"));
  return `${text.replace(/\n*$/, "\n")}config:\n${lines.join("\n")}\n`;
}

/**
 * The project's files from a template's files: placeholders replaced, the template section
 * dropped, the shipped stack file renamed for `values.stack` and given the prompts' answers.
 */
export function applyTemplate(template: ReadonlyMap<string, string>, values: TemplateValues): Map<string, string> {
  const pulumiYaml = template.get("Pulumi.yaml");
  if (pulumiYaml === undefined) throw new Error("The template has no Pulumi.yaml. To fix: reinstall cloudfit.");
  const answers = templatePrompts(pulumiYaml).map((p): [string, string] => [p.key, values.config[p.key] ?? p.default]);
  const shippedStack = `Pulumi.${TEMPLATE_STACK}.yaml`;
  const out = new Map<string, string>();
  for (const [rel, text] of template) {
    let body = text.replace(/\$\{PROJECT\}/g, values.project).replace(/\$\{DESCRIPTION\}/g, values.description);
    let name = rel;
    if (rel === "Pulumi.yaml") body = dropTemplateSection(body);
    if (rel === shippedStack) {
      name = `Pulumi.${values.stack}.yaml`;
      body = withConfig(body, answers);
    }
    out.set(name, body);
  }
  return out;
}

/**
 * A package.json merged into an existing one: existing fields and dependency versions win, except
 * `main`, which becomes the program's entry (as `npm init` sets one that does not exist).
 */
export function mergePackageJson(existing: string, fromTemplate: string): string {
  const old = JSON.parse(existing) as Record<string, unknown>;
  const add = JSON.parse(fromTemplate) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...add, ...old, ...(add.main !== undefined ? { main: add.main } : {}) };
  const has = (name: string) =>
    ["dependencies", "devDependencies"].some((k) => name in ((old[k] as object | undefined) ?? {}));
  for (const key of ["dependencies", "devDependencies"]) {
    const added = Object.entries((add[key] as Record<string, string> | undefined) ?? {}).filter(([n]) => !has(n));
    const deps = { ...Object.fromEntries(added), ...(old[key] as object | undefined) };
    if (Object.keys(deps).length > 0) merged[key] = deps;
  }
  return JSON.stringify(merged, null, 2) + "\n";
}
