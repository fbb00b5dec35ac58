// Where the whole model's proven gap comes from: the linear relaxation of the generated spec's
// whole model (optimizer/ilp.ts, with its whole-model cuts), then the same model with integrality
// kept on one family of columns at a time and dropped on the others. Each such model is a
// relaxation of the whole model, so its optimum is a proven bound; how much of the LP's distance
// to the optimum it closes says which decisions the LP gets wrong.
// Usage: gap-sources.ts [services=10] [seed=1] [limitSec=120] [--json]

import { loadCatalog, type Catalog } from "../optimizer/catalog";
import { buildCandidates } from "../optimizer/candidates";
import { buildPlacementModel } from "../optimizer/ilp";
import { createSolver } from "../optimizer/optimize";
import type { SolverOutcome, SparseModel } from "../optimizer/solvers/types";
import { validateSpec } from "../optimizer/validate";
import { generateSpec } from "./generate";

/** A family of columns by the prefix of their names (see the notation of optimizer/ilp.ts). */
export interface Family {
  readonly label: string;
  /** Column name prefixes, before the "[". */
  readonly prefixes: readonly string[];
}

/** The families tried, each alone; "every integer column" is the model itself. */
export const FAMILIES: readonly Family[] = [
  { label: "none (the linear relaxation)", prefixes: [] },
  { label: "replicas (n, p)", prefixes: ["n", "p"] },
  { label: "presence (a)", prefixes: ["a"] },
  { label: "regions opened and VPN gateways (open, gw)", prefixes: ["open", "gw"] },
  { label: "network (open, zone, ingress, gw, conn)", prefixes: ["open", "zone", "ingress", "gw", "conn"] },
  { label: "every integer column (the model)", prefixes: ["*"] },
];

/** Network indicators are continuous in [0, 1] in the model (integral at any integer plan); a family can make them integer. */
const INDICATORS = new Set(["open", "zone", "ingress", "gw", "conn"]);

/** One family's result. */
export interface GapSource {
  readonly family: string;
  /** "lp": no integer column; "model": every integer column (the whole model); else "partial". */
  readonly kind: "lp" | "partial" | "model";
  readonly integerColumns: number;
  readonly status: SolverOutcome["status"];
  /** Its proven bound (for the linear relaxation, its optimum). */
  readonly bound: number;
  readonly seconds: number;
}

/** The model with integrality on the family's columns only. */
export function withIntegrality(model: SparseModel, family: Family): { model: SparseModel; integerColumns: number } {
  if (model.numCols > 0 && model.colNames.length !== model.numCols) throw new Error("the model has no column names: build it with `names: true`");
  const integer = new Uint8Array(model.numCols);
  let count = 0;
  for (let j = 0; j < model.numCols; j++) {
    const name = model.colNames[j];
    const prefix = name.includes("[") ? name.slice(0, name.indexOf("[")) : name;
    const inFamily = family.prefixes.includes("*") ? model.integer[j] === 1 : family.prefixes.includes(prefix);
    if (inFamily && (model.integer[j] === 1 || INDICATORS.has(prefix))) {
      integer[j] = 1;
      count++;
    }
  }
  return { model: { ...model, integer }, integerColumns: count };
}

/** Solves the spec's whole model once per family, in order. */
export async function gapSources(catalog: Catalog, services: number, seed: number, limitSec: number, families = FAMILIES): Promise<GapSource[]> {
  const spec = validateSpec(generateSpec(catalog, { services, seed }), catalog);
  const built = buildPlacementModel(spec, catalog, buildCandidates(spec, catalog), { wholeModelCuts: true, names: true });
  const solver = createSolver("highs");
  const out: GapSource[] = [];
  try {
    for (const family of families) {
      const { model, integerColumns } = withIntegrality(built.model, family);
      const start = process.hrtime.bigint();
      const r = await solver.solve(model, { timeLimitSec: limitSec, relativeGap: 1e-6 });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const kind = family.prefixes.length === 0 ? "lp" : family.prefixes.includes("*") ? "model" : "partial";
      out.push({ family: family.label, kind, integerColumns, status: r.status, bound: r.bound, seconds });
    }
  } finally {
    await solver.dispose();
  }
  return out;
}

const usd = (v: number) => (Number.isFinite(v) ? `$${v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}` : "–");

/**
 * The table: each family's bound and the share of the LP's distance to the optimum it closes, a
 * share given only when both the LP and the whole model were solved to optimality.
 */
export function renderGapSources(rows: readonly GapSource[]): string {
  const lp = rows.find((r) => r.kind === "lp");
  const whole = rows.find((r) => r.kind === "model");
  const proven = lp?.status === "optimal" && whole?.status === "optimal" && whole.bound > lp.bound;
  const lines = [
    "| integer columns kept | count | bound | closes | status | time |",
    "| --- | ---: | ---: | ---: | --- | ---: |",
  ];
  for (const r of rows) {
    const closed = proven ? `${((100 * (r.bound - lp.bound)) / (whole.bound - lp.bound)).toFixed(0)}%` : "–";
    lines.push(`| ${r.family} | ${r.integerColumns} | ${usd(r.bound)} | ${Number.isFinite(r.bound) ? closed : "–"} | ${r.status} | ${r.seconds.toFixed(1)} s |`);
  }
  if (!proven) lines.push("", "No share closed: the linear relaxation or the whole model was not solved to optimality (raise limitSec).");
  return lines.join("\n");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== "--json");
  const [services, seed, limit] = [Number(args[0] ?? 10), Number(args[1] ?? 1), Number(args[2] ?? 120)];
  if (![services, seed, limit].every((n) => Number.isFinite(n) && n > 0)) {
    process.stderr.write("Usage: gap-sources.ts [services=10] [seed=1] [limitSec=120] [--json]\n");
    process.exitCode = 2;
    return;
  }
  const rows = await gapSources(loadCatalog(), services, seed, limit);
  if (process.argv.includes("--json")) process.stdout.write(JSON.stringify({ services, seed, limitSec: limit, rows }, null, 2) + "\n");
  else process.stdout.write(`${services} generated services, seed ${seed}, ${limit} s per model\n${renderGapSources(rows)}\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
