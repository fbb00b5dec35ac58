// Policy pack configuration as the Pulumi CLI handles `--policy-pack-config <file>`: parse the
// file (a policy name mapped to an enforcement level or to an object of settings), fill in the
// defaults of each policy's config schema and the pack's initial config, apply "all", then
// validate every policy's settings against its schema before configuring the pack. Unlike the
// Pulumi CLI, a policy name or setting the pack does not have is an error that names the one
// most likely meant, since a misspelt key would otherwise be ignored without a word.

import * as fs from "fs";
import * as path from "path";
import { describeUnknownKey } from "../policies/lib/config";
import type { Policies } from "@pulumi/policy";
import { UsageError } from "./args";
import { validate, Schema } from "./jsonSchema";

/** The enforcement levels a policy can be configured with. */
export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;

/** A policy's enforcement level. */
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

/** One policy's configuration: its level (if set) and its settings. */
export interface PolicyConfigEntry {
  readonly enforcementLevel?: EnforcementLevel;
  readonly properties: Record<string, unknown>;
}

/** Configuration of every policy, by policy name. */
export type PolicyConfigMap = Record<string, PolicyConfigEntry>;

/** What the reconciliation needs to know about each policy of the pack. */
export interface PolicyMetadata {
  readonly name: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly configSchema?: {
    readonly properties: Record<string, unknown>;
    readonly required?: readonly string[];
  };
}

/** The policy pack configuration is malformed or does not satisfy a policy's schema. */
export class PolicyConfigError extends Error {
  constructor(problems: readonly string[], source: string) {
    super(
      `The policy pack configuration${source ? ` in ${source}` : ""} is invalid: ${problems.join("; ")}. ` +
        "To fix: correct these settings; each policy's accepted settings are in its configSchema.",
    );
    this.name = "PolicyConfigError";
  }
}

function isLevel(v: unknown): v is EnforcementLevel {
  return typeof v === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(v);
}

/** Parses the content of a policy pack configuration file (JSON). */
export function parsePolicyConfig(json: unknown, source = ""): PolicyConfigMap {
  if (json === null || json === undefined) return {};
  if (typeof json !== "object" || Array.isArray(json)) {
    throw new PolicyConfigError(["the top level must be an object keyed by policy name"], source);
  }
  const out: PolicyConfigMap = {};
  const problems: string[] = [];
  for (const [policy, value] of Object.entries(json as Record<string, unknown>)) {
    if (typeof value === "string") {
      if (isLevel(value)) out[policy] = { enforcementLevel: value, properties: {} };
      else
        problems.push(
          `${policy}: "${value}" is not an enforcement level (${ENFORCEMENT_LEVELS.join(", ")})`,
        );
    } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const { enforcementLevel, ...properties } = value as Record<string, unknown>;
      if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
        problems.push(`${policy}: ${JSON.stringify(enforcementLevel)} is not an enforcement level`);
        continue;
      }
      out[policy] = {
        enforcementLevel: enforcementLevel as EnforcementLevel | undefined,
        properties,
      };
    } else {
      problems.push(`${policy}: must be an enforcement level or an object of settings`);
    }
  }
  if (problems.length > 0) throw new PolicyConfigError(problems, source);
  return out;
}

/** Reads and parses a policy pack configuration file. */
export function loadPolicyConfigFile(file: string): PolicyConfigMap {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new PolicyConfigError([e instanceof Error ? e.message : String(e)], file);
  }
  return parsePolicyConfig(json, file);
}

function apply(result: PolicyConfigMap, given: PolicyConfigMap): void {
  const all = given.all?.enforcementLevel;
  if (all) for (const k of Object.keys(result)) result[k] = { ...result[k], enforcementLevel: all };
  for (const [policy, entry] of Object.entries(given)) {
    const prev = result[policy] ?? { properties: {} };
    result[policy] = {
      enforcementLevel: entry.enforcementLevel ?? prev.enforcementLevel,
      properties: { ...prev.properties, ...entry.properties },
    };
  }
}

/** Problems with names: policies the pack does not have, settings a policy does not declare. */
function unknownNames(policies: readonly PolicyMetadata[], given: PolicyConfigMap): string[] {
  const byName = new Map(policies.map((p) => [p.name, p] as const));
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(given)) {
    if (name === "all") continue;
    const policy = byName.get(name);
    if (!policy) {
      problems.push(`${describeUnknownKey(name, [...byName.keys()])} is not a policy of the pack`);
      continue;
    }
    const known = Object.keys(policy.configSchema?.properties ?? {});
    for (const key of Object.keys(entry.properties)) {
      if (known.includes(key)) continue;
      const takes = known.length > 0 ? `it takes ${known.join(", ")}` : "it takes no settings";
      problems.push(`${name}: ${describeUnknownKey(key, known)} is not a setting of this policy (${takes})`);
    }
  }
  return problems;
}

/**
 * The configuration each policy is configured with: schema defaults, then the pack's initial
 * config, then the given config; validated against each policy's schema. A name that is not a
 * policy of the pack, or a setting a policy does not declare, is rejected with the closest
 * known name.
 */
export function reconcilePolicyConfig(
  policies: readonly PolicyMetadata[],
  initial: PolicyConfigMap,
  given: PolicyConfigMap,
  source = "",
): PolicyConfigMap {
  const names = unknownNames(policies, given);
  if (names.length > 0) throw new PolicyConfigError(names, source);
  const result: PolicyConfigMap = {};
  for (const p of policies) {
    const defaults: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
      const d = (s as { default?: unknown }).default;
      if (d !== undefined) defaults[k] = d;
    }
    result[p.name] = { enforcementLevel: p.enforcementLevel, properties: defaults };
  }
  apply(result, initial);
  apply(result, given);
  const problems: string[] = [];
  for (const p of policies) {
    if (!p.configSchema) continue;
    const schema: Schema = {
      type: "object",
      properties: p.configSchema.properties,
      required: p.configSchema.required ?? [],
    };
    for (const e of validate(schema, result[p.name].properties))
      problems.push(`${p.name}: ${e.replace(/^\(root\)(: )?/, "")}`);
  }
  if (problems.length > 0) throw new PolicyConfigError(problems, source);
  return result;
}

/**
 * What the reconciliation needs of every policy of the cloudfit pack, read from the pack's own
 * policy list (loaded on first use, so commands that do not check policies do not load it).
 */
export function packPolicyMetadata(): PolicyMetadata[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { cloudfitPolicies } = require("../policies/policies") as { cloudfitPolicies: Policies };
  return cloudfitPolicies.map((p) => ({
    name: p.name,
    enforcementLevel: p.enforcementLevel ?? "advisory",
    configSchema: p.configSchema as PolicyMetadata["configSchema"],
  }));
}

/** Where the monthly budget a preview applies comes from, in words, and its amount. */
export interface BudgetSource {
  readonly budgetUSD?: number;
  /** "from stacks/Pulumi.dev.yaml (global.budgetUSD)", for the line the preview prints. */
  readonly note: string;
}

/** What a preview configures the pack with, where that came from, and which budget applies. */
export interface PreviewPolicyConfig {
  readonly config: Record<string, unknown>;
  readonly source: string;
  readonly budget: BudgetSource;
}

/** The stack's budget, as the preview knows it. */
export interface StackBudget {
  readonly budgetUSD?: number;
  /** Where it was read, for messages ("the stack's global.budgetUSD"). */
  readonly source: string;
}


const BUDGET_POLICY = "cost-monthly-budget";

function usd(n: number): string {
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Reads a --policy-config file as a JSON object, or explains why it cannot be used. */
function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(
      `Cannot read the policy configuration ${file}: ${(e as Error).message}. To fix: pass an existing JSON file.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}. To fix: correct the file.`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new UsageError(
      `${file} must hold a JSON object keyed by policy name, got ${JSON.stringify(parsed)}. ` +
        'To fix: write e.g. {"cost-monthly-budget": {"budgetUSD": 1500}}.',
    );
  }
  return parsed as Record<string, unknown>;
}

/**
 * The budget policy's entry with the stack's budget filled in when the file sets none: a file
 * that configures other policies (or only the budget policy's level) keeps the stack's budget.
 */
function mergeBudget(
  config: Record<string, unknown>,
  stack: StackBudget,
  file: string,
): { config: Record<string, unknown>; budget: BudgetSource } {
  const entry = config[BUDGET_POLICY];
  const fromFile =
    entry !== null && typeof entry === "object" && !Array.isArray(entry)
      ? (entry as Record<string, unknown>).budgetUSD
      : undefined;
  const name = path.basename(file);
  // A budget of the wrong type is left for the schema check to report.
  if (fromFile !== undefined && typeof fromFile !== "number") return { config, budget: { note: `set by ${name}` } };
  if (typeof fromFile === "number") {
    const ignored =
      stack.budgetUSD !== undefined && stack.budgetUSD !== fromFile
        ? `; it replaces ${usd(stack.budgetUSD)} from ${stack.source}`
        : "";
    return { config, budget: { budgetUSD: fromFile, note: `${usd(fromFile)} a month from ${name}${ignored}` } };
  }
  if (stack.budgetUSD === undefined) {
    return { config, budget: { note: `none: neither ${name} nor ${stack.source} sets one` } };
  }
  const merged =
    typeof entry === "string"
      ? { enforcementLevel: entry, budgetUSD: stack.budgetUSD }
      : { ...((entry as Record<string, unknown> | undefined) ?? {}), budgetUSD: stack.budgetUSD };
  return {
    config: { ...config, [BUDGET_POLICY]: merged },
    budget: { budgetUSD: stack.budgetUSD, note: `${usd(stack.budgetUSD)} a month from ${stack.source} (${name} sets no budget)` },
  };
}

/**
 * The policy configuration of a preview: the --policy-config file merged with the stack's
 * budget (or the stack's budget alone), checked against the pack's policies and their schemas
 * before anything runs.
 */
export function previewPolicyConfig(
  file: string | undefined,
  stack: StackBudget,
  policies: readonly PolicyMetadata[],
): PreviewPolicyConfig {
  let result: { config: Record<string, unknown>; budget: BudgetSource };
  let source: string;
  if (file === undefined) {
    const config = stack.budgetUSD !== undefined ? { [BUDGET_POLICY]: { budgetUSD: stack.budgetUSD } } : {};
    const note = stack.budgetUSD !== undefined ? `${usd(stack.budgetUSD)} a month from ${stack.source}` : `none: ${stack.source} sets none`;
    result = { config, budget: { budgetUSD: stack.budgetUSD, note } };
    source = stack.source;
  } else {
    result = mergeBudget(readConfigFile(file), stack, file);
    source = file;
  }
  reconcilePolicyConfig(policies, {}, parsePolicyConfig(result.config, source), source);
  return { config: result.config, source, budget: result.budget };
}
