// `npm run bench`: generates seeded specs at several sizes and, per size, measures cloudfit with
// HiGHS and with javascript-lp-solver, the per-instance-type formulation solved by CBC, and the
// cost baselines, then prints a table (or one JSON document) and checks the issue's targets.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadCatalog, type Catalog } from "../optimizer/catalog";
import { benchPolicies } from "./policies";
import { benchForecast, renderForecastBench } from "./forecast";
import { benchCli, renderCliText } from "./cli";
import { benchCatalog, renderCatalogBench } from "./catalog";
import { buildCandidates } from "../optimizer/candidates";
import { evaluatePlan } from "../optimizer/evaluate";
import type { NormalizedSpec } from "../optimizer/spec";
import { validateSpec } from "../optimizer/validate";
import { verifyPlan } from "../optimizer/verify";
import { cheapestOfferBaseline, singleCloudBaseline } from "../optimizer/baselines";
import { findCbc, runCbc } from "./cbc";
import type { CloudfitRun } from "./cloudfit-child";
import { generateSpec } from "./generate";
import { runChild, timed } from "./measure";
import { planFromSolution, writePerTypeLp } from "./pertype";
import {
  checkTargets,
  isSkipped,
  renderText,
  type BaselineRow,
  type BenchDocument,
  type CbcRun,
  type SizeResult,
  type Skipped,
} from "./report";

/** Command-line options of the benchmark. */
export interface BenchOptions {
  readonly sizes: readonly number[];
  readonly seed: number;
  readonly timeLimitSec: number;
  /** CBC's limit; default the larger of timeLimitSec and 6x cloudfit's time at the same size. */
  readonly cbcLimitSec?: number;
  readonly gap: number;
  /** javascript-lp-solver runs only up to this many services. */
  readonly jslpMax: number;
  /** Write and solve the per-type model with CBC only up to this many services. */
  readonly cbcMax: number;
  readonly skipCbc: boolean;
  readonly keepLp: boolean;
  /** Resources analysed through the served policy pack (0 skips it). */
  readonly policyResources: number;
  /** Timed runs of each command of the built CLI (0 skips them). */
  readonly cliRuns: number;
  readonly json: boolean;
  readonly help: boolean;
  /** Series of the forecasting speed test (0 skips the forecasting benchmark). */
  readonly forecastSeries: number;
  /** Run only the forecasting benchmark. */
  readonly forecastOnly: boolean;
}

/** Bad command-line input: what is wrong and how to write it. */
export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BenchUsageError";
  }
}

const HELP = `Usage: npm run bench -- [flags]

Generates seeded workload specs and compares, per size, cloudfit (HiGHS), cloudfit with
javascript-lp-solver, the per-instance-type model solved by CBC, and two cost baselines.

Flags:
  --sizes N,N,...     service counts to run (default: 10,100,500,2000)
  --seed N            seed of the generated specs (default: 1)
  --time-limit S      wall-clock seconds each solver may take per size (default: 60)
  --cbc-limit S       CBC's limit (default: the larger of --time-limit and 6x cloudfit's
                      time at that size, so that a 5x speed-up can be told apart)
  --gap G             relative gap every solver stops at (default: 0.001, i.e. 0.1%);
                      when cloudfit stops short of it, CBC is timed at the gap cloudfit proved
  --jslp-max N        run javascript-lp-solver only up to N services (default: 100)
  --cbc-max N         write and solve the per-type model only up to N services
                      (default: 10; it has a column per fitting offer in every region, so
                      at 100 services its LP text is about 400 MiB and CBC takes up to
                      about 16 GiB: see README)
  --skip-cbc          do not write or solve the per-type model
  --policies N        resources analysed through the served policy pack (default: 10000;
                      0 skips it)
  --forecast-series N series of the forecasting speed test (default: 1000; 0 skips
                      the forecasting benchmark)
  --forecast-only     run only the forecasting benchmark
  --cli-runs N        timed runs of each built cloudfit command: --help, plan and
                      preview --stack dev (default: 5; 0 skips the build and them)
  --keep-lp           keep the per-type LP files in .bench-tmp/
  --json              print one JSON document on stdout instead of tables
                      (use npm run -s bench -- --json to keep npm's banner off stdout)
  --help              show this help
`;

/** Parses the benchmark's flags. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  type Mutable<T> = { -readonly [K in keyof T]: T[K] };
  const o: Mutable<Omit<BenchOptions, "skipCbc" | "keepLp" | "json" | "help" | "forecastOnly">> = {
    sizes: [10, 100, 500, 2000],
    seed: 1,
    timeLimitSec: 60,
    gap: 0.001,
    jslpMax: 100,
    cbcMax: 10,
    policyResources: 10_000,
    forecastSeries: 1000,
    cliRuns: 5,
  };
  const flags = { skipCbc: false, keepLp: false, json: false, help: false, forecastOnly: false };
  const bools: Record<string, keyof typeof flags> = {
    "--skip-cbc": "skipCbc",
    "--keep-lp": "keepLp",
    "--json": "json",
    "--help": "help",
    "--forecast-only": "forecastOnly",
  };
  const positive = (flag: string, v: string | undefined, integer: boolean): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
      throw new BenchUsageError(
        `${flag} needs a positive ${integer ? "whole " : ""}number, got ${v === undefined ? "nothing" : `"${v}"`}. ` +
          `To fix: write e.g. ${flag} ${integer ? "100" : "0.5"}.`,
      );
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (bools[flag]) flags[bools[flag]] = true;
    else if (flag === "--sizes") {
      const v = value();
      o.sizes = (v ?? "").split(",").map((x) => positive("--sizes", x.trim(), true));
    } else if (flag === "--seed") o.seed = positive("--seed", value(), true);
    else if (flag === "--time-limit") o.timeLimitSec = positive("--time-limit", value(), false);
    else if (flag === "--cbc-limit") o.cbcLimitSec = positive("--cbc-limit", value(), false);
    else if (flag === "--gap") o.gap = positive("--gap", value(), false);
    else if (flag === "--jslp-max") o.jslpMax = positive("--jslp-max", value(), true);
    else if (flag === "--cbc-max") o.cbcMax = positive("--cbc-max", value(), true);
    else if (flag === "--cli-runs") {
      const v = value();
      o.cliRuns = v === "0" ? 0 : positive("--cli-runs", v, true);
    } else if (flag === "--policies") {
      const v = value();
      o.policyResources = v === "0" ? 0 : positive("--policies", v, true);
    } else if (flag === "--forecast-series") {
      const v = value();
      o.forecastSeries = v === "0" ? 0 : positive("--forecast-series", v, true);
    }
    else
      throw new BenchUsageError(
        `Unknown argument "${argv[i]}". To fix: see npm run bench -- --help.`,
      );
  }
  return { ...o, ...flags };
}

const TMP = path.join(__dirname, "..", ".bench-tmp");

async function cloudfitRun(
  n: number,
  o: BenchOptions,
  solver: "highs" | "jslp",
): Promise<CloudfitRun | Skipped> {
  const args = [String(n), String(o.seed), solver, String(o.timeLimitSec), String(o.gap)];
  const r = await runChild<CloudfitRun>(
    "cloudfit-child.ts",
    args,
    (o.timeLimitSec * 2 + 60) * 1000,
  );
  return r.result ?? { skipped: `failed: ${r.failure}` };
}

async function cbcRun(
  spec: NormalizedSpec,
  catalog: Catalog,
  cbc: string,
  limitSec: number,
  gap: number,
  keepLp: boolean,
): Promise<CbcRun> {
  fs.mkdirSync(TMP, { recursive: true });
  const lpPath = path.join(TMP, `pertype-${spec.services.length}.lp`);
  const fd = fs.openSync(lpPath, "w");
  const [model, writeMs] = await timed(() =>
    writePerTypeLp(spec, catalog, (chunk) => fs.writeSync(fd, chunk)),
  );
  fs.closeSync(fd);
  const lpMiB = fs.statSync(lpPath).size / (1024 * 1024);
  const r = await runCbc(cbc, lpPath, { timeLimitSec: limitSec, gap });
  let costUSD: number | undefined;
  let violations: number | undefined;
  if (r.values.size > 0) {
    const plan = planFromSolution(model, r.values);
    costUSD = evaluatePlan(spec, plan, catalog, buildCandidates(spec, catalog).regionsOf).total;
    violations = verifyPlan(spec, catalog, plan).length;
  }
  if (!keepLp) {
    fs.rmSync(lpPath, { force: true });
    fs.rmSync(lpPath.replace(/\.lp$/, ".sol"), { force: true });
  }
  return {
    limitSec,
    askedGap: gap,
    columns: model.offers.length + model.buckets.length + model.binaries.length + model.network.length + model.flows,
    offerColumns: model.offers.length,
    rows: model.rows,
    nonzeros: model.nonzeros,
    lpMiB,
    writeMs,
    status: r.status,
    // The front door is a constant the LP text leaves out; the gap is CBC's own.
    objective: r.objective === undefined ? undefined : r.objective + model.offset,
    bound: r.bound === undefined ? undefined : r.bound + model.offset,
    gap: r.gap,
    wallMs: r.wallMs,
    peakRssMiB: r.peakRssMiB,
    costUSD,
    violations,
  };
}

function baselineRows(
  spec: NormalizedSpec,
  catalog: Catalog,
  cloudfitUSD: number | undefined,
): BaselineRow[] {
  return [cheapestOfferBaseline(spec, catalog), singleCloudBaseline(spec, catalog)].map((b) => {
    const cost = b.cost?.total;
    const saving = cost !== undefined && cloudfitUSD !== undefined ? cost - cloudfitUSD : undefined;
    const note = b.cloud ? `in ${b.cloud}${b.note ? "; " + b.note : ""}` : b.note;
    return {
      name: b.name,
      costUSD: cost,
      savingUSD: saving,
      savingPct: saving !== undefined ? (100 * saving) / cost! : undefined,
      note,
    };
  });
}

/** Whether a cloudfit run proved its plan within the gap. */
function reachedGap(r: CloudfitRun, gap: number): boolean {
  return !r.error && r.status === "optimal" && (r.gap ?? Infinity) <= gap + 1e-12;
}

/**
 * The gap at which CBC is timed against cloudfit: the benchmark's when cloudfit proved it, else
 * the gap cloudfit did prove; undefined when cloudfit has no plan with a bound (nothing to time).
 */
export function sameGap(highs: CloudfitRun | Skipped, gap: number): number | undefined {
  if (isSkipped(highs) || highs.error || !highs.optimizeMs) return undefined;
  if (reachedGap(highs, gap)) return gap;
  return highs.gap !== undefined && Number.isFinite(highs.gap) ? Math.max(gap, highs.gap) : undefined;
}

/**
 * How CBC runs at one size: skipped, and why, or its time limit and the gap it stops at (see
 * sameGap). Its limit: --cbc-limit, or the larger of --time-limit and six times cloudfit's time,
 * so that a 5x speed-up can be told apart.
 */
export function cbcSettings(
  n: number,
  o: BenchOptions,
  cbc: string | undefined,
  highs: CloudfitRun | Skipped,
): Skipped | { readonly limitSec: number; readonly gap: number } {
  if (o.skipCbc) return { skipped: "--skip-cbc" };
  if (!cbc) return { skipped: "no cbc on the PATH (install: apt-get install -y coinor-cbc)" };
  if (n > o.cbcMax) return { skipped: `above --cbc-max ${o.cbcMax} services (raise it to run)` };
  const gap = sameGap(highs, o.gap);
  if (gap === undefined || isSkipped(highs)) return { skipped: "cloudfit has no plan with a proven gap to time CBC against" };
  return { limitSec: o.cbcLimitSec ?? Math.max(o.timeLimitSec, Math.ceil((6 * highs.optimizeMs!) / 1000)), gap };
}

/**
 * CBC's time over cloudfit's at `gap` (sameGap), or undefined when the two cannot be compared.
 * cloudfit's time is its time to the gap when it stopped at the benchmark's gap (`benchGap`);
 * when it ran to its limit it may have proved its last gap sooner, and its time is then an upper
 * bound of that. CBC's is its time to the gap when it stopped there; when it ended above the gap
 * (its limit, no plan), that gap would have taken it longer; when its last gap is within the gap
 * but it did not stop there, it got there sooner. So the ratio is exact, a lower bound
 * (`atLeast`), an upper bound (`atMost`), or nothing (an upper bound over an upper bound). A CBC
 * that calls the model infeasible (where cloudfit has a plan) or fails gives nothing either.
 */
export function timeRatio(cbc: CbcRun, highs: CloudfitRun, gap: number, benchGap: number): SizeResult["cbcOverCloudfit"] {
  if (cbc.status === "infeasible" || cbc.status === "error" || !highs.optimizeMs) return undefined;
  const ratio = cbc.wallMs / highs.optimizeMs;
  const cloudfitExact = reachedGap(highs, benchGap);
  const within = cbc.gap !== undefined && Number.isFinite(cbc.gap) && cbc.gap <= gap + 1e-12;
  if (!within) return { ratio, atLeast: true, gap };
  if (cbc.status === "optimal") return { ratio, atLeast: !cloudfitExact, gap };
  return cloudfitExact ? { ratio, atLeast: false, atMost: true, gap } : undefined;
}

/** Why javascript-lp-solver is not run: its dense tableau at this model size. */
function jslpSkipReason(o: BenchOptions, highs: CloudfitRun | Skipped): string {
  const base = `above --jslp-max ${o.jslpMax} services (raise it to run)`;
  if (isSkipped(highs) || !highs.variables || !highs.constraints) return base;
  // The solver keeps its simplex tableau as a dense array of rows x columns doubles.
  const gib = (highs.variables * highs.constraints * 8) / 2 ** 30;
  // A tableau that would fit is no reason: then the flag alone is.
  if (gib < 0.1) return base;
  return `${base}: its dense simplex tableau alone would take at least ${gib.toFixed(1)} GiB here`;
}

async function runSize(
  n: number,
  o: BenchOptions,
  catalog: Catalog,
  cbc: string | undefined,
): Promise<SizeResult> {
  const say = (msg: string) => process.stderr.write(`[${n} services] ${msg}\n`);
  const [input, generateMs] = await timed(() =>
    generateSpec(catalog, { services: n, seed: o.seed }),
  );
  const [spec, validateMs] = await timed(() => validateSpec(input, catalog));
  say("cloudfit with HiGHS");
  const highs = await cloudfitRun(n, o, "highs");
  say(n <= o.jslpMax ? "cloudfit with javascript-lp-solver" : "javascript-lp-solver skipped");
  const jslp: CloudfitRun | Skipped =
    n <= o.jslpMax ? await cloudfitRun(n, o, "jslp") : { skipped: jslpSkipReason(o, highs) };
  // CBC is timed at the benchmark's gap, or at the gap cloudfit proved when it stopped short of
  // that, so that both are timed at the same gap.
  const plan = cbcSettings(n, o, cbc, highs);
  let cbcResult: CbcRun | Skipped;
  if (isSkipped(plan)) cbcResult = plan;
  else {
    say(`per-type model with CBC (limit ${plan.limitSec} s, gap ${(100 * plan.gap).toFixed(3)}%)`);
    cbcResult = await cbcRun(spec, catalog, cbc!, plan.limitSec, plan.gap, o.keepLp);
  }
  say("baselines");
  const cloudfitUSD = isSkipped(highs) ? undefined : highs.costUSD;
  const baselines = baselineRows(spec, catalog, cloudfitUSD);
  const cbcOverCloudfit = !isSkipped(cbcResult) && !isSkipped(highs) && !isSkipped(plan) ? timeRatio(cbcResult, highs, plan.gap, o.gap) : undefined;
  return {
    services: spec.services.length,
    links: spec.links.length,
    buckets: spec.buckets.length,
    replicas: spec.services.reduce((a, s) => a + s.replicas, 0),
    generateMs,
    validateMs,
    highs,
    jslp,
    cbc: cbcResult,
    baselines,
    cbcOverCloudfit,
  };
}

async function main(): Promise<void> {
  let o: BenchOptions;
  try {
    o = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  if (o.help) {
    process.stdout.write(HELP);
    return;
  }
  const say = (m: string) => process.stderr.write(`[forecast] ${m}\n`);
  if (o.forecastOnly) {
    const forecast = benchForecast({ series: o.forecastSeries || 1000 }, say);
    process.stdout.write(o.json ? JSON.stringify({ forecast }, null, 2) + "\n" : renderForecastBench(forecast));
    return;
  }
  const t0 = process.hrtime.bigint();
  const catalog = loadCatalog();
  const catalogLoadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cbc = o.skipCbc ? undefined : findCbc();
  const sizes: SizeResult[] = [];
  for (const n of o.sizes) sizes.push(await runSize(n, o, catalog, cbc));
  const cpus = os.cpus();
  const doc: BenchDocument = {
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? "unknown",
      memoryGiB: os.totalmem() / 2 ** 30,
      node: process.version,
    },
    options: { sizes: o.sizes, seed: o.seed, timeLimitSec: o.timeLimitSec, gap: o.gap },
    sizes,
    targets: checkTargets(sizes, o.gap),
    catalogLoadMs,
    policyPack:
      o.policyResources > 0
        ? await benchPolicies(o.policyResources, () => undefined)
        : { skipped: "--policies 0" },
  };
  const forecast = o.forecastSeries > 0 ? benchForecast({ series: o.forecastSeries }, say) : undefined;
  const catalogBench = benchCatalog();
  const cli =
    o.cliRuns > 0
      ? await benchCli(o.cliRuns, (m) => process.stderr.write(`[cli] ${m}\n`))
      : { skipped: "--cli-runs 0" };
  process.stdout.write(
    o.json
      ? JSON.stringify({ ...doc, catalog: catalogBench, forecast: forecast ?? { skipped: "--forecast-series 0" }, cli }, null, 2) + "\n"
      : renderText(doc) + renderCatalogBench(catalogBench) + (forecast ? "\n" + renderForecastBench(forecast) : "") + renderCliText(cli),
  );
}

if (require.main === module) void main();
