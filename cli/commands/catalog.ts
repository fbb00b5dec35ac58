// `cloudfit catalog show` and `cloudfit catalog refresh`: shows what the price catalog holds, and
// refreshes instance prices from the clouds' price feeds into a new catalog file. The command
// only parses, calls optimizer/catalog and renders.

import * as path from "path";
import type { CommandSpec, Flags } from "../args";
import { UsageError } from "../args";
import { EXIT_OK } from "../exitCodes";
import { table } from "../format";
import type { Io } from "../main";
import { Catalog, CatalogFile, loadCatalog, readCatalogFile } from "../../optimizer/catalog";
import { folderFetch, httpFetch, refreshCatalog } from "../../optimizer/catalog/refresh";
import { serializeCatalog, writeAtomic } from "../../optimizer/catalog/write";
import { CLOUDS, Cloud } from "../../optimizer/spec";

/** The catalog command and its flags. */
export const catalogCommand: CommandSpec = {
  name: "catalog",
  summary: "Show the price catalog, or refresh its instance prices from the clouds' price feeds.",
  usage:
    "cloudfit catalog show [--cloud aws] [--region eu-west-1] [--type m7g.large]\n" +
    "       cloudfit catalog refresh [--cloud aws,azure,gcp] [--regions us-east-1,eastus] [--out FILE] [--input DIR]",
  flags: [
    { name: "cloud", kind: "string", value: "CLOUDS", description: "Clouds to show or refresh, comma-separated (refresh default: aws,azure,gcp)." },
    { name: "region", kind: "string", value: "REGION", description: "show: list the offers of this region." },
    { name: "type", kind: "string", value: "TYPE", description: "show: list this instance type in every region that offers it." },
    { name: "regions", kind: "string", value: "REGIONS", description: "refresh: only these regions, comma-separated (default: every catalog region of the clouds)." },
    { name: "out", kind: "string", value: "FILE", description: "refresh: where to write the refreshed catalog.", default: "cloudfit-catalog.json" },
    { name: "input", kind: "string", value: "DIR", description: "refresh: read saved feed responses from DIR (aws-<region>.json, azure-<region>-<page>.json, gcp-<page>.json) instead of the network." },
  ],
};

/** Subcommands of catalog. */
export const CATALOG_SUBCOMMANDS = ["show", "refresh"] as const;

function clouds(flags: Flags, fallback: readonly Cloud[]): Cloud[] {
  const v = flags.cloud;
  if (typeof v !== "string") return [...fallback];
  const list = v.split(",").map((s) => s.trim()).filter(Boolean);
  for (const c of list) {
    if (!(CLOUDS as readonly string[]).includes(c)) throw new UsageError(`Unknown cloud "${c}" in --cloud. To fix: use aws, azure or gcp, comma-separated.`);
  }
  return list as Cloud[];
}

/** The catalog's figures for `show` without a region or type. */
export function catalogSummary(catalog: Catalog, only: readonly Cloud[]) {
  const byBasis: Record<string, number> = {};
  for (const s of catalog.sources) byBasis[s.basis] = (byBasis[s.basis] ?? 0) + 1;
  return {
    pricesOf: catalog.pricesOf,
    clouds: only.map((cloud) => {
      const regions = catalog.regions.filter((r) => r.cloud === cloud);
      const offers = regions.reduce((n, r) => n + catalog.offersIn(cloud, r.region).length, 0);
      return { cloud, regions: regions.length, offers, continents: [...new Set(regions.map((r) => r.continent))].sort() };
    }),
    servicePrices: catalog.priceKeys().length,
    sources: catalog.sources.length,
    sourcesByBasis: byBasis,
  };
}

function show(flags: Flags, io: Io, catalog: Catalog): number {
  const only = clouds(flags, CLOUDS);
  const json = flags.json === true;
  const region = typeof flags.region === "string" ? flags.region : undefined;
  const type = typeof flags.type === "string" ? flags.type : undefined;
  if (region || type) {
    const regions = catalog.regions.filter((r) => only.includes(r.cloud) && (!region || r.region === region));
    if (region && regions.length === 0) {
      const near = catalog.regions.filter((r) => r.region.startsWith(region.slice(0, 3))).map((r) => r.region).slice(0, 8);
      throw new UsageError(`Region "${region}" is not in the catalog. To fix: use a catalog region${near.length ? `, e.g. ${near.join(", ")}` : ""}.`);
    }
    const offers = regions.flatMap((r) => catalog.offersIn(r.cloud, r.region)).filter((o) => !type || o.instanceType === type);
    const rows = offers.map((o) => ({ ...o, source: catalog.sources[o.source] }));
    if (json) {
      io.stdout.write(JSON.stringify({ pricesOf: catalog.pricesOf, offers: rows }, null, 2) + "\n");
      return EXIT_OK;
    }
    io.stdout.write(`Offers${region ? ` in ${region}` : ""}${type ? ` of ${type}` : ""} (prices of ${catalog.pricesOf})\n\n`);
    io.stdout.write(
      table(
        [{ header: "CLOUD" }, { header: "REGION" }, { header: "TYPE" }, { header: "FAMILY" }, { header: "VCPU", align: "right" }, { header: "GIB", align: "right" }, { header: "ON-DEMAND/H", align: "right" }, { header: "SPOT/H", align: "right" }, { header: "BASIS" }],
        rows.map((o) => [o.cloud, o.region, o.instanceType, o.family, String(o.vcpus), String(o.memoryGiB), `$${o.onDemandHourlyUSD}`, o.spotHourlyUSD === null ? "-" : `$${o.spotHourlyUSD}`, o.source.basis]),
      ) + `\n\n${rows.length} offer${rows.length === 1 ? "" : "s"}.\n`,
    );
    return EXIT_OK;
  }
  const s = catalogSummary(catalog, only);
  if (json) {
    io.stdout.write(JSON.stringify(s, null, 2) + "\n");
    return EXIT_OK;
  }
  io.stdout.write(`Price catalog (prices of ${s.pricesOf})\n\n`);
  io.stdout.write(
    table(
      [{ header: "CLOUD" }, { header: "REGIONS", align: "right" }, { header: "OFFERS", align: "right" }, { header: "CONTINENTS" }],
      s.clouds.map((c) => [c.cloud, String(c.regions), String(c.offers), c.continents.join(" ")]),
    ) + "\n\n",
  );
  const basis = Object.entries(s.sourcesByBasis).map(([b, n]) => `${n} ${b}`).join(", ");
  io.stdout.write(`${s.servicePrices} service prices; ${s.sources} sources (${basis}).\nRun \`cloudfit catalog show --region REGION\` for a region's offers.\n`);
  return EXIT_OK;
}

async function refresh(flags: Flags, io: Io, file: CatalogFile): Promise<number> {
  const chosen = clouds(flags, CLOUDS);
  const regions = typeof flags.regions === "string" ? flags.regions.split(",").map((s) => s.trim()).filter(Boolean) : undefined;
  const out = path.resolve(io.cwd, String(flags.out));
  const input = typeof flags.input === "string" ? path.resolve(io.cwd, flags.input) : undefined;
  const result = await refreshCatalog(file, {
    clouds: chosen,
    regions,
    fetch: input ? folderFetch(input) : httpFetch(),
    gcpApiKey: io.env.CLOUDFIT_GCP_API_KEY,
    onProgress: (line) => io.stderr.write(`${line}\n`),
    today: new Date().toISOString().slice(0, 10),
  });
  writeAtomic(out, serializeCatalog(result.file));
  if (flags.json === true) {
    io.stdout.write(JSON.stringify({ out, pricesOf: result.file.pricesOf, counts: result.counts }, null, 2) + "\n");
    return EXIT_OK;
  }
  io.stdout.write(`Refreshed catalog written to ${out} (prices of ${result.file.pricesOf})\n\n`);
  io.stdout.write(
    table(
      [{ header: "CLOUD" }, { header: "UPDATED", align: "right" }, { header: "UNCHANGED", align: "right" }, { header: "ADDED", align: "right" }, { header: "NOT IN FEED", align: "right" }, { header: "SKIPPED", align: "right" }],
      result.counts.map((c) => [c.cloud, String(c.updated), String(c.unchanged), String(c.added), String(c.notInFeed), String(c.skipped)]),
    ) + "\n\n",
  );
  io.stdout.write(`To use it, set CLOUDFIT_CATALOG=${out} for plan, preview and the policy pack.\n`);
  return EXIT_OK;
}

/** Runs `catalog show` or `catalog refresh`. */
export async function runCatalog(flags: Flags, io: Io): Promise<number> {
  const sub = flags.subcommand;
  if (sub === "show") return show(flags, io, loadCatalog());
  if (sub === "refresh") {
    const current = io.env.CLOUDFIT_CATALOG ? readCatalogFile(io.env.CLOUDFIT_CATALOG) : (require("../../optimizer/catalog/catalog.json") as CatalogFile);
    return refresh(flags, io, current);
  }
  throw new UsageError(`"cloudfit catalog" needs a subcommand: show or refresh. To fix: run \`cloudfit catalog show\` or \`cloudfit catalog --help\`.`);
}
