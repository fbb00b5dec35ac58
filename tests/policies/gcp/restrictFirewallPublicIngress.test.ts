import { restrictFirewallPublicIngress } from "../../../policies/gcp/restrictFirewallPublicIngress";
import { ruleCases } from "../ruleCases";

const FIX = "restrict its sourceRanges to known networks, or allow the ports for its targetTags with the policy's publicPortsByTag setting.";

ruleCases(
  "policies/gcp/restrictFirewallPublicIngress",
  restrictFirewallPublicIngress,
  { type: "gcp:compute/firewall:Firewall", name: "web", props: { network: "default", sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["80", "443"] }], targetTags: ["web"] } },
  [
    {
      it: "reports a database port open to the internet",
      props: (b) => ({ ...b, allows: [{ protocol: "tcp", ports: ["443"] }, { protocol: "tcp", ports: ["5432"] }] }),
      violations: [`Firewall 'web' should not open port 5432 to the internet: allows[1] admits that traffic from 0.0.0.0/0; ${FIX}`],
    },
    {
      it: "treats a protocol without ports as every port, and leaves that to the admin-port rule",
      props: (b) => ({ ...b, allows: [{ protocol: "udp" }] }),
    },
    {
      it: "allows ports for a configured network tag",
      props: (b) => ({ ...b, allows: [{ protocol: "tcp", ports: ["8080-8081"] }] }),
      config: { publicPortsByTag: { web: [8080, 8081] } },
    },
    {
      it: "uses the configured common ports instead of 80 and 443",
      props: (b) => b,
      config: { publicPorts: [443] },
      violations: [`Firewall 'web' should not open port 80 to the internet: allows[0] admits that traffic from 0.0.0.0/0; ${FIX}`],
    },
    { it: "ignores egress rules", props: (b) => ({ ...b, direction: "EGRESS", destinationRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["5432"] }] }) },
  ],
);
