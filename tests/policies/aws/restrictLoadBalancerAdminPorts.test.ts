import { restrictLoadBalancerAdminPorts } from "../../../policies/aws/restrictLoadBalancerAdminPorts";
import { ruleCases } from "../ruleCases";

const FIX = "reach hosts through Session Manager or a bastion restricted to known networks instead.";

ruleCases(
  "policies/aws/restrictLoadBalancerAdminPorts",
  restrictLoadBalancerAdminPorts,
  { type: "aws:lb/listener:Listener", name: "nlb", props: { loadBalancerArn: "arn:nlb", port: 443, protocol: "TCP", defaultActions: [] } },
  [
    {
      it: "reports a listener on SSH",
      props: (b) => ({ ...b, port: 22 }),
      violations: [`Load balancer listener 'nlb' should not forward an admin port: it listens on port 22; ${FIX}`],
    },
    {
      it: "reports a classic load balancer forwarding to RDP",
      type: "aws:elb/loadBalancer:LoadBalancer",
      props: () => ({ listeners: [{ lbPort: 443, lbProtocol: "https", instancePort: 443, instanceProtocol: "https" }, { lbPort: 13389, lbProtocol: "tcp", instancePort: 3389, instanceProtocol: "tcp" }] }),
      violations: [`Classic load balancer 'nlb' should not forward an admin port: listeners[1].instancePort is 3389; ${FIX}`],
    },
    {
      it: "uses the configured admin ports",
      props: (b) => ({ ...b, port: 5432 }),
      config: { adminPorts: [22, 3389, 5432] },
      violations: [`Load balancer listener 'nlb' should not forward an admin port: it listens on port 5432; ${FIX}`],
    },
  ],
);
