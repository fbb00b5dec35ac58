import { blockAmiPublicLaunch } from "../../../policies/aws/blockAmiPublicLaunch";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/blockAmiPublicLaunch",
  blockAmiPublicLaunch,
  { type: "aws:ec2/amiLaunchPermission:AmiLaunchPermission", name: "share", props: { imageId: "ami-1", accountId: "111122223333" } },
  [
    {
      it: "reports an image shared with everyone",
      props: () => ({ imageId: "ami-1", group: "all" }),
      violations: ['AMI launch permission \'share\' should not make the image public: remove group "all" and share it with named accounts (accountId) or your organization (organizationArn).'],
    },
  ],
);
