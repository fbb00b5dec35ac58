// Allow-lists of resources by name in policy config: patterns with * wildcards matched against
// the resource's Pulumi name and, when known, the cloud-side name it points at (a function's
// name, say). Used by the rules that let a configured few resources be public on purpose.

import type { PolicyConfigSchema } from "@pulumi/policy";
import { stringListSetting } from "./config";

/** JSON schema of an `allowed` list setting, described for the resources it exempts. */
export function allowListSchema(what: string): PolicyConfigSchema["properties"][string] {
  return {
    type: "array",
    items: { type: "string" },
    default: [],
    description: `${what} that may stay public on purpose, by Pulumi resource name or cloud-side name; * matches any run of characters.`,
  };
}

/** The patterns of an allow-list setting. */
export function readAllowList(value: unknown): RegExp[] {
  return stringListSetting(value).map(
    (glob) =>
      new RegExp(
        `^${glob
          .split("*")
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
          .join(".*")}$`,
      ),
  );
}

/** True when any of the names (undefined ones skipped) matches a pattern of the list. */
export function isAllowed(patterns: readonly RegExp[], names: readonly (string | undefined)[]): boolean {
  return names.some((n) => n !== undefined && patterns.some((re) => re.test(n)));
}
