// Deterministic placeholder values for offline invoke answers: ids, GUIDs, digits and keys derived
// from a seed (the call's token, inputs and region), so the same program gets the same answers on
// every run and two different lookups never share an id.

import { createHash } from "crypto";

/** What an offline answer may depend on besides the call's own inputs. */
export interface InvokeContext {
  /** The region (AWS, GCP) or location (Azure) the call is made in, resolved as the provider would. */
  readonly region: string;
  /** A setting of the call's provider: its explicit provider's input, else the stack's `<pkg>:<key>`. */
  setting(key: string): string | undefined;
  readonly project: string;
  readonly stack: string;
  readonly organization: string;
}

/** An invoke cloudfit answers offline, with a one-line description of the answer for the README. */
export interface OfflineInvoke {
  readonly token: string;
  readonly returns: string;
  answer(inputs: Inputs, ctx: InvokeContext): Record<string, unknown>;
}

/** An invoke's inputs as the mocks receive them. */
export type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Hex digest of the parts (SHA-256). */
export function digest(...parts: readonly unknown[]): string {
  return createHash("sha256").update(parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p) ?? "")).join("\0")).digest("hex");
}

/** A cloud id such as "ami-0f3c…": the prefix and `length` hex digits of the seed's digest. */
export function hexId(prefix: string, length: number, ...seed: readonly unknown[]): string {
  return prefix + digest(prefix, ...seed).slice(0, length);
}

/** A GUID derived from the seed. */
export function guid(...seed: readonly unknown[]): string {
  const h = digest("guid", ...seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A decimal number of `length` digits (no leading zero) derived from the seed. */
export function digits(length: number, ...seed: readonly unknown[]): string {
  const h = digest("digits", ...seed);
  let out = "";
  for (let i = 0; out.length < length; i += 2) out += (parseInt(h.slice(i % 60, (i % 60) + 2), 16) % 10).toString();
  return (out[0] === "0" ? "1" : out[0]) + out.slice(1);
}

/** A base64 key of `bytes` bytes derived from the seed. */
export function base64Key(bytes: number, ...seed: readonly unknown[]): string {
  let hex = "";
  for (let i = 0; hex.length < bytes * 2; i++) hex += digest("key", i, ...seed);
  return Buffer.from(hex.slice(0, bytes * 2), "hex").toString("base64");
}

/** Applies a `*` / `?` glob from a lookup filter to a plausible concrete name. */
export function fromPattern(pattern: string): string {
  return pattern.replace(/\*/g, "20250115").replace(/\?/g, "0");
}

/** The first value of an AWS-style filter (`{ name, values }`) with the given name. */
export function filterValue(inputs: Inputs, name: string): string | undefined {
  const filters = Array.isArray(inputs.filters) ? (inputs.filters as { name?: string; values?: string[] }[]) : [];
  return filters.find((f) => f.name === name)?.values?.[0];
}
