// DNS failover records must be health checked: Route 53 fails over only when the primary's
// health check fails, so a failover record without one never fails over (or, for a secondary,
// answers even when its target is down).

import type { RecordArgs } from "@pulumi/aws/route53/record";
import type * as awsInput from "@pulumi/aws/types/input";
import { asBool, asList, field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Alias = awsInput.route53.RecordAlias;

/** Failover records have a healthCheckId, or alias a target whose health Route 53 evaluates. */
export const requireRoute53FailoverHealthCheck = resourceRule({
  name: "aws-route53-failover-record-health-checked",
  description:
    "Route 53 records with a failover routing policy must have a health check, or alias a target with evaluateTargetHealth on.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: [],
  types: ["aws:route53/record:Record"],
  check: (ctx) => {
    const failover = asList(field<RecordArgs>(ctx.props, "failoverRoutingPolicies"));
    if (failover === UNKNOWN) return ctx.undecided("failoverRoutingPolicies");
    if (failover.length === 0) return;
    // A health check ID not known yet (created in the same update) counts as set.
    if (isPresent(field<RecordArgs>(ctx.props, "healthCheckId"))) return;
    const aliases = asList(field<RecordArgs>(ctx.props, "aliases"));
    if (aliases === UNKNOWN) return ctx.undecided("aliases");
    const evaluated = aliases.map((a) => asBool(field<Alias>(a, "evaluateTargetHealth")));
    if (evaluated.some((e) => e === UNKNOWN)) return ctx.undecided("aliases[].evaluateTargetHealth");
    if (evaluated.length > 0 && evaluated.every((e) => e === true)) return;
    ctx.report(
      `${ctx.label} should be health checked: it is a failover record with no healthCheckId; ` +
        `create a route53.HealthCheck for its endpoint and set healthCheckId, or alias a load ` +
        `balancer with evaluateTargetHealth true.`,
    );
  },
});
