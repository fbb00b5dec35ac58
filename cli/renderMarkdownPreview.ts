// `cloudfit preview --format markdown`: the pull-request comment for a stack. The summary line and
// per-cloud table of the monthly cost before and after, the changed resources with old → new, the
// unpriced resources, what the program logged, and the policy findings; long lists collapse.

import type { Flags } from "./args";
import type { PreviewOutput } from "./commands/preview";
import { usd, usdDelta } from "./format";
import { cell, code, codeCell, collapsible, commentHead, details, document, mdTable } from "./renderMarkdown";
import { resourceLabel } from "./renderPreview";

const SIGN = { added: "+", changed: "~", removed: "-" } as const;

/** Findings shown inline up to this many; more are collapsed. */
const FINDINGS_INLINE = 5;

/** True when a preview changes no cost and no policy reports anything: nothing to review. */
export function previewIsQuiet(p: PreviewOutput): boolean {
  const d = p.costDiff;
  return d.resources.length === 0 && d.removedWorkloads.length === 0 && d.deltaUSD === 0 && p.violations.length === 0;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function resourcesSection(p: PreviewOutput): string | undefined {
  const d = p.costDiff;
  const rows = d.resources.map((r) => [
    SIGN[r.change],
    codeCell(r.name),
    codeCell(r.type),
    r.change === "added" ? "-" : usd(r.beforeUSD),
    r.change === "removed" ? "-" : usd(r.afterUSD),
    usdDelta(r.afterUSD - r.beforeUSD),
  ]);
  for (const w of d.removedWorkloads) {
    rows.push(["-", `workload ${codeCell(w.workload)}`, "dropped from the spec (lock cost)", usd(w.beforeUSD), "-", usdDelta(-w.beforeUSD)]);
  }
  if (rows.length === 0) return undefined;
  const by = (c: string) => d.resources.filter((r) => r.change === c).length;
  const parts = [
    ["added", by("added")],
    ["changed", by("changed")],
    ["removed", by("removed") + d.removedWorkloads.length],
  ].filter(([, n]) => n !== 0);
  const summary = `${count(rows.length, "resource")} changed: ${parts.map(([w, n]) => `${n} ${w}`).join(", ")}`;
  const table = mdTable(
    [
      { header: "", align: "center" },
      { header: "Resource" },
      { header: "Type" },
      { header: "Previous", align: "right" },
      { header: "New", align: "right" },
      { header: "Diff", align: "right" },
    ],
    rows,
  );
  return collapsible(summary, table, rows.length);
}

function unpricedSection(p: PreviewOutput): string | undefined {
  const u = p.costDiff.unpriced;
  if (u.length === 0) return undefined;
  const table = mdTable(
    [{ header: "Resource" }, { header: "Type" }, { header: "Why" }],
    u.map((x) => [codeCell(x.name), codeCell(x.type), cell(x.reason)]),
  );
  return details(`${count(u.length, "resource")} not priced (not in the totals)`, table);
}

function messagesSection(p: PreviewOutput): string | undefined {
  if (p.messages.length === 0) return undefined;
  const text = p.messages.map((m) => (m.level === "info" ? "" : `${m.level}: `) + m.text).join("\n");
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return details(`Program messages (${p.messages.length})`, `${fence}text\n${text}\n${fence}`);
}

function policiesSection(p: PreviewOutput): string {
  const pack = `${p.policyPack.name}@v${p.policyPack.version}`;
  const mandatory = p.mandatoryViolations;
  const advisory = p.violations.length - mandatory;
  if (p.violations.length === 0) return `Policies (${pack}): ✅ no violations`;
  const head =
    mandatory > 0
      ? `❌ ${count(mandatory, "mandatory violation")}: pulumi up would be blocked` +
        (advisory > 0 ? `; ${count(advisory, "advisory finding")}` : "")
      : `⚠️ ${count(advisory, "advisory finding")}; no mandatory violation`;
  const ordered = [...p.violations].sort(
    (a, b) => Number(b.enforcementLevel === "mandatory") - Number(a.enforcementLevel === "mandatory"),
  );
  const table = mdTable(
    [{ header: "Level" }, { header: "Policy" }, { header: "Resource" }, { header: "Finding" }],
    ordered.map((v) => [
      v.enforcementLevel,
      codeCell(v.policyName),
      v.urn ? codeCell(resourceLabel(v.urn)) : "the stack",
      cell(v.message),
    ]),
  );
  return collapsible(`Policies (${pack}): ${head}`, table, ordered.length, FINDINGS_INLINE);
}

/** Renders a preview as a pull-request comment; empty when `--skip-unchanged` and nothing changed. */
export function renderPreviewMarkdown(p: PreviewOutput, flags: Flags): string {
  if (flags["skip-unchanged"] && previewIsQuiet(p)) return "";
  const d = p.costDiff;
  const program = p.program === "." ? "" : ` --program ${p.program}`;
  return document([
    ...commentHead({
      command: "preview",
      stack: p.stack,
      beforeUSD: d.beforeUSD,
      afterUSD: d.afterUSD,
      clouds: d.clouds,
      other: { label: "dropped workloads", beforeUSD: d.removedWorkloads.reduce((n, w) => n + w.beforeUSD, 0), afterUSD: 0 },
    }),
    resourcesSection(p),
    unpricedSection(p),
    messagesSection(p),
    policiesSection(p),
    `<sub>${count(p.resources.length, "resource")}, ${d.unchanged} priced and unchanged. Prices cover compute, ` +
      "disks, keys and stored data; traffic and egress are estimated by `cloudfit plan`. " +
      `Made by ${code(`cloudfit preview --stack ${p.stack}${program}`)}.</sub>`,
  ]);
}
