// Cloudflare load balancer pools, which DNS failover between origins relies on, must have a
// health monitor: without one every origin counts as healthy and the pool never fails over.
// The Cloudflare SDK is not a dependency of this pack, so the property is read by name.

import { field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** Cloudflare load balancer pools (pulumi-cloudflare v5 and v6). */
const POOL = "cloudflare:index/loadBalancerPool:LoadBalancerPool";

/** Every pool names a monitor. */
export const requireCloudflarePoolMonitor = resourceRule({
  name: "dns-failover-pool-health-checked",
  description:
    "Cloudflare load balancer pools used for DNS failover must have a health monitor.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: [],
  types: [POOL],
  check: (ctx) => {
    const monitor = field<Record<string, unknown>>(ctx.props, "monitor");
    if (monitor === UNKNOWN) return; // A monitor created in the same update.
    if (isPresent(monitor)) return;
    ctx.report(
      `${ctx.label} should be health checked: set monitor to a cloudflare.LoadBalancerMonitor ` +
        `so that unhealthy origins are taken out and traffic fails over.`,
    );
  },
});
