// Environment variables of functions and containers read as a name-to-value map, for the
// secrets rules: values not known yet (references to other resources) are left out, since a
// value computed by the engine is not a literal in the code.

import { Read, asObject, asString, field, keysOf } from "./read";
import { UNKNOWN, Unknown } from "./unknown";

/** The known string values of a { name: value } map; UNKNOWN when the whole map is not known. */
export function variableMap(value: Read): Map<string, string> | Unknown {
  const obj = asObject(value);
  if (obj === UNKNOWN) return UNKNOWN;
  const out = new Map<string, string>();
  for (const key of keysOf(obj)) {
    const v = asString(field<Record<string, unknown>>(obj, key));
    if (typeof v === "string") out.set(key, v);
  }
  return out;
}
