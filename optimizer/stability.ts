// Stability: keeps workloads where a previous plan put them unless moving saves more than the
// cost of moving. Prices migrations and builds the migration penalty of the ILP (constraint 11
// in ilp.ts); optimizer/moves.ts reports each move with its saving and migration cost.

import type { Catalog } from "./catalog";
import { RegionKey, splitKey } from "./evaluate";
import type { Plan, ReplicaGroup } from "./plan";
import { LinExpr, ModelBuilder } from "./solvers/builder";
import type { RegionVars } from "./ilp";
import type { Cloud, NormalizedService, NormalizedSpec } from "./spec";

/** What moving a workload costs: a fixed amount per replica plus months of its data's egress. */
export interface MigrationSettings {
  /** USD per moved replica (or moved bucket). */
  readonly fixedPerReplicaUSD: number;
  /** Months of internet egress of the workload's data charged per move. */
  readonly egressMonths: number;
}

/** The default threshold: $50 per moved replica plus one month's egress of its data. */
export const DEFAULT_MIGRATION: MigrationSettings = { fixedPerReplicaUSD: 50, egressMonths: 1 };

/** Monthly GiB of all links a workload takes part in. */
function linkGiB(spec: NormalizedSpec, name: string): number {
  return spec.links.reduce((n, l) => n + (l.from === name || l.to === name ? l.monthlyGiB : 0), 0);
}

/**
 * Migration cost of one replica of a service leaving a region: the fixed amount plus its share of
 * the service's link traffic and its disk, sent once (per egress month) at the region's egress rate.
 */
export function replicaMigrationUSD(
  spec: NormalizedSpec,
  catalog: Catalog,
  s: NormalizedService,
  cloud: Cloud,
  region: string,
  settings: MigrationSettings,
): number {
  const gib = linkGiB(spec, s.name) / s.replicas + s.diskGiB;
  return settings.fixedPerReplicaUSD + settings.egressMonths * gib * catalog.internetEgressPerGiB(cloud, region);
}

/** Migration cost of a bucket leaving a region: the fixed amount plus egress of its data. */
export function bucketMigrationUSD(
  catalog: Catalog,
  storageGiB: number,
  cloud: Cloud,
  region: string,
  settings: MigrationSettings,
): number {
  return settings.fixedPerReplicaUSD + settings.egressMonths * storageGiB * catalog.internetEgressPerGiB(cloud, region);
}

/** Replicas per "cloud:region|instanceType" of a list of groups. */
function countsByType(groups: readonly ReplicaGroup[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const g of groups) {
    const k = `${g.cloud}:${g.region}|${g.instanceType}`;
    m.set(k, (m.get(k) ?? 0) + g.count);
  }
  return m;
}

/** The model's columns of one instance type in one region of a service (on-demand and spot). */
function typeColumns(vars: readonly RegionVars[], key: RegionKey, type: string): number[] {
  return vars
    .filter((v) => v.key === key)
    .flatMap((v) => [...v.onDemand, ...v.spot])
    .filter((v) => v.offer.instanceType === type)
    .map((v) => v.col);
}

/** A column κ <= count of replicas kept on columns `cols`, with its row κ <= Σ cols. */
function keptColumn(m: ModelBuilder, name: string, cols: readonly number[], count: number): number {
  const kept = m.addCol(`kept[${name}]`, 0, 0, count, false);
  const row = new LinExpr().add(kept, 1);
  for (const c of cols) row.add(c, -1);
  m.addRow(`11.kept[${name}]`, row, -Infinity, 0);
  return kept;
}

/**
 * 11. Adds kept (κ) and dropped (δ) columns and their rows for every free workload of the
 * previous plan, and returns the penalty expression (constant included) to add to the objective.
 * Replicas whose instance type or region is no longer a column (the entry no longer fits) have
 * no κ: their migration stays in the penalty's constant, so every forced move is counted. A
 * workload of the previous plan held elsewhere (`fixed`) adds its moves as a constant, so that
 * the objective of a model that holds part of a plan is the whole plan's: the groups of
 * optimizer/groups.ts compare the objectives of models that hold different parts.
 */
export function addStability(
  m: ModelBuilder,
  spec: NormalizedSpec,
  catalog: Catalog,
  previous: Plan,
  settings: MigrationSettings = DEFAULT_MIGRATION,
  serviceVars: ReadonlyMap<string, readonly RegionVars[]>,
  bucketVars: ReadonlyMap<string, readonly { key: RegionKey; col: number }[]>,
  fixed: Plan = { services: {}, buckets: {} },
): LinExpr {
  const penalty = new LinExpr();
  for (const s of spec.services) {
    const vars = serviceVars.get(s.name);
    const prev = previous.services[s.name]?.groups;
    const held = fixed.services[s.name]?.groups;
    if (held && prev && !vars) penalty.addConstant(serviceMoveUSD(spec, catalog, s, prev, held, settings));
    if (!vars || !prev || prev.length === 0) continue;
    const counts = countsByType(prev);
    const before = [...counts.values()].reduce((a, b) => a + b, 0);
    const shrink = before - s.replicas;
    const drops = new LinExpr();
    for (const [id, count] of counts) {
      const [key, type] = id.split("|");
      const [cloud, region] = splitKey(key);
      const rate = replicaMigrationUSD(spec, catalog, s, cloud, region, settings);
      penalty.addConstant(rate * count);
      const cols = typeColumns(vars, key, type);
      let kept: number | undefined;
      if (cols.length > 0) {
        kept = keptColumn(m, `${s.name},${key},${type}`, cols, count);
        penalty.add(kept, -rate);
      }
      if (shrink > 0) {
        const dropped = m.addCol(`dropped[${s.name},${key},${type}]`, 0, 0, count, false);
        penalty.add(dropped, -rate);
        drops.add(dropped, 1);
        if (kept !== undefined) {
          m.addRow(`11.slots[${s.name},${key},${type}]`, new LinExpr().add(kept, 1).add(dropped, 1), -Infinity, count);
        }
      }
    }
    if (shrink > 0) m.addRow(`11.dropped[${s.name}]`, drops, -Infinity, shrink);
  }
  for (const k of spec.buckets) {
    const cols = bucketVars.get(k.name);
    const prev = previous.buckets[k.name];
    const held = fixed.buckets[k.name];
    if (held && prev && !cols && (held.cloud !== prev.cloud || held.region !== prev.region)) {
      penalty.addConstant(bucketMigrationUSD(catalog, k.storageGiB, prev.cloud, prev.region, settings));
    }
    if (!cols || !prev) continue;
    const rate = bucketMigrationUSD(catalog, k.storageGiB, prev.cloud, prev.region, settings);
    penalty.addConstant(rate);
    const col = cols.find((c) => c.key === `${prev.cloud}:${prev.region}`)?.col;
    if (col !== undefined) penalty.add(col, -rate);
  }
  return penalty;
}

/**
 * Requires at least `atLeast` of a service's replicas to stay on the instance types and in the
 * regions of `groups` (used to price "keep the replicas it has" when reporting a move).
 */
export function addKeep(
  m: ModelBuilder,
  service: string,
  groups: readonly ReplicaGroup[],
  atLeast: number,
  vars: readonly RegionVars[],
): void {
  const kept = new LinExpr();
  for (const [id, count] of countsByType(groups)) {
    const [key, type] = id.split("|");
    const cols = typeColumns(vars, key, type);
    if (cols.length > 0) kept.add(keptColumn(m, `keep,${service},${key},${type}`, cols, count), 1);
  }
  m.addRow(`11.keep[${service}]`, kept, atLeast, Infinity);
}

/** Migration cost charged for moving a service from its previous groups to its new ones. */
export function serviceMoveUSD(
  spec: NormalizedSpec,
  catalog: Catalog,
  s: NormalizedService,
  from: readonly ReplicaGroup[],
  to: readonly ReplicaGroup[],
  settings: MigrationSettings,
): number {
  const now = countsByType(to);
  const units: number[] = [];
  let before = 0;
  for (const [id, count] of countsByType(from)) {
    before += count;
    const [key] = id.split("|");
    const [cloud, region] = splitKey(key);
    const moved = count - Math.min(count, now.get(id) ?? 0);
    const rate = replicaMigrationUSD(spec, catalog, s, cloud, region, settings);
    for (let i = 0; i < moved; i++) units.push(rate);
  }
  // Replicas dropped when the service shrinks are not moves: drop the dearest first.
  units.sort((a, b) => b - a);
  return units.slice(Math.max(0, before - s.replicas)).reduce((a, b) => a + b, 0);
}

/** Replicas kept on the same instance type in the same region between two placements. */
export function keptReplicas(from: readonly ReplicaGroup[], to: readonly ReplicaGroup[]): number {
  const now = countsByType(to);
  let kept = 0;
  for (const [id, count] of countsByType(from)) kept += Math.min(count, now.get(id) ?? 0);
  return kept;
}

/**
 * Replicas that changed region or instance type between two placements of a service; replicas
 * added or dropped by a change of the replica count, and spot/on-demand swaps, are not moves.
 */
export function movedReplicas(replicas: number, from: readonly ReplicaGroup[], to: readonly ReplicaGroup[]): number {
  const before = from.reduce((n, g) => n + g.count, 0);
  return Math.max(0, Math.min(replicas, before) - keptReplicas(from, to));
}

export { reportMoves } from "./moves";
