// Readers for policy configuration. The Pulumi CLI validates a pack's config against each
// policy's configSchema, but a policy must still cope with none at all (getConfig returns {})
// or with a config file written by hand, so every reader falls back to the documented default.

import { suggest } from "../../optimizer/validate-fields";

/** The raw config object of a policy, or {} when there is none or it cannot be read. */
export function rawConfig(getConfig: (() => unknown) | undefined): Record<string, unknown> {
  try {
    const c = getConfig ? getConfig() : undefined;
    const isObject = c !== null && typeof c === "object" && !Array.isArray(c);
    return isObject ? (c as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A boolean setting, or the default when it is missing or not a boolean. */
export function boolSetting(value: unknown, fallback: boolean): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return fallback;
}

/** A list of non-empty strings; a single string counts as a one-element list. */
export function stringListSetting(value: unknown, fallback: readonly string[] = []): string[] {
  const items = Array.isArray(value) ? value : typeof value === "string" ? [value] : undefined;
  if (!items) return [...fallback];
  return items
    .filter((s): s is string => typeof s === "string" && s.trim() !== "")
    .map((s) => s.trim());
}

/** A list of ports (integers 0..65535), or the default when none is valid. */
export function portListSetting(value: unknown, fallback: readonly number[]): number[] {
  const items = Array.isArray(value) ? value : value === undefined ? undefined : [value];
  if (!items) return [...fallback];
  const ports = items
    .map((p) => (typeof p === "string" && /^\d+$/.test(p.trim()) ? Number(p) : p))
    .filter((p): p is number => Number.isInteger(p))
    .filter((p) => p >= 0 && p <= 65535);
  return ports.length > 0 ? [...new Set(ports)] : [...fallback];
}

/** A positive integer setting, or undefined when missing or invalid. */
export function positiveIntSetting(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** JSON schema for the shared `adminPorts` setting of the network exposure rules. */
export const ADMIN_PORTS_SCHEMA = {
  type: "array" as const,
  items: { type: "integer" as const, minimum: 0, maximum: 65535 },
  default: [22, 3389],
  description:
    "Ports treated as administrative access (default SSH 22 and RDP 3389). Opening every port always counts.",
};

/** A policy was configured with a setting its schema does not declare. */
export class UnknownSettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnknownSettingError";
  }
}

/** "'adminPort' (did you mean 'adminPorts'?)" for one undeclared key. */
export function describeUnknownKey(key: string, known: readonly string[]): string {
  const near = suggest(key, known);
  return `'${key}'${near ? ` (did you mean '${near}'?)` : ""}`;
}

/**
 * The error for settings a policy's schema does not declare, or undefined when every key is
 * declared. A policy without a schema takes no settings at all.
 */
export function unknownSettingsError(
  policy: string,
  schema: { readonly properties: Record<string, unknown> } | undefined,
  raw: Record<string, unknown>,
): UnknownSettingError | undefined {
  const known = Object.keys(schema?.properties ?? {});
  const unknown = Object.keys(raw).filter((k) => k !== "enforcementLevel" && !known.includes(k));
  if (unknown.length === 0) return undefined;
  const list = unknown.map((k) => describeUnknownKey(k, known));
  const what = unknown.length === 1 ? `setting ${list[0]}` : `settings ${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
  const takes = known.length > 0 ? `it takes ${known.join(", ")}` : "it takes no settings";
  return new UnknownSettingError(
    `Policy ${policy} has no ${what}; ${takes}. To fix: correct or remove ` +
      `${unknown.length === 1 ? "that setting" : "those settings"} in the policy pack configuration.`,
  );
}
