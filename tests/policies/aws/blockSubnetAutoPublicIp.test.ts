import { blockSubnetAutoPublicIp } from "../../../policies/aws/blockSubnetAutoPublicIp";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/blockSubnetAutoPublicIp",
  blockSubnetAutoPublicIp,
  { type: "aws:ec2/subnet:Subnet", name: "private-a", props: { vpcId: "vpc-1", cidrBlock: "10.0.0.0/20", mapPublicIpOnLaunch: false } },
  [
    {
      it: "reports a subnet giving every instance a public IP",
      props: (b) => ({ ...b, mapPublicIpOnLaunch: true }),
      violations: ["Subnet 'private-a' should not give every instance a public IP address: set mapPublicIpOnLaunch to false and request public addresses only where needed."],
    },
  ],
);
