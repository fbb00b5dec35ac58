// `cloudfit preview`: runs a stack's Pulumi program in-process under Pulumi's mocks (no cloud
// credentials, no Pulumi CLI), prices every resource it would register, prints the cost diff
// against the placement lock, and evaluates the policy pack through the served-pack path.

import * as fs from "fs";
import * as path from "path";
import { CommandSpec, Flags, UsageError } from "../args";
import type { Io } from "../main";
import { EXIT_FINDINGS, EXIT_OK } from "../exitCodes";
import { resolveStack, readLock } from "../stackFiles";
import { recordProgramDir, readProgramDir, RecordedResource, toPricingResources } from "../record";
import { startPolicyHost, Violation } from "../policyHost";
import { packPolicyMetadata, previewPolicyConfig } from "../policyConfig";
import { diffResources, CostDiff } from "../resourceDiff";
import { renderPreview } from "../renderPreview";
import { captureConsole, LoggedLine } from "../consoleCapture";
import { priceResources } from "../../policies/cost/price";
import type { PricingConfig } from "../../policies/cost/types";
import { loadCatalog } from "../../optimizer/catalog";
import { readStackFile, workloadFromStackConfig, WORKLOAD_KEY, existingStacks } from "../../optimizer/config";
import { validateSpec } from "../../optimizer/validate";
import type { WorkloadSpec } from "../../optimizer/spec";

/** The preview command's flags and help. */
export const previewCommand: CommandSpec = {
  name: "preview",
  summary: "Run a stack's program offline, show its cost diff against the lock, and check the policy pack.",
  usage: "cloudfit preview [--stack NAME] [--program DIR] [--policy-config FILE] [--json]",
  flags: [
    { name: "stack", kind: "string", value: "NAME", description: "Stack whose configuration the program runs with.", default: "dev" },
    { name: "program", kind: "string", value: "DIR", description: "Pulumi TypeScript program directory (default: the reference program)." },
    {
      name: "policy-config",
      kind: "string",
      value: "FILE",
      description: "Policy pack configuration, as for `pulumi preview --policy-pack-config` (default: the stack's budget).",
    },
  ],
};

/** The machine-readable result of `preview --json`. */
export interface PreviewOutput {
  readonly stack: string;
  readonly program: string;
  readonly resources: number;
  readonly costDiff: CostDiff;
  readonly policyPack: { readonly name: string; readonly version: string };
  readonly violations: readonly Violation[];
  readonly mandatoryViolations: number;
  /** What the program logged while it ran (e.g. the placement summary when the plan changed). */
  readonly messages: readonly LoggedLine[];
}

/**
 * Policy configuration: a file's merged with the stack's budget, or the stack's budget alone,
 * checked against the pack's policies before the program runs; says on stderr which budget
 * applies.
 */
function policyConfig(flags: Flags, io: Io, budgetUSD: number | undefined): { config: unknown; source: string } {
  const file = typeof flags["policy-config"] === "string" ? path.resolve(io.cwd, flags["policy-config"]) : undefined;
  const stack = { budgetUSD, source: "the stack's global.budgetUSD" };
  const { config, source, budget } = previewPolicyConfig(file, stack, packPolicyMetadata());
  io.stderr.write(`Monthly budget: ${budget.note}.\n`);
  return { config, source };
}

/** The stack's workload spec limited to the workloads its lock places: what the lock deploys. */
function lockedWorkload(raw: WorkloadSpec, locked: { services: object; buckets: object }): WorkloadSpec {
  const keepS = Object.fromEntries(Object.entries(raw.services ?? {}).filter(([n]) => n in locked.services));
  const keepB = Object.fromEntries(Object.entries(raw.buckets ?? {}).filter(([n]) => n in locked.buckets));
  const kept = new Set([...Object.keys(keepS), ...Object.keys(keepB)]);
  return {
    ...raw,
    services: keepS,
    buckets: keepB,
    links: (raw.links ?? []).filter((l) => kept.has(l.from) && kept.has(l.to)),
  };
}

/** Runs the preview and returns what it found. */
export async function previewStack(flags: Flags, io: Io): Promise<PreviewOutput> {
  const stack = String(flags.stack);
  const reference = flags.program === undefined;
  const dir = reference ? io.root : path.resolve(io.cwd, String(flags.program));
  const prog = readProgramDir(dir);
  let before: RecordedResource[] = [];
  let config: unknown = {};
  let source = "";
  let removedWorkloads: { workload: string; beforeUSD: number }[] = [];
  let budgetUSD: number | undefined;
  let beforeIsAfter = false;
  if (reference) {
    const files = resolveStack(io.root, stack);
    const stackConfig = readStackFile(files.configFile);
    const raw = workloadFromStackConfig(stackConfig, files.configFile) as WorkloadSpec;
    const spec = validateSpec(raw, loadCatalog());
    budgetUSD = spec.budgetUSD;
    ({ config, source } = policyConfig(flags, io, budgetUSD));
    const locked = readLock(files);
    if (locked) {
      const { services, buckets } = locked.lock.plan;
      const lockOnly = lockedWorkload(raw, { services, buckets });
      // When the lock places every workload of the spec, the lock alone deploys exactly what the
      // spec does: the run below serves as both sides of the diff.
      beforeIsAfter =
        Object.keys(lockOnly.services).length === Object.keys(raw.services ?? {}).length &&
        Object.keys(lockOnly.buckets ?? {}).length === Object.keys(raw.buckets ?? {}).length;
      if (!beforeIsAfter) {
        const override = { [WORKLOAD_KEY]: JSON.stringify(lockOnly) };
        before = (await captureConsole(() => recordProgramDir(dir, stack, override))).value;
      }
      const names = new Set([...spec.services.map((s) => s.name), ...spec.buckets.map((b) => b.name)]);
      removedWorkloads = [...Object.keys(services), ...Object.keys(buckets)]
        .filter((n) => !names.has(n))
        .sort()
        .map((n) => ({ workload: n, beforeUSD: locked.lock.costs.services[n] ?? locked.lock.costs.buckets[n] ?? 0 }));
    }
  } else {
    ({ config, source } = policyConfig(flags, io, undefined));
    const stacks = existingStacks(prog.stackConfigDir);
    if (!stacks.includes(stack)) {
      throw new UsageError(
        `Unknown stack "${stack}" for the program in ${dir}: there is no Pulumi.${stack}.yaml in ${prog.stackConfigDir}. ` +
          (stacks.length > 0 ? `Valid stacks: ${stacks.join(", ")}.` : "It has no stack files.") +
          " To fix: pass --stack with one of them.",
      );
    }
  }
  const { value: after, lines: messages } = await captureConsole(() => recordProgramDir(dir, stack));
  if (beforeIsAfter) before = after;
  const pricing: PricingConfig = (config as Record<string, PricingConfig>)["cost-monthly-budget"] ?? {};
  const fp = (list: RecordedResource[]) => new Map(list.map((r) => [r.urn, JSON.stringify(r.props)]));
  const fpBefore = fp(before);
  const fpAfter = fp(after);
  const costDiff = diffResources(
    priceResources(toPricingResources(before), pricing),
    priceResources(toPricingResources(after), pricing),
    (urn, side) => (side === "before" ? fpBefore : fpAfter).get(urn) ?? "",
    removedWorkloads,
  );

  const host = await startPolicyHost({
    packDir: path.join(io.root, "policies"),
    config,
    configSource: source,
    project: prog.project,
    stack,
  });
  let violations: Violation[];
  try {
    violations = [...(await host.analyze(after)), ...(await host.analyzeStack(after))];
  } finally {
    await host.close();
  }
  const info = host.info();
  return {
    stack,
    program: path.relative(io.root, dir) || ".",
    resources: after.length,
    costDiff,
    policyPack: { name: info.name, version: info.version },
    violations,
    mandatoryViolations: violations.filter((v) => v.enforcementLevel === "mandatory").length,
    messages,
  };
}

/** Runs `cloudfit preview`. */
export async function runPreview(flags: Flags, io: Io): Promise<number> {
  const out = await previewStack(flags, io);
  if (flags.json) io.stdout.write(JSON.stringify(out, null, 2) + "\n");
  else io.stdout.write(renderPreview(out, io));
  return out.mandatoryViolations > 0 ? EXIT_FINDINGS : EXIT_OK;
}
