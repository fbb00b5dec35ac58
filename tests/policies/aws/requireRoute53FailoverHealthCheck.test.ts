import { requireRoute53FailoverHealthCheck } from "../../../policies/aws/requireRoute53FailoverHealthCheck";
import { UNKNOWN_VALUE } from "../harness";
import { ruleCases } from "../ruleCases";

const FIX =
  "create a route53.HealthCheck for its endpoint and set healthCheckId, or alias a load balancer with evaluateTargetHealth true.";

ruleCases(
  "policies/aws/requireRoute53FailoverHealthCheck",
  requireRoute53FailoverHealthCheck,
  {
    type: "aws:route53/record:Record",
    name: "api-primary",
    props: { zoneId: "Z1", name: "api", type: "A", ttl: 60, records: ["203.0.113.10"], setIdentifier: "primary", failoverRoutingPolicies: [{ type: "PRIMARY" }], healthCheckId: UNKNOWN_VALUE },
  },
  [
    {
      it: "reports a failover record without a health check",
      props: (b) => ({ ...b, healthCheckId: undefined }),
      violations: [`Route 53 record 'api-primary' should be health checked: it is a failover record with no healthCheckId; ${FIX}`],
    },
    {
      it: "accepts an alias that evaluates its target's health",
      props: (b) => ({ ...b, healthCheckId: undefined, records: undefined, ttl: undefined, aliases: [{ name: "lb.amazonaws.com", zoneId: "Z2", evaluateTargetHealth: true }] }),
    },
    { it: "ignores simple records", props: () => ({ zoneId: "Z1", name: "www", type: "CNAME", ttl: 300, records: ["api"] }) },
  ],
);
