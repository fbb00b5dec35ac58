// Writing the price catalog: its compact serialization and an atomic write, shared by the
// offline build (build.ts) and `cloudfit catalog refresh`.

import * as fs from "fs";
import type { CatalogFile } from "./types";

/** Serializes the catalog compactly: one entry per line, so diffs of price updates stay readable. */
export function serializeCatalog(c: CatalogFile): string {
  const lines = (values: unknown[]) => values.map((v) => "  " + JSON.stringify(v)).join(",\n");
  const entries = (o: Record<string, unknown>) =>
    Object.entries(o)
      .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(",\n");
  const parts: string[] = [];
  for (const [k, v] of Object.entries(c)) {
    if (Array.isArray(v) && typeof v[0] === "object") parts.push(` ${JSON.stringify(k)}: [\n${lines(v)}\n ]`);
    else if (v && typeof v === "object" && !Array.isArray(v)) parts.push(` ${JSON.stringify(k)}: {\n${entries(v as Record<string, unknown>)}\n }`);
    else parts.push(` ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  }
  return "{\n" + parts.join(",\n") + "\n}\n";
}

/** Writes a file atomically: a temporary file beside it, then a rename. */
export function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}
