// `cloudfit preview`: runs a stack's Pulumi program offline as the Pulumi Node.js host runs it
// (program/run.ts: no cloud credentials, no Pulumi CLI), prices every resource it would register,
// prints the cost diff against the placement lock, and evaluates the policy pack through the
// served-pack path. A failing program ends the command with one ProgramError.

import * as fs from "fs";
import * as path from "path";
import { CommandSpec, Flags, UsageError } from "../args";
import type { Io } from "../main";
import { EXIT_FINDINGS, EXIT_OK } from "../exitCodes";
import { resolveStack, readLock } from "../stackFiles";
import { readProgramDir, RecordedResource } from "../record";
import { PolicyHost, startPolicyHost, Violation } from "../policyHost";
import { packPolicyMetadata, previewPolicyConfig } from "../policyConfig";
import type { BudgetSource as BudgetNote } from "../policyConfig";
import { diffResources, CostDiff } from "../resourceDiff";
import { renderPreview } from "../renderPreview";
import { renderPreviewMarkdown } from "../renderMarkdownPreview";
import { FORMAT_FLAGS } from "../reviewFormat";
import { servedPackDir } from "../policyPack";
import type { LoggedLine } from "../consoleCapture";
import { estimateResources, ResourceEstimate } from "../resourceEstimates";
import { previewTraffic, TrafficSummary, withDefaultUsageFile, withTrafficSetting } from "../previewTraffic";
import { runProgramDir, typeChecked, typeCheckNote } from "../program/run";
import type { Lookup } from "../program/mocks";
import type { TypeCheckResult } from "../program/typecheck";
import type { PricingConfig } from "../../policies/cost/types";
import { loadCatalog } from "../../optimizer/catalog";
import { readStackFile, workloadFromStackConfig, WORKLOAD_KEY } from "../../optimizer/config";
import { validateSpec } from "../../optimizer/validate";
import type { WorkloadSpec } from "../../optimizer/spec";

/** The preview command's flags and help. */
export const previewCommand: CommandSpec = {
  name: "preview",
  summary: "Run a stack's program offline, show its cost diff against the lock, and check the policy pack.",
  usage: "cloudfit preview [--stack NAME] [--program DIR] [--policy-config FILE] [--format text|markdown] [--json]",
  flags: [
    { name: "stack", kind: "string", value: "NAME", description: "Stack whose configuration the program runs with.", default: "dev" },
    { name: "program", kind: "string", value: "DIR", description: "Pulumi program directory, TypeScript or JavaScript (default: the reference program)." },
    {
      name: "policy-config",
      kind: "string",
      value: "FILE",
      description: "Policy pack configuration, as for `pulumi preview --policy-pack-config` (default: the stack's budget).",
    },
    ...FORMAT_FLAGS,
  ],
};

/** The machine-readable result of `preview --json`. */
export interface PreviewOutput {
  readonly stack: string;
  readonly program: string;
  /** Every recorded resource with its monthly estimate and billing class. */
  readonly resources: readonly ResourceEstimate[];
  readonly costDiff: CostDiff;
  readonly policyPack: { readonly name: string; readonly version: string };
  readonly violations: readonly Violation[];
  readonly mandatoryViolations: number;
  /** What the program logged while it ran (e.g. the placement summary when the plan changed). */
  readonly messages: readonly LoggedLine[];
  /** Data sources answered offline: their values are placeholders, not the account's. */
  readonly lookups: readonly Lookup[];
  readonly typeCheck: TypeCheckResult;
  /** The stack's outputs in wire form (unknown values as Pulumi's unknown marker). */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Things said once about the run: missing stack file, secure values, unanswered invokes. */
  readonly notes: readonly string[];
  /** The monthly budget the budget policy applies, and where it comes from. */
  readonly budget: BudgetNote;
  /** The catalog's price date ("prices of ..."). */
  readonly pricesOf: string;
  /**
   * Traffic and internet egress of the lock's placement as `plan` prices them (counted in the
   * totals and by the budget policy), and how the total compares with `plan`'s; null without a lock.
   */
  readonly traffic: TrafficSummary | null;
}

/**
 * Policy configuration: a file's merged with the stack's budget, or the stack's budget alone,
 * checked against the pack's policies before the program runs; says on stderr which budget
 * applies.
 */
function policyConfig(flags: Flags, io: Io, budgetUSD: number | undefined): { config: unknown; source: string; budget: BudgetNote } {
  const file = typeof flags["policy-config"] === "string" ? path.resolve(io.cwd, flags["policy-config"]) : undefined;
  const stack = { budgetUSD, source: "the stack's global.budgetUSD" };
  return previewPolicyConfig(file, stack, packPolicyMetadata());
}

/** The stack's workload spec limited to the workloads its lock places: what the lock deploys. */
function lockedWorkload(raw: WorkloadSpec, locked: { services: object; buckets: object; databases?: object }): WorkloadSpec {
  const keepS = Object.fromEntries(Object.entries(raw.services ?? {}).filter(([n]) => n in locked.services));
  const keepB = Object.fromEntries(Object.entries(raw.buckets ?? {}).filter(([n]) => n in locked.buckets));
  const keepD = Object.fromEntries(Object.entries(raw.databases ?? {}).filter(([n]) => n in (locked.databases ?? {})));
  const kept = new Set([...Object.keys(keepS), ...Object.keys(keepB), ...Object.keys(keepD)]);
  return {
    ...raw,
    services: keepS,
    buckets: keepB,
    ...(raw.databases !== undefined ? { databases: keepD } : {}),
    links: (raw.links ?? []).filter((l) => kept.has(l.from) && kept.has(l.to)),
  };
}

/** Runs the preview and returns what it found. */
export async function previewStack(flags: Flags, io: Io): Promise<PreviewOutput> {
  const stack = String(flags.stack);
  const reference = flags.program === undefined;
  const dir = reference ? io.root : path.resolve(io.cwd, String(flags.program));
  const prog = readProgramDir(dir);
  let config: unknown = {};
  let source = "";
  let budget: BudgetNote;
  let removedWorkloads: { workload: string; beforeUSD: number }[] = [];
  let lockOverride: Record<string, string> | undefined;
  let beforeIsAfter = false;
  let traffic: ReturnType<typeof previewTraffic> | undefined;
  if (reference) {
    const files = resolveStack(io.root, stack);
    const stackConfig = readStackFile(files.configFile);
    const raw = workloadFromStackConfig(stackConfig, files.configFile) as WorkloadSpec;
    const spec = validateSpec(raw, loadCatalog());
    ({ config, source, budget } = policyConfig(flags, io, spec.budgetUSD));
    config = withDefaultUsageFile(config, dir);
    const locked = readLock(files);
    if (locked) {
      // Traffic of the workloads the lock places, as plan prices it: counted on both sides of the
      // diff and handed to the budget policy, so that preview's total is plan's.
      traffic = previewTraffic(validateSpec(lockedWorkload(raw, locked.lock.plan), loadCatalog()), locked.lock, config);
      config = withTrafficSetting(config, traffic.setting);
      const { services, buckets, databases } = locked.lock.plan;
      const lockOnly = lockedWorkload(raw, { services, buckets, databases });
      // When the lock places every workload of the spec, the lock alone deploys exactly what the
      // spec does: the run below serves as both sides of the diff.
      beforeIsAfter =
        Object.keys(lockOnly.services).length === Object.keys(raw.services ?? {}).length &&
        Object.keys(lockOnly.buckets ?? {}).length === Object.keys(raw.buckets ?? {}).length &&
        Object.keys(lockOnly.databases ?? {}).length === Object.keys(raw.databases ?? {}).length;
      if (!beforeIsAfter) lockOverride = { [WORKLOAD_KEY]: JSON.stringify(lockOnly) };
      const names = new Set([...spec.services.map((s) => s.name), ...spec.buckets.map((b) => b.name), ...(spec.databases ?? []).map((d) => d.name)]);
      removedWorkloads = [...Object.keys(services), ...Object.keys(buckets), ...Object.keys(databases ?? {})]
        .filter((n) => !names.has(n))
        .sort()
        .map((n) => ({ workload: n, beforeUSD: locked.lock.costs.services[n] ?? locked.lock.costs.buckets[n] ?? locked.lock.costs.databases?.[n] ?? 0 }));
    }
  } else {
    ({ config, source, budget } = policyConfig(flags, io, undefined));
    config = withDefaultUsageFile(config, dir);
  }

  let before: RecordedResource[] = [];
  if (lockOverride) {
    before = (await runProgramDir(dir, stack, { extraConfig: lockOverride, env: io.env, typeCheck: false })).resources;
  }
  const run = await runProgramDir(dir, stack, { env: io.env });
  const after = run.resources;
  if (beforeIsAfter) before = after;
  const pricing: PricingConfig = (config as Record<string, PricingConfig>)["cost-monthly-budget"] ?? {};
  const fp = (list: RecordedResource[]) => new Map(list.map((r) => [r.urn, JSON.stringify(r.props)]));
  const fpBefore = fp(before);
  const fpAfter = fp(after);
  const estimates = estimateResources(after, pricing);
  const withTraffic = (r: typeof estimates.pricing) => (traffic ? { ...r, priced: [...r.priced, ...traffic.rows] } : r);
  const costDiff = diffResources(
    withTraffic(before === after ? estimates.pricing : estimateResources(before, pricing).pricing),
    withTraffic(estimates.pricing),
    (urn, side) => (side === "before" ? fpBefore : fpAfter).get(urn) ?? "",
    removedWorkloads,
  );

  // The pack starts once the program has run: while it runs, nothing else may keep the process
  // alive, so that a program left waiting forever is noticed (see record.ts) rather than hidden.
  // The type check may still be running: type errors end the command as soon as they are known.
  const starting = (io.startPolicyHost ?? startPolicyHost)({ packDir: servedPackDir(), config, configSource: source, project: prog.project, stack });
  const checking = typeChecked(run);
  starting.catch(() => undefined);
  checking.catch(() => undefined);
  let host: PolicyHost | undefined;
  let violations: Violation[];
  let typeCheck: TypeCheckResult;
  try {
    await Promise.race([starting, checking.then(() => starting)]);
    host = await starting;
    // Resources the program only reads are not sent: the engine analyzes what the stack manages.
    const managed = after.filter((r) => !r.read);
    violations = [...(await host.analyze(managed)), ...(await host.analyzeStack(managed))];
    typeCheck = await checking;
  } finally {
    if (host) await host.close();
    // Failed first (type errors): close the pack once it is up, without waiting for it.
    else void starting.then((h) => h.close(), () => undefined);
  }
  const info = host.info();
  return {
    stack,
    program: path.relative(io.root, dir) || ".",
    resources: [...estimates.resources, ...(traffic?.resources ?? [])],
    costDiff,
    policyPack: { name: info.name, version: info.version },
    violations,
    mandatoryViolations: violations.filter((v) => v.enforcementLevel === "mandatory").length,
    messages: run.messages,
    lookups: run.lookups,
    typeCheck,
    outputs: run.outputs,
    notes: [...run.notes, ...typeCheckNote(typeCheck)],
    pricesOf: loadCatalog().pricesOf,
    budget,
    traffic: traffic ? traffic.summary(estimates.estimate) : null,
  };
}

/** Runs `cloudfit preview`. */
export async function runPreview(flags: Flags, io: Io): Promise<number> {
  const out = await previewStack(flags, io);
  if (flags.json) io.stdout.write(JSON.stringify(out, null, 2) + "\n");
  else io.stdout.write(flags.format === "markdown" ? renderPreviewMarkdown(out, flags) : renderPreview(out, io));
  return out.mandatoryViolations > 0 ? EXIT_FINDINGS : EXIT_OK;
}
