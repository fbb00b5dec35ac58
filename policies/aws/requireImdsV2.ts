// EC2 instances and launch templates must require IMDSv2 (token-protected requests) for the
// instance metadata service, which blocks the SSRF-style credential theft IMDSv1 allows.

import type { InstanceArgs } from "@pulumi/aws/ec2/instance";
import type { LaunchTemplateArgs } from "@pulumi/aws/ec2/launchTemplate";
import type * as awsInput from "@pulumi/aws/types/input";
import { asString, field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

type Metadata = awsInput.ec2.InstanceMetadataOptions & awsInput.ec2.LaunchTemplateMetadataOptions;

/** Every instance and launch template sets `metadataOptions.httpTokens` to "required". */
export const requireImdsV2 = resourceRule({
  name: "aws-ec2-imdsv2-required",
  description:
    'EC2 instances and launch templates must require IMDSv2 by setting metadataOptions.httpTokens to "required".',
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS AWS 5.6", "CKV_AWS_79"],
  types: [INSTANCE, LAUNCH_TEMPLATE],
  check: (ctx) => {
    const options = field<InstanceArgs & LaunchTemplateArgs>(ctx.props, "metadataOptions");
    if (options === UNKNOWN) return ctx.undecided("metadataOptions");
    // An instance without its own options takes them from its launch template.
    const fromTemplate = isPresent(field<InstanceArgs>(ctx.props, "launchTemplate"));
    if (options === undefined && ctx.type === INSTANCE && fromTemplate) return;
    const endpoint = asString(field<Metadata>(options, "httpEndpoint"));
    if (endpoint === UNKNOWN) return ctx.undecided("metadataOptions.httpEndpoint");
    if (endpoint === "disabled") return; // No metadata service at all.
    const tokens = asString(field<Metadata>(options, "httpTokens"));
    if (tokens === UNKNOWN) ctx.undecided("metadataOptions.httpTokens");
    else if (tokens !== "required") {
      ctx.report(
        `${ctx.label} should require IMDSv2: set metadataOptions.httpTokens to "required".`,
      );
    }
  },
});
