// Validation of a workload spec: checks plain data from TypeScript or stack config against the
// catalog, reports every problem at once (path, what is wrong, how to fix it) and fills defaults.

import type { Catalog } from "./catalog";
import { SpecValidationError } from "./errors";
import {
  CLOUDS,
  DEFAULT_NETWORK_COSTS,
  NormalizedBucket,
  NormalizedDatabase,
  NormalizedLink,
  NormalizedService,
  NormalizedSpec,
} from "./spec";
import {
  Problems,
  RULES,
  boolField,
  checkKeys,
  isObject,
  join,
  numField,
  show,
  suggest,
} from "./validate-fields";
import { GlobalPart, cloudList, validateBucket, validateService } from "./validate-workload";
import { linkLatency, RTT_RULE } from "./validate-latency";
import { validateDatabase } from "./validate-database";

const TOP_KEYS = ["services", "buckets", "databases", "links", "global"];
const GLOBAL_KEYS = ["clouds", "maxClouds", "quotas", "budgetUSD", "allowBurstable", "linkMaxRttMs"];
const LINK_KEYS = ["from", "to", "monthlyGiB", "port", "maxRttMs"];
const EXAMPLE = "{ api: { replicas: 2, vcpu: 2, memoryGiB: 4 } }";

/**
 * Checks a workload spec and returns it with every default filled in, sorted by name; throws a
 * SpecValidationError listing every problem when anything is wrong.
 */
export function validateSpec(input: unknown, catalog: Catalog): NormalizedSpec {
  const p = new Problems();
  if (!isObject(input)) {
    p.add(
      "spec",
      `must be an object with services, buckets, links and global, got ${show(input)}`,
      `write the spec as { services: ${EXAMPLE} }`,
    );
    throw new SpecValidationError(p.list);
  }
  checkKeys(input, TOP_KEYS, "", p);
  // Global settings are read first (workloads depend on them) but reported last, in document order.
  const globalProblems = new Problems();
  const global = validateGlobal(input.global, catalog, globalProblems);

  const services: NormalizedService[] = [];
  const rawServices = input.services;
  if (rawServices === undefined) {
    p.add(
      "services",
      "is required",
      `add services, a map from service name to its spec, e.g. ${EXAMPLE}`,
    );
  } else if (!isObject(rawServices)) {
    p.add(
      "services",
      `must be a map from service name to its spec, got ${show(rawServices)}`,
      `write services: ${EXAMPLE}`,
    );
  } else {
    for (const name of Object.keys(rawServices)) {
      const s = validateService(name, rawServices[name], global, catalog, p);
      if (s) services.push(s);
    }
  }

  const buckets: NormalizedBucket[] = [];
  const rawBuckets = input.buckets;
  if (rawBuckets !== undefined && !isObject(rawBuckets)) {
    p.add(
      "buckets",
      `must be a map from bucket name to its spec, got ${show(rawBuckets)}`,
      "write buckets: { assets: { storageGiB: 100 } }",
    );
  } else if (rawBuckets) {
    for (const name of Object.keys(rawBuckets)) {
      const b = validateBucket(name, rawBuckets[name], global, catalog, p);
      if (b) buckets.push(b);
    }
  }

  const databases: NormalizedDatabase[] = [];
  const rawDatabases = input.databases;
  if (rawDatabases !== undefined && !isObject(rawDatabases)) {
    p.add(
      "databases",
      `must be a map from database name to its spec, got ${show(rawDatabases)}`,
      "write databases: { orders: { engine: postgres, vcpu: 2, memoryGiB: 8, storageGiB: 100 } }",
    );
  } else if (rawDatabases) {
    for (const name of Object.keys(rawDatabases)) {
      const d = validateDatabase(name, rawDatabases[name], global, catalog, p);
      if (d) databases.push(d);
    }
  }

  const serviceNames = isObject(rawServices) ? Object.keys(rawServices) : [];
  const bucketNames = isObject(rawBuckets) ? Object.keys(rawBuckets) : [];
  const databaseNames = isObject(rawDatabases) ? Object.keys(rawDatabases) : [];
  for (const name of bucketNames.filter((n) => serviceNames.includes(n))) {
    p.add(
      join("buckets", name),
      `name is also used by ${join("services", name)}; ` +
        "names must be unique across services and buckets",
      "rename the bucket or the service, since both become cloud resource names",
    );
  }
  for (const name of databaseNames.filter((n) => serviceNames.includes(n) || bucketNames.includes(n))) {
    const other = serviceNames.includes(name) ? join("services", name) : join("buckets", name);
    p.add(
      join("databases", name),
      `name is also used by ${other}; names must be unique across services, buckets and databases`,
      "rename one of them, since each becomes part of cloud resource names",
    );
  }
  if (isObject(rawServices) && serviceNames.length === 0 && bucketNames.length === 0) {
    p.add(
      "services",
      "must name at least one service or bucket",
      `add a service, e.g. services: ${EXAMPLE}`,
    );
  }

  const links = validateLinks(input.links, serviceNames, bucketNames, services, global.linkMaxRttMs, p, databases, databaseNames);
  p.list.push(...globalProblems.list);
  if (p.list.length > 0) throw new SpecValidationError(p.list);

  return {
    services: services.sort(byName),
    buckets: buckets.sort(byName),
    ...(databases.length > 0 ? { databases: databases.sort(byName) } : {}),
    // Array.prototype.sort is stable: links with the same (from, to) keep their input order.
    links: links.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to)),
    clouds: global.clouds,
    maxClouds: global.maxClouds,
    quotas: global.quotas,
    ...(global.budgetUSD !== undefined ? { budgetUSD: global.budgetUSD } : {}),
    allowBurstable: global.allowBurstable,
    network: DEFAULT_NETWORK_COSTS,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName(a: { name: string }, b: { name: string }): number {
  return cmp(a.name, b.name);
}

function validateGlobal(raw: unknown, catalog: Catalog, p: Problems): GlobalPart {
  const out: GlobalPart = {
    clouds: CLOUDS,
    maxClouds: CLOUDS.length,
    quotas: {},
    allowBurstable: false,
  };
  if (raw === undefined) return out;
  if (!isObject(raw)) {
    p.add(
      "global",
      `must be an object, got ${show(raw)}`,
      "write global: { clouds: [aws, gcp] } or remove it",
    );
    return out;
  }
  checkKeys(raw, GLOBAL_KEYS, "global", p);
  const clouds = cloudList(raw, "global", p);
  if (clouds && clouds.length > 0) out.clouds = clouds;
  const maxClouds = numField(raw, "maxClouds", "global", RULES.maxClouds, p);
  if (maxClouds !== undefined) out.maxClouds = maxClouds;
  const budget = numField(raw, "budgetUSD", "global", RULES.budgetUSD, p);
  if (budget !== undefined) out.budgetUSD = budget;
  const burst = boolField(raw, "allowBurstable", "global", p);
  if (burst !== undefined) out.allowBurstable = burst;
  const rtt = numField(raw, "linkMaxRttMs", "global", RTT_RULE, p);
  if (rtt !== undefined) out.linkMaxRttMs = rtt;

  const quotas = raw.quotas;
  if (quotas !== undefined && !isObject(quotas)) {
    p.add(
      "global.quotas",
      `must be a map from "cloud:region" to a vCPU count, got ${show(quotas)}`,
      'write quotas: { "aws:us-east-1": 256 }',
    );
  } else if (quotas) {
    const keys = catalog.regions.map((r) => `${r.cloud}:${r.region}`);
    for (const key of Object.keys(quotas)) {
      if (keys.includes(key)) {
        const v = numField(quotas, key, "global.quotas", RULES.quota, p);
        if (v !== undefined) out.quotas[key] = v;
        continue;
      }
      const byId = catalog.regionById(key);
      const near = suggest(key, keys);
      const fix = byId
        ? `write "${byId.cloud}:${byId.region}"`
        : near
          ? `write "${near}"`
          : `use "cloud:region" with a region of the catalog, e.g. "${keys[0]}"`;
      p.add(join("global.quotas", key), "is not a cloud-region in the catalog", fix);
    }
  }
  return out;
}

function validateLinks(
  raw: unknown,
  serviceNames: readonly string[],
  bucketNames: readonly string[],
  services: readonly NormalizedService[],
  defaultRttMs: number | undefined,
  p: Problems,
  databases: readonly NormalizedDatabase[] = [],
  databaseNames: readonly string[] = [],
): NormalizedLink[] {
  const out: NormalizedLink[] = [];
  if (raw === undefined) return out;
  if (!Array.isArray(raw)) {
    p.add(
      "links",
      `must be a list of links, got ${show(raw)}`,
      "write links: [{ from: web, to: api, monthlyGiB: 100 }]",
    );
    return out;
  }
  const ends: Ends = {
    services: new Set(serviceNames),
    buckets: new Set([...bucketNames, ...databaseNames]),
    databases: new Set(databaseNames),
    serviceList: serviceNames,
    anyList: [...new Set([...serviceNames, ...bucketNames, ...databaseNames])],
  };
  const dbByName = new Map(databases.map((d) => [d.name, d]));
  const byName = new Map(services.map((s) => [s.name, s]));
  const seen = new Map<string, number>();
  raw.forEach((link, i) => {
    const path = `links[${i}]`;
    if (!isObject(link)) {
      p.add(
        path,
        `must be an object with from, to and monthlyGiB, got ${show(link)}`,
        "write { from: web, to: api, monthlyGiB: 100 }",
      );
      return;
    }
    checkKeys(link, LINK_KEYS, path, p);
    const from = endpoint(link.from, `${path}.from`, ends, "from", p);
    const to = endpoint(link.to, `${path}.to`, ends, "to", p);
    const monthlyGiB = numField(link, "monthlyGiB", path, RULES.monthlyGiB, p, true);
    const port = numField(link, "port", path, RULES.port, p);
    const latency = linkLatency(link, path, defaultRttMs, p);
    if (from !== undefined && from === to) {
      p.add(
        `${path}.to`,
        `is the same as from (${show(from)})`,
        `link ${from} to another workload, or remove the link`,
      );
      return;
    }
    if (from === undefined || to === undefined || monthlyGiB === undefined) return;
    const toKind = ends.services.has(to) ? "service" : databaseNames.includes(to) ? "database" : "bucket";
    let chosen = port;
    if (toKind === "database") {
      const db = dbByName.get(to);
      if (!db) return; // The database has problems of its own, already reported.
      if (port !== undefined && port !== db.port) {
        p.add(`${path}.port`, `must be ${db.port} for a ${db.engine} database, got ${port}`, `write ${db.port}, or remove it`);
      }
      chosen = db.port;
    } else if (toKind === "bucket") {
      if (port !== undefined && port !== 443) {
        p.add(`${path}.port`, `must be 443 for a bucket, got ${port}`, "write 443, or remove it");
      }
      chosen = 443;
    } else {
      const target = byName.get(to);
      if (!target) return; // The target service has problems of its own, already reported.
      const at = join("services", to);
      if (port !== undefined && !target.ports.includes(port)) {
        p.add(
          `${path}.port`,
          `must be one of the ports of ${at} (${target.ports.join(", ") || "none"}), got ${port}`,
          target.ports.length > 0
            ? `add ${port} to ${at}.ports, or write ${target.ports[0]}`
            : `add ${port} to ${at}.ports`,
        );
      } else if (port === undefined && target.ports.length === 0) {
        p.add(path, `links to ${at}, which listens on no ports`, `add a port to ${at}.ports`);
      }
      chosen = port ?? target.ports[0];
    }
    if (chosen === undefined) return;
    const key = JSON.stringify([from, to, chosen]);
    const first = seen.get(key);
    if (first !== undefined) {
      p.add(
        path,
        `repeats links[${first}] (${from} to ${to} on port ${chosen})`,
        "merge the two into one link with the total monthlyGiB",
      );
      return;
    }
    seen.set(key, i);
    out.push({ from, to, toKind, monthlyGiB, port: chosen, latency });
  });
  return out;
}

/** The names a link may refer to. */
interface Ends {
  readonly services: ReadonlySet<string>;
  readonly buckets: ReadonlySet<string>;
  /** Databases (also in `buckets`, which holds every non-service end). */
  readonly databases?: ReadonlySet<string>;
  readonly serviceList: readonly string[];
  /** Services then buckets, without repeats. */
  readonly anyList: readonly string[];
}

/** One end of a link: a service for `from`, a service or bucket for `to`. */
function endpoint(
  v: unknown,
  path: string,
  ends: Ends,
  side: "from" | "to",
  p: Problems,
): string | undefined {
  const names = side === "from" ? ends.serviceList : ends.anyList;
  const what = side === "from" ? "service" : ends.databases?.size ? "service, bucket or database" : "service or bucket";
  if (v === undefined) {
    p.add(
      path,
      "is required",
      `write the name of a ${what}${names.length ? `, e.g. ${names[0]}` : ""}`,
    );
    return undefined;
  }
  if (typeof v === "string" && (ends.services.has(v) || (side === "to" && ends.buckets.has(v)))) {
    return v;
  }
  if (side === "from" && typeof v === "string" && ends.buckets.has(v)) {
    const kind = ends.databases?.has(v) ? "database" : "bucket";
    p.add(path, `${show(v)} is a ${kind}, but a link starts at a service`, "swap from and to");
    return undefined;
  }
  const near = typeof v === "string" ? suggest(v, names) : undefined;
  p.add(
    path,
    typeof v === "string"
      ? `no ${what} is named ${show(v)}`
      : `must be the name of a ${what}, got ${show(v)}`,
    near
      ? `write ${near}`
      : names.length
        ? `use one of ${names.join(", ")}`
        : `add the ${what} it names`,
  );
  return undefined;
}
