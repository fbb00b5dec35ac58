import { requireLoadBalancerTls12 } from "../../../policies/aws/requireLoadBalancerTls12";
import { ruleCases } from "../ruleCases";

const forward = [{ type: "forward", targetGroupArn: "arn:tg" }];
const LABEL = "Load balancer listener 'web'";

ruleCases(
  "policies/aws/requireLoadBalancerTls12",
  requireLoadBalancerTls12,
  { type: "aws:lb/listener:Listener", name: "web", props: { loadBalancerArn: "arn:lb", port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", defaultActions: forward } },
  [
    {
      it: "reports an HTTPS listener without a policy, which AWS gives ELBSecurityPolicy-2016-08",
      props: (b) => ({ ...b, sslPolicy: undefined }),
      violations: [`${LABEL} should accept only TLS 1.2 or later: no sslPolicy is set, so AWS applies ELBSecurityPolicy-2016-08, which also accepts TLS 1.0 and 1.1; set sslPolicy to "ELBSecurityPolicy-TLS13-1-2-2021-06".`],
    },
    {
      it: "reports a TLS listener with a policy accepting TLS 1.1",
      props: (b) => ({ ...b, protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS13-1-1-2021-06" }),
      violations: [`${LABEL} should accept only TLS 1.2 or later: sslPolicy "ELBSecurityPolicy-TLS13-1-1-2021-06", which also accepts TLS 1.0 and 1.1; set sslPolicy to "ELBSecurityPolicy-TLS13-1-2-2021-06".`],
    },
    { it: "passes the forward-secrecy TLS 1.2 policies", props: (b) => ({ ...b, sslPolicy: "ELBSecurityPolicy-FS-1-2-Res-2020-10" }) },
    { it: "passes FIPS TLS 1.3 policies", props: (b) => ({ ...b, sslPolicy: "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04" }) },
  ],
);
