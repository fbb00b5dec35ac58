// Cloud SQL instances keep their security settings under `settings` (ipConfiguration,
// backupConfiguration, databaseFlags); these readers return each part, UNKNOWN-aware.

import type { DatabaseInstanceArgs } from "@pulumi/gcp/sql/databaseInstance";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { Read, asList, asString, field } from "./read";
import { UNKNOWN, Unknown } from "./unknown";

/** Cloud SQL instances. */
export const SQL_INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance";

type Settings = gcpInput.sql.DatabaseInstanceSettings;
type Flag = gcpInput.sql.DatabaseInstanceSettingsDatabaseFlag;

/** An instance's settings. */
export function settingsOf(props: Read): Read {
  return field<DatabaseInstanceArgs>(props, "settings");
}

/** An instance's settings.ipConfiguration. */
export function ipConfigurationOf(props: Read): Read {
  return field<Settings>(settingsOf(props), "ipConfiguration");
}

/** An instance's settings.backupConfiguration. */
export function backupConfigurationOf(props: Read): Read {
  return field<Settings>(settingsOf(props), "backupConfiguration");
}

/** The engine of a databaseVersion ("POSTGRES_15" → "postgres"), lower-cased. */
export function engineOf(props: Read): string | Unknown | undefined {
  const version = asString(field<DatabaseInstanceArgs>(props, "databaseVersion"));
  if (version === UNKNOWN || version === undefined) return version;
  return version.split("_")[0].toLowerCase();
}

/** The database flags as name to lower-cased value; UNKNOWN when the list is not known. */
export function databaseFlags(props: Read): Map<string, string> | Unknown {
  const flags = asList(field<Settings>(settingsOf(props), "databaseFlags"));
  if (flags === UNKNOWN) return UNKNOWN;
  const out = new Map<string, string>();
  for (const f of flags) {
    const name = asString(field<Flag>(f, "name"));
    const value = asString(field<Flag>(f, "value"));
    if (name === UNKNOWN || value === UNKNOWN) return UNKNOWN;
    if (typeof name === "string" && typeof value === "string") out.set(name.trim(), value.trim().toLowerCase());
  }
  return out;
}
