// ILP part of databases (see the comment block of ilp.ts for the rest of the model).
//
// Notation
//   k database; r cloud-region it may use (residency, clouds, regions) where some class of the
//   cloud holds it; o*_kr its cheapest offer in r (class, HA standby, read replicas and storage
//   priced by the database price rules: optimizer/database-offers.ts). The class never interacts
//   with anything else in the model (databases draw on no vCPU quota), so only the cheapest one
//   per region is a column; the plan records it.
//   d[k,r] ∈ {0,1}: database k runs in r. Share s_k(r) = d[k,r], as for a bucket, so links from
//   services to databases carry traffic exactly like links to buckets (constraint 9).
// Objective: Σ d[k,r]·price(o*_kr).
// Constraints
//   14. One region:     Σ_r d[k,r] = 1.
//   7.  Max clouds:     Σ_{r∈c} d[k,r] <= u[c] (added by ilp.ts with the other workloads).
//   11. Stability:      moving away from the previous region costs fixed + months · storage_k ·
//                       egressPrice_r_old (its data), i.e. m·(1 − d[k,r_old]); a new class in
//                       the same region is a resize in place and is not a move.

import type { Catalog, RegionInfo } from "./catalog";
import { allowedRegions } from "./candidates";
import { DatabaseOffer, databaseOffersIn, placedDatabaseOffer } from "./database-offers";
import { RegionKey, splitKey } from "./evaluate";
import type { DatabasePlacement, Plan } from "./plan";
import { LinExpr, ModelBuilder } from "./solvers/builder";
import type { Cloud, NormalizedDatabase, NormalizedSpec } from "./spec";
import { bucketMigrationUSD, DEFAULT_MIGRATION, MigrationSettings } from "./stability";

/** A free database's column in one region, with the offer it stands for. */
export interface DatabaseColumn {
  readonly key: RegionKey;
  readonly col: number;
  readonly offer: DatabaseOffer;
}

const cache = new WeakMap<Catalog, Map<string, ReadonlyMap<RegionKey, DatabaseOffer>>>();

/** The cheapest offer of a database in each region it may use (regions without one left out). */
export function cheapestDatabaseOffers(catalog: Catalog, db: NormalizedDatabase, allowBurstable: boolean): ReadonlyMap<RegionKey, DatabaseOffer> {
  const byCatalog = cache.get(catalog) ?? cache.set(catalog, new Map()).get(catalog)!;
  const id = JSON.stringify([db, allowBurstable]);
  const hit = byCatalog.get(id);
  if (hit) return hit;
  const out = new Map<RegionKey, DatabaseOffer>();
  for (const r of allowedRegions(catalog, db)) {
    const best = databaseOffersIn(catalog, db, r, allowBurstable)[0];
    if (best) out.set(`${r.cloud}:${r.region}`, best);
  }
  byCatalog.set(id, out);
  return out;
}

/** Candidate regions of every database of a spec (where some offer holds it). */
export function databaseRegions(spec: NormalizedSpec, catalog: Catalog): Map<string, RegionInfo[]> {
  const out = new Map<string, RegionInfo[]>();
  for (const d of spec.databases ?? []) {
    const offers = cheapestDatabaseOffers(catalog, d, spec.allowBurstable);
    out.set(d.name, allowedRegions(catalog, d).filter((r) => offers.has(`${r.cloud}:${r.region}`)));
  }
  return out;
}

/** Per free database, its candidate regions' monthly cost (for region pruning, as buckets). */
export function databaseRegionCosts(spec: NormalizedSpec, catalog: Catalog, fixed: Plan): Map<string, Map<RegionKey, number>> {
  const out = new Map<string, Map<RegionKey, number>>();
  for (const d of spec.databases ?? []) {
    if (fixed.databases?.[d.name]) continue;
    const offers = cheapestDatabaseOffers(catalog, d, spec.allowBurstable);
    out.set(d.name, new Map([...offers].map(([k, o]) => [k, o.monthlyUSD])));
  }
  return out;
}

/** A plan's databases as bucket placements, so that region pruning treats them as buckets. */
export function databasesAsBuckets(plan: Plan | undefined): Plan | undefined {
  if (!plan?.databases) return plan;
  const extra = Object.fromEntries(Object.entries(plan.databases).map(([n, d]) => [n, { cloud: d.cloud, region: d.region }]));
  return { ...plan, buckets: { ...plan.buckets, ...extra } };
}

/** What the database part of the model adds to the rest. */
export interface DatabaseModelPart {
  readonly vars: ReadonlyMap<string, readonly DatabaseColumn[]>;
  /** Per cloud, the expression counting the database's columns there (for max clouds). */
  readonly cloudUse: readonly { readonly cloud: Cloud; readonly expr: LinExpr; readonly cap: number }[];
  readonly heldClouds: readonly Cloud[];
  readonly unplaceable: readonly string[];
}

/**
 * Adds every database: held ones as constants (their price to the offset, their share to
 * `shares`), free ones as region columns with constraint 12.
 */
export function addDatabases(
  m: ModelBuilder,
  spec: NormalizedSpec,
  catalog: Catalog,
  fixed: Plan,
  pruned: ReadonlyMap<string, ReadonlySet<RegionKey>>,
  shares: Map<string, Map<RegionKey, LinExpr>>,
): DatabaseModelPart {
  const vars = new Map<string, DatabaseColumn[]>();
  const cloudUse: { cloud: Cloud; expr: LinExpr; cap: number }[] = [];
  const heldClouds: Cloud[] = [];
  const unplaceable: string[] = [];
  for (const d of spec.databases ?? []) {
    const byRegion = new Map<RegionKey, LinExpr>();
    shares.set(d.name, byRegion);
    const held = fixed.databases?.[d.name];
    if (held) {
      byRegion.set(`${held.cloud}:${held.region}`, new LinExpr().addConstant(1));
      m.offset += placedDatabaseOffer(catalog, d, held)?.monthlyUSD ?? 0; // verified before the build
      heldClouds.push(held.cloud);
      continue;
    }
    const drop = pruned.get(d.name);
    const offers = [...cheapestDatabaseOffers(catalog, d, spec.allowBurstable)].filter(([k]) => !drop?.has(k));
    if (offers.length === 0) unplaceable.push(d.name);
    const cols: DatabaseColumn[] = [];
    const one = new LinExpr();
    const byCloud = new Map<Cloud, LinExpr>();
    for (const [key, offer] of offers) {
      const col = m.addCol(`d[${d.name},${key}]`, offer.monthlyUSD, 0, 1, true);
      cols.push({ key, col, offer });
      one.add(col, 1);
      byRegion.set(key, new LinExpr().add(col, 1));
      (byCloud.get(offer.cloud) ?? byCloud.set(offer.cloud, new LinExpr()).get(offer.cloud)!).add(col, 1);
    }
    vars.set(d.name, cols);
    // 14. Each database in exactly one region.
    m.addRow(`12.database[${d.name}]`, one, 1, 1);
    for (const [cloud, expr] of byCloud) cloudUse.push({ cloud, expr, cap: 1 });
  }
  return { vars, cloudUse, heldClouds, unplaceable };
}

/** Migration cost of a database leaving a region: the fixed amount plus egress of its storage. */
export function databaseMigrationUSD(catalog: Catalog, d: NormalizedDatabase, p: { cloud: Cloud; region: string }, settings: MigrationSettings = DEFAULT_MIGRATION): number {
  return bucketMigrationUSD(catalog, d.storageGiB, p.cloud, p.region, settings);
}

/** 11. The migration penalty of moving free databases away from a previous plan's regions. */
export function databaseStability(
  spec: NormalizedSpec,
  catalog: Catalog,
  previous: Plan,
  settings: MigrationSettings | undefined,
  vars: ReadonlyMap<string, readonly DatabaseColumn[]>,
  fixed: Plan = { services: {}, buckets: {} },
): LinExpr {
  const penalty = new LinExpr();
  for (const d of spec.databases ?? []) {
    const cols = vars.get(d.name);
    const prev = previous.databases?.[d.name];
    // Held elsewhere: its move is a constant (as for services and buckets in addStability).
    const held = fixed.databases?.[d.name];
    if (held && prev && !cols && (held.cloud !== prev.cloud || held.region !== prev.region)) penalty.addConstant(databaseMigrationUSD(catalog, d, prev, settings));
    if (!cols || !prev) continue;
    const rate = databaseMigrationUSD(catalog, d, prev, settings);
    penalty.addConstant(rate);
    const col = cols.find((c) => c.key === `${prev.cloud}:${prev.region}`)?.col;
    if (col !== undefined) penalty.add(col, -rate);
  }
  return penalty;
}

/** Reads the databases out of column values; held ones are copied from the fixed plan. */
export function decodeDatabases(
  spec: NormalizedSpec,
  fixed: Plan,
  vars: ReadonlyMap<string, readonly DatabaseColumn[]>,
  values: ArrayLike<number>,
): Record<string, DatabasePlacement> | undefined {
  if (!spec.databases || spec.databases.length === 0) return undefined;
  const out: Record<string, DatabasePlacement> = {};
  for (const d of spec.databases) {
    const held = fixed.databases?.[d.name];
    if (held) {
      out[d.name] = { ...held };
      continue;
    }
    let best: DatabaseColumn | undefined;
    for (const c of vars.get(d.name) ?? []) if (!best || values[c.col] > values[best.col] + 1e-9) best = c;
    if (best && values[best.col] > 0.5) {
      const [cloud, region] = splitKey(best.key);
      out[d.name] = { cloud, region, instanceClass: best.offer.instanceClass };
    }
  }
  return out;
}
