// What region dominance (optimizer/prune.ts) must also check when the model carries network
// fixed costs (12) and latency requirements (13). Moving every workload from region b to region
// a of the same cloud keeps the optimum when, besides what prune.ts checks:
//   network: each fixed cost of a is at most b's (opening, private zone, public balancer, public
//     target, internal balancers, VPN gateway) and connecting a to any region q costs at most
//     connecting b to q. With fixed costs shared by every workload of a region, the move is of
//     all free workloads at once (one component), and regions of held workloads are kept.
//   latency: a is on b's continent (when a link requires the same continent) and, when some
//     requirement is a round trip, a is at least as near as b to every region any workload may
//     use and to every user location; every requirement b meets, a then meets.

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
  const rttLinks = spec.links.some((l) => l.latency?.kind === "rtt");
  const users = spec.services.flatMap((s) => s.latency?.from.flatMap((f) => f.points) ?? []);
  if (!spec.network && !continent && !rttLinks && users.length === 0) return undefined;
  const fc = spec.network ? fixedCosts(catalog, spec.network) : undefined;
  const roles = networkRoles(spec);
  const portCounts = [...new Set([...roles.called.values()].map((p) => p.length))];
  const rtt = latencyMatrix(catalog);
  const le = (x: number, y: number) => x <= y + EPS;
  return (a, b, points) => {
    if (continent && continentOf(catalog, a) !== continentOf(catalog, b)) return false;
    if (rttLinks || users.length > 0) {
      // Workloads in b move to a with everything else there (a link between a and b becomes one
      // within a); users stay where they are, even when their location is b itself.
      for (const x of points) if (x !== a && x !== b && !le(rtt.rtt(a, x), rtt.rtt(b, x))) return false;
      for (const x of users) if (!le(rtt.rtt(a, x), rtt.rtt(b, x))) return false;
    }
    if (!fc) return true;
    if (!le(fc.open(a), fc.open(b)) || !le(fc.zone(a), fc.zone(b)) || !le(fc.gateway(a), fc.gateway(b))) return false;
    if (roles.publics.size > 0 && (!le(fc.ingress(a), fc.ingress(b)) || !le(fc.publicTarget(a), fc.publicTarget(b)))) return false;
    for (const p of portCounts) if (!le(fc.endpoint(a, p), fc.endpoint(b, p))) return false;
    for (const q of points) if (q !== a && q !== b && !le(fc.pair(a, q), fc.pair(b, q))) return false;
    return true;
  };
}
