// Shared pieces of the catalog build: the source table every price points into, CSV reading
// with clear errors, unit conversion and rounding.

import * as fs from "fs";
import * as path from "path";
import { parseCsv } from "./csv";
import type { PriceSource } from "./types";

/** Rounds to 6 decimals, the precision the catalog stores. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * A storage or transfer price per GiB. The clouds bill volumes, stored data and transfer in binary
 * gigabytes under the name "GB" (a 20 GiB gp3 volume is billed as 20 GB-months, as the Infracost
 * goldens show), so a per-GB price is taken as per GiB unchanged.
 */
export function perGiB(value: number, unit: string): number {
  if (/^GiB/.test(unit) || /^GB/.test(unit)) return value;
  throw new Error(`unknown storage or transfer unit "${unit}" (expected GB... or GiB...)`);
}

/** Reads a CSV file into records, failing with the file name when it is missing. */
export function readCsv(file: string): Record<string, string>[] {
  if (!fs.existsSync(file)) {
    throw new Error(
      `Cannot build the catalog: ${file} is missing. To fix: restore it from git, or check out the shared price data beside the project.`,
    );
  }
  return parseCsv(fs.readFileSync(file, "utf8"));
}

/** A number from a CSV cell, failing with the file, row and column when it is not one. */
export function num(row: Record<string, string>, column: string, where: string): number {
  const v = Number(row[column]);
  if (row[column] === undefined || row[column] === "" || !Number.isFinite(v)) {
    throw new Error(`${where}: column ${column} is "${row[column] ?? ""}", not a number`);
  }
  return v;
}

/** The catalog's source table: deduplicated (description, date, basis) entries addressed by index. */
export class SourceTable {
  readonly entries: PriceSource[] = [];
  private readonly index = new Map<string, number>();
  private readonly named = new Map<string, { description: string; date: string }>();

  /** Loads the named sources (id, description, date) of sources/sources.csv. */
  constructor(sourcesDir: string) {
    for (const r of readCsv(path.join(sourcesDir, "sources.csv"))) {
      this.named.set(r.id, { description: r.description, date: r.date });
    }
  }

  /** Index of an entry with this description, date and basis, added when new. */
  add(description: string, date: string, basis: string): number {
    if (!["cited", "recalled", "assumed", "derived"].includes(basis)) {
      throw new Error(`unknown basis "${basis}" for source "${description}"`);
    }
    const key = `${basis}|${date}|${description}`;
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.entries.length;
      this.entries.push({ description, date, basis });
      this.index.set(key, id);
    }
    return id;
  }

  /** Index of a source named in sources.csv with this basis; `detail` is appended to its description. */
  byId(id: string, basis: string, detail = ""): number {
    const s = this.named.get(id);
    if (!s) throw new Error(`unknown source id "${id}": add it to optimizer/catalog/sources/sources.csv`);
    return this.add(detail ? `${s.description}; ${detail}` : s.description, s.date, basis);
  }

  /** The description and date of a named source. */
  describe(id: string): { description: string; date: string } {
    const s = this.named.get(id);
    if (!s) throw new Error(`unknown source id "${id}": add it to optimizer/catalog/sources/sources.csv`);
    return s;
  }

  /** The newest ISO date (YYYY-MM-DD) any entry carries. */
  newestDate(): string {
    const dates = this.entries.flatMap((e) => e.date.match(/20\d\d-\d\d-\d\d/g) ?? []);
    return dates.sort().pop() ?? "undated";
  }
}

/** An object with its keys sorted, so the serialized catalog is stable. */
export function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
}
