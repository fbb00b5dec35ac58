// What region dominance (optimizer/prune.ts) must also check when the model carries network
// fixed costs (12) and latency requirements (13). Moving every workload from region b to region
// a of the same cloud keeps the optimum when, besides what prune.ts checks:
//   network: each fixed cost of a is at most b's (opening, private zone, public balancer, public
//     target, internal balancers, VPN gateway) and connecting a to any region q costs at most
//     connecting b to q. With fixed costs shared by every workload of a region, the move is of
//     all free workloads at once (one component), and regions of held workloads are kept.
//   latency: a is on b's continent (when a link requires the same continent); for every round
//     trip a link allows, every region any workload linked to the moved ones may use (the
//     component's regions and its held peers', other than a and b, which the move joins) that
//     is within it of b is within it of a; and for every user-facing service, each of its user locations within its round trip
//     of b is within it of a. Every requirement b meets, a then meets (only the thresholds
//     matter: a may be farther than b from a region both are near enough to).

import type { Catalog } from "./catalog";
import type { RegionKey } from "./evaluate";
import { networkRoles } from "./ilp-network";
import { latencyMatrix } from "./latency/matrix";
import { continentOf } from "./latency/requirements";
import { fixedCosts } from "./network/costs";
import type { NormalizedSpec } from "./spec";

const EPS = 1e-9;

/** Extra dominance test: may `a` replace `b`, given every region `points` the workloads may use. */
export type ExtraDominance = (a: RegionKey, b: RegionKey, points: readonly RegionKey[]) => boolean;

/** The dominance test fixed network costs and latency add, or undefined when the spec has neither. */
export function networkDominance(spec: NormalizedSpec, catalog: Catalog): ExtraDominance | undefined {
  const continent = spec.links.some((l) => l.latency?.kind === "continent");
  const linkLimits = [...new Set(spec.links.flatMap((l) => (l.latency?.kind === "rtt" ? [l.latency.maxRttMs] : [])))].sort((x, y) => x - y);
  const users = spec.services.flatMap((s) => (s.latency ? [{ limit: s.latency.maxRttMs, points: s.latency.from.flatMap((f) => f.points) }] : []));
  if (!spec.network && !continent && linkLimits.length === 0 && users.length === 0) return undefined;
  const fc = spec.network ? fixedCosts(catalog, spec.network) : undefined;
  const roles = networkRoles(spec);
  const portCounts = [...new Set([...roles.called.values()].map((p) => p.length))];
  const rtt = latencyMatrix(catalog);
  const le = (x: number, y: number) => x <= y + EPS;
  // Within a round trip as the latency rows count it (optimizer/latency/requirements.ts linkNear).
  const within = (x: RegionKey, y: string, limit: number) => rtt.rtt(x, y) <= limit + EPS;
  return (a, b, points) => {
    if (continent && continentOf(catalog, a) !== continentOf(catalog, b)) return false;
    // Workloads in b move to a with everything else there (a link between a and b becomes one
    // within a); users stay where they are, even when their location is b itself.
    for (const limit of linkLimits)
      for (const x of points) if (x !== a && x !== b && within(b, x, limit) && !within(a, x, limit)) return false;
    for (const u of users) for (const p of u.points) if (within(b, p, u.limit) && !within(a, p, u.limit)) return false;
    if (!fc) return true;
    if (!le(fc.open(a), fc.open(b)) || !le(fc.zone(a), fc.zone(b)) || !le(fc.gateway(a), fc.gateway(b))) return false;
    if (roles.publics.size > 0 && (!le(fc.ingress(a), fc.ingress(b)) || !le(fc.publicTarget(a), fc.publicTarget(b)))) return false;
    for (const p of portCounts) if (!le(fc.endpoint(a, p), fc.endpoint(b, p))) return false;
    for (const q of points) if (q !== a && q !== b && !le(fc.pair(a, q), fc.pair(b, q))) return false;
    return true;
  };
}
