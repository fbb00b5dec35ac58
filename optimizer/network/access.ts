// Who may reach what in a network topology: the sources each service's port admits per region
// (its callers' networks, its balancers, the clouds' health checkers) and the private names each
// network resolves. Pure; used by buildTopology.

import type { Plan } from "../plan";
import type { NormalizedSpec } from "../spec";
import type { AdmitRule, Endpoint, NetworkNode, PrivateRecord } from "./topology";

/**
 * Google Cloud's health-check probe ranges, admitted to balanced ports on GCP
 * (cloud.google.com, "Health checks overview", probe IP ranges).
 */
export const GCP_HEALTH_CHECK_RANGES: readonly string[] = ["130.211.0.0/22", "35.191.0.0/16"];

/** Source address of Azure load balancer health probes (learn.microsoft.com, "What is IP address 168.63.129.16?"). */
export const AZURE_PROBE_SOURCE = "168.63.129.16/32";

/**
 * Private records of a network: for every service its workloads call, the name <service> with the
 * service's local balancer when it runs in this region (traffic stays local, as the cost model
 * assumes), otherwise the balancers of every region it runs in; and <service>-<cloud>-<region> for
 * each region, so a client can address one region explicitly.
 */
export function privateRecords(
  key: string,
  links: NormalizedSpec["links"],
  regionsOf: (s: string) => Map<string, number>,
  endpoints: Map<string, Endpoint[]>,
): PrivateRecord[] {
  const callees = [...new Set(links.filter((l) => regionsOf(l.from).has(key)).map((l) => l.to))].sort();
  const out: PrivateRecord[] = [];
  for (const service of callees) {
    const at = [...regionsOf(service).keys()]
      .sort()
      .map((k) => ({ k, e: endpoints.get(k)?.find((x) => x.service === service) }))
      .filter((x) => x.e);
    const local = at.find((x) => x.k === key);
    out.push({
      service,
      name: service,
      addresses: local ? local.e!.addresses : at.flatMap((x) => x.e!.addresses),
    });
    for (const x of at)
      out.push({ service, name: `${service}-${x.k.replace(":", "-")}`, addresses: x.e!.addresses });
  }
  return out;
}

/** Sources each service admits per region: its callers' networks, its balancers and their health checks. */
export function admitRules(
  spec: NormalizedSpec,
  plan: Plan,
  links: NormalizedSpec["links"],
  regionsOf: (s: string) => Map<string, number>,
  networks: readonly NetworkNode[],
): Record<string, Record<string, AdmitRule[]>> {
  const byKey = new Map(networks.map((n) => [n.key, n]));
  const callers = new Map<string, NormalizedSpec["links"][number][]>();
  for (const l of links) callers.set(l.to, [...(callers.get(l.to) ?? []), l]);
  const out: Record<string, Record<string, AdmitRule[]>> = {};
  for (const s of spec.services) {
    if (!plan.services[s.name]) continue;
    const perRegion: Record<string, AdmitRule[]> = {};
    for (const key of [...regionsOf(s.name).keys()].sort()) {
      const node = byKey.get(key);
      if (!node) continue;
      const rules = new Map<string, AdmitRule>();
      const add = (port: number, cidr: string, from: string) =>
        rules.set(`${String(port).padStart(5, "0")}|${cidr}`, { port, cidr, from });
      for (const l of callers.get(s.name) ?? [])
        for (const k of regionsOf(l.from).keys()) {
          const peer = byKey.get(k);
          if (peer) add(l.port, peer.cidr, k);
        }
      const health = (port: number) => {
        if (node.cloud === "gcp") for (const c of GCP_HEALTH_CHECK_RANGES) add(port, c, "health checks");
        if (node.cloud === "azure") add(port, AZURE_PROBE_SOURCE, "health probes");
      };
      const endpoint = node.endpoints.find((e) => e.service === s.name);
      if (endpoint) {
        for (const port of endpoint.ports) {
          // AWS network load balancers health-check from their own addresses in the balancer subnets.
          if (node.cloud === "aws") for (const c of node.subnets.balancers) add(port, c, "internal balancer");
          health(port);
        }
      }
      const pub = node.ingress.find((b) => b.service === s.name);
      if (pub) {
        if (node.cloud === "aws") for (const c of node.subnets.public) add(pub.port, c, "public balancer");
        if (node.cloud === "azure") add(pub.port, node.subnets.appGateway, "public balancer");
        if (node.cloud === "gcp") add(pub.port, node.subnets.proxy, "public balancer");
        health(pub.port);
      }
      perRegion[key] = [...rules.keys()].sort().map((k) => rules.get(k)!);
    }
    out[s.name] = perRegion;
  }
  return out;
}

