// CSV usage exports: a header row, an optional time column (ISO-8601, "YYYY-MM-DD HH:MM:SS",
// epoch seconds or milliseconds, or seconds from the trace start) and one series per numeric
// column, as CloudWatch's console, the NAB archive and trace aggregates write them.

import type { RawSeries } from "../types";
import { parseTimestamp } from "../time";
import { unitFromName } from "./units";
import { UsageFormatError } from "./errors";

const TIME_COLUMNS = ["timestamp", "time", "date", "datetime", "ts", "period"];

/** Raw series of a CSV export; `intervalSec` spaces rows of a file without a time column. */
export function parseCsv(text: string, file: string, intervalSec?: number): RawSeries[] {
  const lines = text.split(/\r?\n/);
  const headerIdx = lines.findIndex((l) => l.trim() !== "");
  if (headerIdx < 0) throw new UsageFormatError(file, undefined, "is empty.", "export the metric again with a header row such as timestamp,value.");
  const header = lines[headerIdx].split(",").map((h) => h.trim().replace(/^"(.*)"$/, "$1"));
  const timeCol = header.findIndex((h) => TIME_COLUMNS.includes(h.toLowerCase()));
  const valueCols = header.map((_, i) => i).filter((i) => i !== timeCol);
  if (valueCols.length === 0) {
    throw new UsageFormatError(file, headerIdx + 1, `has only a time column (${header.join(",")}).`, "add a value column, e.g. timestamp,value.");
  }
  if (header.some((h) => h === "")) {
    throw new UsageFormatError(file, headerIdx + 1, "has an empty column name in its header.", "name every column, e.g. timestamp,value.");
  }
  if (timeCol < 0 && intervalSec === undefined) {
    throw new UsageFormatError(
      file, headerIdx + 1,
      `has no time column (looked for ${TIME_COLUMNS.join(", ")}), so the spacing of its rows is unknown.`,
      "add a timestamp column, or give the row spacing (--interval 5m, or interval: 5m in the usage mapping).",
    );
  }
  const times: number[] = [];
  const cols: number[][] = valueCols.map(() => []);
  let relative = false;
  let row = 0;
  for (let i = headerIdx + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    const cells = line.split(",");
    if (cells.length !== header.length) {
      throw new UsageFormatError(file, i + 1, `has ${cells.length} fields where the header has ${header.length}.`, "make every row match the header, or remove the broken row.");
    }
    if (timeCol >= 0) {
      const raw = cells[timeCol].trim().replace(/^"(.*)"$/, "$1");
      let t = parseTimestamp(raw);
      if (/^\d+(\.\d+)?$/.test(raw) && Number(raw) < 1e9) {
        relative = true;
        t = Number(raw) * 1000;
      }
      if (!Number.isFinite(t)) {
        throw new UsageFormatError(file, i + 1, `has an unreadable time "${raw}" in column ${header[timeCol]}.`, "write times as ISO-8601 (2014-04-10T00:04:00Z), \"YYYY-MM-DD HH:MM:SS\" or epoch seconds.");
      }
      times.push(t);
    } else {
      times.push(row * intervalSec! * 1000);
    }
    valueCols.forEach((c, k) => {
      const cell = cells[c].trim().replace(/^"(.*)"$/, "$1");
      const missing = cell === "" || /^(nan|null|none|n\/a)$/i.test(cell);
      const v = missing ? NaN : Number(cell);
      if (!missing && !Number.isFinite(v)) {
        throw new UsageFormatError(file, i + 1, `has a value "${cell}" in column ${header[c]} that is not a number.`, "write a number there, or leave the cell empty for a missing value.");
      }
      cols[k].push(v);
    });
    row++;
  }
  if (row === 0) throw new UsageFormatError(file, headerIdx + 1, "has a header but no rows.", "export a time range that holds data.");
  const base = file.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  return valueCols.map((c, k) => {
    const name = valueCols.length === 1 && /^values?$/i.test(header[c]) ? base : header[c];
    return {
      name,
      unit: unitFromName(valueCols.length === 1 ? `${base} ${header[c]}` : header[c]),
      points: times.map((t, j) => ({ t, v: cols[k][j] })),
      relativeTime: relative || timeCol < 0,
      ...(timeCol < 0 ? { intervalSec } : {}),
    };
  });
}
