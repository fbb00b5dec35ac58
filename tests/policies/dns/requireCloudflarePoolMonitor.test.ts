import { requireCloudflarePoolMonitor } from "../../../policies/dns/requireCloudflarePoolMonitor";
import { UNKNOWN_VALUE } from "../harness";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/dns/requireCloudflarePoolMonitor",
  requireCloudflarePoolMonitor,
  { type: "cloudflare:index/loadBalancerPool:LoadBalancerPool", name: "origins", props: { accountId: "a", name: "origins", origins: [{ name: "eu", address: "eu.example.com" }], monitor: "m-1" } },
  [
    { it: "reports a pool without a monitor", props: (b) => ({ ...b, monitor: undefined }), violations: ["Cloudflare load balancer pool 'origins' should be health checked: set monitor to a cloudflare.LoadBalancerMonitor so that unhealthy origins are taken out and traffic fails over."] },
    { it: "counts a monitor created in the same update as set", props: (b) => ({ ...b, monitor: UNKNOWN_VALUE }) },
  ],
);
