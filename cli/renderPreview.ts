// Human output of `cloudfit preview`: the cost diff grouped by cloud, unpriced resources, the data
// sources answered offline, notes about the run, and the policy results laid out as `pulumi
// preview` prints them.

import { indent, style, table, useColor, usd, usdDelta } from "./format";
import type { PreviewOutput } from "./commands/preview";

const SIGN = { added: "+", changed: "~", removed: "-" } as const;

/** "type: name" of a URN, as `pulumi preview` labels a resource (the parent types dropped). */
export function resourceLabel(urn: string): string {
  const parts = urn.split("::");
  const name = parts[parts.length - 1];
  const types = parts[parts.length - 2] ?? "";
  return `${types.slice(types.lastIndexOf("$") + 1)}: ${name}`;
}

/** Renders the preview command's human output. */
export function renderPreview(p: PreviewOutput, io: { stdout: { isTTY?: boolean }; env: NodeJS.ProcessEnv }): string {
  const s = style(useColor(io.stdout, io.env));
  const d = p.costDiff;
  const out: string[] = [s.bold(`Preview of stack ${p.stack} (program: ${p.program}, ${p.resources.length} resources)`), ""];
  const colour = { added: s.green, changed: s.yellow, removed: s.red };
  if (p.messages.length > 0) {
    out.push(s.bold("Program messages:"));
    for (const m of p.messages) {
      const tag = m.level === "info" ? "" : `${m.level}: `;
      for (const line of (tag + m.text).split("\n")) out.push(`  ${line}`);
    }
    out.push("");
  }

  if (d.resources.length === 0 && d.removedWorkloads.length === 0) {
    out.push(`No cost change: ${d.unchanged} priced resources are unchanged.`);
  }
  const clouds = [...new Set(d.resources.map((r) => r.cloud))];
  for (const cloud of clouds) {
    out.push(s.bold(cloud));
    const rows = d.resources
      .filter((r) => r.cloud === cloud)
      .map((r) => [
        colour[r.change](`${SIGN[r.change]} ${r.name}`),
        r.type,
        r.change === "changed" ? `${usd(r.beforeUSD)} -> ${usd(r.afterUSD)}` : usd(r.change === "added" ? r.afterUSD : r.beforeUSD),
        usdDelta(r.afterUSD - r.beforeUSD),
      ]);
    out.push(
      indent(table([{ header: "RESOURCE" }, { header: "TYPE" }, { header: "MONTHLY", align: "right" }, { header: "DELTA", align: "right" }], rows)),
      "",
    );
  }
  for (const w of d.removedWorkloads) {
    out.push(colour.removed(`  - workload ${w.workload} (dropped from the spec; lock cost)  ${usdDelta(-w.beforeUSD)}`));
  }
  if (d.removedWorkloads.length > 0) out.push("");
  if (d.unpriced.length > 0) {
    out.push(s.bold(`Unpriced resources (${d.unpriced.length}, not counted in the totals)`));
    for (const u of d.unpriced) out.push(`  ? ${u.name} (${u.type}): ${u.reason}`);
    out.push("");
  }
  if (p.lookups.length > 0) {
    out.push(s.bold("Looked up offline (placeholder values, not your cloud account's data):"));
    const rows = p.lookups.map((l) => [l.token, `${l.calls} call${l.calls === 1 ? "" : "s"}`, l.regions.join(", ")]);
    out.push(indent(table([{ header: "INVOKE" }, { header: "CALLS", align: "right" }, { header: "REGION" }], rows)), "");
  }
  if (p.notes.length > 0) {
    out.push(s.bold("Notes:"));
    for (const n of p.notes) out.push(`  ${n}`);
    out.push("");
  }
  const pct = d.deltaPct === null ? (d.afterUSD === 0 ? "0%" : "new") : `${d.deltaPct >= 0 ? "+" : ""}${d.deltaPct.toFixed(1)}%`;
  out.push(
    s.bold(`Monthly cost change: ${usdDelta(d.deltaUSD)} (${usd(d.beforeUSD)} -> ${usd(d.afterUSD)}, ${pct})`),
    s.dim("Resource prices cover compute, disks, keys and stored data; traffic and egress are in `cloudfit plan`."),
    "",
  );

  out.push(s.bold("Policies:"));
  const mark = p.mandatoryViolations > 0 ? s.red("FAIL") : s.green("OK");
  out.push(`    ${mark} ${p.policyPack.name}@v${p.policyPack.version} (local: policies)`);
  if (p.violations.length === 0) out.push("        no violations");
  for (const v of p.violations) {
    const resource = v.urn ? `  (${resourceLabel(v.urn)})` : "";
    const level = v.enforcementLevel === "mandatory" ? s.red(`[${v.enforcementLevel}]`) : s.yellow(`[${v.enforcementLevel}]`);
    out.push(`        - ${level}  ${v.policyName}${resource}`);
    for (const line of v.message.split("\n")) out.push(`          ${line}`);
  }
  out.push("");
  const summary =
    p.mandatoryViolations > 0
      ? s.red(`${p.mandatoryViolations} mandatory policy violation${p.mandatoryViolations === 1 ? "" : "s"}: \`pulumi up\` would be blocked.`)
      : `${p.violations.length} advisory finding${p.violations.length === 1 ? "" : "s"}; no mandatory violation.`;
  out.push(summary);
  return out.join("\n") + "\n";
}
