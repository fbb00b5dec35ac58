import { blockInstancePublicIp } from "../../../policies/aws/blockInstancePublicIp";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/blockInstancePublicIp",
  blockInstancePublicIp,
  { type: "aws:ec2/instance:Instance", name: "app", props: { instanceType: "t3.micro", associatePublicIpAddress: false } },
  [
    {
      it: "reports an instance asking for a public IP",
      props: (b) => ({ ...b, associatePublicIpAddress: true }),
      violations: ["EC2 instance 'app' should not have a public IP address: set associatePublicIpAddress to false and reach it through a load balancer or Session Manager."],
    },
    {
      it: "reports a launch template interface asking for one (as the string \"true\")",
      type: "aws:ec2/launchTemplate:LaunchTemplate",
      props: () => ({ networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "true" }] }),
      violations: ['Launch template \'app\' should not give instances a public IP address: set networkInterfaces[0].associatePublicIpAddress to "false".'],
    },
    {
      it: "passes an instance that leaves the choice to its subnet",
      props: (b) => ({ ...b, associatePublicIpAddress: undefined }),
    },
  ],
);
