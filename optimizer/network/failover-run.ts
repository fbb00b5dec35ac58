// Runs the front-door failover simulation with the settings the FrontDoor component deploys and
// prints the failover times: `npm run failover [-- --runs N --share S --propagation S --json]`.

import { mulberry32 } from "../../bench/generate";
import { DEFAULT_FAILOVER, FailoverConfig, FRONT_DOOR, simulateFailover } from "./failover";

const HELP = `Usage: npm run failover -- [--runs N] [--share S] [--propagation S] [--json]

Simulates a region's balancer going down behind the front door (Route 53 weighted records with
health checks every ${FRONT_DOOR.requestIntervalS} s, unhealthy after ${FRONT_DOOR.failureThreshold} failures, TTL ${FRONT_DOOR.ttlS} s) and reports
how long until DNS stops answering with it and until clients reach a healthy region.

  --runs N          simulated outages (default 100000)
  --share S         the failed region's share of the weights, 0 < S <= 1 (default 0.75)
  --propagation S   seconds from the health verdict to changed DNS answers (default 0)
  --json            one JSON document on stdout
`;

function main(argv: string[]): number {
  const opt: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      process.stdout.write(HELP);
      return 0;
    }
    if (a === "--json") opt.json = true;
    else if (["--runs", "--share", "--propagation"].includes(a) && argv[i + 1] !== undefined) opt[a.slice(2)] = argv[++i];
    else {
      process.stderr.write(`Unknown or incomplete option ${JSON.stringify(a)}. To fix: see npm run failover -- --help.\n`);
      return 2;
    }
  }
  const runs = Number(opt.runs ?? 100000);
  const share = Number(opt.share ?? 0.75);
  const propagation = Number(opt.propagation ?? 0);
  if (!Number.isInteger(runs) || runs < 1 || !(share > 0 && share <= 1) || !(propagation >= 0)) {
    process.stderr.write("--runs must be a whole number >= 1, --share in (0, 1], --propagation >= 0. To fix: correct the value.\n");
    return 2;
  }
  const config: FailoverConfig = { ...DEFAULT_FAILOVER, propagationS: propagation, failedShare: share };
  const r = simulateFailover(config, runs, mulberry32(1));
  if (opt.json) {
    process.stdout.write(`${JSON.stringify({ config, ...r })}\n`);
    return 0;
  }
  const row = (name: string, d: typeof r.detection) =>
    `${name.padEnd(22)}${[d.p50, d.p95, d.p99, d.max].map((x) => `${x.toFixed(1)} s`.padStart(9)).join("")}`;
  process.stdout.write(
    [
      `Front-door failover, ${runs} simulated outages (checks every ${config.intervalS} s, ${config.failureThreshold} failures, TTL ${config.ttlS} s, ${config.checkers} checkers, failed share ${share})`,
      "",
      `${"".padEnd(22)}${["p50", "p95", "p99", "max"].map((h) => h.padStart(9)).join("")}`,
      row("DNS stops answering", r.detection),
      row("client fails over", r.clients),
      "",
      `Worst case allowed by the model: ${r.worstCaseS} s (${config.failureThreshold} x ${config.intervalS} s + ${config.probeTimeoutS} s probe timeout + ${propagation} s propagation + ${config.ttlS} s TTL).`,
      "",
    ].join("\n"),
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
