import { restrictForwardingRuleAdminPorts } from "../../../policies/gcp/restrictForwardingRuleAdminPorts";
import { ruleCases } from "../ruleCases";

const FIX = "forward only the service's ports and reach instances through IAP TCP forwarding.";

ruleCases(
  "policies/gcp/restrictForwardingRuleAdminPorts",
  restrictForwardingRuleAdminPorts,
  { type: "gcp:compute/forwardingRule:ForwardingRule", name: "lb", props: { region: "us-central1", ipProtocol: "TCP", portRange: "443", backendService: "svc" } },
  [
    { it: "reports a port range covering SSH", props: (b) => ({ ...b, portRange: "1-1024" }), violations: [`Forwarding rule 'lb' should not forward admin ports from its external address: it forwards port 22; ${FIX}`] },
    { it: "reports all ports", props: (b) => ({ ...b, portRange: undefined, allPorts: true }), violations: [`Forwarding rule 'lb' should not forward admin ports from its external address: it forwards all ports; ${FIX}`] },
    { it: "reports a global rule listing RDP", type: "gcp:compute/globalForwardingRule:GlobalForwardingRule", props: () => ({ target: "proxy", ports: ["3389"] }), violations: [`Global forwarding rule 'lb' should not forward admin ports from its external address: it forwards port 3389; ${FIX}`] },
    { it: "ignores internal load balancers", props: (b) => ({ ...b, loadBalancingScheme: "INTERNAL", allPorts: true, portRange: undefined }) },
  ],
);
