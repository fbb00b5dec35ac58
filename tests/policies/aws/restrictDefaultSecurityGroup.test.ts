import { restrictDefaultSecurityGroup } from "../../../policies/aws/restrictDefaultSecurityGroup";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/restrictDefaultSecurityGroup",
  restrictDefaultSecurityGroup,
  { type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", name: "default", props: { vpcId: "vpc-1" } },
  [
    {
      it: "reports the default rules kept in place",
      props: (b) => ({
        ...b,
        ingress: [{ protocol: "-1", self: true, fromPort: 0, toPort: 0 }],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
      }),
      violations: ["Default security group 'default' should allow no traffic: remove its ingress (1 rule) and egress (1 rule) and give resources their own security groups."],
    },
  ],
);
