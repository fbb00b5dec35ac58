// Validation of one service or bucket of a workload spec: size, architecture, spot, placement
// lists, ports and availability, each problem with its path and fix, defaults filled in.

import type { Catalog } from "./catalog";
import { CLOUDS, Cloud, NormalizedBucket, NormalizedService } from "./spec";
import {
  ARCHES,
  Problems,
  RULES,
  checkKeys,
  checkName,
  cloudFix,
  isObject,
  join,
  listField,
  minShare,
  numField,
  numValue,
  orList,
  ownEntry,
  perCloudCap,
  regionFix,
  residencyCodes,
  show,
  suggest,
} from "./validate-fields";
import { serviceLatency } from "./validate-latency";

const SERVICE_KEYS = [
  "replicas",
  "vcpu",
  "memoryGiB",
  "arch",
  "diskGiB",
  "spotReplicas",
  "residency",
  "clouds",
  "regions",
  "availability",
  "ports",
  "publicPorts",
  "latency",
];
const AVAILABILITY_KEYS = ["minClouds", "minRegions", "maxSharePerCloud"];
const BUCKET_KEYS = ["storageGiB", "internetEgressGiB", "residency", "clouds", "regions"];

/** Ports that give shell or desktop access; never opened to the internet. */
const ADMIN_PORTS: Readonly<Record<number, string>> = { 22: "SSH", 3389: "RDP" };

const ARCH_ALIASES: Readonly<Record<string, string>> = {
  amd64: "x86_64",
  x64: "x86_64",
  "x86-64": "x86_64",
  aarch64: "arm64",
  arm: "arm64",
};

const RESIDENCY_ALIASES: Readonly<Record<string, string>> = {
  EUROPE: "EU",
  ASIA: "AS",
  "NORTH AMERICA": "NA",
  USA: "US",
  GERMANY: "DE",
  IRELAND: "IE",
  NETHERLANDS: "NL",
  JAPAN: "JP",
  SINGAPORE: "SG",
};

/** The global settings a workload's checks depend on. */
export interface GlobalPart {
  clouds: readonly Cloud[];
  maxClouds: number;
  quotas: Record<string, number>;
  budgetUSD?: number;
  allowBurstable: boolean;
  /** Default maxRttMs of links (none: the same continent). */
  linkMaxRttMs?: number;
}

/** Checks one service; returns it normalized, or undefined when a required field is unusable. */
export function validateService(
  name: string,
  raw: unknown,
  g: GlobalPart,
  catalog: Catalog,
  p: Problems,
): NormalizedService | undefined {
  const path = join("services", name);
  checkName(name, path, p);
  if (!isObject(raw)) {
    p.add(
      path,
      `must be an object with replicas, vcpu and memoryGiB, got ${show(raw)}`,
      "write { replicas: 2, vcpu: 2, memoryGiB: 4 }",
    );
    return undefined;
  }
  checkKeys(raw, SERVICE_KEYS, path, p);
  const replicas = numField(raw, "replicas", path, RULES.replicas, p, true);
  const vcpu = numField(raw, "vcpu", path, RULES.vcpu, p, true);
  const memoryGiB = numField(raw, "memoryGiB", path, RULES.memoryGiB, p, true);
  const diskGiB = numField(raw, "diskGiB", path, RULES.diskGiB, p) ?? 20;
  const spotRule = replicas === undefined ? RULES.spotReplicas : RULES.spotUpTo(replicas);
  const spotReplicas = numField(raw, "spotReplicas", path, spotRule, p) ?? 0;
  const arch = archField(raw.arch, path, p);
  const w = placementLists(raw, path, g, catalog, p);
  const ports = portList(raw, "ports", path, p) ?? [8080];
  const publicPorts = publicPortList(raw, path, p);
  const av = availability(raw.availability, path, replicas, w, g, p);
  const latency = serviceLatency(raw.latency, name, catalog, p);

  if (replicas === undefined || vcpu === undefined || memoryGiB === undefined) return undefined;
  return {
    name,
    replicas,
    vcpu,
    memoryGiB,
    arch,
    diskGiB,
    spotReplicas,
    residency: w.residency,
    clouds: w.clouds,
    regions: w.regions,
    ...av,
    ports,
    publicPorts,
    ...(latency ? { latency } : {}),
  };
}

/** Checks one bucket; returns it normalized, or undefined when its size is unusable. */
export function validateBucket(
  name: string,
  raw: unknown,
  g: GlobalPart,
  catalog: Catalog,
  p: Problems,
): NormalizedBucket | undefined {
  const path = join("buckets", name);
  checkName(name, path, p);
  if (!isObject(raw)) {
    p.add(path, `must be an object with storageGiB, got ${show(raw)}`, "write { storageGiB: 100 }");
    return undefined;
  }
  checkKeys(raw, BUCKET_KEYS, path, p);
  const storageGiB = numField(raw, "storageGiB", path, RULES.storageGiB, p, true);
  const egress = numField(raw, "internetEgressGiB", path, RULES.internetEgressGiB, p) ?? 0;
  const w = placementLists(raw, path, g, catalog, p);
  if (storageGiB === undefined) return undefined;
  return { name, storageGiB, internetEgressGiB: egress, ...w };
}

/** The clouds listed under `clouds` of `path`, without repeats; undefined when absent. */
export function cloudList(
  raw: Record<string, unknown>,
  path: string,
  p: Problems,
): Cloud[] | undefined {
  const items = listField(raw, "clouds", path, p, '["aws"]');
  if (!items) return undefined;
  if (items.length === 0) {
    p.add(
      `${path}.clouds`,
      "must list at least one cloud",
      "remove it to allow every cloud, or write aws",
    );
    return undefined;
  }
  const out: Cloud[] = [];
  for (const f of items) {
    if ((CLOUDS as readonly unknown[]).includes(f.value)) {
      if (!out.includes(f.value as Cloud)) out.push(f.value as Cloud);
    } else {
      p.add(f.path, `must be one of ${CLOUDS.join(", ")}, got ${show(f.value)}`, cloudFix(f.value));
    }
  }
  return out;
}

function archField(v: unknown, path: string, p: Problems): NormalizedService["arch"] {
  if (v === undefined) return "any";
  if (typeof v === "string" && (ARCHES as readonly string[]).includes(v)) {
    return v as NormalizedService["arch"];
  }
  const s =
    typeof v === "string"
      ? (ownEntry(ARCH_ALIASES, v.toLowerCase()) ?? suggest(v, ARCHES))
      : undefined;
  p.add(
    `${path}.arch`,
    `must be one of ${ARCHES.join(", ")}, got ${show(v)}`,
    s ? `write ${s}` : `write one of ${orList(ARCHES)}`,
  );
  return "any";
}

/** Residency, clouds (intersected with the global ones) and regions of a service or bucket. */
export function placementLists(
  raw: Record<string, unknown>,
  path: string,
  g: GlobalPart,
  catalog: Catalog,
  p: Problems,
): Pick<NormalizedBucket, "residency" | "clouds" | "regions"> {
  const residency: string[] = [];
  const codes = residencyCodes(catalog);
  const known = [...codes.continents, ...codes.countries];
  for (const f of listField(raw, "residency", path, p, '["EU"]') ?? []) {
    const code = typeof f.value === "string" ? f.value.trim().toUpperCase() : "";
    if (known.includes(code)) {
      if (!residency.includes(code)) residency.push(code);
      continue;
    }
    const s = ownEntry(RESIDENCY_ALIASES, code);
    p.add(
      f.path,
      `must be a continent (${codes.continents.join(", ")}) or a country with a region in the ` +
        `catalog (${codes.countries.join(", ")}), got ${show(f.value)}`,
      s && known.includes(s) ? `write ${s}` : "use one of those codes",
    );
  }

  const before = p.list.length;
  const own = cloudList(raw, path, p);
  const cloudsBroken = p.list.length > before;
  const clouds = own ? CLOUDS.filter((c) => own.includes(c) && g.clouds.includes(c)) : g.clouds;
  if (own && own.length > 0 && clouds.length === 0) {
    p.add(
      `${path}.clouds`,
      `allows only ${own.join(", ")}, which global.clouds (${g.clouds.join(", ")}) excludes`,
      `add ${own[0]} to global.clouds, or choose among ${g.clouds.join(", ")}`,
    );
  }

  const regions: string[] = [];
  for (const f of listField(raw, "regions", path, p, '["eu-central-1"]') ?? []) {
    const info = typeof f.value === "string" ? catalog.regionById(f.value) : undefined;
    if (!info) {
      const fix = regionFix(f.value, catalog, clouds.length > 0 ? clouds : CLOUDS);
      p.add(f.path, `must be a region of the catalog, got ${show(f.value)}`, fix);
    } else if (!clouds.includes(info.cloud)) {
      // With a broken clouds list the mismatch is already reported there.
      if (cloudsBroken) continue;
      const where = g.clouds.includes(info.cloud) ? `${path}.clouds` : "global.clouds";
      p.add(
        f.path,
        `${info.region} is a region of ${info.cloud}, but ${path} may only use ` +
          `${clouds.join(", ") || "no cloud"}`,
        `add ${info.cloud} to ${where}, or remove ${info.region}`,
      );
    } else if (!regions.includes(info.region)) {
      regions.push(info.region);
    }
  }
  return { residency, clouds, regions };
}

/** A list of TCP ports without repeats; undefined when absent. */
function portList(
  raw: Record<string, unknown>,
  key: string,
  path: string,
  p: Problems,
): number[] | undefined {
  const items = listField(raw, key, path, p, "[8080]");
  if (!items) return undefined;
  const out: number[] = [];
  for (const f of items) {
    const v = numValue(f.value, f.path, RULES.port, p);
    if (v !== undefined && !out.includes(v)) out.push(v);
  }
  return out;
}

/** Ports opened to the internet: 80 and 443 only, and never an admin port. */
function publicPortList(raw: Record<string, unknown>, path: string, p: Problems): number[] {
  const out: number[] = [];
  for (const f of listField(raw, "publicPorts", path, p, "[443]") ?? []) {
    const port = numValue(f.value, f.path, RULES.port, p);
    if (port === undefined) continue;
    if (ADMIN_PORTS[port]) {
      p.add(
        f.path,
        `must not open port ${port} (${ADMIN_PORTS[port]}) to the internet`,
        "remove it, and reach replicas through a bastion or the cloud's remote-access service " +
          "instead",
      );
    } else if (port !== 80 && port !== 443) {
      p.add(
        f.path,
        `must be 80 or 443, got ${port}`,
        "serve the service on 80 (HTTP) or 443 (HTTPS), or remove it",
      );
    } else if (!out.includes(port)) {
      out.push(port);
    }
  }
  return out;
}

/** The availability spread of a service, checked against its replicas, clouds and regions. */
function availability(
  av: unknown,
  path: string,
  replicas: number | undefined,
  w: Pick<NormalizedBucket, "clouds" | "regions">,
  g: GlobalPart,
  p: Problems,
): Pick<NormalizedService, "minClouds" | "minRegions" | "maxSharePerCloud"> {
  const out = { minClouds: 1, minRegions: 1, maxSharePerCloud: 1 };
  const avPath = `${path}.availability`;
  if (av === undefined) return out;
  if (!isObject(av)) {
    p.add(avPath, `must be an object, got ${show(av)}`, "write availability: { minClouds: 2 }");
    return out;
  }
  checkKeys(av, AVAILABILITY_KEYS, avPath, p);
  const n = w.clouds.length;
  const mc = numField(av, "minClouds", avPath, RULES.minClouds, p);
  if (mc !== undefined) {
    out.minClouds = mc;
    const at = `${avPath}.minClouds`;
    if (replicas !== undefined && mc > replicas) {
      p.add(
        at,
        `must be at most replicas (${replicas}), got ${mc}`,
        `lower it to ${replicas}, or raise replicas to ${mc}`,
      );
    } else if (n > 0 && mc > n) {
      p.add(
        at,
        `must be at most the number of clouds the service may use ` +
          `(${n}: ${w.clouds.join(", ")}), got ${mc}`,
        `lower it to ${n}, or allow more clouds`,
      );
    } else if (mc > g.maxClouds) {
      p.add(
        at,
        `must be at most global.maxClouds (${g.maxClouds}), got ${mc}`,
        `lower it to ${g.maxClouds}, or raise global.maxClouds to ${mc}`,
      );
    }
  }
  const mr = numField(av, "minRegions", avPath, RULES.minRegions, p);
  if (mr !== undefined) {
    out.minRegions = mr;
    const at = `${avPath}.minRegions`;
    const listed = w.regions.length;
    if (replicas !== undefined && mr > replicas) {
      p.add(
        at,
        `must be at most replicas (${replicas}), got ${mr}`,
        `lower it to ${replicas}, or raise replicas to ${mr}`,
      );
    } else if (listed > 0 && mr > listed) {
      p.add(
        at,
        `must be at most the number of regions in ${path}.regions (${listed}), got ${mr}`,
        `lower it to ${listed}, or list more regions`,
      );
    }
  }
  const ms = numField(av, "maxSharePerCloud", avPath, RULES.maxSharePerCloud, p);
  if (ms !== undefined) {
    out.maxSharePerCloud = ms;
    if (replicas !== undefined && n > 0) {
      shareProblem(ms, replicas, w.clouds, g.maxClouds, avPath, p);
    }
  }
  return out;
}

/** Reports a maxSharePerCloud that leaves too few replicas per cloud for the clouds available. */
function shareProblem(
  share: number,
  replicas: number,
  clouds: readonly Cloud[],
  maxClouds: number,
  avPath: string,
  p: Problems,
): void {
  const usable = Math.min(clouds.length, maxClouds);
  const cap = perCloudCap(share, replicas);
  if (cap * usable >= replicas) return;
  const limit = maxClouds < clouds.length ? "global.maxClouds" : clouds.join(", ");
  const message =
    cap === 0
      ? `allows no replica in any one cloud (${share} x ${replicas} replicas rounds down to 0)`
      : `allows at most ${cap} of the ${replicas} replicas in one cloud, so the service needs ` +
        `${Math.ceil(replicas / cap)} clouds, but it may use only ${usable} (${limit})`;
  const more =
    usable >= CLOUDS.length
      ? ""
      : maxClouds < clouds.length
        ? ", or raise global.maxClouds"
        : ", or allow more clouds";
  p.add(
    `${avPath}.maxSharePerCloud`,
    message,
    `raise it to at least ${minShare(replicas, usable)}${more}`,
  );
}
