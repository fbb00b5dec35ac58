// `cloudfit plan --format markdown`: the pull-request comment for a stack's placement. The summary
// line and per-cloud table of the monthly cost against the lock, the workloads whose placement
// changes (old → new), moves, the budget and whether the lock is up to date. No timings, so the
// same plan always gives the same text.

import type { Flags } from "./args";
import { usd, usdDelta } from "./format";
import type { PlanView } from "./renderPlan";
import { cell, code, codeCell, collapsible, commentHead, document, mdTable } from "./renderMarkdown";

/** True when the plan equals the lock: nothing to review. */
export function planIsQuiet(v: PlanView): boolean {
  return v.diff.deltaUSD === 0 && v.diff.changes.every((c) => c.change === "unchanged");
}

function solverLine(v: PlanView): string {
  const r = v.result.report;
  if (r.variables === 0) return "Every workload is held where the lock places it.";
  const gap = Number.isFinite(r.gap) ? `, proven gap ${(r.gap * 100).toFixed(3)}%` : "";
  return `Placed by ${r.solver}: ${r.status}${gap}.`;
}

function lockLine(v: PlanView): string {
  if (v.written) return `Wrote ${code(v.lockFile)}.`;
  if (v.upToDate) return `${code(v.lockFile)} is up to date.`;
  return `${code(v.lockFile)} differs: run ${code(`cloudfit plan --stack ${v.stack} --write`)} and commit it.`;
}

function changesSection(v: PlanView): string | undefined {
  const changed = v.diff.changes.filter((c) => c.change !== "unchanged");
  if (changed.length === 0) return undefined;
  const table = mdTable(
    [
      { header: "Workload" },
      { header: "Change" },
      { header: "Previous placement" },
      { header: "New placement" },
      { header: "Previous", align: "right" },
      { header: "New", align: "right" },
      { header: "Diff", align: "right" },
    ],
    changed.map((c) => [
      codeCell(c.workload),
      c.change,
      c.before ? cell(c.before) : "-",
      c.after ? cell(c.after) : "-",
      c.before ? usd(c.beforeUSD) : "-",
      c.after ? usd(c.afterUSD) : "-",
      usdDelta(c.afterUSD - c.beforeUSD),
    ]),
  );
  const n = changed.length;
  return collapsible(`${n} workload${n === 1 ? "" : "s"} changed`, table, n);
}

function budgetLine(v: PlanView): string | undefined {
  const b = v.result.budget;
  if (!b) return undefined;
  return b.excessUSD > 0
    ? `❌ Budget: ${usd(b.totalUSD)} is ${usd(b.excessUSD)} over the monthly budget of ${usd(b.budgetUSD)}.`
    : `Budget: ${usd(b.totalUSD)} of ${usd(b.budgetUSD)} (${usd(b.budgetUSD - b.totalUSD)} left).`;
}

/** Renders a plan as a pull-request comment; empty when `--skip-unchanged` and the plan equals the lock. */
export function renderPlanMarkdown(v: PlanView, flags: Flags): string {
  if (flags["skip-unchanged"] && planIsQuiet(v)) return "";
  const d = v.diff;
  const moves = v.result.moves.map(
    (m) => `- ${code(m.workload)} moves: saves ${usd(m.savingUSD)}/month against a migration cost of ${usd(m.migrationUSD)}.`,
  );
  return document([
    ...commentHead({
      command: "plan",
      stack: v.stack,
      beforeUSD: d.beforeUSD,
      afterUSD: d.afterUSD,
      clouds: d.clouds,
      // The lock alone prices workloads the spec dropped; their cost is in no cloud's figure.
      other: { label: "removed workloads", beforeUSD: d.changes.filter((c) => c.change === "removed").reduce((n, c) => n + c.beforeUSD, 0), afterUSD: 0 },
    }),
    changesSection(v),
    moves.length > 0 ? moves.join("\n") : undefined,
    budgetLine(v),
    `<sub>${solverLine(v)} ${lockLine(v)} Costs include traffic between workloads and internet egress.</sub>`,
  ]);
}
