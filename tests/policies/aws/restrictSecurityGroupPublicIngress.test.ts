import { restrictSecurityGroupPublicIngress } from "../../../policies/aws/restrictSecurityGroupPublicIngress";
import { UNKNOWN_VALUE } from "../harness";
import { deferred, ruleCases } from "../ruleCases";

const SG = "Security group 'web'";
const https = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] };

ruleCases(
  "policies/aws/restrictSecurityGroupPublicIngress",
  restrictSecurityGroupPublicIngress,
  {
    type: "aws:ec2/securityGroup:SecurityGroup",
    name: "web",
    props: { ingress: [https, { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] }], tags: { role: "web" } },
  },
  [
    {
      it: "reports the RDS exposure of port 3306 to the internet",
      props: (b) => ({ ...b, ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"] }] }),
      violations: [
        `${SG} should not open port 3306 to the internet: ingress[0] admits that traffic from 0.0.0.0/0; restrict ingress[0].cidrBlocks and ipv6CidrBlocks to known networks, or allow the ports for this resource with the policy's publicPortsByTag setting.`,
      ],
    },
    {
      it: "names only the part of a range outside the allowed ports",
      props: (b) => ({ ...b, ingress: [{ protocol: "tcp", fromPort: 80, toPort: 443, ipv6CidrBlocks: ["::/0"] }] }),
      violations: [
        `${SG} should not open ports 81-442 to the internet: ingress[0] admits that traffic from ::/0; restrict ingress[0].cidrBlocks and ipv6CidrBlocks to known networks, or allow the ports for this resource with the policy's publicPortsByTag setting.`,
      ],
    },
    {
      it: "leaves openings of admin ports to the admin-port rule",
      props: (b) => ({ ...b, ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }),
    },
    {
      it: "allows more ports on resources carrying a configured tag",
      props: (b) => ({ ...b, ingress: [{ protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["0.0.0.0/0"] }] }),
      config: { publicPortsByTag: { "role=web": [8443] } },
    },
    {
      it: "does not apply a tag allowance to resources without the tag",
      props: (b) => ({ ...b, tags: { role: "batch" }, ingress: [{ protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["0.0.0.0/0"] }] }),
      config: { publicPortsByTag: { "role=web": [8443] } },
      violations: [
        `${SG} should not open port 8443 to the internet: ingress[0] admits that traffic from 0.0.0.0/0; restrict ingress[0].cidrBlocks and ipv6CidrBlocks to known networks, or allow the ports for this resource with the policy's publicPortsByTag setting.`,
      ],
    },
    {
      it: "reports a vpc.SecurityGroupIngressRule open to the world",
      type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      props: () => ({ ipProtocol: "udp", fromPort: 53, toPort: 53, cidrIpv4: "0.0.0.0/0" }),
      violations: [
        "Security group ingress rule 'web' should not open port 53 to the internet: it admits that traffic from 0.0.0.0/0; set cidrIpv4 or cidrIpv6 to a known network, or allow the ports for this resource with the policy's publicPortsByTag setting.",
      ],
    },
    {
      it: "defers to the update when a rule's source is not known yet",
      props: (b) => ({ ...b, ingress: [{ protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: [UNKNOWN_VALUE] }] }),
      notApplicable: deferred(SG, "ingress[0].cidrBlocks or ipv6CidrBlocks"),
    },
  ],
);
