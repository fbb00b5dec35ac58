// Building blocks of the pull-request comments that `plan` and `preview` write with
// `--format markdown`, laid out as reviewers know them from Infracost's comments: a hidden marker
// a workflow finds its own comment by, a summary line with the monthly cost before and after, a
// per-cloud table, and long sections collapsed under <details>. Pure string functions.

import type { CloudCost } from "./planDiff";
import { usd, usdDelta } from "./format";

/** Tables longer than this many rows are collapsed under <details>. */
export const COLLAPSE_ROWS = 10;

/** The hidden first line a workflow uses to find and update its comment for a command and stack. */
export function commentMarker(command: string, stack: string): string {
  return `<!-- cloudfit ${command}: stack ${stack} -->`;
}

/** Escapes text for a table cell: pipes, HTML-significant characters, and line breaks as <br>. */
export function cell(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, "<br>");
}

/** Inline code that survives backticks inside the text. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Inline code inside a table cell, where a pipe must be escaped even in code. */
export function codeCell(text: string): string {
  return code(text.replace(/\|/g, "\\|"));
}

/** A column: header text and alignment. */
export interface MdColumn {
  readonly header: string;
  readonly align?: "left" | "right" | "center";
}

/** A GitHub-flavoured Markdown table; cells are taken as already escaped. */
export function mdTable(columns: readonly MdColumn[], rows: readonly (readonly string[])[]): string {
  const rule = { left: ":--", right: "--:", center: ":-:" };
  return [
    `| ${columns.map((c) => c.header).join(" | ")} |`,
    `| ${columns.map((c) => rule[c.align ?? "left"]).join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

/** A block under a <summary> (plain text: Markdown is not rendered there), collapsed unless `open`. */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? " open" : ""}>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** A table under a plain-text title, collapsed when it has more than `limit` rows. */
export function collapsible(title: string, table: string, rows: number, limit = COLLAPSE_ROWS): string {
  return rows > limit ? details(title, table) : `${title}\n\n${table}`;
}

/** A signed percentage ("+25.2%"), or "new" when nothing cost anything before. */
export function percent(beforeUSD: number, afterUSD: number): string {
  if (beforeUSD === 0) return afterUSD === 0 ? "+0.0%" : "new";
  const p = ((afterUSD - beforeUSD) / beforeUSD) * 100;
  return `${p >= 0 ? "+" : ""}${p.toFixed(1)}%`;
}

/** The summary line: the monthly change in bold, its percentage, and before → after. */
export function summaryLine(beforeUSD: number, afterUSD: number): string {
  const delta = Math.round((afterUSD - beforeUSD) * 100) / 100;
  if (delta === 0) return `Monthly cost unchanged at **${usd(afterUSD)}**.`;
  const verb = delta > 0 ? "increases" : "decreases";
  const trend = delta > 0 ? "📈" : "📉";
  return `Monthly cost ${verb} by **${usd(Math.abs(delta))}** (${percent(beforeUSD, afterUSD)}): ${usd(beforeUSD)} → ${usd(afterUSD)} ${trend}`;
}

/** "+$12.00 (+5.0%)", or "$0.00" for no change. */
export function deltaCell(beforeUSD: number, afterUSD: number): string {
  const delta = Math.round((afterUSD - beforeUSD) * 100) / 100;
  return delta === 0 ? usd(0) : `${usdDelta(delta)} (${percent(beforeUSD, afterUSD)})`;
}

/** A row of the per-cloud table for costs no cloud carries (workloads only the lock prices). */
export interface OtherCost {
  readonly label: string;
  readonly beforeUSD: number;
  readonly afterUSD: number;
}

/** The per-cloud table, an optional row for costs outside the clouds' figures, and a total row. */
export function cloudTable(clouds: readonly CloudCost[], beforeUSD: number, afterUSD: number, other?: OtherCost): string {
  const rows = clouds.map((c) => [c.cloud, usd(c.beforeUSD), usd(c.afterUSD), deltaCell(c.beforeUSD, c.afterUSD)]);
  if (other && (other.beforeUSD !== 0 || other.afterUSD !== 0)) {
    rows.push([other.label, usd(other.beforeUSD), usd(other.afterUSD), deltaCell(other.beforeUSD, other.afterUSD)]);
  }
  rows.push(["**Total**", `**${usd(beforeUSD)}**`, `**${usd(afterUSD)}**`, `**${deltaCell(beforeUSD, afterUSD)}**`]);
  return mdTable(
    [{ header: "Cloud" }, { header: "Previous", align: "right" }, { header: "New", align: "right" }, { header: "Diff", align: "right" }],
    rows,
  );
}

/** What the head of a comment shows: the command and stack, and the costs before and after. */
export interface CommentHead {
  readonly command: "plan" | "preview";
  readonly stack: string;
  readonly beforeUSD: number;
  readonly afterUSD: number;
  readonly clouds: readonly CloudCost[];
  /** Costs outside the clouds' figures, shown as their own row. */
  readonly other: OtherCost;
}

/** The head of a comment: marker, title, summary line and per-cloud table. */
export function commentHead(h: CommentHead): string[] {
  return [
    commentMarker(h.command, h.stack),
    `### cloudfit ${h.command}: stack ${code(h.stack)}`,
    summaryLine(h.beforeUSD, h.afterUSD),
    cloudTable(h.clouds, h.beforeUSD, h.afterUSD, h.other),
  ];
}

/** Joins sections with blank lines and ends with one newline. */
export function document(sections: readonly (string | undefined)[]): string {
  return sections.filter((s): s is string => s !== undefined && s !== "").join("\n\n") + "\n";
}
