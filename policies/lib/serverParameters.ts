// Server parameters of Azure Database flexible servers, set through Configuration resources:
// which parameter a resource sets and to what, normalised for comparison.

import type { ConfigurationArgs } from "@pulumi/azure-native/dbforpostgresql/configuration";
import { Read, asString, field } from "./read";
import { UNKNOWN, Unknown } from "./unknown";

/** The parameter a Configuration sets and its value, lower-cased; UNKNOWN when not known. */
export function parameterOf(props: Read): { name: string; value: string | undefined } | Unknown | undefined {
  const name = asString(field<ConfigurationArgs>(props, "configurationName"));
  const value = asString(field<ConfigurationArgs>(props, "value"));
  if (name === UNKNOWN || value === UNKNOWN) return UNKNOWN;
  if (name === undefined) return undefined;
  return { name: name.trim().toLowerCase(), value: value?.trim().toLowerCase() };
}
