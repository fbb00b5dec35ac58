import { requireEcrImageScanning } from "../../../policies/aws/requireEcrImageScanning";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/requireEcrImageScanning",
  requireEcrImageScanning,
  { type: "aws:ecr/repository:Repository", name: "app", props: { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE" } },
  [
    {
      it: "reports a repository left at the defaults",
      props: () => ({}),
      violations: ['ECR repository \'app\' should scan images and pin tags: set imageScanningConfiguration.scanOnPush to true and imageTagMutability to "IMMUTABLE".'],
    },
    {
      it: "accepts immutable tags with exclusions",
      props: (b) => ({ ...b, imageTagMutability: "IMMUTABLE_WITH_EXCLUSION" }),
    },
  ],
);
