// Deploy-time placement: the locked plan, with workloads new to the spec placed around it (every
// locked workload held fixed) and workloads gone from the spec dropped. A lock that no longer
// matches the spec stops here with PlacementLockError; nothing is ever re-placed silently.

import { buildCandidates } from "../optimizer/candidates";
import type { Catalog } from "../optimizer/catalog";
import { SolverError } from "../optimizer/errors";
import { evaluatePlan } from "../optimizer/evaluate";
import { describePlacement } from "../optimizer/explain";
import {
  assertLockMatches,
  compareLock,
  LockComparison,
  parseLock,
  planCommand,
  PlacementLock,
} from "../optimizer/lock";
import { optimize } from "../optimizer/optimize";
import type { BucketPlacement, Plan, PlanCost, ServicePlacement } from "../optimizer/plan";
import type { PlacementResult } from "../optimizer/result";
import type { NormalizedSpec } from "../optimizer/spec";

/** What the program knows when it resolves its placement. */
export interface PlacementInputs {
  readonly spec: NormalizedSpec;
  readonly catalog: Catalog;
  readonly stack: string;
  /** The lock file as named in messages, e.g. "stacks/placement.dev.json". */
  readonly lockFile: string;
  /** The lock file's text, or undefined when the stack has no lock yet. */
  readonly lockText: string | undefined;
}

/** The plan to deploy and how it relates to the lock. */
export interface ResolvedPlacement {
  readonly plan: Plan;
  readonly cost: PlanCost;
  /** The parsed lock, when there is one. */
  readonly lock?: PlacementLock;
  /** How the lock differs from the spec, when there is a lock. */
  readonly comparison?: LockComparison;
  /** The optimizer's result, when workloads had to be placed. */
  readonly result?: PlacementResult;
  /** One message describing how the plan differs from the lock; undefined when it equals it. */
  readonly summary?: string;
}

/**
 * Resolves the plan to deploy: the lock as it is when it covers the spec; otherwise the lock with
 * removed workloads dropped and added ones placed by the optimizer around it. Throws
 * PlacementLockError when the lock is malformed or its entries no longer satisfy the spec.
 */
export async function resolvePlacement(inputs: PlacementInputs): Promise<ResolvedPlacement> {
  const { spec, catalog, stack, lockFile, lockText } = inputs;
  const lock = lockText === undefined ? undefined : parseLock(lockText, lockFile, stack);
  const comparison = lock ? compareLock(lock.plan, spec, catalog) : undefined;
  if (comparison) assertLockMatches(comparison, lockFile, stack);
  const held: Plan = comparison?.held ?? { services: {}, buckets: {} };
  const placing = comparison ? comparison.added.length > 0 : true;
  const result = placing ? await optimize(spec, catalog, { hold: held }) : undefined;
  const plan = result?.plan ?? held;
  if (result) assertHeld(held, plan);
  const regions = buildCandidates(spec, catalog).regionsOf;
  const cost = evaluatePlan(spec, plan, catalog, regions);
  const changed = !comparison || comparison.added.length > 0 || comparison.removed.length > 0;
  const summary = changed
    ? placementSummary({ spec, catalog, stack, lockFile, lock, comparison, plan, cost, result })
    : undefined;
  return {
    plan,
    cost,
    ...(lock ? { lock } : {}),
    ...(comparison ? { comparison } : {}),
    ...(result ? { result } : {}),
    ...(summary ? { summary } : {}),
  };
}

/** Guards the promise that placing new workloads never moves a locked one. */
function assertHeld(held: Plan, plan: Plan): void {
  const groups = (p: ServicePlacement | undefined) =>
    (p?.groups ?? [])
      .map((g) => `${g.cloud}|${g.region}|${g.instanceType}|${g.count}|${g.spot}`)
      .sort()
      .join(",");
  const where = (b: BucketPlacement | undefined) => (b ? `${b.cloud}|${b.region}` : "");
  const moved = [
    ...Object.keys(held.services).filter(
      (n) => groups(held.services[n]) !== groups(plan.services[n]),
    ),
    ...Object.keys(held.buckets).filter((n) => where(held.buckets[n]) !== where(plan.buckets[n])),
    ...Object.keys(held.databases ?? {}).filter((n) => JSON.stringify(held.databases![n]) !== JSON.stringify(plan.databases?.[n])),
  ];
  if (moved.length > 0) {
    throw new SolverError(
      `The optimizer moved locked workloads (${moved.join(", ")}) while placing new ones, although they were held. ` +
        "To fix: report this with the spec and lock; meanwhile run the plan command and review the result.",
    );
  }
}

/** US dollars with cents and thousands separators, e.g. "$1,234.50". */
export function formatUSD(x: number): string {
  const s = Math.abs(x).toLocaleString("en-US", {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return `${x < 0 ? "-" : ""}$${s}`;
}

/** The spec reduced to the workloads a plan places, with the links between them. */
export function restrictSpec(spec: NormalizedSpec, plan: Plan): NormalizedSpec {
  const placed = (n: string) => plan.services[n] !== undefined || plan.buckets[n] !== undefined || plan.databases?.[n] !== undefined;
  const databases = (spec.databases ?? []).filter((d) => plan.databases?.[d.name]);
  return {
    ...spec,
    services: spec.services.filter((s) => plan.services[s.name]),
    buckets: spec.buckets.filter((b) => plan.buckets[b.name]),
    ...(databases.length > 0 ? { databases } : { databases: undefined }),
    links: spec.links.filter((l) => placed(l.from) && placed(l.to)),
  };
}

interface SummaryInputs {
  readonly spec: NormalizedSpec;
  readonly catalog: Catalog;
  readonly stack: string;
  readonly lockFile: string;
  readonly lock?: PlacementLock;
  readonly comparison?: LockComparison;
  readonly plan: Plan;
  readonly cost: PlanCost;
  readonly result?: PlacementResult;
}

/**
 * The cost summary logged once when the plan differs from the lock: total before and after (the
 * locked workloads that stay, priced now, plus the recorded cost of removed ones), then each
 * added or removed workload with its placement, cost and reason.
 */
export function placementSummary(x: SummaryInputs): string {
  const held = x.comparison?.held ?? { services: {}, buckets: {} };
  const removed = x.comparison?.removed ?? [];
  const recorded = (name: string) => x.lock?.costs.services[name] ?? x.lock?.costs.buckets[name] ?? x.lock?.costs.databases?.[name];
  const keptUSD = evaluatePlan(
    restrictSpec(x.spec, held),
    held,
    x.catalog,
    buildCandidates(x.spec, x.catalog).regionsOf,
  ).total;
  const beforeUSD =
    Math.round((keptUSD + removed.reduce((n, w) => n + (recorded(w) ?? 0), 0)) * 100) / 100;
  const afterUSD = x.cost.total;
  const delta = Math.round((afterUSD - beforeUSD) * 100) / 100;
  const pct =
    beforeUSD > 0 ? ` ${delta >= 0 ? "+" : ""}${((delta / beforeUSD) * 100).toFixed(1)}%` : "";
  const lines: string[] = [
    x.lock
      ? `cloudfit: the plan differs from ${x.lockFile}.`
      : `cloudfit: ${x.lockFile} does not exist yet; every workload was placed by the optimizer.`,
    `Monthly cost ${formatUSD(beforeUSD)} → ${formatUSD(afterUSD)} (${delta >= 0 ? "+" : ""}${formatUSD(delta)}${pct ? `,${pct}` : ""}).`,
  ];
  const heldCount = Object.keys(held.services).length + Object.keys(held.buckets).length + Object.keys(held.databases ?? {}).length;
  const added = x.comparison
    ? x.comparison.added
    : [...x.spec.services.map((s) => s.name), ...x.spec.buckets.map((b) => b.name), ...(x.spec.databases ?? []).map((d) => d.name)];
  for (const name of added) {
    const service = x.plan.services[name];
    const database = x.plan.databases?.[name];
    const where = service
      ? describePlacement(service)
      : database
        ? `${database.cloud}:${database.region} ${database.instanceClass}`
        : `${x.plan.buckets[name].cloud}:${x.plan.buckets[name].region}`;
    const usd = service ? x.cost.services[name]?.total : database ? x.cost.databases?.[name]?.total : x.cost.buckets[name]?.total;
    const why = [
      heldCount > 0
        ? `new in the spec; placed with the ${heldCount} locked workloads held fixed`
        : x.lock
          ? "new in the spec"
          : "not locked yet",
    ];
    const e = x.result?.explanations[name];
    if (e && e.binding.length > 0) why.push(`binding: ${e.binding.join(", ")}`);
    const alt = e ? [...e.alternatives].sort((a, b) => a.deltaUSD - b.deltaUSD)[0] : undefined;
    if (alt) why.push(`cheapest elsewhere: ${alt.cloud} +${formatUSD(alt.deltaUSD)}/month`);
    lines.push(`  + ${name}: ${where}, ${formatUSD(usd ?? 0)}/month; ${why.join("; ")}.`);
  }
  for (const name of removed) {
    const service = x.lock?.plan.services[name];
    const bucket = x.lock?.plan.buckets[name];
    const where = service
      ? describePlacement(service)
      : bucket
        ? `${bucket.cloud}:${bucket.region}`
        : "";
    const usd = recorded(name);
    lines.push(
      `  - ${name}: was ${where}${usd !== undefined ? `, ${formatUSD(usd)}/month` : ""}; no longer in the spec, so its resources are deleted.`,
    );
  }
  lines.push(`To keep this plan, run \`${planCommand(x.stack)}\` and commit ${x.lockFile}.`);
  return lines.join("\n");
}
