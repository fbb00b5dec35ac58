import { restrictNetworkAclAdminPorts } from "../../../policies/aws/restrictNetworkAclAdminPorts";
import { UNKNOWN_VALUE } from "../harness";
import { deferred, ruleCases } from "../ruleCases";

const allowAll = { ruleNo: 200, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" };
const denyAdmin = [
  { ruleNo: 100, action: "deny", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
  { ruleNo: 101, action: "deny", protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlock: "0.0.0.0/0" },
];
const LABEL = "Network ACL 'public'";

ruleCases(
  "policies/aws/restrictNetworkAclAdminPorts",
  restrictNetworkAclAdminPorts,
  { type: "aws:ec2/networkAcl:NetworkAcl", name: "public", props: { vpcId: "vpc-1", ingress: [...denyAdmin, allowAll] } },
  [
    {
      it: "reports an allow-all rule with no earlier deny",
      props: (b) => ({ ...b, ingress: [allowAll] }),
      violations: [`${LABEL} should not let the internet reach admin ports: its ingress rules allow all ports from anywhere; add a deny rule for those ports with a lower ruleNo, or narrow the allow rules' cidrBlock.`],
    },
    {
      it: "honours rule order: a deny after the allow does not protect the port",
      props: (b) => ({ ...b, ingress: [{ ...denyAdmin[0], ruleNo: 300 }, denyAdmin[1], allowAll] }),
      violations: [`${LABEL} should not let the internet reach admin ports: its ingress rules allow port 22 from anywhere; add a deny rule for those ports with a lower ruleNo, or narrow the allow rules' cidrBlock.`],
    },
    {
      it: "reports a separate NetworkAclRule allowing RDP from anywhere",
      type: "aws:ec2/networkAclRule:NetworkAclRule",
      props: () => ({ networkAclId: "acl-1", ruleNumber: 120, egress: false, protocol: "tcp", ruleAction: "allow", cidrBlock: "0.0.0.0/0", fromPort: 3389, toPort: 3389 }),
      violations: ["Network ACL rule 'public' should not let the internet reach admin ports: it allows port 3389 from anywhere; narrow its cidrBlock to known networks or change ruleAction to deny."],
    },
    {
      it: "ignores egress rules",
      type: "aws:ec2/networkAclRule:NetworkAclRule",
      props: () => ({ networkAclId: "acl-1", ruleNumber: 120, egress: true, protocol: "-1", ruleAction: "allow", cidrBlock: "0.0.0.0/0" }),
    },
    {
      it: "defers to the update when a rule's source is not known yet",
      props: (b) => ({ ...b, ingress: [{ ...allowAll, cidrBlock: UNKNOWN_VALUE }] }),
      notApplicable: deferred(LABEL, "ingress[0]"),
    },
  ],
);
