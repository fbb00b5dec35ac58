// Load balancer listeners must not serve plain HTTP: an HTTP listener may only redirect to
// HTTPS. Classic load balancers must not have HTTP listeners at all.

import type { LoadBalancerArgs } from "@pulumi/aws/elb/loadBalancer";
import type * as awsInput from "@pulumi/aws/types/input";
import { CLASSIC_ELB, LISTENER_TYPES, listenerProtocol, redirectsToHttps } from "../lib/awsListeners";
import { asList, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type ClassicListener = awsInput.elb.LoadBalancerListener;

/** HTTP listeners only redirect to HTTPS; classic listeners use HTTPS, SSL or TCP. */
export const requireLoadBalancerHttps = resourceRule({
  name: "aws-lb-listener-https-only",
  description:
    "Load balancer listeners must serve HTTPS: an HTTP listener may only redirect to HTTPS, and classic load balancers must not listen on HTTP.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AWS_2", "CKV_AWS_378", "CKV_AWS_376"],
  types: [...LISTENER_TYPES, CLASSIC_ELB],
  check: (ctx) => {
    if (ctx.type === CLASSIC_ELB) {
      const listeners = asList(field<LoadBalancerArgs>(ctx.props, "listeners"));
      if (listeners === UNKNOWN) return ctx.undecided("listeners");
      listeners.forEach((l, i) => {
        const protocol = asString(field<ClassicListener>(l, "lbProtocol"));
        if (protocol === UNKNOWN) return ctx.undecided(`listeners[${i}].lbProtocol`);
        if (protocol?.trim().toUpperCase() !== "HTTP") return;
        ctx.report(
          `${ctx.label} should not serve plain HTTP: listeners[${i}] uses lbProtocol "http"; use ` +
            `"https" with an ACM certificate (sslCertificateId).`,
        );
      });
      return;
    }
    const protocol = listenerProtocol(ctx.props);
    if (protocol === UNKNOWN) return ctx.undecided("protocol");
    if (protocol !== "HTTP") return;
    const redirect = redirectsToHttps(ctx.props);
    if (redirect === UNKNOWN) return ctx.undecided("defaultActions");
    if (redirect) return;
    ctx.report(
      `${ctx.label} should not serve plain HTTP: it listens on HTTP without redirecting; set ` +
        `protocol to "HTTPS" with a certificate, or make its default action a redirect to HTTPS.`,
    );
  },
});
