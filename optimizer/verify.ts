// Verification: checks any plan against every constraint of a spec, independently of the ILP.
// The optimizer runs it on every solver answer before returning it; tests run it on every plan.

import type { Catalog } from "./catalog";
import { meetsResidency } from "./candidates";
import type { BucketPlacement, DatabasePlacement, Plan, ServicePlacement } from "./plan";
import type { Cloud, NormalizedBucket, NormalizedDatabase, NormalizedService, NormalizedSpec } from "./spec";
import { placedDatabaseOffer } from "./database-offers";
import { classShape } from "./database-classes";
import { perCloudCap } from "./validate-fields";
import { linkLatencyViolations, userLatencyViolations } from "./latency/requirements";
import { BALANCERS_PER_NETWORK } from "./network/topology";

const isWhole = (x: unknown, min: number): x is number => typeof x === "number" && Number.isInteger(x) && x >= min;

/** Whether a cloud-region is allowed for a workload by global clouds, its clouds, regions and residency. */
function regionProblem(
  spec: NormalizedSpec,
  catalog: Catalog,
  w: NormalizedService | NormalizedBucket | NormalizedDatabase,
  cloud: Cloud,
  region: string,
): string | undefined {
  const info = catalog.region(cloud, region);
  if (!info) return `${cloud}:${region} is not a region of the price catalog`;
  if (!spec.clouds.includes(cloud)) return `${cloud} is not among the globally allowed clouds (${spec.clouds.join(", ")})`;
  if (!w.clouds.includes(cloud)) return `${cloud} is not among its allowed clouds (${w.clouds.join(", ")})`;
  if (w.regions.length > 0 && !w.regions.includes(region)) return `${region} is not among its allowed regions (${w.regions.join(", ")})`;
  if (!meetsResidency(info, w.residency)) {
    return `${cloud}:${region} (${info.country}, ${info.continent}) breaks its residency ${w.residency.join(", ")}`;
  }
  return undefined;
}

/**
 * Why replicas of a service cannot run on a group's instance type in its region (empty when
 * they can): the region or type is not allowed, unknown to the catalog, or too small.
 */
export function groupProblems(
  spec: NormalizedSpec,
  catalog: Catalog,
  s: NormalizedService,
  g: { readonly cloud: Cloud; readonly region: string; readonly instanceType: string },
): string[] {
  const out: string[] = [];
  const bad = regionProblem(spec, catalog, s, g.cloud, g.region);
  if (bad) out.push(bad);
  const o = catalog.offer(g.cloud, g.region, g.instanceType);
  if (!o) return [...out, "the price catalog has no such offer"];
  if (o.vcpus < s.vcpu) out.push(`${o.vcpus} vCPUs is below the ${s.vcpu} needed per replica`);
  if (o.memoryGiB < s.memoryGiB) out.push(`${o.memoryGiB} GiB of memory is below the ${s.memoryGiB} GiB needed`);
  if (s.arch !== "any" && o.arch !== s.arch) out.push(`architecture ${o.arch} is not the required ${s.arch}`);
  if (!spec.allowBurstable && o.category === "burstable") out.push("burstable types are not allowed");
  return out;
}

/** Whether a bucket may stay in a region (empty when it may), as sentences without a full stop. */
export function bucketRegionProblems(spec: NormalizedSpec, catalog: Catalog, k: NormalizedBucket, p: BucketPlacement): string[] {
  const bad = regionProblem(spec, catalog, k, p.cloud, p.region);
  return bad ? [bad] : [];
}

/** Violations of one service's own constraints by its placement, as sentences. */
export function serviceViolations(
  spec: NormalizedSpec,
  catalog: Catalog,
  s: NormalizedService,
  placement: ServicePlacement | undefined,
): string[] {
  const at = `services.${s.name}`;
  if (!placement || !Array.isArray(placement.groups) || placement.groups.length === 0) return [`${at} has no placement.`];
  const out: string[] = [];
  const seen = new Set<string>();
  let count = 0;
  let spot = 0;
  const perCloud = new Map<Cloud, number>();
  const regions = new Set<string>();
  for (const g of placement.groups) {
    const where = `${at} group ${g.cloud}:${g.region} ${g.instanceType}`;
    const id = `${g.cloud}:${g.region}:${g.instanceType}`;
    if (seen.has(id)) out.push(`${where} is listed twice.`);
    seen.add(id);
    if (!isWhole(g.count, 1)) out.push(`${where} has count ${g.count}, not a whole number of at least 1.`);
    if (!isWhole(g.spot, 0) || g.spot > g.count) out.push(`${where} has spot ${g.spot}, not a whole number from 0 to its count.`);
    count += g.count;
    spot += g.spot;
    perCloud.set(g.cloud, (perCloud.get(g.cloud) ?? 0) + g.count);
    regions.add(`${g.cloud}:${g.region}`);
    out.push(...groupProblems(spec, catalog, s, g).map((p) => `${where}: ${p}.`));
    const o = catalog.offer(g.cloud, g.region, g.instanceType);
    if (o && g.spot > 0 && o.spotHourlyUSD === null) out.push(`${where}: runs ${g.spot} on spot, but the type has no spot price there.`);
  }
  if (count !== s.replicas) out.push(`${at} has ${count} replicas, not the ${s.replicas} required.`);
  if (spot > s.spotReplicas) out.push(`${at} runs ${spot} replicas on spot, more than its spotReplicas ${s.spotReplicas}.`);
  const cap = perCloudCap(s.maxSharePerCloud, s.replicas);
  for (const [c, n] of [...perCloud].sort()) {
    if (n > cap) out.push(`${at} has ${n} replicas in ${c}, more than maxSharePerCloud ${s.maxSharePerCloud} allows (${cap}).`);
  }
  if (perCloud.size < s.minClouds) out.push(`${at} runs in ${perCloud.size} clouds, fewer than minClouds ${s.minClouds}.`);
  if (regions.size < s.minRegions) out.push(`${at} runs in ${regions.size} regions, fewer than minRegions ${s.minRegions}.`);
  const known = [...regions].filter((k) => catalog.region(k.slice(0, k.indexOf(":")) as Cloud, k.slice(k.indexOf(":") + 1)));
  out.push(...userLatencyViolations(catalog, s, known.sort()));
  return out;
}

/** Violations of one bucket's constraints by its placement, as sentences. */
export function bucketViolations(
  spec: NormalizedSpec,
  catalog: Catalog,
  k: NormalizedBucket,
  placement: BucketPlacement | undefined,
): string[] {
  if (!placement) return [`buckets.${k.name} has no placement.`];
  const bad = regionProblem(spec, catalog, k, placement.cloud, placement.region);
  return bad ? [`buckets.${k.name} in ${placement.cloud}:${placement.region}: ${bad}.`] : [];
}

/**
 * Why a database cannot run on a class in a region (empty when it can): the region is not
 * allowed, the class is not its cloud's or is too small, or the offer cannot be priced there.
 */
export function databaseProblems(spec: NormalizedSpec, catalog: Catalog, d: NormalizedDatabase, p: DatabasePlacement): string[] {
  const out: string[] = [];
  const bad = regionProblem(spec, catalog, d, p.cloud, p.region);
  if (bad) out.push(bad);
  const cls = classShape(d.engine, p.instanceClass);
  if (!cls || cls.cloud !== p.cloud) return [...out, `${p.instanceClass} is not a ${p.cloud} database class cloudfit knows`];
  if (d.instanceClass && d.instanceClass !== p.instanceClass) out.push(`the spec asks for ${d.instanceClass}`);
  if (cls.vcpus < d.vcpu) out.push(`${cls.vcpus} vCPUs is below the ${d.vcpu} needed`);
  if (cls.memoryGiB < d.memoryGiB) out.push(`${cls.memoryGiB} GiB of memory is below the ${d.memoryGiB} GiB needed`);
  if (cls.burstable && !d.instanceClass && (!spec.allowBurstable || d.ha !== "none")) out.push("burstable classes are not allowed for it");
  if (out.length === 0 && !placedDatabaseOffer(catalog, d, p)) out.push("its storage or class cannot be priced there");
  return out;
}

/** Violations of one database's constraints by its placement, as sentences. */
export function databaseViolations(spec: NormalizedSpec, catalog: Catalog, d: NormalizedDatabase, p: DatabasePlacement | undefined): string[] {
  if (!p) return [`databases.${d.name} has no placement.`];
  return databaseProblems(spec, catalog, d, p).map((x) => `databases.${d.name} in ${p.cloud}:${p.region} on ${p.instanceClass}: ${x}.`);
}

/**
 * Violations of the global constraints (vCPU quotas, maxClouds, and the latency between linked
 * workloads) by the workloads a plan places.
 */
export function globalViolations(spec: NormalizedSpec, catalog: Catalog, plan: Plan): string[] {
  const out: string[] = [];
  const vcpus = new Map<string, number>();
  const clouds = new Set<Cloud>();
  for (const p of Object.values(plan.services)) {
    for (const g of p.groups) {
      clouds.add(g.cloud);
      const o = catalog.offer(g.cloud, g.region, g.instanceType);
      const k = `${g.cloud}:${g.region}`;
      if (o) vcpus.set(k, (vcpus.get(k) ?? 0) + o.vcpus * g.count);
    }
  }
  for (const b of Object.values(plan.buckets)) clouds.add(b.cloud);
  for (const d of Object.values(plan.databases ?? {})) clouds.add(d.cloud);
  for (const key of Object.keys(spec.quotas).sort()) {
    const used = vcpus.get(key) ?? 0;
    if (used > spec.quotas[key]) out.push(`Quota ${key}: the plan uses ${used} vCPUs, more than the quota of ${spec.quotas[key]}.`);
  }
  if (clouds.size > spec.maxClouds) {
    out.push(`The plan uses ${clouds.size} clouds (${[...clouds].sort().join(", ")}), more than maxClouds ${spec.maxClouds}.`);
  }
  out.push(...linkLatencyViolations(spec, catalog, plan));
  out.push(...balancerViolations(spec, plan));
  return out;
}

/**
 * 12.balancers: regions where more services that others call run than the network layer has
 * internal balancer addresses for (it cannot lay such a plan out).
 */
export function balancerViolations(spec: NormalizedSpec, plan: Plan): string[] {
  if (!spec.network) return [];
  const called = new Set(spec.links.filter((l) => l.toKind === "service").map((l) => l.to));
  const perRegion = new Map<string, number>();
  for (const name of [...called].sort()) {
    for (const k of new Set((plan.services[name]?.groups ?? []).filter((g) => g.count > 0).map((g) => `${g.cloud}:${g.region}`))) perRegion.set(k, (perRegion.get(k) ?? 0) + 1);
  }
  return [...perRegion]
    .filter(([, n]) => n > BALANCERS_PER_NETWORK)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([key, n]) => `Region ${key}: ${n} services other services call run there, more than the ${BALANCERS_PER_NETWORK} internal balancers its network has addresses for.`);
}

/** Every constraint of the spec the plan breaks, in words; empty when the plan is valid. */
export function verifyPlan(spec: NormalizedSpec, catalog: Catalog, plan: Plan): string[] {
  const out: string[] = [];
  const services = new Set(spec.services.map((s) => s.name));
  const buckets = new Set(spec.buckets.map((b) => b.name));
  for (const s of spec.services) out.push(...serviceViolations(spec, catalog, s, plan.services[s.name]));
  for (const k of spec.buckets) out.push(...bucketViolations(spec, catalog, k, plan.buckets[k.name]));
  for (const name of Object.keys(plan.services).sort()) if (!services.has(name)) out.push(`services.${name} is placed but not in the spec.`);
  for (const name of Object.keys(plan.buckets).sort()) if (!buckets.has(name)) out.push(`buckets.${name} is placed but not in the spec.`);
  const databases = new Set((spec.databases ?? []).map((d) => d.name));
  for (const d of spec.databases ?? []) out.push(...databaseViolations(spec, catalog, d, plan.databases?.[d.name]));
  for (const name of Object.keys(plan.databases ?? {}).sort()) if (!databases.has(name)) out.push(`databases.${name} is placed but not in the spec.`);
  out.push(...databaseReachViolations(spec, plan));
  out.push(...globalViolations(spec, catalog, plan));
  return out;
}

/** The services linked to a database (its callers), sorted. */
export function databaseCallers(spec: NormalizedSpec, name: string): string[] {
  return [...new Set(spec.links.filter((l) => l.to === name && l.toKind === "database").map((l) => l.from))].sort();
}

/**
 * A database runs in a region where at least one of its callers runs: the network layer links
 * the regions services call each other across, so a database anywhere else would have no route.
 */
export function databaseReachViolations(spec: NormalizedSpec, plan: Plan): string[] {
  const out: string[] = [];
  for (const d of spec.databases ?? []) {
    const p = plan.databases?.[d.name];
    const callers = databaseCallers(spec, d.name);
    if (!p || callers.length === 0) continue;
    const near = callers.some((s) => plan.services[s]?.groups.some((g) => g.count > 0 && g.cloud === p.cloud && g.region === p.region));
    if (!near) {
      out.push(`databases.${d.name} in ${p.cloud}:${p.region}: none of the services linked to it (${callers.join(", ")}) runs there, so it would have no network route from them.`);
    }
  }
  return out;
}
