// Minimum database engine versions for the "supported engine version" rules of the three
// clouds: per engine, the oldest major version to accept, overridable in the policy's config.
// The defaults are the oldest major versions still in standard support in 2025 on each service
// (RDS and Aurora release calendars, Azure Database for PostgreSQL/MySQL version policies,
// Cloud SQL database version support pages); raise them as engines reach end of support.

import type { PolicyConfigSchema } from "@pulumi/policy";

/** Per engine, the oldest version accepted ("13", "8.0"). */
export type MinimumVersions = ReadonlyMap<string, string>;

/** JSON schema of the `minimumVersions` setting with the given defaults. */
export function minimumVersionsSchema(defaults: Readonly<Record<string, string>>): PolicyConfigSchema {
  return {
    properties: {
      minimumVersions: {
        type: "object",
        additionalProperties: { type: "string", pattern: "^\\d+(\\.\\d+)*$" },
        default: { ...defaults },
        description: `Oldest version accepted per engine; engines not listed are not checked. Default ${JSON.stringify(defaults)}.`,
      },
    },
  };
}

/** Reads `minimumVersions`, keeping the defaults for engines the config does not name. */
export function readMinimumVersions(raw: unknown, defaults: Readonly<Record<string, string>>): MinimumVersions {
  const out = new Map(Object.entries(defaults));
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    for (const [engine, v] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof v === "string" && versionParts(v)) out.set(engine.toLowerCase(), v.trim());
    }
  }
  return out;
}

/** True when `version` is older than `minimum`; false when either cannot be read. */
export function isOlder(version: string, minimum: string): boolean {
  const v = versionParts(version);
  const m = versionParts(minimum);
  return v !== undefined && m !== undefined && compareVersions(v.slice(0, m.length), m) < 0;
}

/**
 * The leading numeric part of a version ("8.0.mysql_aurora.3.05.2" → [8, 0], "15.4" → [15, 4]),
 * or undefined when it does not start with a number.
 */
export function versionParts(version: string): number[] | undefined {
  const m = /^\s*v?(\d+(?:\.\d+)*)/.exec(version);
  return m ? m[1].split(".").map(Number) : undefined;
}

/** Compares two versions part by part: negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
