// One cloudfit run on a generated spec, in a process of its own so that its memory high-water
// mark is its own: generates and validates the spec, optimizes it, and prints one JSON line.
// Usage: cloudfit-child.ts <services> <seed> <highs|jslp> <timeLimitSec> <relativeGap> [explain|moves]
// With `explain`, the run explains its plan as `plan` does, within the same time limit; with
// `moves`, it also re-plans against the cheapest-offer plan as a previous plan and reports its moves.

import { loadCatalog, type Catalog } from "../optimizer/catalog";
import { buildCandidates } from "../optimizer/candidates";
import { BUILD_EXACT_UP_TO_CONNECTION_ROWS, connectionRows, servicePairs, STAGES_UP_TO_PAIRS } from "../optimizer/decompose";
import { buildPlacementModel } from "../optimizer/ilp";
import type { SolveReport } from "../optimizer/result";
import type { NormalizedSpec } from "../optimizer/spec";
import { cheapestOfferBaseline } from "../optimizer/baselines";
import { createSolver, optimize } from "../optimizer/optimize";
import { validateSpec } from "../optimizer/validate";
import { generateSpec } from "./generate";
import { peakRssMiB, rssMiB } from "./measure";

/** What one run reports to the benchmark. */
export interface CloudfitRun {
  readonly solver: string;
  readonly status?: string;
  readonly objective?: number;
  readonly bound?: number;
  readonly gap?: number;
  readonly costUSD?: number;
  readonly buildMs?: number;
  readonly solveMs?: number;
  /** Wall time of optimize(), candidates to verified plan (and its explanations with `explain`), solver warm. */
  readonly optimizeMs?: number;
  /**
   * With `explain`: services explained, those with a reason priced in network, and those whose
   * network reasons the time limit cut short.
   */
  readonly explained?: { readonly services: number; readonly networkReasons: number; readonly cutShort: number };
  /** With `moves`: the workloads the plan moved away from the previous (cheapest-offer) plan. */
  readonly moves?: number;
  /** Wall time of a first optimize() on a two-service spec: the solver's one-off start-up. */
  readonly warmupMs: number;
  readonly variables?: number;
  readonly constraints?: number;
  /** Resident set before optimize() and the process's high-water mark after it, in MiB. */
  readonly rssBeforeMiB: number;
  readonly peakRssMiB: number;
  /** Error name and message when optimize() threw. */
  readonly error?: string;
  /** What the model is made of (built again after the measurement). */
  readonly model?: ModelShape;
  /** Set when the spec was solved in stages (optimizer/decompose.ts). */
  readonly staged?: SolveReport["decomposed"];
}

/** Columns of cloudfit's model by role, and its nonzeros. */
export interface ModelShape {
  /** Integer replica columns (on-demand and spot) per service x region x offer. */
  readonly replicaColumns: number;
  readonly bucketColumns: number;
  /** Other integer columns: region/cloud-used indicators and traffic exactness binaries. */
  readonly otherIntegerColumns: number;
  /** Continuous columns: traffic per link direction and region or cloud. */
  readonly continuousColumns: number;
  readonly rows: number;
  readonly nonzeros: number;
  /**
   * Whether these are the relaxed model's figures (12.relax): the exact model of a spec this
   * large is never built whole (optimizer/decompose.ts), so neither is it here.
   */
  readonly relaxed: boolean;
}

/** Builds cloudfit's model once more and counts its columns by role. */
export function modelShape(spec: NormalizedSpec, catalog: Catalog): ModelShape {
  const candidates = buildCandidates(spec, catalog);
  const relaxed = connectionRows(spec, candidates) > BUILD_EXACT_UP_TO_CONNECTION_ROWS;
  const built = buildPlacementModel(spec, catalog, candidates, { relax: relaxed, wholeModelCuts: true });
  const m = built.model;
  let replicaColumns = 0;
  for (const regions of built.services.values())
    for (const r of regions) replicaColumns += r.onDemand.length + r.spot.length;
  let bucketColumns = 0;
  for (const cols of built.buckets.values()) bucketColumns += cols.length;
  const integers = m.integer.reduce((n, x) => n + x, 0);
  return {
    replicaColumns,
    bucketColumns,
    otherIntegerColumns: integers - replicaColumns - bucketColumns,
    continuousColumns: m.numCols - integers,
    rows: m.numRows,
    nonzeros: m.index.length,
    relaxed,
  };
}

async function main(): Promise<void> {
  const [size, seed, solver, limit, gap, explainArg] = process.argv.slice(2);
  const explain = explainArg === "explain" || explainArg === "moves";
  const catalog = loadCatalog();
  const spec = validateSpec(
    generateSpec(catalog, { services: Number(size), seed: Number(seed) }),
    catalog,
  );
  const previous = explainArg === "moves" ? cheapestOfferBaseline(spec, catalog).plan : undefined;
  if (explainArg === "moves" && !previous) {
    process.stderr.write(`cloudfit-child: the cheapest-offer baseline has no plan for ${size} services (seed ${seed}) to re-plan against. To fix: use another seed, or explain instead of moves.\n`);
    process.exit(2);
  }
  // A first, tiny run loads the solver (HiGHS: its WebAssembly in a worker thread), and a second
  // worker is loaded beside it (the stages solve two models at once): a one-off cost per process
  // that is reported apart.
  const warm = validateSpec(generateSpec(catalog, { services: 2, seed: Number(seed) }), catalog);
  const warmStart = performance.now();
  await optimize(warm, catalog, {
    solver: solver as "highs" | "jslp",
    timeLimitSec: 30,
    explain: false,
  }).catch(() => undefined);
  await createSolver(solver as "highs" | "jslp").prepare?.(2);
  const warmupMs = performance.now() - warmStart;
  const rssBeforeMiB = rssMiB();
  const start = performance.now();
  let out: CloudfitRun;
  try {
    const r = await optimize(spec, catalog, {
      solver: solver as "highs" | "jslp",
      timeLimitSec: Number(limit),
      relativeGap: Number(gap),
      explain,
      ...(previous ? { previous } : {}),
    });
    const optimizeMs = performance.now() - start;
    const { report } = r;
    const reasons = Object.values(r.explanations).map((e) => e.binding);
    out = {
      solver,
      status: report.status,
      objective: report.objective,
      bound: report.bound,
      gap: report.gap,
      costUSD: r.cost.total,
      buildMs: report.buildMs,
      solveMs: report.solveMs,
      optimizeMs,
      ...(explain
        ? {
            explained: {
              services: reasons.length,
              networkReasons: reasons.filter((b) => b.some((x) => /\/month in network$/.test(x))).length,
              cutShort: reasons.filter((b) => b.some((x) => x.startsWith("what moving or spreading it would cost in network was not computed"))).length,
            },
          }
        : {}),
      ...(previous ? { moves: r.moves.length } : {}),
      warmupMs,
      variables: report.variables,
      constraints: report.constraints,
      rssBeforeMiB,
      peakRssMiB: peakRssMiB(),
      ...(report.decomposed ? { staged: report.decomposed } : {}),
    };
  } catch (e) {
    const error = e instanceof Error ? `${e.name}: ${e.message.split("\n")[0]}` : String(e);
    out = {
      solver,
      optimizeMs: performance.now() - start,
      warmupMs,
      rssBeforeMiB,
      peakRssMiB: peakRssMiB(),
      error,
    };
  }
  // Above the stages' size the placement model is never built whole: there is no shape to count.
  if (!out.error && servicePairs(spec, buildCandidates(spec, catalog)) <= STAGES_UP_TO_PAIRS) out = { ...out, model: modelShape(spec, catalog) };
  process.stdout.write(JSON.stringify(out) + "\n", () => process.exit(0));
}

void main();
