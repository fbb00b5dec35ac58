// Launch templates must encrypt every EBS volume they map. The template's `encrypted` is a
// string ("true"/"false") in the AWS provider, unlike the instance's boolean.

import type { LaunchTemplateArgs } from "@pulumi/aws/ec2/launchTemplate";
import type * as awsInput from "@pulumi/aws/types/input";
import { asBool, asList, asString, field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Mapping = awsInput.ec2.LaunchTemplateBlockDeviceMapping;
type MappingEbs = awsInput.ec2.LaunchTemplateBlockDeviceMappingEbs;

/** Every launch template maps its volumes with `ebs.encrypted` set to "true". */
export const requireLaunchTemplateEncryption = resourceRule({
  name: "aws-ec2-launch-template-disks-encrypted",
  description:
    "Launch templates must map their root volume explicitly and encrypt every EBS volume they map.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS AWS 2.2.1"],
  types: ["aws:ec2/launchTemplate:LaunchTemplate"],
  check: (ctx) => {
    const mappings = asList(field<LaunchTemplateArgs>(ctx.props, "blockDeviceMappings"));
    if (mappings === UNKNOWN) {
      ctx.undecided("blockDeviceMappings");
      return;
    }
    // With no mapping the image's own block devices apply, whose encryption the template
    // cannot vouch for.
    if (mappings.length === 0) {
      ctx.report(
        `${ctx.label} should encrypt its root volume: add a blockDeviceMappings entry for the ` +
          `root device with ebs.encrypted set to "true".`,
      );
      return;
    }
    mappings.forEach((mapping, i) => {
      // Instance store (virtualName) and suppressed (noDevice) mappings have no EBS volume.
      const instanceStore = isPresent(field<Mapping>(mapping, "virtualName"));
      if (instanceStore || isPresent(field<Mapping>(mapping, "noDevice"))) return;
      const encrypted = asBool(field<MappingEbs>(field<Mapping>(mapping, "ebs"), "encrypted"));
      if (encrypted === UNKNOWN) {
        ctx.undecided(`blockDeviceMappings[${i}].ebs.encrypted`);
      } else if (encrypted !== true) {
        const deviceName = asString(field<Mapping>(mapping, "deviceName"));
        const which = `EBS volume ${typeof deviceName === "string" ? deviceName : i + 1}`;
        ctx.report(
          `${ctx.label} should encrypt its ${which}: ` +
            `set blockDeviceMappings[${i}].ebs.encrypted to "true".`,
        );
      }
    });
  },
});
