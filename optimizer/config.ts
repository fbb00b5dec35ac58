// The workload spec from stack config: reads the `cloudfit:workload` key of a parsed
// stacks/Pulumi.<stack>.yaml `config:` map (a mapping or a JSON string) and validates it.
// Parsing is pure; only `readStackFile` and `loadStackSpec` touch the file system.

import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { Catalog, loadCatalog } from "./catalog";
import { DEFAULT_NETWORK_COSTS, NetworkCostSettings, NormalizedSpec } from "./spec";
import { parseNetworkOptions } from "./network/options";
import { validateSpec } from "./validate";
import { isObject, show, suggest } from "./validate-fields";

/** The stack config key holding the workload spec. */
export const WORKLOAD_KEY = "cloudfit:workload";

/** A stack file is missing, is not valid YAML, or holds no usable workload spec. */
export class StackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackConfigError";
  }
}

/** Path of a stack's settings file, e.g. stacks/Pulumi.dev.yaml. */
export function stackFilePath(stack: string, dir = "stacks"): string {
  return path.join(dir, `Pulumi.${stack}.yaml`);
}

/** Parses the text of a stack file and returns its `config:` map; `file` names it in errors. */
export function parseStackFile(text: string, file: string): Record<string, unknown> {
  let doc: unknown;
  try {
    // CORE_SCHEMA keeps values JSON-like (no dates or binary), as Pulumi reads config.
    doc = yaml.load(text, { filename: file, schema: yaml.CORE_SCHEMA });
  } catch (e) {
    if (e instanceof yaml.YAMLException) {
      const line = e.mark ? e.mark.line + 1 : undefined;
      const at = line !== undefined ? ` at line ${line}, column ${e.mark.column + 1}` : "";
      throw new StackConfigError(
        `${file} is not valid YAML: ${e.reason}${at}. ` +
          `To fix: correct the YAML${line !== undefined ? ` at line ${line}` : ""} ` +
          "(indentation, a missing colon or an unclosed quote are the usual causes).",
      );
    }
    throw e;
  }
  if (doc === undefined || doc === null) {
    throw new StackConfigError(
      `${file} is empty. ` +
        `To fix: add a config: section with a ${WORKLOAD_KEY} key holding the workload spec.`,
    );
  }
  if (!isObject(doc)) {
    throw new StackConfigError(
      `${file} must be a YAML mapping with a config: section, got ${show(doc)}. ` +
        `To fix: start the file with config: and put ${WORKLOAD_KEY} under it.`,
    );
  }
  const config = doc.config;
  if (config === undefined) {
    throw new StackConfigError(
      `${file} has no config: section. ` +
        `To fix: add config: with a ${WORKLOAD_KEY} key holding the workload spec.`,
    );
  }
  if (!isObject(config)) {
    throw new StackConfigError(
      `The config: section of ${file} must be a mapping of keys to values, got ${show(config)}. ` +
        `To fix: write config: followed by indented keys such as ${WORKLOAD_KEY}.`,
    );
  }
  return config;
}

/** The raw (not yet validated) workload spec held by a stack's config map. */
export function workloadFromStackConfig(
  config: Record<string, unknown>,
  source = "the stack config",
): unknown {
  const value = config[WORKLOAD_KEY];
  if (value === undefined) {
    const keys = Object.keys(config);
    const near =
      keys.find((k) => k === "workload" || k.endsWith(":workload") || k.endsWith(":workloads")) ??
      suggest(WORKLOAD_KEY, keys);
    const fix = near
      ? `rename ${near} to ${WORKLOAD_KEY}`
      : `add ${WORKLOAD_KEY} under config: with the services, buckets, links and global settings`;
    throw new StackConfigError(`${source} has no ${WORKLOAD_KEY} key. To fix: ${fix}.`);
  }
  if (isObject(value) && "secure" in value && Object.keys(value).length === 1) {
    throw new StackConfigError(
      `${WORKLOAD_KEY} in ${source} is a secret, but the workload spec is read as plain config. ` +
        "To fix: set it again without --secret; it holds sizes and placement rules, " +
        "not credentials.",
    );
  }
  if (typeof value === "string") {
    try {
      return JSON.parse(value) as unknown;
    } catch (e) {
      throw new StackConfigError(
        `${WORKLOAD_KEY} in ${source} is a string but not valid JSON (${(e as Error).message}). ` +
          "To fix: write it as a YAML mapping, or correct the JSON.",
      );
    }
  }
  if (!isObject(value)) {
    throw new StackConfigError(
      `${WORKLOAD_KEY} in ${source} must be a mapping (or a JSON string), got ${show(value)}. ` +
        "To fix: write it as a mapping with services, buckets, links and global.",
    );
  }
  return value;
}

/** The validated workload spec of a stack's config map; throws SpecValidationError when invalid. */
export function specFromStackConfig(
  config: Record<string, unknown>,
  catalog: Catalog = loadCatalog(),
  source?: string,
): NormalizedSpec {
  const spec = validateSpec(workloadFromStackConfig(config, source), catalog);
  return { ...spec, network: networkCostSettings(config["cloudfit:network"]) };
}

/**
 * What the stack's network settings (cloudfit:network) change in the network layer's cost: its
 * NAT mode and whether the front door's zone is created. Settings the program would refuse are
 * reported when it runs; here they fall back to the defaults.
 */
export function networkCostSettings(raw: unknown): NetworkCostSettings {
  try {
    const o = parseNetworkOptions(raw, "cloudfit");
    return { nat: o.nat, publicZone: o.zoneId === undefined };
  } catch {
    return DEFAULT_NETWORK_COSTS;
  }
}

/** Reads a stack file and returns its `config:` map; a missing file lists the stacks that exist. */
export function readStackFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new StackConfigError(
        `${file} could not be read: ${(e as Error).message}. To fix: check the file's permissions.`,
      );
    }
    const stacks = existingStacks(path.dirname(file));
    const pick =
      stacks.length > 0 ? `, or use one of the existing stacks: ${stacks.join(", ")}` : "";
    throw new StackConfigError(
      `${file} does not exist. ` +
        `To fix: create it with a config: section holding ${WORKLOAD_KEY}${pick}.`,
    );
  }
  return parseStackFile(text, file);
}

/** Reads, parses and validates the workload spec of a stack file. */
export function loadStackSpec(file: string, catalog: Catalog = loadCatalog()): NormalizedSpec {
  return specFromStackConfig(readStackFile(file), catalog, file);
}

/** Stack names with a Pulumi.<stack>.yaml in `dir`, sorted. */
export function existingStacks(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((n) => /^Pulumi\.(.+)\.ya?ml$/.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort();
}
