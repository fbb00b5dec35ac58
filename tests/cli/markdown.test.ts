import { strict as assert } from "assert";
import type { PreviewOutput } from "../../cli/commands/preview";
import type { PlanView } from "../../cli/renderPlan";
import { renderPlanMarkdown } from "../../cli/renderMarkdownPlan";
import { previewIsQuiet, renderPreviewMarkdown } from "../../cli/renderMarkdownPreview";
import { cell, code, COLLAPSE_ROWS, summaryLine } from "../../cli/renderMarkdown";
import type { ResourceChange } from "../../cli/resourceDiff";
import type { Violation } from "../../cli/policyHost";

const URN = (type: string, name: string) => `urn:pulumi:dev::shop::cloudfit:app:Application$${type}::${name}`;

function change(i: number, c: ResourceChange["change"] = "added"): ResourceChange {
  return {
    change: c,
    urn: URN("aws:ec2/instance:Instance", `vm-${i}`),
    name: `vm-${i}`,
    type: "aws:ec2/instance:Instance",
    cloud: "aws",
    beforeUSD: c === "added" ? 0 : 10,
    afterUSD: c === "removed" ? 0 : 12.5,
    detail: "",
  };
}

function violation(i: number, level: Violation["enforcementLevel"]): Violation {
  return {
    policyPackName: "cloudfit",
    policyPackVersion: "0.1.0",
    policyName: `rule-${i}`,
    enforcementLevel: level,
    urn: URN("aws:s3/bucket:Bucket", `b${i}`),
    message: `Rule ${i} description.\nBucket 'b${i}' should be fixed: set x | y.`,
  };
}

/** A preview of stack dev with a cost increase on AWS and one dropped workload. */
function preview(over: Partial<PreviewOutput> = {}): PreviewOutput {
  return {
    stack: "dev",
    program: ".",
    resources: Array.from({ length: 12 }, (_, i) => ({ urn: URN("aws:s3/bucket:Bucket", `r${i}`), type: "aws:s3/bucket:Bucket", name: `r${i}`, parent: null, monthlyUSD: 1, billing: "priced" as const, note: "" })),
    costDiff: {
      resources: [change(1), { ...change(2, "changed") }],
      removedWorkloads: [{ workload: "old", beforeUSD: 5 }],
      unpriced: [],
      beforeUSD: 105,
      afterUSD: 125,
      deltaUSD: 20,
      deltaPct: 19.05,
      unchanged: 3,
      clouds: [
        { cloud: "aws", beforeUSD: 40, afterUSD: 65 },
        { cloud: "gcp", beforeUSD: 60, afterUSD: 60 },
      ],
    },
    policyPack: { name: "cloudfit", version: "0.1.0" },
    violations: [],
    mandatoryViolations: 0,
    messages: [],
    lookups: [],
    typeCheck: { status: "passed", cached: false, seconds: 1, diagnostics: [] },
    outputs: {},
    notes: [],
    pricesOf: "2026-11-20",
    budget: { budgetUSD: undefined, note: "none" },
    traffic: null,
    ...over,
  };
}

describe("markdown pull-request comments", () => {
  it("lays out a preview as a summary line, a per-cloud table, changed resources and policies", () => {
    const text = renderPreviewMarkdown(preview(), {});
    assert.equal(
      text,
      [
        "<!-- cloudfit preview: stack dev -->",
        "",
        "### cloudfit preview: stack `dev`",
        "",
        "Monthly cost increases by **$20.00** (+19.0%): $105.00 → $125.00 📈",
        "",
        "| Cloud | Previous | New | Diff |",
        "| :-- | --: | --: | --: |",
        "| aws | $40.00 | $65.00 | +$25.00 (+62.5%) |",
        "| gcp | $60.00 | $60.00 | $0.00 |",
        "| dropped workloads | $5.00 | $0.00 | -$5.00 (-100.0%) |",
        "| **Total** | **$105.00** | **$125.00** | **+$20.00 (+19.0%)** |",
        "",
        "3 resources changed: 1 added, 1 changed, 1 removed",
        "",
        "|  | Resource | Type | Previous | New | Diff |",
        "| :-: | :-- | :-- | --: | --: | --: |",
        "| + | `vm-1` | `aws:ec2/instance:Instance` | - | $12.50 | +$12.50 |",
        "| ~ | `vm-2` | `aws:ec2/instance:Instance` | $10.00 | $12.50 | +$2.50 |",
        "| - | workload `old` | dropped from the spec (lock cost) | $5.00 | - | -$5.00 |",
        "",
        "Policies (cloudfit@v0.1.0): ✅ no violations",
        "",
        "<sub>12 resources, 3 priced and unchanged. Prices of 2026-11-20. Resource prices cover what each resource bills on its own; " +
          "traffic between workloads is estimated for a stack with a placement lock (`cloudfit plan --write`). Made by `cloudfit preview --stack dev`.</sub>",
        "",
      ].join("\n"),
    );
  });

  it("collapses more than the inline number of changed resources and findings under <details>", () => {
    const many = Array.from({ length: COLLAPSE_ROWS + 1 }, (_, i) => change(i));
    const findings = [violation(1, "advisory"), ...Array.from({ length: 5 }, (_, i) => violation(i + 2, "mandatory"))];
    const text = renderPreviewMarkdown(
      preview({
        costDiff: { ...preview().costDiff, resources: many, removedWorkloads: [] },
        violations: findings,
        mandatoryViolations: 5,
      }),
      {},
    );
    assert.match(text, /\n<details>\n<summary>11 resources changed: 11 added<\/summary>\n\n\| {2}\| Resource \|/);
    assert.match(
      text,
      /\n<details>\n<summary>Policies \(cloudfit@v0\.1\.0\): ❌ 5 mandatory violations: pulumi up would be blocked; 1 advisory finding<\/summary>\n\n\| Level \| Policy \| Resource \| Finding \|/,
    );
    // Mandatory findings first, each message's lines joined with <br> and its pipe escaped.
    assert.match(text, /\| mandatory \| `rule-2` \| `aws:s3\/bucket:Bucket: b2` \| Rule 2 description\.<br>Bucket 'b2' should be fixed: set x \\\| y\. \|/);
    const rows = text.split("\n").filter((l) => l.startsWith("| mandatory") || l.startsWith("| advisory"));
    assert.deepEqual(rows.map((r) => r.split(" | ")[0]), [...Array(5).fill("| mandatory"), "| advisory"]);
  });

  it("shows a few findings inline with the advisory-only headline", () => {
    const text = renderPreviewMarkdown(preview({ violations: [violation(1, "advisory")], mandatoryViolations: 0 }), {});
    assert.match(text, /\nPolicies \(cloudfit@v0\.1\.0\): ⚠️ 1 advisory finding; no mandatory violation\n\n\| Level \|/);
    assert.doesNotMatch(text, /<summary>Policies/);
  });

  it("lists unpriced resources and program messages collapsed", () => {
    const text = renderPreviewMarkdown(
      preview({
        costDiff: { ...preview().costDiff, unpriced: [{ urn: "u", name: "db", type: "aws:rds/instance:Instance", reason: "no price for db.r6g" }] },
        messages: [
          { level: "info", text: "cloudfit: the plan differs from placement.dev.json." },
          { level: "warning", text: "uses ``` fences" },
        ],
      }),
      {},
    );
    assert.match(text, /<summary>1 resource not priced \(not in the totals\)<\/summary>\n\n\| Resource \| Type \| Why \|\n\| :-- \| :-- \| :-- \|\n\| `db` \| `aws:rds\/instance:Instance` \| no price for db\.r6g \|/);
    assert.match(text, /<summary>Program messages \(2\)<\/summary>\n\n````text\ncloudfit: the plan differs from placement\.dev\.json\.\nwarning: uses ``` fences\n````/);
  });

  it("prints nothing with --skip-unchanged only when no cost changes and no policy reports a finding", () => {
    const quiet = preview({
      costDiff: { ...preview().costDiff, resources: [], removedWorkloads: [], beforeUSD: 100, afterUSD: 100, deltaUSD: 0, deltaPct: 0 },
    });
    assert.equal(previewIsQuiet(quiet), true);
    assert.equal(renderPreviewMarkdown(quiet, { "skip-unchanged": true }), "");
    assert.match(renderPreviewMarkdown(quiet, {}), /Monthly cost unchanged at \*\*\$100\.00\*\*\./);
    const flagged = { ...quiet, violations: [violation(1, "advisory")] };
    assert.notEqual(renderPreviewMarkdown(flagged, { "skip-unchanged": true }), "");
    assert.notEqual(renderPreviewMarkdown(preview(), { "skip-unchanged": true }), "");
  });

  it("words decreases, new costs and escapes as reviewers read them", () => {
    assert.equal(summaryLine(200, 150), "Monthly cost decreases by **$50.00** (-25.0%): $200.00 → $150.00 📉");
    assert.equal(summaryLine(0, 42), "Monthly cost increases by **$42.00** (new): $0.00 → $42.00 📈");
    assert.equal(cell("a|b\n<c> & d"), "a\\|b<br>&lt;c&gt; &amp; d");
    assert.equal(code("x`y"), "``x`y``");
    assert.equal(code("`edge"), "`` `edge ``");
  });

  it("lays out a plan with the changed workloads and no timings", () => {
    const view = {
      stack: "prod",
      lockFile: "stacks/placement.prod.json",
      write: false,
      written: false,
      upToDate: false,
      result: {
        report: { solver: "highs", status: "optimal", gap: 0, variables: 9, constraints: 4, buildMs: 3, solveMs: 170 },
        budget: { budgetUSD: 100, totalUSD: 130, excessUSD: 30 },
        moves: [{ workload: "api", savingUSD: 80, migrationUSD: 50 }],
      },
      diff: {
        changes: [
          { workload: "api", kind: "service", change: "changed", before: "2 x m7g.large aws:us-east-1", after: "2 x e2-standard-2 gcp:us-central1", beforeUSD: 100, afterUSD: 90 },
          { workload: "web", kind: "service", change: "unchanged", before: "1 x a", after: "1 x a", beforeUSD: 10, afterUSD: 10 },
          { workload: "logs", kind: "bucket", change: "added", after: "gcp:us-central1", beforeUSD: 0, afterUSD: 30 },
        ],
        beforeUSD: 110,
        afterUSD: 130,
        deltaUSD: 20,
        deltaPct: 18.18,
        clouds: [
          { cloud: "aws", beforeUSD: 110, afterUSD: 10 },
          { cloud: "gcp", beforeUSD: 0, afterUSD: 120 },
        ],
      },
    } as unknown as PlanView;
    assert.equal(
      renderPlanMarkdown(view, {}),
      [
        "<!-- cloudfit plan: stack prod -->",
        "",
        "### cloudfit plan: stack `prod`",
        "",
        "Monthly cost increases by **$20.00** (+18.2%): $110.00 → $130.00 📈",
        "",
        "| Cloud | Previous | New | Diff |",
        "| :-- | --: | --: | --: |",
        "| aws | $110.00 | $10.00 | -$100.00 (-90.9%) |",
        "| gcp | $0.00 | $120.00 | +$120.00 (new) |",
        "| **Total** | **$110.00** | **$130.00** | **+$20.00 (+18.2%)** |",
        "",
        "2 workloads changed",
        "",
        "| Workload | Change | Previous placement | New placement | Previous | New | Diff |",
        "| :-- | :-- | :-- | :-- | --: | --: | --: |",
        "| `api` | changed | 2 x m7g.large aws:us-east-1 | 2 x e2-standard-2 gcp:us-central1 | $100.00 | $90.00 | -$10.00 |",
        "| `logs` | added | - | gcp:us-central1 | - | $30.00 | +$30.00 |",
        "",
        "- `api` moves: saves $80.00/month against a migration cost of $50.00.",
        "",
        "❌ Budget: $130.00 is $30.00 over the monthly budget of $100.00.",
        "",
        "<sub>Placed by highs: optimal, proven gap 0.000%. `stacks/placement.prod.json` differs: run " +
          "`cloudfit plan --stack prod --write` and commit it. Costs include traffic between workloads and internet egress.</sub>",
        "",
      ].join("\n"),
    );
    const same = { ...view, upToDate: true, diff: { ...view.diff, changes: [view.diff.changes[1]], deltaUSD: 0 } } as PlanView;
    assert.equal(renderPlanMarkdown(same, { "skip-unchanged": true }), "");
    assert.notEqual(renderPlanMarkdown(view, { "skip-unchanged": true }), "");
  });
});
