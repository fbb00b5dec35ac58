// HTTPS and TLS listeners must negotiate TLS 1.2 or later. Without an sslPolicy AWS applies
// ELBSecurityPolicy-2016-08, which still accepts TLS 1.0 and 1.1.

import type { ListenerArgs } from "@pulumi/aws/lb/listener";
import { LISTENER_TYPES, listenerProtocol } from "../lib/awsListeners";
import { quote } from "../lib/messages";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/**
 * ELB security policies that accept nothing older than TLS 1.2 (Elastic Load Balancing
 * "Security policies" documentation): the TLS13-1-2/1-3, TLS-1-2 and FS-1-2 families.
 */
const TLS12_POLICY = /(TLS13-1-[23]|TLS-1-[23]|FS-1-2)(-|$)/;

/** The policy to suggest: the current AWS-recommended TLS 1.3/1.2 policy. */
const RECOMMENDED = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** Every HTTPS or TLS listener uses a TLS 1.2+ security policy. */
export const requireLoadBalancerTls12 = resourceRule({
  name: "aws-lb-listener-tls-1-2",
  description:
    "HTTPS and TLS load balancer listeners must use a security policy that accepts only TLS 1.2 or later.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AWS_103", "CKV2_AWS_74"],
  types: LISTENER_TYPES,
  check: (ctx) => {
    const protocol = listenerProtocol(ctx.props);
    if (protocol === UNKNOWN) return ctx.undecided("protocol");
    if (protocol !== "HTTPS" && protocol !== "TLS") return;
    const policy = asString(field<ListenerArgs>(ctx.props, "sslPolicy"));
    if (policy === UNKNOWN) return ctx.undecided("sslPolicy");
    if (policy !== undefined && TLS12_POLICY.test(policy)) return;
    const now =
      policy === undefined
        ? "no sslPolicy is set, so AWS applies ELBSecurityPolicy-2016-08"
        : `sslPolicy ${quote(policy)}`;
    ctx.report(
      `${ctx.label} should accept only TLS 1.2 or later: ${now}, which also accepts TLS 1.0 ` +
        `and 1.1; set sslPolicy to "${RECOMMENDED}".`,
    );
  },
});
