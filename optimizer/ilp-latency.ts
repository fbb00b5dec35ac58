// ILP constraint family 13 (see the comment block of ilp.ts): latency, over the presence
// indicators a[s,r] (and bucket columns b[k,r]).
//   13.link  For a link f–t with a requirement (within maxRttMs, or on the same continent), in
//            both directions: a[f,r] <= Σ_{q near r} a[t,q] for every region r of f: wherever one
//            end runs, the other end runs near.
//   13.users For a service with latency { maxRttMs, from }, for every point p standing for a user
//            location: Σ_{r : rtt(r,p) <= maxRttMs} a[s,r] >= 1.
// Constant sides (held workloads) fold into the bounds; a requirement no region can meet makes
// an empty row with a positive lower bound, so the model is infeasible and diagnosis names it.

import type { Catalog } from "./catalog";
import { Presence } from "./ilp-presence";
import { latencyMatrix } from "./latency/matrix";
import { linkNear } from "./latency/requirements";
import { LinExpr, ModelBuilder } from "./solvers/builder";
import type { NormalizedSpec } from "./spec";

/** 13. Latency between linked workloads and from users to user-facing services. */
export function addLatency(m: ModelBuilder, spec: NormalizedSpec, catalog: Catalog, presence: Presence): void {
  for (const l of spec.links) {
    if (!l.latency) continue;
    for (const [me, peer] of [
      [l.from, l.to],
      [l.to, l.from],
    ]) {
      const theirs = presence.regions(peer);
      for (const r of presence.regions(me)) {
        const mine = presence.of(me, r);
        if (mine.isConstant && mine.constant <= 0) continue;
        const row = new LinExpr().addExpr(mine, -1);
        for (const q of theirs) if (linkNear(catalog, l.latency, r, q)) row.addExpr(presence.of(peer, q));
        if (row.isConstant && row.constant >= 0) continue;
        m.addRow(`13.link[${me}>${peer},${r}]`, row, 0, Infinity);
      }
    }
  }
  const rtt = latencyMatrix(catalog);
  for (const s of spec.services) {
    if (!s.latency) continue;
    const regions = presence.regions(s.name);
    for (const place of s.latency.from)
      for (const p of place.points) {
        const row = new LinExpr();
        for (const r of regions) if (rtt.rtt(r, p) <= s.latency.maxRttMs + 1e-9) row.addExpr(presence.of(s.name, r));
        if (row.isConstant && row.constant >= 1) continue;
        m.addRow(`13.users[${s.name},${place.name},${p}]`, row, 1, Infinity);
      }
  }
}

/** Whether a spec has any latency requirement the ILP must model. */
export function hasLatency(spec: NormalizedSpec): boolean {
  return spec.links.some((l) => l.latency) || spec.services.some((s) => s.latency);
}
