// `cloudfit plan`: solves a stack's placement (holding the lock fixed, or re-placing everything
// with --reoptimize), prints placement, costs, solver status, explanations and the difference
// from the lock, and with --write replaces the lock atomically after a successful solve.

import * as path from "path";
import { COMMON_FLAGS, CommandSpec, Flags, UsageError } from "../args";
import type { Io } from "../main";
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from "../exitCodes";
import { resolveStack, readLock, writeAtomic } from "../stackFiles";
import { diffPlans, PlanDiff } from "../planDiff";
import { renderPlan } from "../renderPlan";
import { renderPlanMarkdown } from "../renderMarkdownPlan";
import { FORMAT_FLAGS } from "../reviewFormat";
import { startProgress } from "../progress";
import { loadCatalog } from "../../optimizer/catalog";
import { loadStackSpec } from "../../optimizer/config";
import type { Catalog } from "../../optimizer/catalog";
import { evaluatePlan } from "../../optimizer/evaluate";
import { compareLock, serializeLock, LockComparison, PlacementLock, planCommand as lockPlanCommand } from "../../optimizer/lock";
import { optimize, OptimizeOptions } from "../../optimizer/optimize";
import { PlacementInfeasibleError } from "../../optimizer/errors";
import { withoutWorkloads, workloadNames, type Plan, type PlanCost } from "../../optimizer/plan";
import type { PlacementResult } from "../../optimizer/result";
import { specWorkloads, type NormalizedSpec } from "../../optimizer/spec";
import { heldDatabases } from "../../optimizer/plan-databases";

/** The plan command's flags and help. */
export const planCommand: CommandSpec = {
  name: "plan",
  summary: "Solve a stack's placement and show it with its cost and its difference from the lock.",
  usage: "cloudfit plan [--stack NAME] [--reoptimize] [--release NAMES] [--write] [--solver highs|jslp] [--json]",
  flags: [
    { name: "stack", kind: "string", value: "NAME", description: "Stack to plan (stacks/Pulumi.NAME.yaml).", default: "dev" },
    {
      name: "reoptimize",
      kind: "boolean",
      description: "Re-place every workload; a locked one moves only when that saves more than its migration cost.",
    },
    {
      name: "release",
      kind: "string",
      value: "NAMES",
      description: "Place these locked workloads again (comma-separated), holding the rest of the lock; a replica moves only when that saves more than its migration cost.",
    },
    { name: "write", kind: "boolean", description: "Replace stacks/placement.NAME.json with the new plan after a successful solve." },
    { name: "solver", kind: "string", value: "NAME", description: "Solver: highs or jslp.", default: "highs" },
    { name: "time-limit", kind: "string", value: "SECONDS", description: "Stop the solver after this many seconds.", default: "30" },
    {
      name: "move-cost",
      kind: "string",
      value: "USD",
      description: "Fixed migration cost per moved replica, on top of a month's egress of its data.",
      default: "50",
    },
    ...FORMAT_FLAGS,
  ],
};

/** The machine-readable result of `plan --json`. */
export interface PlanOutput {
  readonly stack: string;
  readonly status: PlacementResult["report"];
  readonly plan: Plan;
  readonly cost: PlacementResult["cost"];
  readonly budget?: PlacementResult["budget"];
  readonly explanations: PlacementResult["explanations"];
  readonly moves: PlacementResult["moves"];
  readonly diff: PlanDiff;
  /** The lock file, whether it was written, whether it already held this plan, and why writing failed. */
  readonly lock: { readonly file: string; readonly written: boolean; readonly upToDate: boolean; readonly error?: string };
}

function numberFlag(flags: Flags, name: string, min: number): number {
  const raw = String(flags[name]);
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) {
    throw new UsageError(`--${name} must be a number of at least ${min}, got "${raw}". To fix: write e.g. --${name} ${Math.max(min, 30)}.`);
  }
  return n;
}

/** The locked entries of workloads the spec still has. */
function lockedInSpec(lock: Plan, spec: NormalizedSpec): Plan {
  return {
    services: Object.fromEntries(spec.services.filter((s) => lock.services[s.name]).map((s) => [s.name, lock.services[s.name]])),
    buckets: Object.fromEntries(spec.buckets.filter((b) => lock.buckets[b.name]).map((b) => [b.name, lock.buckets[b.name]])),
    ...heldDatabases(spec, lock),
  };
}

/**
 * What the optimizer holds and what it may move at a price. By default, every locked entry that
 * still fits the spec is held, and entries that no longer fit are placed again with the lock as
 * the previous plan (their replicas stay where they may unless moving saves more than it costs);
 * when the fitting entries together break a quota or maxClouds, nothing is held. --reoptimize
 * holds nothing and charges every move away from the lock; --release holds all but the workloads
 * it names, which are placed again as the entries that no longer fit are.
 */
function holdAndPrevious(comparison: LockComparison | undefined, lock: Plan | undefined, spec: NormalizedSpec, reoptimize: boolean, release: readonly string[] = []) {
  if (!comparison || !lock) return { hold: undefined, previous: undefined };
  const locked = lockedInSpec(lock, spec);
  const hold = reoptimize || brokenJointly(comparison) ? { services: {}, buckets: {} } : withoutWorkloads(comparison.held, release);
  // The locked entries not held are placed again, paying to move the replicas they have.
  return { hold, previous: withoutWorkloads(locked, workloadNames(hold)) };
}

/** Whether the locked entries that fit the spec one by one together break a quota or maxClouds: then none is held. */
const brokenJointly = (comparison: LockComparison) => comparison.mismatched.some((d) => d.kind === "global");

/**
 * The flags of this plan command that differ from their defaults, as they would be typed again
 * (--stack, --release and --reoptimize left out: a suggested command sets them itself), --json and
 * --debug included.
 */
function repeatedFlags(flags: Flags): string[] {
  const out: string[] = [];
  for (const f of [...planCommand.flags, ...COMMON_FLAGS]) {
    if (f.name === "stack" || f.name === "release" || f.name === "reoptimize" || f.name === "help") continue;
    const v = flags[f.name];
    if (v === undefined || v === false || (f.default !== undefined && sameValue(String(v), f.default))) continue;
    out.push(f.kind === "boolean" ? `--${f.name}` : `--${f.name} ${shellWord(String(v))}`);
  }
  return out;
}

/** Whether a flag's value is its default, numbers compared as numbers ("30.0" is 30). */
const sameValue = (v: string, d: string) => v === d || (v.trim() !== "" && Number.isFinite(Number(d)) && Number(v) === Number(d));

/** A word as a POSIX shell reads it back: as is when it is plain, else single-quoted. */
const shellWord = (v: string) => (/^[A-Za-z0-9_.,:\/=+-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);

/** The names of a comma-separated flag value, trimmed, without repeats. */
const splitNames = (raw: unknown): string[] => [...new Set(String(raw).split(",").map((n) => n.trim()).filter((n) => n.length > 0))];

/**
 * The workloads --release names, each checked against the spec. A name the lock does not hold (not
 * in it, or placed again because its entry no longer fits) is placed anyway (releasedUnheld says so).
 */
function releaseNames(raw: unknown, spec: NormalizedSpec, stack: string): string[] {
  if (raw === undefined || raw === false) return [];
  const names = splitNames(raw);
  const known = specWorkloads(spec).map((w) => w.name).sort();
  const unknown = names.filter((n) => !known.includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--release must name workloads of stack ${stack}, got "${String(raw)}"${unknown.length > 0 ? ` (${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not in its spec)` : ""}. ` +
        `To fix: write --release with names from ${known.join(", ")}, separated by commas.`,
    );
  }
  return names;
}

/** What the lock costs today: its entries priced now, plus the recorded cost of removed workloads. */
function lockCost(spec: NormalizedSpec, catalog: Catalog, locked: PlacementLock, removed: readonly string[]): PlanCost {
  const cost = evaluatePlan(spec, lockedInSpec(locked.plan, spec), catalog);
  const services = { ...cost.services };
  const buckets = { ...cost.buckets };
  const databases = { ...cost.databases };
  let total = cost.total;
  for (const name of removed) {
    // A workload gone from the spec cannot be priced again (its size is gone): use the lock's figure.
    const usd = locked.costs.services[name] ?? locked.costs.buckets[name] ?? locked.costs.databases?.[name] ?? 0;
    const entry = { compute: 0, disk: 0, storage: 0, internetEgress: 0, traffic: 0, total: usd };
    if (locked.plan.services[name]) services[name] = entry;
    else if (locked.plan.databases?.[name]) databases[name] = entry;
    else buckets[name] = entry;
    total += usd;
  }
  return { ...cost, services, buckets, ...(Object.keys(databases).length > 0 ? { databases } : {}), total: Math.round(total * 100) / 100 };
}

/** Solves the stack and returns everything the plan command prints. */
export async function planStack(
  root: string,
  stack: string,
  options: {
    reoptimize: boolean;
    /** The value of --release: locked workloads to place again, comma-separated. */
    release?: string;
    solver: "highs" | "jslp";
    timeLimitSec: number;
    moveCostUSD: number;
    onProgress?: OptimizeOptions["onProgress"];
  },
): Promise<{
  spec: NormalizedSpec;
  result: PlacementResult;
  diff: PlanDiff;
  lockText?: string;
  newLockText: string;
  lockFile: string;
  /** What --release named that the lock did not hold (it was placed again anyway), and why. */
  releasedUnheld: readonly string[];
}> {
  const files = resolveStack(root, stack);
  const catalog = loadCatalog();
  const spec = loadStackSpec(files.configFile, catalog);
  const locked = readLock(files, catalog);
  const comparison = locked ? compareLock(locked.lock.plan, spec, catalog) : undefined;
  const release = releaseNames(options.release, spec, stack);
  if (release.length > 0 && options.reoptimize) {
    throw new UsageError("--release and --reoptimize were both given: --reoptimize already places every workload again. To fix: pass one of them.");
  }
  if (release.length > 0 && !locked) {
    throw new UsageError(
      `--release places locked workloads again, but stack ${stack} has no lock yet (${path.relative(root, files.lockFile)}): every workload is placed anyway. To fix: leave out --release.`,
    );
  }
  const { hold, previous } = holdAndPrevious(comparison, locked?.lock.plan, spec, options.reoptimize, release);
  const result = await optimize(spec, catalog, {
    solver: options.solver,
    timeLimitSec: options.timeLimitSec,
    fixedPerReplicaUSD: options.moveCostUSD,
    ...(hold ? { hold } : {}),
    ...(previous ? { previous } : {}),
    onProgress: options.onProgress,
  });
  const before = locked && comparison ? { plan: locked.lock.plan, cost: lockCost(spec, catalog, locked.lock, comparison.removed) } : undefined;
  const diff = diffPlans(before, { plan: result.plan, cost: result.cost });
  return {
    spec,
    result,
    diff,
    lockText: locked?.text,
    newLockText: serializeLock(result.plan, result.cost),
    lockFile: files.lockFile,
    releasedUnheld: comparison ? releasedUnheld(release, comparison) : [],
  };
}

/** The paragraph printed when the lock cannot be written: what failed and how to fix it. */
function writeFailure(lockRel: string, stack: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const why =
    err.code === "EACCES" || err.code === "EPERM" || err.code === "EROFS"
      ? `the folder ${path.dirname(lockRel)} is not writable`
      : err.code === "ENOTDIR" || err.code === "ENOENT"
        ? `the folder ${path.dirname(lockRel)} does not exist or is not a folder`
        : err.code === "EISDIR"
          ? `${lockRel} is a folder`
          : "the file system refused it";
  return (
    `Could not write ${lockRel}: ${why} (${err.message}). The plan above was not saved; nothing was written. ` +
    `To fix: make ${path.dirname(lockRel)} a writable folder (or point cloudfit:lockFile in stacks/Pulumi.${stack}.yaml ` +
    `at a writable path), then run \`${lockPlanCommand(stack)}\` again.`
  );
}

/**
 * For a conflict the lock causes (the optimizer's hold), the command that places its workloads
 * again: --release with them (and any --release already given), the rest of the lock held, the
 * other flags as given. Undefined when the hold is not to blame.
 */
function releaseCommand(e: PlacementInfeasibleError, stack: string, flags: Flags): { command: string; workloads: string[] } | undefined {
  const names = [...new Set(e.conflicts.flatMap((c) => c.release ?? []))].sort();
  if (names.length === 0) return undefined;
  const already = flags.release !== undefined ? splitNames(flags.release) : [];
  const all = [...new Set([...already, ...names])].sort();
  return { command: ["cloudfit plan --stack", shellWord(stack), "--release", all.join(","), ...repeatedFlags(flags)].join(" "), workloads: all };
}

/** The paragraph that follows the conflicts when the hold is to blame (see releaseCommand). */
function releaseHint(release: ReturnType<typeof releaseCommand>): string {
  if (!release) return "";
  return (
    `\nHere the hold is the lock: \`${release.command}\` places ${release.workloads.length === 1 ? "that workload" : "those workloads"} again ` +
    `and holds the rest of the lock (a replica moves only when that saves more than its migration cost); --reoptimize places every workload again.`
  );
}

/**
 * The names --release gave that the lock did not hold, grouped by why: not in the lock, a locked
 * entry that no longer fits the spec, or locked entries that together break a quota or maxClouds
 * (then the lock holds nothing).
 */
function releasedUnheld(release: readonly string[], comparison: LockComparison): string[] {
  const jointly = brokenJointly(comparison);
  const held = new Set(jointly ? [] : workloadNames(comparison.held));
  const why = (n: string) =>
    comparison.added.includes(n)
      ? "not in the lock"
      : jointly
        ? "the locked entries together break a quota or maxClouds, so the lock held nothing"
        : "its locked entry no longer fits the spec";
  const groups = new Map<string, string[]>();
  for (const n of release.filter((r) => !held.has(r))) groups.set(why(n), [...(groups.get(why(n)) ?? []), n]);
  return [...groups].map(([reason, names]) => `${names.join(", ")} (${reason})`);
}

/** Runs `cloudfit plan`. */
export async function runPlan(flags: Flags, io: Io): Promise<number> {
  const solver = String(flags.solver);
  if (solver !== "highs" && solver !== "jslp") {
    throw new UsageError(`Unknown solver "${solver}". Valid solvers: highs, jslp. To fix: write --solver highs.`);
  }
  const stack = String(flags.stack);
  const timeLimitSec = numberFlag(flags, "time-limit", 1);
  const moveCostUSD = numberFlag(flags, "move-cost", 0);
  const progress = startProgress("planning", io.stderr);
  let out;
  try {
    out = await planStack(io.root, stack, {
      reoptimize: Boolean(flags.reoptimize),
      ...(flags.release !== undefined ? { release: String(flags.release) } : {}),
      solver,
      timeLimitSec,
      moveCostUSD,
      onProgress: (p) => progress.update(p),
    });
  } catch (e) {
    progress.stop();
    if (e instanceof PlacementInfeasibleError) {
      const release = releaseCommand(e, stack, flags);
      const msg = `No placement satisfies stack ${stack}; the lock is left unchanged.\n${e.message}${releaseHint(release)}`;
      if (flags.json) {
        const error = { type: e.name, message: e.message, conflicts: e.conflicts, ...(release ? { releaseCommand: release.command } : {}) };
        io.stdout.write(JSON.stringify({ stack, error }, null, 2) + "\n");
      }
      io.stderr.write(`Error: ${msg}\n`);
      return EXIT_FINDINGS;
    }
    throw e;
  }
  progress.stop();
  const { result, diff } = out;
  if (out.releasedUnheld.length > 0) {
    io.stderr.write(`Note: --release names workloads the lock did not hold: ${out.releasedUnheld.join("; ")}. --release changed nothing for them: they are placed anyway.\n`);
  }
  const upToDate = out.lockText === out.newLockText;
  const overBudget = (result.budget?.excessUSD ?? 0) > 0;
  const lockRel = path.relative(io.root, out.lockFile);
  let written = false;
  let writeError: string | undefined;
  if (flags.write && !overBudget && !upToDate) {
    try {
      writeAtomic(out.lockFile, out.newLockText);
      written = true;
    } catch (e) {
      writeError = writeFailure(lockRel, stack, e);
    }
  }
  if (flags.json) {
    const doc: PlanOutput = {
      stack,
      status: result.report,
      plan: result.plan,
      cost: result.cost,
      ...(result.budget ? { budget: result.budget } : {}),
      explanations: result.explanations,
      moves: result.moves,
      diff,
      lock: { file: lockRel, written, upToDate, ...(writeError ? { error: writeError } : {}) },
    };
    io.stdout.write(JSON.stringify(doc, null, 2) + "\n");
  } else {
    const view = { stack, spec: out.spec, result, diff, lockFile: lockRel, written, upToDate, write: Boolean(flags.write) };
    const full = { ...view, hadLock: out.lockText !== undefined, moveCostUSD };
    io.stdout.write(flags.format === "markdown" ? renderPlanMarkdown(full, flags) : renderPlan(full, io));
  }
  if (writeError) {
    io.stderr.write(`Error: ${writeError}\n`);
    return EXIT_ERROR;
  }
  if (overBudget) {
    const b = result.budget!;
    io.stderr.write(
      `Error: the cheapest plan for stack ${stack} costs $${b.totalUSD.toFixed(2)}/month, $${b.excessUSD.toFixed(2)} over the ` +
        `budget of $${b.budgetUSD.toFixed(2)}${flags.write ? "; the lock is left unchanged" : ""}. ` +
        "To fix: raise global.budgetUSD, or reduce replicas or sizes.\n",
    );
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
