// AWS EC2 offers of the catalog build. Three kinds of rows:
//   - cited rows of shared/data/vm-prices.csv (7th-generation families in six regions);
//   - cited rows of sources/aws-ec2-prices.csv: one reference size per family in every region,
//     and every size in us-east-1;
//   - derived rows: the other sizes of a family in a region, priced as the region's reference
//     size times the size's price ratio in us-east-1 (EC2 prices are linear in size within a
//     family). Where both a cited and a derived price exist the build checks they agree.

import * as path from "path";
import { readCsv, round6, SourceTable } from "./build-support";
import type { OfferDraft } from "./build-offers";

/** The largest relative difference allowed between a derived price and a cited one. */
export const AWS_DERIVATION_TOLERANCE = 0.01;

interface FamilyInfo {
  readonly category: string;
  readonly arch: string;
  readonly sizes: readonly { size: string; vcpus: number; memoryGiB: number }[];
  readonly source: string;
}

interface CitedPrice {
  readonly od: number;
  readonly spot: number | null;
  readonly source: string;
}

/** Result of the AWS offer build: the offers and how far derived prices strayed from cited ones. */
export interface AwsOffers {
  readonly offers: OfferDraft[];
  /** Largest relative difference between a derived and a cited on-demand price, and where. */
  readonly worstDerivation: { readonly ratio: number; readonly where: string };
}

function readFamilies(sourcesDir: string): Map<string, FamilyInfo> {
  const out = new Map<string, FamilyInfo>();
  for (const r of readCsv(path.join(sourcesDir, "aws-ec2-families.csv"))) {
    const sizes = r.sizes.split(" ").map((s) => {
      const [size, vcpus, mem] = s.split(":");
      return { size, vcpus: Number(vcpus), memoryGiB: Number(mem) };
    });
    out.set(r.family, { category: r.category, arch: r.arch, sizes, source: r.source });
  }
  return out;
}

/** Cited prices by "region|type"; for us-east-1 the row with a spot price wins, and both must agree. */
function readCited(sourcesDir: string): Map<string, CitedPrice> {
  const out = new Map<string, CitedPrice>();
  const file = path.join(sourcesDir, "aws-ec2-prices.csv");
  for (const r of readCsv(file)) {
    const key = `${r.region}|${r.instance_type}`;
    const row: CitedPrice = {
      od: Number(r.ondemand_hourly_usd),
      spot: r.spot_hourly_usd === "" ? null : Number(r.spot_hourly_usd),
      source: r.source,
    };
    const prev = out.get(key);
    if (prev) {
      if (Math.abs(prev.od - row.od) > 1e-9) {
        throw new Error(`${file}: ${key} has on-demand ${prev.od} in ${prev.source} but ${row.od} in ${row.source}`);
      }
      if (prev.spot !== null) continue;
    }
    out.set(key, row);
  }
  return out;
}

/** Builds every AWS offer: cited where a row exists, derived by size ratio elsewhere. */
export function buildAwsOffers(
  sourcesDir: string,
  vmRows: readonly Record<string, string>[],
  sources: SourceTable,
): AwsOffers {
  const families = readFamilies(sourcesDir);
  const cited = readCited(sourcesDir);
  const offers: OfferDraft[] = [];
  const shared = new Map<string, Record<string, string>>();
  for (const r of vmRows) if (r.cloud === "aws") shared.set(`${r.region}|${r.instance_type}`, r);
  const skypilot = sources.byId("skypilot-catalog-v8", "cited");
  for (const r of shared.values()) {
    offers.push({
      cloud: "aws",
      region: r.region,
      instanceType: r.instance_type,
      family: r.family,
      category: r.category,
      arch: r.arch,
      vcpus: Number(r.vcpus),
      memoryGiB: Number(r.memory_gib),
      onDemand: Number(r.ondemand_hourly_usd),
      spot: r.spot_hourly_usd === "" ? null : Number(r.spot_hourly_usd),
      source: skypilot,
    });
  }
  const sharedFamilies = new Set([...shared.values()].map((r) => `${r.region}|${r.family}`));
  const derivedSource = sources.byId("aws-size-ratio", "derived");
  let worst = { ratio: 0, where: "" };
  const regions = new Set([...cited.keys()].map((k) => k.split("|")[0]));
  for (const [family, info] of families) {
    for (const region of [...regions].sort()) {
      // The reference is the region's cited size of this family from the per-region source.
      const ref = info.sizes.find((s) => {
        const c = cited.get(`${region}|${family}.${s.size}`);
        return c && (region !== "us-east-1" || c.spot !== null);
      });
      if (!ref) continue;
      const refPrice = cited.get(`${region}|${family}.${ref.size}`)!;
      const base = cited.get(`us-east-1|${family}.${ref.size}`);
      for (const s of info.sizes) {
        const type = `${family}.${s.size}`;
        const own = cited.get(`${region}|${type}`);
        const baseSize = cited.get(`us-east-1|${type}`);
        const derived =
          base && baseSize
            ? {
                od: round6((refPrice.od * baseSize.od) / base.od),
                spot: refPrice.spot === null ? null : round6((refPrice.spot * baseSize.od) / base.od),
              }
            : undefined;
        const sharedRow = shared.get(`${region}|${type}`);
        const check = sharedRow ? Number(sharedRow.ondemand_hourly_usd) : own?.od;
        if (derived && check !== undefined && s !== ref) {
          const ratio = Math.abs(derived.od - check) / check;
          if (ratio > worst.ratio) worst = { ratio, where: `${type} in ${region}` };
        }
        if (sharedFamilies.has(`${region}|${family}`)) continue;
        const price = own ?? derived;
        if (!price) continue;
        offers.push({
          cloud: "aws",
          region,
          instanceType: type,
          family,
          category: info.category,
          arch: info.arch,
          vcpus: s.vcpus,
          memoryGiB: s.memoryGiB,
          onDemand: price.od,
          // A cited on-demand row without spot (us-east-1 sizes) takes the derived spot price.
          spot: own ? (own.spot ?? derived?.spot ?? null) : derived!.spot,
          source: own
            ? own.spot === null && derived?.spot != null
              ? sources.byId(own.source, "cited", "spot price derived from the family's reference size by price ratio")
              : sources.byId(own.source, "cited")
            : derivedSource,
        });
      }
    }
  }
  if (worst.ratio > AWS_DERIVATION_TOLERANCE) {
    throw new Error(
      `AWS size-ratio derivation is off by ${(worst.ratio * 100).toFixed(2)}% for ${worst.where}; ` +
        "check sources/aws-ec2-prices.csv and sources/aws-ec2-families.csv",
    );
  }
  return { offers, worstDerivation: worst };
}
