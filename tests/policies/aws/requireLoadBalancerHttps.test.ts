import { requireLoadBalancerHttps } from "../../../policies/aws/requireLoadBalancerHttps";
import { UNKNOWN_VALUE } from "../harness";
import { deferred, ruleCases } from "../ruleCases";

const forward = [{ type: "forward", targetGroupArn: "arn:tg" }];
const redirect = [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }];

ruleCases(
  "policies/aws/requireLoadBalancerHttps",
  requireLoadBalancerHttps,
  { type: "aws:lb/listener:Listener", name: "web", props: { loadBalancerArn: "arn:lb", port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", defaultActions: forward } },
  [
    {
      it: "reports an HTTP listener that forwards",
      props: (b) => ({ ...b, port: 80, protocol: "HTTP", sslPolicy: undefined }),
      violations: ['Load balancer listener \'web\' should not serve plain HTTP: it listens on HTTP without redirecting; set protocol to "HTTPS" with a certificate, or make its default action a redirect to HTTPS.'],
    },
    { it: "passes an HTTP listener that only redirects to HTTPS", props: (b) => ({ ...b, port: 80, protocol: "HTTP", defaultActions: redirect }) },
    {
      it: "treats an unset protocol as HTTP (the ALB default), on the alb alias too",
      type: "aws:alb/listener:Listener",
      props: () => ({ loadBalancerArn: "arn:lb", port: 8080, defaultActions: forward }),
      violations: ['Load balancer listener \'web\' should not serve plain HTTP: it listens on HTTP without redirecting; set protocol to "HTTPS" with a certificate, or make its default action a redirect to HTTPS.'],
    },
    { it: "passes a TCP listener of a network load balancer", props: () => ({ loadBalancerArn: "arn:nlb", port: 5432, protocol: "TCP", defaultActions: forward }) },
    {
      it: "reports an HTTP listener of a classic load balancer",
      type: "aws:elb/loadBalancer:LoadBalancer",
      props: () => ({ listeners: [{ instancePort: 8080, instanceProtocol: "http", lbPort: 80, lbProtocol: "http" }] }),
      violations: ['Classic load balancer \'web\' should not serve plain HTTP: listeners[0] uses lbProtocol "http"; use "https" with an ACM certificate (sslCertificateId).'],
    },
    {
      it: "defers to the update when the default actions are not known yet",
      props: (b) => ({ ...b, protocol: "HTTP", defaultActions: UNKNOWN_VALUE }),
      notApplicable: deferred("Load balancer listener 'web'", "defaultActions"),
    },
  ],
);
