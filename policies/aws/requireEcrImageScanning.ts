// ECR repositories should scan images on push and keep tags immutable, so that a vulnerable
// image is flagged and a deployed tag cannot be silently replaced. Neither is the default.

import type { RepositoryArgs } from "@pulumi/aws/ecr/repository";
import type * as awsInput from "@pulumi/aws/types/input";
import { joinAnd } from "../lib/messages";
import { asBool, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Scanning = awsInput.ecr.RepositoryImageScanningConfiguration;

/** Every repository scans on push and has immutable tags. */
export const requireEcrImageScanning = resourceRule({
  name: "aws-ecr-repository-scanned-and-immutable",
  description: "ECR repositories must scan images on push and keep image tags immutable.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CKV_AWS_163", "CKV_AWS_51"],
  types: ["aws:ecr/repository:Repository"],
  check: (ctx) => {
    const fixes: string[] = [];
    const scan = asBool(field<Scanning>(field<RepositoryArgs>(ctx.props, "imageScanningConfiguration"), "scanOnPush"));
    if (scan === UNKNOWN) ctx.undecided("imageScanningConfiguration.scanOnPush");
    else if (scan !== true) fixes.push("imageScanningConfiguration.scanOnPush to true");
    const mutability = asString(field<RepositoryArgs>(ctx.props, "imageTagMutability"));
    if (mutability === UNKNOWN) ctx.undecided("imageTagMutability");
    else if (!mutability?.toUpperCase().startsWith("IMMUTABLE")) fixes.push('imageTagMutability to "IMMUTABLE"');
    if (fixes.length > 0) ctx.report(`${ctx.label} should scan images and pin tags: set ${joinAnd(fixes)}.`);
  },
});
